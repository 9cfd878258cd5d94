package io.nifidataflow.enrich;

import io.nifidataflow.benchmark.BenchmarkCase;
import io.nifidataflow.benchmark.BenchmarkData;
import io.nifidataflow.benchmark.Benchmarks;
import io.nifidataflow.record.RecordFlowFiles;
import io.nifidataflow.record.RecordRouter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.AbstractRecordSetWriter;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.util.TestRunner;

/**
 * The floor under EnrichEvent: reading its input and writing its exact output, without the work that decides
 * that output. Before the rounds, EnrichEvent, configured as in {@link EnrichEventBenchmark}, makes one pass over
 * the dataset into a writer that keeps the records it is handed. Each round then reads every input FlowFile as
 * EnrichEvent does and writes, after each record read, the record EnrichEvent wrote for it, with the same schema,
 * into as many children, through the real JSON writer.
 *
 * <p>The gap between the pass-through and this is the price of writing a wider record field by field, where the
 * pass-through copies the text it read. The gap between this and EnrichEvent is all of EnrichEvent's own work:
 * validation, deduplication, sessions, lookups and building the records.</p>
 */
public final class EnrichOutputFloor implements BenchmarkCase {

    /** One record as EnrichEvent wrote it: to its {@code child}-th output of the FlowFile, with {@code schema}. */
    record Written(int child, RecordSchema schema, Record record) {
    }

    /** A Record Writer that writes nothing and keeps the records, FlowFile by FlowFile. */
    public static final class KeepingWriter extends AbstractControllerService implements RecordSetWriterFactory {
        private List<Written> written = new ArrayList<>();
        private int children;

        @Override
        public RecordSchema getSchema(final Map<String, String> variables, final RecordSchema readSchema) {
            return readSchema;
        }

        @Override
        public RecordSetWriter createWriter(final ComponentLog logger, final RecordSchema schema, final OutputStream out,
                                            final Map<String, String> variables) {
            final int child = children++;
            return new AbstractRecordSetWriter(out) {
                @Override
                protected Map<String, String> writeRecord(final Record record) {
                    written.add(new Written(child, schema, record));
                    return Map.of();
                }

                @Override
                public String getMimeType() {
                    return "application/json";
                }
            };
        }

        /** What was written since the last call. */
        List<Written> take() {
            final List<Written> taken = written;
            written = new ArrayList<>();
            children = 0;
            return taken;
        }
    }

    /** Reads each input FlowFile and writes, record for record, what EnrichEvent wrote for it. */
    public static final class Replay extends AbstractProcessor {
        static final List<Relationship> CHILDREN = List.of(new Relationship.Builder().name("first").build(),
                new Relationship.Builder().name("second").build(), new Relationship.Builder().name("third").build());

        private List<List<Written>> outputs;
        private int next;

        @Override
        protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
            return List.of(EnrichEvent.RECORD_READER, EnrichEvent.RECORD_WRITER);
        }

        @Override
        public Set<Relationship> getRelationships() {
            return Set.copyOf(CHILDREN);
        }

        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
            final FlowFile input = session.get();
            if (input == null) {
                return;
            }
            // The harness enqueues the dataset in order every round.
            final List<Written> output = outputs.get(next++ % outputs.size());
            final RecordReaderFactory reader = context.getProperty(EnrichEvent.RECORD_READER).asControllerService(RecordReaderFactory.class);
            final RecordSetWriterFactory writer = context.getProperty(EnrichEvent.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
            final int[] read = {0};
            try (RecordRouter router = new RecordRouter(session, input, writer, getLogger())) {
                RecordFlowFiles.read(session, input, reader, getLogger(), (record, readSchema) -> {
                    final Written written = output.get(read[0]++);
                    router.write(CHILDREN.get(written.child()), written.schema(), written.record());
                });
                if (read[0] != output.size()) {
                    throw new IllegalStateException("Read " + read[0] + " records where EnrichEvent wrote " + output.size());
                }
                router.finish().forEach((relationship, child) -> session.transfer(child, relationship));
                session.remove(input);
            } catch (final IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestRunner runner;

    @Override
    public String name() {
        return "floor: EnrichEvent's exact output, decided in advance";
    }

    @Override
    public TestRunner createRunner() throws Exception {
        runner = Benchmarks.runnerWithJsonServices(Replay.class);
        runner.setProperty(EnrichEvent.RECORD_READER, "reader");
        runner.setProperty(EnrichEvent.RECORD_WRITER, "writer");
        return runner;
    }

    @Override
    public void beforeRounds(final BenchmarkData data) throws Exception {
        final TestRunner enrich = EnrichEventBenchmark.configuredRunner();
        final KeepingWriter keeping = new KeepingWriter();
        enrich.addControllerService("keeping", keeping);
        enrich.enableControllerService(keeping);
        enrich.setProperty(EnrichEvent.RECORD_WRITER, "keeping");
        final List<List<Written>> outputs = new ArrayList<>();
        for (int index = 0; index < data.flowFiles().size(); index++) {
            enrich.enqueue(data.flowFiles().get(index));
            enrich.run(1, false, index == 0);
            outputs.add(keeping.take());
        }
        enrich.stop();
        if (!enrich.getFlowFilesForRelationship(EnrichEvent.REL_FAILURE).isEmpty()) {
            throw new IllegalStateException("EnrichEvent failed FlowFiles of the dataset");
        }
        ((Replay) runner.getProcessor()).outputs = outputs;
    }
}
