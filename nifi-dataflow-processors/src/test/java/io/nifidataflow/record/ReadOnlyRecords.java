package io.nifidataflow.record;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReaderFactory;

/**
 * Reads every record with the shared record I/O and writes nothing: the ceiling of a processor, such as an
 * aggregator, that writes far fewer records than it reads. The read-only benchmark baseline.
 */
public class ReadOnlyRecords extends AbstractProcessor {

    public static final PropertyDescriptor READER = new PropertyDescriptor.Builder().name("Record Reader")
            .identifiesControllerService(RecordReaderFactory.class).required(true).build();
    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure").build();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return List.of(READER);
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS, REL_FAILURE);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile input = session.get();
        if (input == null) {
            return;
        }
        final RecordReaderFactory readerFactory = context.getProperty(READER).asControllerService(RecordReaderFactory.class);
        final long[] count = new long[1];
        try {
            RecordFlowFiles.read(session, input, readerFactory, getLogger(), (record, schema) -> count[0]++);
            session.transfer(session.putAttribute(input, RecordFlowFiles.RECORD_COUNT, String.valueOf(count[0])), REL_SUCCESS);
        } catch (final IOException e) {
            session.transfer(input, REL_FAILURE);
        }
    }
}
