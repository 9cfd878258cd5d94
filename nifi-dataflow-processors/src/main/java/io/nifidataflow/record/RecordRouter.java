package io.nifidataflow.record;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

/**
 * Splits the records of one input FlowFile by relationship: each relationship gets one child FlowFile,
 * opened when its first record arrives, written with the schema given then. This is how a record-oriented
 * processor sends valid, invalid and duplicate records of the same input to different places in one pass.
 *
 * <p>Use it as: {@code write} for every record, then {@link #finish()}, which closes the writers and returns
 * the children with {@code record.count} and {@code mime.type} set; or {@link #abort()} when the input turns
 * out to be unreadable, which removes the children so that the original can go to failure whole.</p>
 */
public final class RecordRouter implements AutoCloseable {

    private final ProcessSession session;
    private final FlowFile input;
    private final RecordSetWriterFactory writerFactory;
    private final ComponentLog logger;
    private final Map<Relationship, Output> outputs = new LinkedHashMap<>();

    private static final class Output {
        private FlowFile flowFile;
        private final OutputStream stream;
        private final RecordSetWriter writer;

        private Output(final FlowFile flowFile, final OutputStream stream, final RecordSetWriter writer) {
            this.flowFile = flowFile;
            this.stream = stream;
            this.writer = writer;
        }
    }

    public RecordRouter(final ProcessSession session, final FlowFile input, final RecordSetWriterFactory writerFactory, final ComponentLog logger) {
        this.session = session;
        this.input = input;
        this.writerFactory = writerFactory;
        this.logger = logger;
    }

    /** Writes {@code record} to the child for {@code relationship}; {@code schema} is used if this opens the child. */
    public void write(final Relationship relationship, final RecordSchema schema, final Record record) throws IOException {
        Output output = outputs.get(relationship);
        if (output == null) {
            output = open(schema);
            outputs.put(relationship, output);
        }
        output.writer.write(record);
    }

    private Output open(final RecordSchema schema) throws IOException {
        final FlowFile child = session.create(input);
        final OutputStream stream = session.write(child);
        try {
            final RecordSchema writeSchema = writerFactory.getSchema(input.getAttributes(), schema);
            final RecordSetWriter writer = writerFactory.createWriter(logger, writeSchema, stream, child);
            writer.beginRecordSet();
            return new Output(child, stream, writer);
        } catch (final SchemaNotFoundException | IOException | RuntimeException e) {
            stream.close();
            session.remove(child);
            throw e instanceof IOException io ? io : new IOException("Record Writer could not be created: " + e.getMessage(), e);
        }
    }

    /** Closes every child and returns them by relationship, with their record attributes set; nothing is transferred. */
    public Map<Relationship, FlowFile> finish() throws IOException {
        final Map<Relationship, FlowFile> children = new LinkedHashMap<>();
        IOException failure = null;
        for (final Map.Entry<Relationship, Output> entry : outputs.entrySet()) {
            final Output output = entry.getValue();
            final Map<String, String> attributes = new LinkedHashMap<>();
            try {
                final WriteResult result = output.writer.finishRecordSet();
                attributes.putAll(result.getAttributes());
                attributes.put(RecordFlowFiles.RECORD_COUNT, String.valueOf(result.getRecordCount()));
                attributes.put(CoreAttributes.MIME_TYPE.key(), output.writer.getMimeType());
                output.writer.close();
            } catch (final IOException e) {
                failure = failure == null ? e : failure;
            } finally {
                output.stream.close();
            }
            output.flowFile = session.putAllAttributes(output.flowFile, attributes);
            children.put(entry.getKey(), output.flowFile);
        }
        outputs.clear();
        if (failure != null) {
            session.remove(children.values());
            throw failure;
        }
        return children;
    }

    /** Discards every child written so far. */
    public void abort() {
        final List<FlowFile> children = new ArrayList<>();
        for (final Output output : outputs.values()) {
            try {
                output.writer.close();
            } catch (final IOException | RuntimeException ignored) {
                // The children are being thrown away: a writer that cannot close has nothing left to lose.
            }
            try {
                output.stream.close();
            } catch (final IOException ignored) {
                // as above
            }
            children.add(output.flowFile);
        }
        outputs.clear();
        session.remove(children);
    }

    /** Aborts unless {@link #finish()} ran, so that a failure path cannot leak open children. */
    @Override
    public void close() {
        if (!outputs.isEmpty()) {
            abort();
        }
    }
}
