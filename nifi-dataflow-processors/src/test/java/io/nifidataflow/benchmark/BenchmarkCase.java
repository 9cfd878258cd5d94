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
}
