package io.nifidataflow.window;

import io.nifidataflow.benchmark.BenchmarkCase;
import io.nifidataflow.benchmark.Benchmarks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.util.TestRunner;

/**
 * AggregateWindow in the three configurations the issue sets targets for, each round on a fresh processor:
 * the dataset's event times repeat every round, so a processor that kept its watermark would find everything late.
 */
public final class AggregateWindowBenchmark implements BenchmarkCase {

    private final String name;
    private final Map<String, String> properties;

    private AggregateWindowBenchmark(final String name, final Map<String, String> properties) {
        this.name = name;
        this.properties = properties;
    }

    public static List<BenchmarkCase> cases() {
        return List.of(
                new AggregateWindowBenchmark("AggregateWindow tumbling 1 min, count+sum per /product_id",
                        properties("Window Type", "Tumbling", "Window Size", "1 min", "Group By", "/product_id")),
                new AggregateWindowBenchmark("AggregateWindow sliding 10 min every 1 min, per /product_id",
                        properties("Window Type", "Sliding", "Window Size", "10 min", "Window Slide", "1 min", "Group By", "/product_id")),
                new AggregateWindowBenchmark("AggregateWindow session 5 min gap, per /user_id",
                        properties("Window Type", "Session", "Session Gap", "5 min", "Group By", "/user_id")));
    }

    private static Map<String, String> properties(final String... nameValues) {
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        map.put("Max Out-of-Orderness", "5 sec");
        map.put("events", "count()");
        map.put("revenue", "sum(/price)");
        return map;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TestRunner createRunner() throws Exception {
        final TestRunner runner = Benchmarks.runnerWithJsonServices(AggregateWindow.class);
        runner.setProperty(AggregateWindow.RECORD_READER, "reader");
        runner.setProperty(AggregateWindow.RECORD_WRITER, "writer");
        properties.forEach(runner::setProperty);
        return runner;
    }

    @Override
    public boolean reschedulesEachRound() {
        return true;
    }

    /** Stops the processor, which hands the held inputs back, then empties the queue and the state. */
    @Override
    public void afterRound(final TestRunner runner) throws Exception {
        runner.stop();
        final ProcessSession session = runner.getProcessSessionFactory().createSession();
        for (FlowFile flowFile = session.get(); flowFile != null; flowFile = session.get()) {
            session.remove(flowFile);
        }
        session.commitAsync();
        runner.getStateManager().clear(Scope.LOCAL);
    }
}
