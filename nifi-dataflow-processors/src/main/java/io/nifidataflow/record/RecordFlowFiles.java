package io.nifidataflow.record;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;
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

    private RecordFlowFiles() {
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
