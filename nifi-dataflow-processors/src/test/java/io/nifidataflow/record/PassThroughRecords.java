package io.nifidataflow.record;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;

/**
 * The plain reader-to-writer pass-through, built on the shared record I/O: the baseline every processor
 * benchmark is compared with, and the test double for {@link RecordRouter}. Records whose {@code route}
 * field is "other" go to {@link #REL_OTHER}; the rest to success.
 */
public class PassThroughRecords extends AbstractProcessor {

    public static final PropertyDescriptor READER = new PropertyDescriptor.Builder().name("Record Reader")
            .identifiesControllerService(RecordReaderFactory.class).required(true).build();
    public static final PropertyDescriptor WRITER = new PropertyDescriptor.Builder().name("Record Writer")
            .identifiesControllerService(RecordSetWriterFactory.class).required(true).build();
    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success").build();
    public static final Relationship REL_OTHER = new Relationship.Builder().name("other").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure").build();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return List.of(READER, WRITER);
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS, REL_OTHER, REL_FAILURE);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile input = session.get();
        if (input == null) {
            return;
        }
        final RecordReaderFactory readerFactory = context.getProperty(READER).asControllerService(RecordReaderFactory.class);
        final RecordSetWriterFactory writerFactory = context.getProperty(WRITER).asControllerService(RecordSetWriterFactory.class);
        try (RecordRouter router = new RecordRouter(session, input, writerFactory, getLogger())) {
            RecordFlowFiles.read(session, input, readerFactory, getLogger(), (Record record, org.apache.nifi.serialization.record.RecordSchema schema) ->
                    router.write("other".equals(record.getAsString("route")) ? REL_OTHER : REL_SUCCESS, schema, record));
            for (final Map.Entry<Relationship, FlowFile> child : router.finish().entrySet()) {
                session.transfer(child.getValue(), child.getKey());
            }
            session.remove(input);
        } catch (final IOException e) {
            final FlowFile failed = session.putAttribute(input, "error", e.getClass().getSimpleName() + ": " + e.getMessage());
            session.transfer(session.penalize(failed), REL_FAILURE);
        }
    }
}
