package io.nifidataflow.enrich;

import io.nifidataflow.benchmark.BenchmarkCase;
import io.nifidataflow.benchmark.Benchmarks;
import io.nifidataflow.record.FieldPath;
import io.nifidataflow.record.RecordFlowFiles;
import io.nifidataflow.record.RecordRouter;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.HashMap;
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
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.util.TestRunner;

/**
 * The cost of EnrichEvent's output alone: every record rewritten with the same added fields EnrichEvent writes
 * (a timestamp, session id, history with product lists, a customer record), but with constant values and none
 * of the work behind them. The gap between this and the pass-through baseline is the price of rewriting records
 * instead of copying their serialized form; the gap between EnrichEvent and this is EnrichEvent's own work.
 */
public final class EnrichOutputFloor implements BenchmarkCase {

    public static final class ConstantEnrichment extends AbstractProcessor {
        static final Relationship SUCCESS = new Relationship.Builder().name("success").build();
        static final Relationship INVALID = new Relationship.Builder().name("invalid").build();
        private final Record history = new MapRecord(EnrichedSchemas.HISTORY_SCHEMA, Map.of(
                EnrichedSchemas.SESSION_EVENT_COUNT, 3, EnrichedSchemas.SESSION_START, new Timestamp(1_767_225_600_000L),
                EnrichedSchemas.SECONDS_SINCE_PREVIOUS, 12.5, EnrichedSchemas.RECENT_PRODUCTS, new Object[] {"p-00001", "p-00002", "p-00003"},
                EnrichedSchemas.CART_PRODUCTS, new Object[] {"p-00002"}));
        private final Record customer = new MapRecord(MapRecordLookupService.CUSTOMER, Map.of("tier", "gold", "lifetime_value", 10.0, "orders", 3));
        private final EnrichedSchemas schemas = new EnrichedSchemas(FieldPath.compile("/event_time"),
                List.of(FieldPath.compile("/price"), FieldPath.compile("/quantity")), false, "customer", null);

        @Override
        protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
            return List.of(EnrichEvent.RECORD_READER, EnrichEvent.RECORD_WRITER);
        }

        @Override
        public Set<Relationship> getRelationships() {
            return Set.of(SUCCESS, INVALID);
        }

        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
            final FlowFile input = session.get();
            if (input == null) {
                return;
            }
            final RecordReaderFactory reader = context.getProperty(EnrichEvent.RECORD_READER).asControllerService(RecordReaderFactory.class);
            final RecordSetWriterFactory writer = context.getProperty(EnrichEvent.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
            try (RecordRouter router = new RecordRouter(session, input, writer, getLogger())) {
                RecordFlowFiles.read(session, input, reader, getLogger(), (record, readSchema) -> {
                    if (record.getValue("price") instanceof String) {
                        // EnrichEvent sends these to invalid with the reasons; a constant reason here.
                        final RecordSchema invalidSchema = schemas.invalid(readSchema);
                        final Map<String, Object> values = new HashMap<>(record.toMap());
                        values.put(EnrichedSchemas.ENRICH_ERROR, "not a number at /price");
                        router.write(INVALID, invalidSchema, new MapRecord(invalidSchema, values));
                        return;
                    }
                    final RecordSchema schema = schemas.success(readSchema, RecordFieldType.RECORD.getRecordDataType(MapRecordLookupService.CUSTOMER), null);
                    final Map<String, Object> values = new HashMap<>(32);
                    values.putAll(record.toMap());
                    values.put("event_time", new Timestamp(1_767_225_600_000L));
                    values.put(EnrichedSchemas.SESSION_ID, "u-000001-1767225600000");
                    values.put(EnrichedSchemas.HISTORY, history);
                    values.put("customer", customer);
                    router.write(SUCCESS, schema, new MapRecord(schema, values));
                });
                router.finish().forEach((relationship, child) -> session.transfer(child, relationship));
                session.remove(input);
            } catch (final IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public String name() {
        return "floor: EnrichEvent's output fields, constant values";
    }

    @Override
    public TestRunner createRunner() throws Exception {
        final TestRunner runner = Benchmarks.runnerWithJsonServices(ConstantEnrichment.class);
        runner.setProperty(EnrichEvent.RECORD_READER, "reader");
        runner.setProperty(EnrichEvent.RECORD_WRITER, "writer");
        return runner;
    }
}
