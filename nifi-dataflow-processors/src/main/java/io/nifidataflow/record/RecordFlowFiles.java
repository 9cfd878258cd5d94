package io.nifidataflow.record;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

/**
 * Record I/O shared by the processors: one place that knows how a record set becomes FlowFile content and
 * which attributes that sets, so every processor writes {@code record.count} and {@code mime.type} alike.
 */
public final class RecordFlowFiles {

    public static final String RECORD_COUNT = "record.count";

    /** Produces the records of one FlowFile into an open writer. */
    @FunctionalInterface
    public interface RecordSource {
        void writeTo(RecordSetWriter writer) throws IOException;
    }

    /** Receives the records of one FlowFile, after the reader has told the schema it read them with. */
    @FunctionalInterface
    public interface RecordHandler {
        void handle(Record record, RecordSchema readSchema) throws IOException;
    }

    /** Receives the records of one FlowFile for as long as it returns true. */
    @FunctionalInterface
    public interface RecordVisitor {
        boolean visit(Record record, RecordSchema readSchema) throws IOException;
    }

    private RecordFlowFiles() {
    }

    /**
     * Reads every record of {@code flowFile}. Any problem decoding the content (bad encoding, a malformed
     * document, a schema that cannot be found) surfaces as {@link UnreadableContentException}, which callers
     * route to failure with the original; exceptions thrown by {@code handler} pass through unchanged.
     */
    public static void read(final ProcessSession session, final FlowFile flowFile, final RecordReaderFactory readerFactory,
                            final ComponentLog logger, final RecordHandler handler) throws IOException {
        readWhile(session, flowFile, readerFactory, logger, (record, schema) -> {
            handler.handle(record, schema);
            return true;
        });
    }

    /**
     * Like {@link #read}, but stops as soon as {@code visitor} returns false: for a look at the first records,
     * such as learning the schema of lookup results before the real pass.
     */
    public static void readWhile(final ProcessSession session, final FlowFile flowFile, final RecordReaderFactory readerFactory,
                                 final ComponentLog logger, final RecordVisitor visitor) throws IOException {
        try (InputStream in = session.read(flowFile);
             RecordReader reader = createReader(readerFactory, flowFile, in, logger)) {
            final RecordSchema schema = reader.getSchema();
            while (true) {
                final Record record;
                try {
                    record = reader.nextRecord();
                } catch (final MalformedRecordException | IOException | RuntimeException e) {
                    throw new UnreadableContentException(flowFile, e);
                }
                if (record == null || !visitor.visit(record, schema)) {
                    return;
                }
            }
        } catch (final MalformedRecordException | SchemaNotFoundException e) {
            throw new UnreadableContentException(flowFile, e);
        }
    }

    /** A reader that infers its schema reads the content here, so a syntax error (an IOException to Jackson) surfaces here too. */
    private static RecordReader createReader(final RecordReaderFactory factory, final FlowFile flowFile, final InputStream in,
                                             final ComponentLog logger) throws IOException, MalformedRecordException, SchemaNotFoundException {
        try {
            return factory.createRecordReader(flowFile, in, logger);
        } catch (final IOException | RuntimeException e) {
            throw new UnreadableContentException(flowFile, e);
        }
    }

    /**
     * Replaces the content of {@code flowFile} with the records {@code source} writes, and adds the writer's
     * attributes, {@code record.count} and {@code mime.type}.
     */
    public static FlowFile write(final ProcessSession session, final FlowFile flowFile, final RecordSetWriterFactory writerFactory,
                                 final RecordSchema schema, final ComponentLog logger, final RecordSource source) {
        final Map<String, String> attributes = new HashMap<>();
        final FlowFile written = session.write(flowFile, out -> {
            final RecordSchema writeSchema;
            try {
                writeSchema = writerFactory.getSchema(flowFile.getAttributes(), schema);
            } catch (final SchemaNotFoundException e) {
                throw new ProcessException("Record Writer could not determine a schema: " + e.getMessage(), e);
            }
            try (RecordSetWriter writer = writerFactory.createWriter(logger, writeSchema, out, flowFile)) {
                writer.beginRecordSet();
                source.writeTo(writer);
                final WriteResult result = writer.finishRecordSet();
                attributes.putAll(result.getAttributes());
                attributes.put(RECORD_COUNT, String.valueOf(result.getRecordCount()));
                attributes.put(CoreAttributes.MIME_TYPE.key(), writer.getMimeType());
            } catch (final SchemaNotFoundException e) {
                throw new ProcessException("Record Writer could not be created: " + e.getMessage(), e);
            }
        });
        return session.putAllAttributes(written, attributes);
    }
}
