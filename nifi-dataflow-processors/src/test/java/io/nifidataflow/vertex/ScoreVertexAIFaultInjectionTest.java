package io.nifidataflow.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;

/**
 * 100,000 records in FlowFiles of uneven sizes, against a server that fails one attempt in five with a mix of
 * retryable and non-retryable codes: every record must end in exactly one of success, retry or failure, inside
 * its own FlowFile, never lost and never twice.
 */
class ScoreVertexAIFaultInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Status.Code> CODES = List.of(Status.Code.UNAVAILABLE, Status.Code.RESOURCE_EXHAUSTED, Status.Code.INTERNAL,
            Status.Code.DEADLINE_EXCEEDED, Status.Code.ABORTED, Status.Code.INVALID_ARGUMENT, Status.Code.PERMISSION_DENIED);

    @Test
    void everyRecordEndsInExactlyOneRelationshipWithinItsOwnFlowFile() throws Exception {
        try (FakePredictionServer server = FakePredictionServer.loopback()) {
            final SplittableRandom random = new SplittableRandom(2026);
            server.failWhen = request -> {
                synchronized (random) {
                    return random.nextDouble() < 0.2 ? Status.fromCode(CODES.get(random.nextInt(CODES.size()))).withDescription("injected") : null;
                }
            };
            final TestRunner runner = ScoreVertexAITest.runnerFor(server.apiEndpoint());
            runner.setProperty(ScoreVertexAI.MAX_RETRIES, "1");
            runner.setProperty(ScoreVertexAI.MAX_BATCH_SIZE, "100");
            runner.setProperty(ScoreVertexAI.MAX_CONCURRENT_REQUESTS, "8");
            runner.setProperty(ScoreVertexAI.FLOWFILE_BATCH_SIZE, "50");

            final Map<String, String> inputs = new HashMap<>();
            int total = 0;
            for (int f = 0; f < 100; f++) {
                final int size = f % 2 == 0 ? 500 : 1_500;
                final String content = ScoreVertexAITest.records("f" + f, size);
                inputs.put("f" + f, content);
                runner.enqueue(content);
                total += size;
            }
            assertEquals(100_000, total);
            runner.run(2);
            assertEquals(0, runner.getQueueSize().getObjectCount(), "nothing left or rolled back");

            final Set<String> seenFlowFiles = new HashSet<>();
            int succeeded = 0;
            int other = 0;
            for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(ScoreVertexAI.REL_SUCCESS)) {
                final JsonNode records = JSON.readTree(flowFile.getContent());
                final String prefix = records.get(0).get("id").asText().split("-")[0];
                assertTrue(seenFlowFiles.add(prefix), "FlowFile " + prefix + " routed twice");
                assertEquals(JSON.readTree(inputs.get(prefix)).size(), records.size());
                final Set<String> ids = new HashSet<>();
                for (final JsonNode record : records) {
                    final String id = record.get("id").asText();
                    assertTrue(ids.add(id), "record " + id + " twice");
                    assertEquals(id, record.at("/prediction/echo/id").asText(), "prediction of another record");
                }
                assertEquals(String.valueOf(records.size()), flowFile.getAttribute("record.count"));
                succeeded += records.size();
            }
            for (final String relationship : List.of("retry", "failure")) {
                for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(relationship)) {
                    final String content = flowFile.getContent();
                    final String prefix = JSON.readTree(content).get(0).get("id").asText().split("-")[0];
                    assertTrue(seenFlowFiles.add(prefix), "FlowFile " + prefix + " routed twice");
                    assertEquals(inputs.get(prefix), content, "original content on " + relationship);
                    assertEquals("injected", flowFile.getAttribute(ScoreVertexAI.ATTR_ERROR_MESSAGE));
                    other += JSON.readTree(content).size();
                }
            }
            assertEquals(100, seenFlowFiles.size());
            assertEquals(100_000, succeeded + other, "records in = records out");
            // Records predicted in a request can still belong to a FlowFile that another request failed.
            assertTrue(runner.getCounterValue(ScoreVertexAI.COUNTER_INSTANCES) >= succeeded);
            assertTrue(runner.getCounterValue(ScoreVertexAI.COUNTER_RETRIES) > 0);
            assertTrue(runner.getFlowFilesForRelationship(ScoreVertexAI.REL_SUCCESS).size() > 0);
            assertTrue(runner.getFlowFilesForRelationship(ScoreVertexAI.REL_FAILURE).size() > 0);
            assertTrue(runner.getFlowFilesForRelationship(ScoreVertexAI.REL_RETRY).size() > 0);
            runner.shutdown();
        }
    }
}
