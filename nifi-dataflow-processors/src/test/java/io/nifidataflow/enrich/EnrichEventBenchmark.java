package io.nifidataflow.enrich;

import io.nifidataflow.benchmark.BenchmarkCase;
import io.nifidataflow.benchmark.BenchmarkData;
import io.nifidataflow.benchmark.Benchmarks;
import org.apache.nifi.util.TestRunner;

/**
 * EnrichEvent as the issue measures it: validation, deduplication (10 min window, 1,000,000 ids), sessions and
 * history, and one cached record lookup (a customer for every other user), over the benchmark clickstream.
 *
 * <p>Every round starts EnrichEvent afresh. The dataset's event times repeat each round, so state carried over
 * would see every replayed event as a late arrival joining its user's session: sessions would never end, growing
 * by 13 events a round to an average of 48 by the first measured round, with recent-product lists of 6.6
 * products instead of 3.7, which no real stream has.
 * Started afresh, each round is the first pass over a day's stream: sessions split at the gap, the lookup cache
 * starts cold and fills.</p>
 */
public final class EnrichEventBenchmark implements BenchmarkCase {

    /**
     * A clock that moves a minute per FlowFile, so an id is forgotten ten FlowFiles after first sight: the
     * deduplication memory expires ids as in a long-running stream, while the generator's redeliveries (of the
     * last 512 events, at most two FlowFiles back) are still found.
     */
    public static final class MinutePerFlowFileEnrichEvent extends EnrichEvent {
        private final long start = System.currentTimeMillis();
        private long triggers;

        @Override
        long currentTimeMillis() {
            return start + triggers++ * 60_000L;
        }
    }

    @Override
    public String name() {
        return "EnrichEvent: validate, dedupe, sessions, cached user lookup";
    }

    @Override
    public TestRunner createRunner() throws Exception {
        return configuredRunner();
    }

    @Override
    public boolean reschedulesEachRound() {
        return true;
    }

    @Override
    public void afterRound(final TestRunner runner) {
        runner.stop();
    }

    /** EnrichEvent as measured, writing with the JSON writer "writer": also what {@link EnrichOutputFloor} replays. */
    static TestRunner configuredRunner() throws Exception {
        final TestRunner runner = Benchmarks.runnerWithJsonServices(MinutePerFlowFileEnrichEvent.class);
        final MapRecordLookupService customers = new MapRecordLookupService().withoutCallLog();
        final int users = BenchmarkData.settings().users();
        for (int user = 0; user < users; user += 2) {
            customers.customer(String.format("u-%06d", user), user % 10 == 0 ? "gold" : "standard", user * 1.5, user % 17);
        }
        runner.addControllerService("customers", customers);
        runner.enableControllerService(customers);
        runner.setProperty(EnrichEvent.RECORD_READER, "reader");
        runner.setProperty(EnrichEvent.RECORD_WRITER, "writer");
        runner.setProperty(EnrichEvent.USER_LOOKUP_SERVICE, "customers");
        runner.setProperty(EnrichEvent.LOOKUP_CACHE_EXPIRATION, "1 day");
        return runner;
    }
}
