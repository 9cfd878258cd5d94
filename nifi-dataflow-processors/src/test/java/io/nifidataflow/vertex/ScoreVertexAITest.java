package io.nifidataflow.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.aiplatform.v1.PredictRequest;
import com.google.protobuf.Value;
import io.grpc.Status;
import io.nifidataflow.record.JsonServices;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ScoreVertexAI with the real Vertex AI client over real gRPC, against a loopback PredictionService. */
class ScoreVertexAITest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FakePredictionServer server;
    private TestRunner runner;

    @BeforeEach
    void start() throws Exception {
        server = FakePredictionServer.loopback();
        runner = runnerFor(server.apiEndpoint());
    }

    @AfterEach
    void stop() throws Exception {
        runner.shutdown();
        server.close();
    }

    static TestRunner runnerFor(final String apiEndpoint) throws Exception {
        final TestRunner runner = JsonServices.addTo(TestRunners.newTestRunner(ScoreVertexAI.class), ScoreVertexAI.RECORD_READER, ScoreVertexAI.RECORD_WRITER);
        runner.setProperty(ScoreVertexAI.PROJECT_ID, FakePredictionServer.PROJECT);
        runner.setProperty(ScoreVertexAI.ENDPOINT_ID, FakePredictionServer.ENDPOINT_ID);
        runner.setProperty(ScoreVertexAI.API_ENDPOINT, apiEndpoint);
        runner.setProperty(ScoreVertexAI.USE_PLAINTEXT, "true");
        runner.setProperty(ScoreVertexAI.INITIAL_BACKOFF, "5 ms");
        runner.setProperty(ScoreVertexAI.REQUEST_TIMEOUT, "10 sec");
        return runner;
    }

    /** {@code count} records {"id": "<prefix>-i", "n": i}. */
    static String records(final String prefix, final int count) {
        final StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(prefix).append('-').append(i).append("\",\"n\":").append(i).append('}');
        }
        return json.append(']').toString();
    }

    static JsonNode content(final MockFlowFile flowFile) throws IOException {
        return JSON.readTree(flowFile.getContent());
    }

    @Test
    void writesEachPredictionIntoItsOwnRecordWithModelAttributesProvenanceAndCounters() throws Exception {
        runner.enqueue(records("a", 3));
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(ScoreVertexAI.REL_SUCCESS).get(0);
        final JsonNode records = content(out);
        assertEquals(3, records.size());
        for (int i = 0; i < 3; i++) {
            final JsonNode record = records.get(i);
            assertEquals("a-" + i, record.get("id").asText());
            assertEquals("a-" + i, record.at("/prediction/echo/id").asText());
            assertEquals(i, record.at("/prediction/echo/n").asDouble());
        }
        out.assertAttributeEquals("record.count", "3");
        out.assertAttributeEquals(ScoreVertexAI.ATTR_DEPLOYED_MODEL_ID, FakePredictionServer.DEPLOYED_MODEL_ID);
        out.assertAttributeEquals(ScoreVertexAI.ATTR_MODEL_VERSION_ID, FakePredictionServer.MODEL_VERSION_ID);
        out.assertAttributeEquals(ScoreVertexAI.ATTR_REQUEST_COUNT, "1");
        out.assertAttributeNotExists(ScoreVertexAI.ATTR_ERROR_CODE);

        final List<ProvenanceEventRecord> events = runner.getProvenanceEvents();
        final ProvenanceEventRecord remote = events.stream().filter(e -> e.getEventType() == ProvenanceEventType.REMOTE_INVOCATION).findFirst().orElseThrow();
        assertEquals("grpc://" + server.apiEndpoint() + "/" + FakePredictionServer.ENDPOINT, remote.getTransitUri());

        assertEquals(1, runner.getCounterValue(ScoreVertexAI.COUNTER_REQUESTS));
        assertEquals(3, runner.getCounterValue(ScoreVertexAI.COUNTER_INSTANCES));
        assertEquals(1, server.received.size());
        assertEquals(FakePredictionServer.ENDPOINT, server.received.get(0).getEndpoint());
    }

    @Test
    void convertsNestedRecordsArraysNullsBooleansAndNumbersBothWays() throws Exception {
        runner.enqueue("[{\"id\":\"x\",\"flag\":true,\"price\":12.5,\"qty\":3,\"none\":null,"
                + "\"history\":{\"recent_products\":[\"p-1\",\"p-2\"],\"depth\":{\"level\":2}},"
                + "\"tags\":[{\"k\":\"a\"},{\"k\":\"b\"}]}]");
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_SUCCESS, 1);
        final Value instance = server.received.get(0).getInstances(0);
        final Map<String, Value> fields = instance.getStructValue().getFieldsMap();
        assertEquals(Value.KindCase.NULL_VALUE, fields.get("none").getKindCase(), "a null is sent as null_value, never omitted");
        assertTrue(fields.get("flag").getBoolValue());
        assertEquals(12.5, fields.get("price").getNumberValue());
        assertEquals(3.0, fields.get("qty").getNumberValue());
        assertEquals("p-2", fields.get("history").getStructValue().getFieldsMap().get("recent_products").getListValue().getValues(1).getStringValue());
        assertEquals("b", fields.get("tags").getListValue().getValues(1).getStructValue().getFieldsMap().get("k").getStringValue());

        final JsonNode echo = content(runner.getFlowFilesForRelationship(ScoreVertexAI.REL_SUCCESS).get(0)).get(0).at("/prediction/echo");
        assertTrue(echo.get("none").isNull());
        assertTrue(echo.get("flag").asBoolean());
        assertEquals(2.0, echo.at("/history/depth/level").asDouble());
        assertEquals("p-1", echo.at("/history/recent_products/0").asText());
        assertEquals("a", echo.at("/tags/0/k").asText());
    }

    @Test
    void sendsOnlyInstanceFieldsWithMissingOnesAsNullAndTheParameters() throws Exception {
        runner.setProperty(ScoreVertexAI.INSTANCE_FIELDS, "n, absent");
        runner.setProperty(ScoreVertexAI.PARAMETERS, "{\"top_n\": ${top}}");
        runner.enqueue(records("a", 2), Map.of("top", "5"));
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_SUCCESS, 1);
        final PredictRequest request = server.received.get(0);
        assertEquals(List.of("n", "absent"), List.copyOf(request.getInstances(1).getStructValue().getFieldsMap().keySet()));
        assertEquals(1.0, request.getInstances(1).getStructValue().getFieldsMap().get("n").getNumberValue());
        assertEquals(Value.KindCase.NULL_VALUE, request.getInstances(1).getStructValue().getFieldsMap().get("absent").getKindCase());
        assertEquals(5.0, request.getParameters().getStructValue().getFieldsMap().get("top_n").getNumberValue());
    }

    @Test
    void writesAtANestedPredictionPathCreatingTheRecordsOnTheWay() throws Exception {
        runner.setProperty(ScoreVertexAI.PREDICTION_PATH, "/model/output");
        runner.enqueue(records("a", 2));
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_SUCCESS, 1);
        final JsonNode record = content(runner.getFlowFilesForRelationship(ScoreVertexAI.REL_SUCCESS).get(0)).get(1);
        assertEquals("a-1", record.at("/model/output/echo/id").asText());
    }

    @Test
    void packsRecordsOfManySmallFlowFilesIntoFullRequestsByCount() throws Exception {
        runner.setProperty(ScoreVertexAI.MAX_BATCH_SIZE, "100");
        for (int f = 0; f < 5; f++) {
            runner.enqueue(records("f" + f, 30));
        }
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_SUCCESS, 5);
        // Concurrent requests may arrive in either order.
        assertEquals(List.of(50, 100), server.received.stream().map(PredictRequest::getInstancesCount).sorted().toList());
        final List<MockFlowFile> out = runner.getFlowFilesForRelationship(ScoreVertexAI.REL_SUCCESS);
        for (final MockFlowFile flowFile : out) {
            final JsonNode records = content(flowFile);
            final String prefix = records.get(0).get("id").asText().split("-")[0];
            for (int i = 0; i < 30; i++) {
                assertEquals(prefix + "-" + i, records.get(i).at("/prediction/echo/id").asText());
            }
        }
        // f0..f2 fill the first request, f3 straddles both, f4 is in the second.
        assertEquals(List.of("1", "1", "1", "2", "1"), out.stream()
                .sorted((a, b) -> Long.compare(a.getId(), b.getId()))
                .map(f -> f.getAttribute(ScoreVertexAI.ATTR_REQUEST_COUNT)).toList());
    }

    @Test
    void keepsEverySerializedRequestUnderMaxRequestSize() throws Exception {
        runner.setProperty(ScoreVertexAI.MAX_BATCH_SIZE, "1000");
        runner.setProperty(ScoreVertexAI.MAX_REQUEST_SIZE, "2 KB");
        for (int f = 0; f < 3; f++) {
            runner.enqueue(records("flowfile" + f, 40));
        }
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_SUCCESS, 3);
        assertTrue(server.received.size() > 1);
        for (final PredictRequest request : server.received) {
            assertTrue(request.getSerializedSize() <= 2048, "request of " + request.getSerializedSize() + " bytes");
        }
        assertEquals(120, server.receivedInstances().size());
    }

    @Test
    void sendsAFlowFileWithAnOversizeRecordToFailureWholeWithoutSendingItAndScoresTheOthers() throws Exception {
        runner.setProperty(ScoreVertexAI.MAX_REQUEST_SIZE, "1 KB");
        runner.enqueue(records("ok", 3));
        runner.enqueue("[{\"id\":\"small\"},{\"id\":\"" + "x".repeat(2_000) + "\"}]");
        runner.run();

        runner.assertTransferCount(ScoreVertexAI.REL_SUCCESS, 1);
        runner.assertTransferCount(ScoreVertexAI.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(ScoreVertexAI.REL_FAILURE).get(0);
        failed.assertAttributeEquals(ScoreVertexAI.ATTR_ERROR_CODE, "OVERSIZE_RECORD");
        assertTrue(failed.getAttribute(ScoreVertexAI.ATTR_ERROR_MESSAGE).contains("Record 2"));
        assertTrue(failed.getContent().startsWith("[{\"id\":\"small\"}"), "original content");
        assertEquals(3, server.receivedInstances().size(), "nothing of the oversize FlowFile was sent");
    }

    @Test
    void keepsMaxConcurrentRequestsInFlightAsObservedByTheServer() throws Exception {
        server.latencyMillis = 150;
        runner.setProperty(ScoreVertexAI.MAX_BATCH_SIZE, "10");
        runner.setProperty(ScoreVertexAI.MAX_CONCURRENT_REQUESTS, "4");
        runner.enqueue(records("a", 120));
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_SUCCESS, 1);
        assertEquals(12, server.received.size());
        assertEquals(4, server.maxInFlight.get(), "the server saw exactly Max Concurrent Requests at once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESOURCE_EXHAUSTED", "UNAVAILABLE", "DEADLINE_EXCEEDED", "INTERNAL", "ABORTED"})
    void recoversWhenARetryableCodeClearsWithinMaxRetries(final String code) throws Exception {
        runner.setProperty(ScoreVertexAI.MAX_RETRIES, "3");
        for (int i = 0; i < 3; i++) {
            server.scriptedFailures.add(Status.fromCode(Status.Code.valueOf(code)).withDescription("try later"));
        }
        runner.enqueue(records("a", 5));
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_SUCCESS, 1);
        assertEquals(4, server.attempts.get(), "fails 3 times, then answers: succeeds with Max Retries 3");
        assertEquals(3, runner.getCounterValue(ScoreVertexAI.COUNTER_RETRIES));
        assertEquals(4, runner.getCounterValue(ScoreVertexAI.COUNTER_REQUESTS));
        runner.getFlowFilesForRelationship(ScoreVertexAI.REL_SUCCESS).get(0).assertAttributeEquals(ScoreVertexAI.ATTR_REQUEST_COUNT, "1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESOURCE_EXHAUSTED", "UNAVAILABLE", "DEADLINE_EXCEEDED", "INTERNAL", "ABORTED"})
    void routesToRetryPenalizedWithTheOriginalWhenRetriesAreExhausted(final String code) throws Exception {
        runner.setProperty(ScoreVertexAI.MAX_RETRIES, "3");
        server.failWhen = request -> Status.fromCode(Status.Code.valueOf(code)).withDescription("still busy");
        final String input = records("a", 5);
        runner.enqueue(input);
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_RETRY, 1);
        final MockFlowFile retry = runner.getFlowFilesForRelationship(ScoreVertexAI.REL_RETRY).get(0);
        retry.assertContentEquals(input);
        retry.assertAttributeEquals(ScoreVertexAI.ATTR_ERROR_CODE, code);
        retry.assertAttributeEquals(ScoreVertexAI.ATTR_ERROR_MESSAGE, "still busy");
        assertTrue(retry.isPenalized());
        assertEquals(4, server.attempts.get(), "the first attempt and 3 retries");
        assertEquals(1, runner.getCounterValue(ScoreVertexAI.COUNTER_FAILURES));
        assertTrue(runner.getQueueSize().getObjectCount() == 0, "never rolled back into the input queue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID_ARGUMENT", "PERMISSION_DENIED", "NOT_FOUND", "UNAUTHENTICATED", "FAILED_PRECONDITION",
        "OUT_OF_RANGE", "UNIMPLEMENTED", "ALREADY_EXISTS", "CANCELLED", "UNKNOWN", "DATA_LOSS"})
    void routesANonRetryableCodeToFailureAtOnce(final String code) throws Exception {
        server.failWhen = request -> Status.fromCode(Status.Code.valueOf(code)).withDescription("refused: " + code);
        final String input = records("a", 5);
        runner.enqueue(input);
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(ScoreVertexAI.REL_FAILURE).get(0);
        failed.assertContentEquals(input);
        failed.assertAttributeEquals(ScoreVertexAI.ATTR_ERROR_CODE, code);
        failed.assertAttributeEquals(ScoreVertexAI.ATTR_ERROR_MESSAGE, "refused: " + code);
        assertFalse(failed.isPenalized());
        assertEquals(1, server.attempts.get(), "never retried");
    }

    @Test
    void anUnknownEndpointIsNotFoundAsTheServiceSaysIt() throws Exception {
        runner.setProperty(ScoreVertexAI.ENDPOINT_ID, "999");
        runner.enqueue(records("a", 1));
        runner.run();

        final MockFlowFile failed = runner.getFlowFilesForRelationship(ScoreVertexAI.REL_FAILURE).get(0);
        failed.assertAttributeEquals(ScoreVertexAI.ATTR_ERROR_CODE, "NOT_FOUND");
        assertTrue(failed.getAttribute(ScoreVertexAI.ATTR_ERROR_MESSAGE).contains("endpoints/999"));
    }

    @Test
    void aResponseWithTheWrongNumberOfPredictionsIsAFailure() throws Exception {
        server.extraPredictions = 1;
        runner.enqueue(records("a", 4));
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(ScoreVertexAI.REL_FAILURE).get(0);
        failed.assertAttributeEquals(ScoreVertexAI.ATTR_ERROR_CODE, RequestFailure.PREDICTION_COUNT_MISMATCH);
        assertEquals("Vertex AI returned 5 predictions for 4 instances: predictions cannot be matched to records",
                failed.getAttribute(ScoreVertexAI.ATTR_ERROR_MESSAGE));
        assertEquals(1, server.attempts.get());
    }

    @Test
    void aFailedRequestAffectsOnlyTheFlowFilesWithRecordsInIt() throws Exception {
        runner.setProperty(ScoreVertexAI.MAX_BATCH_SIZE, "10");
        server.failWhen = request -> request.getInstancesList().stream()
                .anyMatch(v -> v.getStructValue().getFieldsMap().get("id").getStringValue().startsWith("bad-"))
                ? Status.INVALID_ARGUMENT.withDescription("bad instance") : null;
        runner.enqueue(records("good1", 10));
        runner.enqueue(records("bad", 10));
        runner.enqueue(records("good2", 10));
        runner.run();

        runner.assertTransferCount(ScoreVertexAI.REL_SUCCESS, 2);
        runner.assertTransferCount(ScoreVertexAI.REL_FAILURE, 1);
        assertTrue(runner.getFlowFilesForRelationship(ScoreVertexAI.REL_FAILURE).get(0).getContent().contains("bad-0"));
    }

    @Test
    void aRequestThatOutlivesRequestTimeoutIsADeadlineExceededAndRetried() throws Exception {
        server.latencyMillis = 2_000;
        runner.setProperty(ScoreVertexAI.REQUEST_TIMEOUT, "200 ms");
        runner.setProperty(ScoreVertexAI.MAX_RETRIES, "1");
        runner.enqueue(records("a", 2));
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_RETRY, 1);
        runner.getFlowFilesForRelationship(ScoreVertexAI.REL_RETRY).get(0).assertAttributeEquals(ScoreVertexAI.ATTR_ERROR_CODE, "DEADLINE_EXCEEDED");
        assertEquals(2, server.attempts.get());
    }

    @Test
    void aServerThatNeverAnswersEndsInRetryAndTheTriggerReturns() throws Exception {
        server.hang = true;
        runner.setProperty(ScoreVertexAI.REQUEST_TIMEOUT, "300 ms");
        runner.setProperty(ScoreVertexAI.MAX_RETRIES, "2");
        runner.enqueue(records("a", 2));
        runner.enqueue(records("b", 2));
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_RETRY, 2);
        assertEquals(3, server.attempts.get());
        assertEquals(0, server.answered.get());
    }

    @Test
    void aServerDownAtStartRoutesToRetryAndTheNextTriggerSucceedsOnceItIsUp() throws Exception {
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        final TestRunner down = runnerFor("127.0.0.1:" + port);
        down.setProperty(ScoreVertexAI.MAX_RETRIES, "1");
        try {
            down.enqueue(records("a", 2));
            down.run(1, false, true);
            down.assertAllFlowFilesTransferred(ScoreVertexAI.REL_RETRY, 1);
            down.getFlowFilesForRelationship(ScoreVertexAI.REL_RETRY).get(0).assertAttributeEquals(ScoreVertexAI.ATTR_ERROR_CODE, "UNAVAILABLE");

            try (FakePredictionServer late = FakePredictionServer.loopback(port)) {
                // As in a flow that loops retry back: the same client reconnects by itself once the server is up.
                for (int trigger = 0; trigger < 100 && down.getFlowFilesForRelationship(ScoreVertexAI.REL_SUCCESS).isEmpty(); trigger++) {
                    down.clearTransferState();
                    down.enqueue(records("b", 2));
                    down.run(1, false, false);
                    if (down.getFlowFilesForRelationship(ScoreVertexAI.REL_SUCCESS).isEmpty()) {
                        down.assertAllFlowFilesTransferred(ScoreVertexAI.REL_RETRY, 1);
                        Thread.sleep(200);
                    }
                }
                down.assertAllFlowFilesTransferred(ScoreVertexAI.REL_SUCCESS, 1);
                assertEquals(2, late.receivedInstances().size());
            }
        } finally {
            down.shutdown();
        }
    }

    @Test
    void unreadableContentGoesToFailureAlone() throws Exception {
        runner.enqueue("{ not json");
        runner.enqueue(records("a", 2));
        runner.run();

        runner.assertTransferCount(ScoreVertexAI.REL_SUCCESS, 1);
        runner.assertTransferCount(ScoreVertexAI.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(ScoreVertexAI.REL_FAILURE).get(0).assertAttributeEquals(ScoreVertexAI.ATTR_ERROR_CODE, "UNREADABLE_CONTENT");
    }

    @Test
    void aPredictionPathThroughANonRecordFieldSendsNothingAndFails() throws Exception {
        runner.setProperty(ScoreVertexAI.PREDICTION_PATH, "/id/prediction");
        runner.enqueue(records("a", 2));
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(ScoreVertexAI.REL_FAILURE).get(0).assertAttributeEquals(ScoreVertexAI.ATTR_ERROR_CODE, "INVALID_PREDICTION_PATH");
        assertEquals(0, server.attempts.get());
    }

    @Test
    void anEmptyFlowFileSucceedsWithoutARequest() throws Exception {
        runner.enqueue("[]");
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(ScoreVertexAI.REL_SUCCESS).get(0).assertAttributeEquals("record.count", "0");
        assertEquals(0, server.attempts.get());
    }

    @Test
    void aFlowFileWhoseEndpointExpressionIsEmptyFailsAloneWithTheReason() throws Exception {
        runner.setProperty(ScoreVertexAI.ENDPOINT_ID, "${endpoint.id}");
        runner.enqueue(records("a", 1), Map.of("endpoint.id", FakePredictionServer.ENDPOINT_ID));
        runner.enqueue(records("b", 1));
        runner.run();

        runner.assertTransferCount(ScoreVertexAI.REL_SUCCESS, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(ScoreVertexAI.REL_FAILURE).get(0);
        failed.assertAttributeEquals(ScoreVertexAI.ATTR_ERROR_CODE, "INVALID_CONFIGURATION");
        assertTrue(failed.getAttribute(ScoreVertexAI.ATTR_ERROR_MESSAGE).contains("Endpoint ID"));
    }

    @Test
    void theFullEndpointNameIsAnAlternativeToItsParts() throws Exception {
        runner.removeProperty(ScoreVertexAI.PROJECT_ID);
        runner.removeProperty(ScoreVertexAI.ENDPOINT_ID);
        runner.setProperty(ScoreVertexAI.ENDPOINT, FakePredictionServer.ENDPOINT);
        runner.enqueue(records("a", 1));
        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_SUCCESS, 1);
        assertEquals(FakePredictionServer.ENDPOINT, server.received.get(0).getEndpoint());
    }

    @Test
    void sendsNoCredentialsOverPlaintext() throws Exception {
        runner.enqueue(records("a", 1));
        runner.run();
        assertEquals(List.of(""), server.authorizations);
    }

    @Test
    void validatesTheConnectionAndCredentialProperties() throws Exception {
        runner.assertValid();
        runner.setProperty(ScoreVertexAI.SERVICE_ACCOUNT_JSON, "{\"type\": \"service_account\", \"private_key\": \"SECRET-MATERIAL\"");
        runner.assertNotValid();
        final String explanation = String.join(" ", ((MockProcessContext) runner.getProcessContext()).validate().stream()
                .map(ValidationResult::getExplanation).toList());
        assertTrue(explanation.contains("is not valid JSON"), explanation);
        assertFalse(explanation.contains("SECRET-MATERIAL"), "a key is never quoted");
        runner.removeProperty(ScoreVertexAI.SERVICE_ACCOUNT_JSON);

        runner.setProperty(ScoreVertexAI.SERVICE_ACCOUNT_JSON, TestKeys.serviceAccountJson());
        runner.assertNotValid(); // plaintext sends no credentials
        runner.setProperty(ScoreVertexAI.USE_PLAINTEXT, "false");
        runner.assertValid();
        runner.setProperty(ScoreVertexAI.SERVICE_ACCOUNT_JSON_FILE, "/nonexistent/key.json");
        runner.assertNotValid();
        runner.removeProperty(ScoreVertexAI.SERVICE_ACCOUNT_JSON_FILE);

        runner.setProperty(ScoreVertexAI.ENDPOINT, FakePredictionServer.ENDPOINT);
        runner.assertNotValid(); // Endpoint together with Project ID and Endpoint ID
        runner.removeProperty(ScoreVertexAI.PROJECT_ID);
        runner.removeProperty(ScoreVertexAI.ENDPOINT_ID);
        runner.assertValid();
        runner.setProperty(ScoreVertexAI.ENDPOINT, "endpoints/1");
        runner.assertNotValid();
        runner.setProperty(ScoreVertexAI.ENDPOINT, FakePredictionServer.ENDPOINT);
        runner.setProperty(ScoreVertexAI.PARAMETERS, "{top_n: }");
        runner.assertNotValid();
        runner.setProperty(ScoreVertexAI.PARAMETERS, "{\"top_n\": 3}");
        runner.setProperty(ScoreVertexAI.PREDICTION_PATH, "prediction[0]");
        runner.assertNotValid();
    }

    @Test
    void verifyReportsThatTheEndpointAnswers() {
        final List<org.apache.nifi.components.ConfigVerificationResult> results =
                ((ScoreVertexAI) runner.getProcessor()).verify(runner.getProcessContext(), runner.getLogger(), Map.of());
        assertEquals(3, results.size(), results.toString());
        results.forEach(r -> assertEquals(org.apache.nifi.components.ConfigVerificationResult.Outcome.SUCCESSFUL, r.getOutcome(), r.toString()));
        assertTrue(results.get(2).getExplanation().contains("Empty instances"), results.get(2).getExplanation());
    }

    @Test
    void verifyNamesAnUnknownEndpointAndADownServer() throws Exception {
        runner.setProperty(ScoreVertexAI.ENDPOINT_ID, "999");
        List<org.apache.nifi.components.ConfigVerificationResult> results =
                ((ScoreVertexAI) runner.getProcessor()).verify(runner.getProcessContext(), runner.getLogger(), Map.of());
        assertEquals(org.apache.nifi.components.ConfigVerificationResult.Outcome.FAILED, results.get(2).getOutcome());
        assertTrue(results.get(2).getExplanation().startsWith("NOT_FOUND"), results.get(2).getExplanation());

        server.close();
        runner.setProperty(ScoreVertexAI.ENDPOINT_ID, FakePredictionServer.ENDPOINT_ID);
        results = ((ScoreVertexAI) runner.getProcessor()).verify(runner.getProcessContext(), runner.getLogger(), Map.of());
        assertEquals(org.apache.nifi.components.ConfigVerificationResult.Outcome.FAILED, results.get(2).getOutcome());
        assertTrue(results.get(2).getExplanation().startsWith("UNAVAILABLE"), results.get(2).getExplanation());
        server = FakePredictionServer.loopback();
    }

    @Test
    void outputRecordCountsAreConservedAcrossRelationships() throws Exception {
        runner.setProperty(ScoreVertexAI.MAX_BATCH_SIZE, "7");
        runner.setProperty(ScoreVertexAI.MAX_RETRIES, "0");
        server.failWhen = request -> request.getInstancesList().stream()
                .anyMatch(v -> v.getStructValue().getFieldsMap().get("n").getNumberValue() == 13.0)
                ? Status.UNAVAILABLE.withDescription("flaky") : null;
        for (int f = 0; f < 6; f++) {
            runner.enqueue(records("f" + f, 20));
        }
        runner.run();

        int records = 0;
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(ScoreVertexAI.REL_SUCCESS)) {
            records += content(flowFile).size();
        }
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(ScoreVertexAI.REL_RETRY)) {
            records += JSON.readTree(flowFile.getContent().getBytes(StandardCharsets.UTF_8)).size();
        }
        assertEquals(120, records);
        assertNotNull(runner.getFlowFilesForRelationship(ScoreVertexAI.REL_RETRY).get(0));
    }

    /** A JSON reader that counts the FlowFiles it is asked to read. */
    public static final class CountingJsonTreeReader extends JsonTreeReader {
        final AtomicInteger flowFilesRead = new AtomicInteger();

        @Override
        public RecordReader createRecordReader(final Map<String, String> variables, final InputStream in, final long inputLength,
                                               final ComponentLog logger) throws IOException, MalformedRecordException, SchemaNotFoundException {
            flowFilesRead.incrementAndGet();
            return super.createRecordReader(variables, in, inputLength, logger);
        }
    }

    @Test
    void readsOnlyTwoRequestsPerSlotAheadOfTheWireNotTheWholeFlowFileBatch() throws Exception {
        final CountingJsonTreeReader reader = new CountingJsonTreeReader();
        runner.addControllerService("counting", reader);
        runner.enableControllerService(reader);
        runner.setProperty(ScoreVertexAI.RECORD_READER, "counting");
        runner.setProperty(ScoreVertexAI.MAX_CONCURRENT_REQUESTS, "1");
        runner.setProperty(ScoreVertexAI.MAX_BATCH_SIZE, "1");
        runner.setProperty(ScoreVertexAI.FLOWFILE_BATCH_SIZE, "20");
        server.latencyMillis = 20;
        final List<Integer> readWhenAnswering = new CopyOnWriteArrayList<>();
        server.model = instance -> {
            readWhenAnswering.add(reader.flowFilesRead.get());
            return FakePredictionServer.echo(instance);
        };
        for (int i = 0; i < 20; i++) {
            runner.enqueue(records("f" + i, 1));
        }

        runner.run();

        runner.assertAllFlowFilesTransferred(ScoreVertexAI.REL_SUCCESS, 20);
        assertEquals(20, readWhenAnswering.size());
        // While request k is answered, k requests are done and one is on the wire: at most two more may wait,
        // so at most k + 3 FlowFiles (of one record, one request each) have been read. Reading the whole batch
        // first would show 20 at once.
        for (int k = 0; k < readWhenAnswering.size(); k++) {
            assertTrue(readWhenAnswering.get(k) <= k + 3,
                    "request " + k + " was answered with " + readWhenAnswering.get(k) + " FlowFiles read: " + readWhenAnswering);
        }
    }
}

