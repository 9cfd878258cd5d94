package io.nifidataflow.clickstream;

import io.nifidataflow.benchmark.BenchmarkCase;
import io.nifidataflow.benchmark.BenchmarkData;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

/** GenerateClickstream writing JSON with the benchmark dataset's settings, 1,000 records per FlowFile. */
public final class GenerateClickstreamBenchmark implements BenchmarkCase {

    @Override
    public String name() {
        return "GenerateClickstream -> JsonRecordSetWriter";
    }

    @Override
    public boolean isSource() {
        return true;
    }

    @Override
    public TestRunner createRunner() throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(GenerateClickstream.class);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        final ClickstreamSettings settings = BenchmarkData.settings();
        runner.setProperty(GenerateClickstream.RECORD_WRITER, "writer");
        runner.setProperty(GenerateClickstream.RECORDS_PER_FLOWFILE, "1000");
        runner.setProperty(GenerateClickstream.USERS, String.valueOf(settings.users()));
        runner.setProperty(GenerateClickstream.PRODUCTS, String.valueOf(settings.products()));
        runner.setProperty(GenerateClickstream.CATEGORIES, String.valueOf(settings.categories()));
        runner.setProperty(GenerateClickstream.START_TIME, settings.startTime().toString());
        runner.setProperty(GenerateClickstream.OUT_OF_ORDER_MAX_DELAY, settings.outOfOrderMaxDelayMillis() + " millis");
        runner.setProperty(GenerateClickstream.DUPLICATE_RATE, String.valueOf(settings.duplicateRate()));
        runner.setProperty(GenerateClickstream.MALFORMED_RATE, String.valueOf(settings.malformedRate()));
        return runner;
    }
}
