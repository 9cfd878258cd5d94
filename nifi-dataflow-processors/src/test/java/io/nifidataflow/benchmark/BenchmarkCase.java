package io.nifidataflow.benchmark;

import org.apache.nifi.util.TestRunner;

/**
 * One configuration measured by {@link Benchmarks}: a processor in a nifi-mock runner, fed the same generated
 * clickstream FlowFiles as every other case (or, for a source, triggered once per FlowFile of the dataset).
 */
public interface BenchmarkCase {

    String name();

    /** A ready runner: services added and enabled, properties set. */
    TestRunner createRunner() throws Exception;

    /** Sources generate instead of reading; they are triggered once per input FlowFile of the dataset. */
    default boolean isSource() {
        return false;
    }

    /**
     * True for processors whose state must start fresh every round (the dataset's event times repeat each
     * round): they are scheduled again before each round, after {@link #afterRound} reset them.
     */
    default boolean reschedulesEachRound() {
        return false;
    }

    /** Runs once before the first round (warm-up included), outside the measured time. */
    default void beforeRounds(final BenchmarkData data) throws Exception {
    }

    /** Runs after each round, outside the measured time. */
    default void afterRound(final TestRunner runner) throws Exception {
    }

    /**
     * More figures for this case's row, after it was measured at {@code recordsPerSecond}: for a case that has its
     * own reference, such as a processor calling a remote service against a hand-written client loop.
     */
    default String report(final double recordsPerSecond, final BenchmarkData data) throws Exception {
        return "";
    }

    /** Releases what the case started (servers, clients), once it is measured and reported. */
    default void close() throws Exception {
    }
}
