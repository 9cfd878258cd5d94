package io.nifidataflow.window;

import io.nifidataflow.window.aggregate.AggregateExpressionParser;
import io.nifidataflow.window.aggregate.AggregateSet;
import io.nifidataflow.window.aggregate.PathSlots;
import io.nifidataflow.window.assign.SessionWindows;
import io.nifidataflow.window.assign.SlidingWindows;
import io.nifidataflow.window.assign.TumblingWindows;
import io.nifidataflow.window.assign.WindowAssigner;
import io.nifidataflow.window.engine.AccumulationMode;
import io.nifidataflow.window.engine.WindowOperator;
import io.nifidataflow.window.engine.WindowingStrategy;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Measures the heap that open windows take: N distinct keys, each with one record in the same minute, so that
 * every window stays open, with count() and sum(/price) as in the benchmark. Run it in a 1 GB heap:
 * {@code ./mvnw -q -Pbenchmark -pl nifi-dataflow-processors verify -DskipTests -Dbenchmark.heap=1g -Dbenchmark.args="--window-memory 1000000"}.
 * The state is what the processor keeps besides the held input FlowFiles, whose content stays in NiFi's content
 * repository.
 */
public final class WindowMemoryFootprint {

    private static final long MINUTE = 60_000;
    private static final long START = 1_767_225_600_000L;

    private WindowMemoryFootprint() {
    }

    public static void main(final String[] args) {
        final int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf(Locale.ROOT, "Open-window memory, max heap %,d MB, JVM %s%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.version());
        measure("tumbling 1 min, count+sum", new TumblingWindows(MINUTE, 0), keys);
        measure("session 5 min gap, count+sum", new SessionWindows(5 * MINUTE), keys);
        measure("sliding 10 min every 1 min, count+sum", new SlidingWindows(10 * MINUTE, MINUTE, 0), keys / 10);
    }

    private static void measure(final String name, final WindowAssigner assigner, final int keys) {
        final long before = usedAfterGc();
        final PathSlots slots = new PathSlots();
        final AggregateExpressionParser parser = new AggregateExpressionParser(slots, null);
        final AggregateSet aggregates;
        try {
            aggregates = new AggregateSet(List.of(parser.parse("events", "count()"), parser.parse("revenue", "sum(/price)")));
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
        final WindowOperator operator = new WindowOperator(
                new WindowingStrategy(assigner, 5_000, 0, AccumulationMode.DISCARDING, Long.MAX_VALUE, false), aggregates, pane -> { });
        final Object[] values = new Object[slots.size()];
        final Object[] inputs = new Object[aggregates.size()];
        final int perBatch = 1_000;
        final long started = System.nanoTime();
        for (int batch = 0; batch * perBatch < keys; batch++) {
            operator.beginBatch(batch);
            for (int i = batch * perBatch; i < Math.min(keys, (batch + 1) * perBatch); i++) {
                // The same minute for every key, so the watermark never closes a window.
                final long time = START + 30_000 + i % 20_000;
                operator.admit(time);
                values[0] = 10.0 + i % 100;
                final long mask = aggregates.prepare(values, inputs, 0);
                operator.stage(String.format(Locale.ROOT, "u-%07d", i), time, inputs, 0, mask, i);
            }
            operator.commitBatch(true);
        }
        final long elapsed = System.nanoTime() - started;
        final long used = usedAfterGc() - before;
        System.out.printf(Locale.ROOT, "%-40s %,10d keys %,11d open windows %,8.1f MB %6.0f bytes/window  (%.1f s to build)%n",
                name, keys, operator.openWindows(), used / 1048576.0, (double) used / operator.openWindows(), elapsed / 1e9);
        java.lang.ref.Reference.reachabilityFence(operator);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
