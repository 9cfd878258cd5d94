package io.nifidataflow.window;

import static io.nifidataflow.window.WindowRunners.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nifidataflow.clickstream.ClickstreamSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exactly-once across restarts: a generated clickstream (out of order by up to 5 s, with duplicates and
 * malformed records) is aggregated without interruption, then again with the processor stopped and started,
 * or its instance thrown away as in a crash, at many points. Every run must emit the same panes, late and
 * invalid records, each exactly once, and release every input exactly once.
 */
class AggregateWindowRestartTest {

    private static final int FLOWFILES = 60;
    private static List<byte[]> inputs;

    @BeforeAll
    static void generate() throws Exception {
        final ClickstreamSettings settings = new ClickstreamSettings(2_000, 200, 20, 11, Instant.parse("2026-01-01T00:00:00Z"),
                0.3, 5_000, 0.02, 0.01);
        inputs = WindowRunners.clickstream(settings, FLOWFILES, 200);
    }

    static List<Map<String, String>> configurations() {
        return List.of(
                props("Window Type", "Tumbling", "Window Size", "1 min", "Group By", "/product_id", "Max Out-of-Orderness", "2 sec",
                        "Allowed Lateness", "2 sec", "events", "count()", "revenue", "sum(/price) where /event_type = 'purchase'"),
                props("Window Type", "Sliding", "Window Size", "5 min", "Window Slide", "1 min", "Group By", "/category",
                        "Max Out-of-Orderness", "1 sec", "Allowed Lateness", "10 sec", "Accumulation Mode", "Accumulating",
                        "views", "count() where /event_type = 'view'", "buyers", "count_distinct(/user_id) where /event_type = 'purchase'",
                        "p90", "approx_quantile(/price, 0.9)", "top", "top_k(/product_id, 3)"),
                // A gap shorter than the stream's disorder, so that late records stretch and bridge sessions that fired.
                props("Window Type", "Session", "Session Gap", "3 sec", "Group By", "/user_id", "Max Out-of-Orderness", "1 sec",
                        "Allowed Lateness", "30 sec", "events", "count()", "entry", "first(/event_type)", "exit", "last(/event_type)",
                        "spent", "sum(/price) where /event_type = 'purchase'"),
                props("Window Type", "Tumbling", "Window Size", "2 min", "Group By", "/category, /device", "Max Out-of-Orderness", "1 sec",
                        "Allowed Lateness", "1 min", "Early Firing Interval", "1 sec", "Accumulation Mode", "Discarding",
                        "events", "count()", "cheapest", "min(/price)", "dearest", "max(/price)"));
    }

    /** What a run emitted, each list sorted, so duplicates and omissions both show. */
    record Emitted(List<String> panes, List<String> late, List<String> invalid, List<String> originals, List<String> failures) {
    }

    private static Emitted emitted(final List<TestRunner> runners) {
        final List<String> panes = new ArrayList<>();
        final List<String> late = new ArrayList<>();
        final List<String> invalid = new ArrayList<>();
        final List<String> originals = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        for (final TestRunner runner : runners) {
            WindowRunners.recordsOf(runner, "success").forEach(r -> panes.add(WindowRunners.canonical(r)));
            WindowRunners.recordsOf(runner, "late").forEach(r -> late.add(WindowRunners.canonical(r)));
            WindowRunners.recordsOf(runner, "invalid").forEach(r -> invalid.add(WindowRunners.canonical(r)));
            runner.getFlowFilesForRelationship("original").forEach(f -> originals.add(f.getAttribute("uuid")));
            runner.getFlowFilesForRelationship("failure").forEach(f -> failures.add(f.getAttribute("uuid")));
        }
        for (final List<String> list : List.of(panes, late, invalid, originals, failures)) {
            Collections.sort(list);
        }
        return new Emitted(panes, late, invalid, originals, failures);
    }

    /** Feeds the stream one FlowFile per trigger; {@code stopAfter} decides where to stop and start, {@code crashAfter} where to crash. */
    private static Emitted run(final Map<String, String> configuration, final IntPredicate stopAfter, final IntPredicate crashAfter) throws Exception {
        final AtomicLong clock = new AtomicLong(1_000_000);
        final List<TestRunner> runners = new ArrayList<>();
        TestRunner runner = WindowRunners.runner(clock, configuration);
        runners.add(runner);
        boolean initialize = true;
        final Set<String> enqueued = new HashSet<>();
        final Set<String> done = new HashSet<>();
        for (int i = 0; i < FLOWFILES; i++) {
            final String uuid = "00000000-0000-0000-0000-" + String.format("%012d", i);
            runner.enqueue(input(i, uuid));
            enqueued.add(uuid);
            clock.addAndGet(1_000);
            final boolean stop = stopAfter.test(i);
            runner.run(1, stop, initialize);
            initialize = stop;
            if (crashAfter.test(i)) {
                runner = crash(runner, clock, configuration, enqueued, done);
                runners.add(runner);
                initialize = true;
            }
        }
        // The end of the stream: a day of quiet closes every window through the idle timeout.
        runner.run(1, false, initialize);
        clock.addAndGet(86_400_000);
        runner.run(1, true, false);
        assertEquals(0, runner.getQueueSize().getObjectCount(), "every input left the queue");
        return emitted(runners);
    }

