package io.nifidataflow.enrich;

import io.nifidataflow.benchmark.BenchmarkCase;
import io.nifidataflow.benchmark.BenchmarkData;
import io.nifidataflow.benchmark.Benchmarks;
import io.nifidataflow.record.RecordFlowFiles;
import io.nifidataflow.record.RecordRouter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.util.TestRunner;

/**
 * The floor under EnrichEvent: reading its input and writing its exact output, without the work that decides
 * that output. Before the rounds, EnrichEvent, configured as in {@link EnrichEventBenchmark}, makes one pass over
 * the dataset into a writer that keeps the records it is handed; what each record adds to or changes in its input
 * is kept. Each round then reads every input FlowFile as EnrichEvent does and, after each record read, writes what
 * EnrichEvent wrote for it: a duplicate as read, any other record as a new record of the read values with the
 * kept changes put in (the least any processor that changes records must do), with the same schema, into as many
 * children, through the real JSON writer. Building the output from the record just read, not writing the kept
 * record itself, keeps the floor honest: a record built long ago is cold in the CPU's caches, one just built is not.
 *
 * <p>The gap between the pass-through and this is the price of writing a wider record field by field, where the
 * pass-through copies the text it read. The gap between this and EnrichEvent is all of EnrichEvent's own work:
 * validation, deduplication, sessions, lookups and deciding the added values.</p>
 */
public final class EnrichOutputFloor implements BenchmarkCase {

    /** One record as EnrichEvent wrote it: to its {@code child}-th output of the FlowFile, with {@code schema}. */
    record Written(int child, RecordSchema schema, Record record) {
    }

    /**
     * What EnrichEvent wrote for one input record: the record as read ({@code changes} null, a duplicate), or
     * the read values with {@code changes} put in, as a record of {@code schema}.
     */
    record Output(int child, RecordSchema schema, Map<String, Object> changes) {

        Record build(final Record read) {
            if (changes == null) {
                return read;
            }
            final Map<String, Object> values = new HashMap<>((read.getRawFieldNames().size() + changes.size()) * 4 / 3 + 1);
            values.putAll(read.toMap());
            values.putAll(changes);
            return new MapRecord(schema, values);
        }

        static Output of(final Written written, final Record read) {
            // EnrichEvent writes a duplicate as it read it: the only output that keeps the reader's serialized form.
            if (written.record().getSerializedForm().isPresent()) {
                return new Output(written.child(), written.schema(), null);
            }
            final Map<String, Object> in = read.toMap();
            final Map<String, Object> changes = new HashMap<>();
            written.record().toMap().forEach((name, value) -> {
                if (!in.containsKey(name) || !Objects.equals(in.get(name), value)) {
                    changes.put(name, value);
                }
            });
            return new Output(written.child(), written.schema(), changes);
        }
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

        private List<List<Output>> outputs;
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
            final List<Output> output = outputs.get(next++ % outputs.size());
            final RecordReaderFactory reader = context.getProperty(EnrichEvent.RECORD_READER).asControllerService(RecordReaderFactory.class);
            final RecordSetWriterFactory writer = context.getProperty(EnrichEvent.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
            final int[] read = {0};
            try (RecordRouter router = new RecordRouter(session, input, writer, getLogger())) {
                RecordFlowFiles.read(session, input, reader, getLogger(), (record, readSchema) -> {
                    final Output written = output.get(read[0]++);
                    router.write(CHILDREN.get(written.child()), written.changes() == null ? readSchema : written.schema(), written.build(record));
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
        final RecordReaderFactory reader = (RecordReaderFactory) enrich.getControllerService("reader");
        final List<List<Output>> outputs = new ArrayList<>();
        for (int index = 0; index < data.flowFiles().size(); index++) {
            final byte[] content = data.flowFiles().get(index);
            enrich.enqueue(content);
            enrich.run(1, false, index == 0);
            final List<Written> written = keeping.take();
            final List<Output> output = new ArrayList<>(written.size());
            try (RecordReader records = reader.createRecordReader(Map.of(), new ByteArrayInputStream(content), content.length, enrich.getLogger())) {
                for (final Written record : written) {
                    output.add(Output.of(record, records.nextRecord()));
                }
            }
            outputs.add(output);
        }
        enrich.stop();
        if (!enrich.getFlowFilesForRelationship(EnrichEvent.REL_FAILURE).isEmpty()) {
            throw new IllegalStateException("EnrichEvent failed FlowFiles of the dataset");
        }
        ((Replay) runner.getProcessor()).outputs = outputs;
    }
}
