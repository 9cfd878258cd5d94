package io.nifidataflow.local.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifidataflow.local.api.Connection;
import io.nifidataflow.local.api.Counter;
import io.nifidataflow.local.api.NiFiRestClient;
import io.nifidataflow.local.api.Poll;
import io.nifidataflow.local.api.Processor;
import io.nifidataflow.local.api.QueuedFlowFile;
import io.nifidataflow.local.flow.FlowDefinition;
import io.nifidataflow.local.predictor.LocalPredictionServer;
import io.nifidataflow.local.predictor.RecommendationModel;
import io.nifidataflow.local.predictor.RecommendationService;
import io.nifidataflow.local.runtime.LocalNiFi;
import io.nifidataflow.local.runtime.LocalNiFiSettings;
import io.nifidataflow.local.runtime.NiFiHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * ScoreVertexAI in a real NiFi, against the local prediction server standing in for a Vertex AI endpoint:
 * GenerateClickstream -> EnrichEvent -> ScoreVertexAI from {@code flow-templates/ecommerce/clickstream-recommendations.json}.
 * Every enriched event must come back with recommendations from the model, the deployed model named on its
 * FlowFile, and every enriched record scored exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ScoreVertexAISystemIT {

    private static final String GENERATE_CLICKSTREAM = "io.nifidataflow.clickstream.GenerateClickstream";
    private static final String ENRICH_EVENT = "io.nifidataflow.enrich.EnrichEvent";
    private static final String SCORE_VERTEX_AI = "io.nifidataflow.vertex.ScoreVertexAI";
    private static final Path TEMPLATE = Path.of(System.getProperty("nifi.local.flow.templates", "../flow-templates"))
            .resolve("ecommerce").resolve("clickstream-recommendations.json");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PRODUCTS = 500;
    private static final int CATEGORIES = 12;
    private static final long SEED = 7;
    private static final int TOP_N = 4;
    private static final int FLOWFILES_TO_READ = 3;

    private final ObjectMapper mapper = new ObjectMapper();
    private LocalPredictionServer predictor;
    private LocalNiFi nifi;
    private NiFiRestClient client;
    private HttpClient http;

    @BeforeAll
    void start() throws Exception {
        predictor = LocalPredictionServer.start(0, RecommendationModel.of(PRODUCTS, CATEGORIES, SEED));
        final Path work = Path.of(System.getProperty("nifi.local.test.work", "target/it-work")).resolve("score-vertex-ai-it");
        nifi = LocalNiFi.start(LocalNiFiSettings.of(NiFiHome.locate(), work));
        client = new NiFiRestClient(nifi.apiUri());
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    void stop() throws Exception {
        if (http != null) {
            http.close();
        }
        if (client != null) {
            client.close();
        }
        if (nifi != null) {
            nifi.close();
        }
        if (predictor != null) {
            predictor.close();
        }
    }

    @Test
    void enrichedEventsComeBackWithRecommendationsFromTheLocalPredictionServer() throws Exception {
        final FlowDefinition flow = FlowDefinition.read(TEMPLATE)
                .withParameters(Map.ofEntries(
                        Map.entry("Users", "200"),
                        Map.entry("Products", Integer.toString(PRODUCTS)),
                        Map.entry("Categories", Integer.toString(CATEGORIES)),
                        Map.entry("Seed", Long.toString(SEED)),
                        Map.entry("Start Time", "2026-01-01T00:00:00Z"),
                        Map.entry("Events per Second", "0"),
                        Map.entry("Records per FlowFile", "200"),
                        Map.entry("Duplicate Rate", "0.02"),
                        Map.entry("Malformed Rate", "0.02"),
                        Map.entry("Vertex API Endpoint", predictor.apiEndpoint()),
                        Map.entry("Recommendations per Event", Integer.toString(TOP_N))))
                .withParameterContextName("Clickstream Recommendations (system test)");
        final String groupId = client.importFlow("root", flow.name(), flow.toBytes());
        final Processor generator = processor(groupId, GENERATE_CLICKSTREAM);
        final Processor enrich = processor(groupId, ENRICH_EVENT);
        final Processor score = processor(groupId, SCORE_VERTEX_AI);
        client.enableControllerServices(groupId, TIMEOUT);
        client.startProcessGroup(groupId, TIMEOUT);

        Poll.until(FLOWFILES_TO_READ + " scored FlowFiles", TIMEOUT,
                () -> queued(groupId, "scored events") >= FLOWFILES_TO_READ ? Optional.of(true) : Optional.empty(),
                () -> nifi.applicationLogTail(30));
        setRunStatus(generator.id(), "STOPPED");
        Poll.until("everything generated to be enriched and scored", TIMEOUT,
                () -> queued(groupId, "clickstream events") == 0 && queued(groupId, "enriched events") == 0 && queued(groupId, "scoring retries") == 0
                        ? Optional.of(true) : Optional.empty(),
                () -> nifi.applicationLogTail(30));
        client.stopProcessGroup(groupId, TIMEOUT);

        final List<QueuedFlowFile> scored = client.queues().read(connection(groupId, "scored events").id(), FLOWFILES_TO_READ, TIMEOUT);
        int strategies = 0;
        for (final QueuedFlowFile flowFile : scored) {
            assertEquals(RecommendationService.DEPLOYED_MODEL_ID, flowFile.attribute("vertex.deployed.model.id"));
            assertEquals(RecommendationService.MODEL_VERSION_ID, flowFile.attribute("vertex.model.version.id"));
            assertTrue(Integer.parseInt(flowFile.attribute("vertex.request.count")) >= 1);
            final JsonNode records = mapper.readTree(flowFile.content());
            assertEquals(Integer.parseInt(flowFile.attribute("record.count")), records.size());
            for (final JsonNode record : records) {
                assertTrue(record.has("session_id") && record.has("history"), "enriched before scoring: " + record);
                final JsonNode prediction = record.get("recommendations");
                final JsonNode recommendations = prediction.get("recommendations");
                assertEquals(TOP_N, recommendations.size(), record.toString());
                final Set<String> seen = new HashSet<>();
                record.path("history").path("recent_products").forEach(id -> seen.add(id.asText()));
                if (record.hasNonNull("product_id")) {
                    seen.add(record.get("product_id").asText());
                }
                for (final JsonNode recommendation : recommendations) {
                    final String product = recommendation.get("product_id").asText();
                    assertTrue(product.matches("p-\\d{5}"), record.toString());
                    assertFalse(seen.contains(product), "never what the user has seen: " + record);
                    assertTrue(recommendation.get("score").isNumber(), record.toString());
                }
                if (RecommendationModel.CATEGORY_AFFINITY.equals(prediction.get("strategy").asText())) {
                    strategies++;
                }
            }
        }
        assertTrue(strategies > 0, "events with a product get recommendations from its category");

        final long enriched = counter(enrich.id(), "Records Enriched");
        final long predicted = counter(score.id(), "Vertex AI Instances Predicted");
        assertTrue(enriched > 0);
        assertEquals(enriched, predicted, "every enriched record scored once");
        assertEquals(enriched, predictor.service().instances(), "and seen once by the prediction server");
        assertEquals(0, queued(groupId, "scoring failures"));
        assertEquals(0, counter(score.id(), "Vertex AI Failed Requests"));
        assertEquals(enriched, recordsQueued(groupId, "scored events"));
    }

    private Processor processor(final String groupId, final String type) {
        return client.processors(groupId).stream().filter(processor -> type.equals(processor.type())).findFirst()
                .orElseThrow(() -> new AssertionError("the flow has no " + type));
    }

    private Connection connection(final String groupId, final String name) {
        return client.connections(groupId).stream().filter(connection -> name.equals(connection.name())).findFirst()
                .orElseThrow(() -> new AssertionError("the flow has no connection " + name));
    }

    private long queued(final String groupId, final String connectionName) {
        final String id = connection(groupId, connectionName).id();
        return client.status(groupId).connections().stream().filter(c -> c.id().equals(id)).mapToLong(c -> c.flowFilesQueued()).sum();
    }

    private long recordsQueued(final String groupId, final String connectionName) {
        final long flowFiles = queued(groupId, connectionName);
        return client.queues().read(connection(groupId, connectionName).id(), (int) flowFiles, TIMEOUT).stream()
                .mapToLong(flowFile -> Long.parseLong(flowFile.attribute("record.count"))).sum();
    }

    private long counter(final String componentId, final String name) {
        return client.counters().stream().filter(c -> c.belongsTo(componentId) && c.name().equals(name)).mapToLong(Counter::value).sum();
    }

    private void setRunStatus(final String processorId, final String state) {
        final JsonNode current = get("/processors/" + processorId);
        final ObjectNode request = mapper.createObjectNode();
        request.set("revision", current.path("revision"));
        request.put("state", state);
        send(HttpRequest.newBuilder(api("/processors/" + processorId + "/run-status")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(request.toString())));
        Poll.until("processor " + processorId + " to be " + state, TIMEOUT, () -> {
            final JsonNode entity = get("/processors/" + processorId);
            final boolean settled = state.equals(entity.path("component").path("state").asText())
                    && entity.path("status").path("aggregateSnapshot").path("activeThreadCount").asInt() == 0;
            return settled ? Optional.of(true) : Optional.empty();
        }, () -> nifi.applicationLogTail(20));
    }

    private JsonNode get(final String path) {
        return send(HttpRequest.newBuilder(api(path)).GET());
    }

    private JsonNode send(final HttpRequest.Builder request) {
        try {
            final HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError("NiFi answered " + response.statusCode() + ": " + response.body());
            }
            return mapper.readTree(response.body());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI api(final String path) {
        return URI.create(nifi.apiUri() + path);
    }
}
