package io.nifidataflow.local.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidataflow.local.RunningNiFi;
import io.nifidataflow.local.api.NiFiRestClient;
import io.nifidataflow.local.api.Poll;
import io.nifidataflow.local.api.Processor;
import io.nifidataflow.local.api.QueuedFlowFile;
import io.nifidataflow.local.flow.FlowDefinition;
import io.nifidataflow.local.predictor.LocalPredictionServer;
import io.nifidataflow.local.predictor.RecommendationModel;
import io.nifidataflow.local.predictor.RecommendationService;
import io.nifidataflow.local.runtime.LocalNiFi;
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
    private static final Path TEMPLATE = RunningNiFi.flowTemplate("ecommerce", "clickstream-recommendations.json");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PRODUCTS = 500;
    private static final int CATEGORIES = 12;
    private static final long SEED = 7;
    private static final int TOP_N = 4;
    private static final int FLOWFILES_TO_READ = 3;

    private final ObjectMapper mapper = new ObjectMapper();
    private LocalPredictionServer predictor;
    private RunningNiFi running;
    private LocalNiFi nifi;
    private NiFiRestClient client;

    @BeforeAll
    void start() throws Exception {
        predictor = LocalPredictionServer.start(0, RecommendationModel.of(PRODUCTS, CATEGORIES, SEED));
        running = RunningNiFi.start("score-vertex-ai-it", TIMEOUT);
        nifi = running.nifi();
        client = running.client();
    }

    @AfterAll
    void stop() throws Exception {
        if (running != null) {
            running.close();
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
        final Processor generator = running.processor(groupId, GENERATE_CLICKSTREAM);
        final Processor enrich = running.processor(groupId, ENRICH_EVENT);
        final Processor score = running.processor(groupId, SCORE_VERTEX_AI);
        client.enableControllerServices(groupId, TIMEOUT);
        client.startProcessGroup(groupId, TIMEOUT);

        Poll.until(FLOWFILES_TO_READ + " scored FlowFiles", TIMEOUT,
                () -> running.queued(groupId, "scored events") >= FLOWFILES_TO_READ ? Optional.of(true) : Optional.empty(),
                () -> nifi.applicationLogTail(30));
        running.setRunStatus(generator.id(), "STOPPED");
        Poll.until("everything generated to be enriched and scored", TIMEOUT,
                () -> running.queued(groupId, "clickstream events") == 0 && running.queued(groupId, "enriched events") == 0 && running.queued(groupId, "scoring retries") == 0
                        ? Optional.of(true) : Optional.empty(),
                () -> nifi.applicationLogTail(30));
        client.stopProcessGroup(groupId, TIMEOUT);

        final List<QueuedFlowFile> scored = client.queues().read(running.connection(groupId, "scored events").id(), FLOWFILES_TO_READ, TIMEOUT);
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

        final long enriched = running.counter(enrich.id(), "Records Enriched");
        final long predicted = running.counter(score.id(), "Vertex AI Instances Predicted");
        assertTrue(enriched > 0);
        assertEquals(enriched, predicted, "every enriched record scored once");
        assertEquals(enriched, predictor.service().instances(), "and seen once by the prediction server");
        assertEquals(0, running.queued(groupId, "scoring failures"));
        assertEquals(0, running.counter(score.id(), "Vertex AI Failed Requests"));
        assertEquals(enriched, running.recordsQueued(groupId, "scored events"));
    }

}