    /**
     * A new processor instance, as after NiFi died: it gets the state last committed and, in its queue, every
     * input the dead instance had not committed anywhere, in whatever order.
     */
    private static TestRunner crash(final TestRunner dead, final AtomicLong clock, final Map<String, String> configuration,
                                    final Set<String> enqueued, final Set<String> done) throws Exception {
        dead.getFlowFilesForRelationship("original").forEach(f -> done.add(f.getAttribute("uuid")));
        dead.getFlowFilesForRelationship("failure").forEach(f -> done.add(f.getAttribute("uuid")));
        final TestRunner fresh = WindowRunners.runner(clock, configuration);
        fresh.getStateManager().setState(dead.getStateManager().getState(Scope.LOCAL).toMap(), Scope.LOCAL);
        final List<String> pending = new ArrayList<>(enqueued);
        pending.removeAll(done);
        Collections.sort(pending, Collections.reverseOrder());
        for (final String uuid : pending) {
            fresh.enqueue(input(Integer.parseInt(uuid.substring(24)), uuid));
        }
        return fresh;
    }

    /** Input {@code index} as a FlowFile with the given UUID, which the journal knows it by. */
    private static MockFlowFile input(final int index, final String uuid) {
        final MockFlowFile flowFile = new MockFlowFile(10_000_000L + NEXT_ID.incrementAndGet());
        flowFile.setData(inputs.get(index));
        flowFile.putAttributes(Map.of("uuid", uuid));
        return flowFile;
    }

    private static final AtomicLong NEXT_ID = new AtomicLong();

    @ParameterizedTest
    @MethodSource("configurations")
    void stoppingAndStartingAnywhereChangesNothing(final Map<String, String> configuration) throws Exception {
        final Emitted uninterrupted = run(configuration, i -> false, i -> false);
        assertTrue(uninterrupted.panes().size() > 50, "the stream fires panes: " + uninterrupted.panes().size());
        assertEquals(FLOWFILES, uninterrupted.originals().size());
        assertEquals(FLOWFILES, new HashSet<>(uninterrupted.originals()).size());
        assertTrue(!uninterrupted.invalid().isEmpty(), "malformed records are invalid");
        final boolean early = configuration.containsKey("Early Firing Interval");
        assertTrue(uninterrupted.panes().stream().anyMatch(p -> p.contains(early ? "pane=\"EARLY\"" : "pane=\"LATE\"")),
                "the stream exercises " + (early ? "EARLY" : "LATE") + " panes");

        assertSame(uninterrupted, run(configuration, i -> true, i -> false), "stop and start after every FlowFile");
        assertSame(uninterrupted, run(configuration, i -> i % 7 == 3, i -> false), "stop and start every 7 FlowFiles");
        assertSame(uninterrupted, run(configuration, i -> false, i -> i % 5 == 2), "crash every 5 FlowFiles");
        assertSame(uninterrupted, run(configuration, i -> i % 4 == 0, i -> i % 9 == 8), "stops and crashes");
    }

    /** Equal, or a message listing only what differs. */
    private static void assertSame(final Emitted expected, final Emitted actual, final String run) {
        if (expected.equals(actual)) {
            return;
        }
        final StringBuilder message = new StringBuilder(run).append(" differs from the uninterrupted run:");
        describe(message, "panes", expected.panes(), actual.panes());
        describe(message, "late", expected.late(), actual.late());
        describe(message, "invalid", expected.invalid(), actual.invalid());
        describe(message, "originals", expected.originals(), actual.originals());
        describe(message, "failures", expected.failures(), actual.failures());
        org.junit.jupiter.api.Assertions.fail(message.toString());
    }

    private static void describe(final StringBuilder message, final String what, final List<String> expected, final List<String> actual) {
        final List<String> missing = new ArrayList<>(expected);
        actual.forEach(missing::remove);
        final List<String> extra = new ArrayList<>(actual);
        expected.forEach(extra::remove);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            message.append("\n  ").append(what).append(": ").append(expected.size()).append(" expected, ").append(actual.size()).append(" emitted");
            missing.stream().limit(5).forEach(m -> message.append("\n    missing ").append(m));
            extra.stream().limit(5).forEach(m -> message.append("\n    extra   ").append(m));
        }
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void recordsAreConserved(final Map<String, String> configuration) throws Exception {
        final AtomicLong clock = new AtomicLong(0);
        final TestRunner runner = WindowRunners.runner(clock, configuration);
        inputs.forEach(runner::enqueue);
        runner.run(FLOWFILES, false, true);
        clock.addAndGet(86_400_000);
        runner.run(1, true, false);
        final long in = FLOWFILES * 200L;
        final long out = counter(runner, Counters.RECORDS_AGGREGATED) + counter(runner, Counters.RECORDS_LATE)
                + counter(runner, Counters.RECORDS_INVALID) + counter(runner, Counters.RECORDS_IN_NO_WINDOW);
        assertEquals(in, out);
        assertEquals(counter(runner, Counters.RECORDS_LATE), WindowRunners.recordsOf(runner, "late").size());
        assertEquals(counter(runner, Counters.RECORDS_INVALID), WindowRunners.recordsOf(runner, "invalid").size());
        for (final MockFlowFile original : runner.getFlowFilesForRelationship("original")) {
            assertTrue(original.getSize() > 0);
        }
    }

    private static long counter(final TestRunner runner, final String name) {
        final Long value = runner.getCounterValue(name);
        return value == null ? 0 : value;
    }
}
