package io.nifidataflow.local.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidataflow.clickstream.Catalog;
import io.nifidataflow.local.api.Counter;
import io.nifidataflow.local.flow.FlowDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPipelineTest {

    private static final Path TEMPLATES = Path.of("..", "flow-templates");

    @TempDir
    Path directory;

    @Test
    void recommendationsLocalGetsLookupsFromTheGeneratorsCatalogFoldersAndARunningPredictionServer() throws Exception {
        final FlowDefinition template = FlowDefinition.read(TEMPLATES.resolve("ecommerce/recommendations-local.json"));
        try (LocalPipeline pipeline = LocalPipeline.prepare(template, Map.of("Users", "1000", "Products", "60", "Categories", "6"), directory)) {
            final Map<String, String> parameters = pipeline.flow().parameters();
            assertEquals("1000", parameters.get("Users"), "the user's settings are applied");
            assertEquals(pipeline.predictor().apiEndpoint(), parameters.get(LocalPipeline.PREDICTION_ENDPOINT));
            assertTrue(pipeline.predictor().port() > 0);

            final List<String> customers = Files.readAllLines(Path.of(parameters.get(LocalPipeline.CUSTOMER_FILE)), StandardCharsets.UTF_8);
            assertEquals("user_id,tier,lifetime_value,orders", customers.getFirst());
            assertEquals(1000 + 1, customers.size(), "every user the generator can name");
            assertTrue(customers.get(1).startsWith("u-000000,") && customers.getLast().startsWith("u-000999,"));

            final List<String> products = Files.readAllLines(Path.of(parameters.get(LocalPipeline.PRODUCT_FILE)), StandardCharsets.UTF_8);
            final Catalog catalog = new Catalog(60, 6, Long.parseLong(parameters.get("Seed")));
            assertEquals(61, products.size());
            final Catalog.Product first = catalog.products().getFirst();
            assertTrue(products.get(1).startsWith(first.id() + "," + first.category() + ","), products.get(1));

            for (final String folder : List.of(LocalPipeline.WAREHOUSE_DIRECTORY, LocalPipeline.RECOMMENDATIONS_DIRECTORY)) {
                final Path path = Path.of(parameters.get(folder));
                assertTrue(path.isAbsolute() && Files.isDirectory(path), folder + ": " + path);
            }
        }
    }

    @Test
    void dailyBatchGetsYesterdayAsOneJsonLinesFileAndNoPredictionServer() throws Exception {
        final FlowDefinition template = FlowDefinition.read(TEMPLATES.resolve("daily-batch/daily-batch.json"));
        try (LocalPipeline pipeline = LocalPipeline.prepare(template, Map.of(), directory)) {
            assertNull(pipeline.predictor());
            assertNull(pipeline.recommendations());
            assertNotNull(pipeline.input());
            final List<Path> files;
            try (var listing = Files.list(pipeline.input())) {
                files = listing.toList();
            }
            final LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
            assertEquals(List.of(pipeline.input().resolve("clickstream-" + yesterday + ".jsonl")), files, "no partial file left");
            final Instant start = yesterday.atStartOfDay(ZoneOffset.UTC).toInstant();
            final Instant end = start.plusSeconds(86_400);
            final ObjectMapper mapper = new ObjectMapper();
            long inDay = 0;
            final List<String> lines = Files.readAllLines(files.getFirst(), StandardCharsets.UTF_8);
            for (final String line : lines) {
                final JsonNode event = mapper.readTree(line);
                try {
                    final Instant time = Instant.parse(event.path("event_time").asText());
                    if (!time.isBefore(start) && time.isBefore(end)) {
                        inDay++;
                    }
                } catch (final java.time.format.DateTimeParseException malformed) {
                    // malformed records carry broken times on purpose
                }
            }
            // 400 users: one event a second of event time, so about a day's 86,400, nearly all inside the day.
            assertTrue(lines.size() > 80_000 && lines.size() < 95_000, "events: " + lines.size());
            assertTrue(inDay > lines.size() * 0.98, inDay + " of " + lines.size() + " in " + yesterday);
        }
    }

    @Test
    void statusSumsCountersPerComponentAndGivesRatesBetweenSnapshots() {
        final List<Counter> first = List.of(new Counter("Generate (1)", "Events Generated", 100),
                new Counter("All GenerateClickstream's", "Events Generated", 100),
                new Counter("Trending (2)", "Panes Fired ON_TIME", 3), new Counter("Sessions (3)", "Panes Fired LATE", 2));
        final List<Counter> second = List.of(new Counter("Generate (1)", "Events Generated", 300),
                new Counter("All GenerateClickstream's", "Events Generated", 300));
        final PipelineStatus before = PipelineStatus.of(first, 0);
        assertEquals(100, before.generated(), "the All total is not counted twice");
        assertEquals(5, before.windows(), "panes of every timing");
        final PipelineStatus after = PipelineStatus.of(second, 2_000_000_000L);
        assertTrue(after.render(before).startsWith("Pipeline: generated 300 (100/s) |"), after.render(before));
        assertTrue(before.render(null).startsWith("Pipeline: generated 100 |"), before.render(null));
    }
}
