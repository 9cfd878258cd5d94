package io.nifidataflow.local.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidataflow.local.predictor.LocalPredictionServer;
import io.nifidataflow.local.predictor.RecommendationModel;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recommendation branch of recommendations-local, processor by processor in nifi-mock, each configured from the flow
 * file with its real services: GenerateClickstream -> Enrich Events -> Select Views and Carts (NiFi's QueryRecord over
 * the nested enriched records) -> Score Recommendations against the real local prediction server. No NiFi boot: the
 * connections are the test handing each step's output to the next.
 */
class RecommendationsLocalStepsTest {

    private static final Path FLOW = FlowTemplates.ROOT.resolve("ecommerce").resolve("recommendations-local.json");
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path lookups;

    @Test
    void generatedEventsAreEnrichedFilteredToViewsAndCartsAndScored() throws Exception {
        final RegisteredFlowSnapshot flow = FlowTemplates.read(FLOW);
        final Map<String, String> parameters = FlowTemplates.parameters(flow).entrySet().stream()
                .filter(entry -> entry.getValue().getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().getValue()));
        writeLookups(Integer.parseInt(parameters.get("Products")));

        try (LocalPredictionServer server = LocalPredictionServer.start(0, RecommendationModel.of(
                Integer.parseInt(parameters.get("Products")), Integer.parseInt(parameters.get("Categories")), Long.parseLong(parameters.get("Seed"))))) {
            final Map<String, String> overrides = Map.of("Events per Second", "0", "Records per FlowFile", "2000",
                    "Start Time", "2026-01-01T00:00:00Z", "Prediction Endpoint", server.apiEndpoint());

            final TestRunner generate = FlowRunners.runner(flow, FlowRunners.processor(flow, "Generate Clickstream"), lookups, overrides);
            generate.run();
            final MockFlowFile events = generate.getFlowFilesForRelationship("success").getFirst();

            final TestRunner enrich = FlowRunners.runner(flow, FlowRunners.processor(flow, "Enrich Events"), lookups, overrides);
            enrich.enqueue(events.toByteArray(), events.getAttributes());
            enrich.run();
            assertEquals(1, enrich.getFlowFilesForRelationship("success").size(), () -> "enrich: failure "
                    + enrich.getFlowFilesForRelationship("failure").size() + ", invalid " + enrich.getFlowFilesForRelationship("invalid").size()
                    + ", errors " + enrich.getLogger().getErrorMessages() + ", generated " + generate.getFlowFilesForRelationship("success").size());
            final MockFlowFile enriched = enrich.getFlowFilesForRelationship("success").getFirst();
            final List<JsonNode> enrichedRecords = records(enriched);
            final long viewsAndCarts = enrichedRecords.stream()
                    .filter(record -> List.of("view", "add_to_cart").contains(record.path("event_type").asText())).count();
            assertTrue(viewsAndCarts > 0 && viewsAndCarts < enrichedRecords.size(), viewsAndCarts + " of " + enrichedRecords.size());

            final TestRunner select = FlowRunners.runner(flow, FlowRunners.processor(flow, "Select Views and Carts"), lookups, overrides);
            select.enqueue(enriched.toByteArray(), enriched.getAttributes());
            select.run();
            select.assertTransferCount("failure", 0);
            final MockFlowFile selected = select.getFlowFilesForRelationship("views and carts").getFirst();
            final List<JsonNode> selectedRecords = records(selected);
            assertEquals(viewsAndCarts, selectedRecords.size());
            final JsonNode first = selectedRecords.getFirst();
            assertTrue(first.path("history").path("recent_products").isArray(), "nested history survives QueryRecord: " + first);
            assertTrue(first.path("product").has("category"), "the product lookup's record survives QueryRecord: " + first);

            final TestRunner score = FlowRunners.runner(flow, FlowRunners.processor(flow, "Score Recommendations"), lookups, overrides);
            score.enqueue(selected.toByteArray(), selected.getAttributes());
            score.run();
            score.assertAllFlowFilesTransferred("success", 1);
            final List<JsonNode> scored = records(score.getFlowFilesForRelationship("success").getFirst());
            assertEquals(viewsAndCarts, scored.size());
            for (final JsonNode record : scored) {
                assertFalse(record.path("recommendations").path("recommendations").isEmpty(), record.toString());
            }
        }
    }

    private List<JsonNode> records(final MockFlowFile flowFile) throws IOException {
        final List<JsonNode> records = new ArrayList<>();
        for (final String line : flowFile.getContent().split("\n")) {
            if (!line.isBlank()) {
                records.add(mapper.readTree(line));
            }
        }
        return records;
    }

    /** Customers and products with the ids GenerateClickstream uses, in the columns the flow's lookups name. */
    private void writeLookups(final int products) throws IOException {
        final StringBuilder customers = new StringBuilder("user_id,tier\n");
        for (int user = 0; user < 40_000; user++) {
            customers.append(String.format(java.util.Locale.ROOT, "u-%06d,%s%n", user, user % 3 == 0 ? "gold" : "silver"));
        }
        Files.writeString(lookups.resolve("user_id.csv"), customers, StandardCharsets.UTF_8);
        final StringBuilder catalog = new StringBuilder("product_id,category\n");
        for (int product = 0; product < products; product++) {
            catalog.append(io.nifidataflow.clickstream.Catalog.productId(product)).append(",c-").append(product % 20).append('\n');
        }
        Files.writeString(lookups.resolve("product_id.csv"), catalog, StandardCharsets.UTF_8);
    }
}
