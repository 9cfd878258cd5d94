package io.nifidataflow.benchmark;

import io.nifidataflow.clickstream.ClickstreamGenerator;
import io.nifidataflow.clickstream.ClickstreamSchema;
import io.nifidataflow.clickstream.ClickstreamSettings;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

/** The dataset every case reads: generated clickstream as JSON FlowFile contents, made once per run. */
public record BenchmarkData(List<byte[]> flowFiles, long records, long bytes) {

    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** Clickstream settings of the dataset: a realistic store with a little disorder and redelivery. */
    public static ClickstreamSettings settings() {
        return new ClickstreamSettings(100_000, 5_000, 50, 42, START, 0.3, 5_000, 0.02, 0.01);
    }

    static BenchmarkData generate(final int records, final int perFlowFile) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(io.nifidataflow.record.PassThroughRecords.class);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        final ComponentLog log = new MockComponentLog("benchmark", writer);

        final ClickstreamGenerator generator = new ClickstreamGenerator(settings());
        final List<byte[]> flowFiles = new ArrayList<>();
        long bytes = 0;
        for (int written = 0; written < records; written += perFlowFile) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RecordSetWriter recordWriter = writer.createWriter(log, ClickstreamSchema.SCHEMA, out, Collections.emptyMap())) {
                recordWriter.beginRecordSet();
                for (int i = 0; i < Math.min(perFlowFile, records - written); i++) {
                    recordWriter.write(ClickstreamSchema.toRecord(generator.next()));
                }
                recordWriter.finishRecordSet();
            }
            flowFiles.add(out.toByteArray());
            bytes += out.size();
        }
        return new BenchmarkData(List.copyOf(flowFiles), records, bytes);
    }
}
