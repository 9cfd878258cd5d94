package io.nifidataflow.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.aiplatform.v1.PredictRequest;
import com.google.cloud.aiplatform.v1.PredictResponse;
import com.google.cloud.aiplatform.v1.PredictionServiceClient;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.nifidataflow.benchmark.BenchmarkCase;
import io.nifidataflow.benchmark.BenchmarkData;
import io.nifidataflow.benchmark.Benchmarks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.nifi.util.TestRunner;

/**
 * ScoreVertexAI against a loopback PredictionService in this JVM that answers each request after 5 ms, compared
 * with the ceiling a hand-written program reaches through the same client: a loop of async Predict calls with the
 * same batch size and concurrency, its instances built before the clock starts. The ratio says how much of the
 * service's capacity the processor delivers while also reading, converting and writing the records.
 */
public final class ScoreVertexAIBenchmark implements BenchmarkCase {

    static final int LATENCY_MILLIS = 5;
    static final int BATCH_SIZE = 100;
    static final int CONCURRENCY = 4;
    static final int TASKS = 1;
    private static final int LOOP_WARMUPS = 2;
    private static final int LOOP_ROUNDS = 5;

    private FakePredictionServer server;
    private long recordsSent;
    /** Requests the loop made before the processor's rounds, which the processor's requests per record must not count. */
    private long attemptsBeforeRounds;
    private final List<Double> loopRates = new ArrayList<>();
    private final List<Double> loopCores = new ArrayList<>();

    @Override
    public String name() {
        return "ScoreVertexAI (5 ms/request, batch 100, 4 concurrent requests, " + TASKS + " task" + (TASKS == 1 ? ")" : "s)");
    }

    @Override
    public TestRunner createRunner() throws Exception {
        server = FakePredictionServer.loopback();
        server.latencyMillis = LATENCY_MILLIS;
        server.recordRequests = false;
        // A recommendation-sized answer: what a real model returns, not an echo of the whole event.
        server.model = instance -> Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("score", Value.newBuilder().setNumberValue(0.5).build())
                .putFields("label", Value.newBuilder().setStringValue("buyer").build())).build();
        final TestRunner runner = Benchmarks.runnerWithJsonServices(ScoreVertexAI.class);
        runner.setProperty(ScoreVertexAI.RECORD_READER, "reader");
        runner.setProperty(ScoreVertexAI.RECORD_WRITER, "writer");
        runner.setProperty(ScoreVertexAI.PROJECT_ID, FakePredictionServer.PROJECT);
        runner.setProperty(ScoreVertexAI.ENDPOINT_ID, FakePredictionServer.ENDPOINT_ID);
        runner.setProperty(ScoreVertexAI.API_ENDPOINT, server.apiEndpoint());
        runner.setProperty(ScoreVertexAI.USE_PLAINTEXT, "true");
        runner.setProperty(ScoreVertexAI.MAX_BATCH_SIZE, String.valueOf(BATCH_SIZE));
        runner.setProperty(ScoreVertexAI.MAX_CONCURRENT_REQUESTS, String.valueOf(CONCURRENCY));
        // One task, as the processor's documentation advises: its requests are already concurrent, and on two cores a
        // second task mostly competes with the client's threads for the CPU.
        runner.setThreadCount(TASKS);
        return runner;
    }

    @Override
    public void afterRound(final TestRunner runner) {
        if (!runner.getFlowFilesForRelationship(ScoreVertexAI.REL_FAILURE).isEmpty() || !runner.getFlowFilesForRelationship(ScoreVertexAI.REL_RETRY).isEmpty()) {
            throw new IllegalStateException("ScoreVertexAI routed FlowFiles to failure or retry in the benchmark");
        }
        recordsSent = runner.getCounterValue(ScoreVertexAI.COUNTER_INSTANCES);
    }

    /** The loop runs both before and after the processor's rounds, so that a machine speeding up or slowing down favours neither. */
    @Override
    public void beforeRounds(final BenchmarkData data) throws Exception {
        directClientLoop(data);
        attemptsBeforeRounds = server.attempts.get();
    }

    @Override
    public String report(final double recordsPerSecond, final BenchmarkData data) throws Exception {
        final double requestsPerRecord = (double) (server.attempts.get() - attemptsBeforeRounds) / recordsSent;
        directClientLoop(data);
        final double loop = Benchmarks.median(loopRates.stream().mapToDouble(Double::doubleValue).toArray());
        final double cores = Benchmarks.median(loopCores.stream().mapToDouble(Double::doubleValue).toArray());
        return String.format(Locale.ROOT, "%,.0f requests/s (%.4f per record); direct client loop %,.0f records/s, %,.0f requests/s, %.2f cores busy; ratio %.2f",
                recordsPerSecond * requestsPerRecord, requestsPerRecord, loop, loop / BATCH_SIZE, cores, recordsPerSecond / loop);
    }

    /**
     * Rounds of a plain loop over the client: the same requests, sizes and concurrency, no NiFi. Adds each round's
     * records per second and busy cores to {@link #loopRates} and {@link #loopCores}.
     */
    private void directClientLoop(final BenchmarkData data) throws Exception {
        final List<PredictRequest> requests = requests(data);
        final PredictionClients.Connection connection = new PredictionClients.Connection(server.apiEndpoint(), true, Duration.ofSeconds(30), null);
        try (PredictionServiceClient client = PredictionClients.create(connection, null)) {
            final PredictionDispatcher.Transport transport = PredictionClients.transport(client);
            for (int round = -LOOP_WARMUPS; round < LOOP_ROUNDS; round++) {
                final Semaphore slots = new Semaphore(CONCURRENCY);
                final List<CompletableFuture<PredictResponse>> calls = new ArrayList<>(requests.size());
                final long start = System.nanoTime();
                final long cpuStart = Benchmarks.processCpuNanos();
                for (final PredictRequest request : requests) {
                    slots.acquire();
                    calls.add(transport.predict(request).whenComplete((response, thrown) -> slots.release()));
                }
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
                final double seconds = (System.nanoTime() - start) / 1e9;
                if (round >= 0) {
                    loopRates.add(data.records() / seconds);
                    loopCores.add((Benchmarks.processCpuNanos() - cpuStart) / 1e9 / seconds);
                }
            }
        }
    }

    private static List<PredictRequest> requests(final BenchmarkData data) throws Exception {
        final ObjectMapper json = new ObjectMapper();
        final List<PredictRequest> requests = new ArrayList<>();
        PredictRequest.Builder request = PredictRequest.newBuilder().setEndpoint(FakePredictionServer.ENDPOINT);
        for (final byte[] flowFile : data.flowFiles()) {
            for (final JsonNode record : json.readTree(flowFile)) {
                final Value.Builder instance = Value.newBuilder();
                JsonFormat.parser().merge(record.toString(), instance);
                request.addInstances(instance);
                if (request.getInstancesCount() == BATCH_SIZE) {
                    requests.add(request.build());
                    request = PredictRequest.newBuilder().setEndpoint(FakePredictionServer.ENDPOINT);
                }
            }
        }
        if (request.getInstancesCount() > 0) {
            requests.add(request.build());
        }
        return requests;
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
