package io.nifidataflow.local.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifidataflow.clickstream.Catalog;
import io.nifidataflow.clickstream.ClickEvent;
import io.nifidataflow.clickstream.ClickstreamGenerator;
import io.nifidataflow.clickstream.ClickstreamSettings;
import io.nifidataflow.local.OutputFiles;
import io.nifidataflow.local.RunningNiFi;
import io.nifidataflow.local.api.ControllerService;
import io.nifidataflow.local.api.Counter;
import io.nifidataflow.local.api.NiFiApiException;
import io.nifidataflow.local.api.NiFiRestClient;
import io.nifidataflow.local.api.Poll;
import io.nifidataflow.local.api.Processor;
import io.nifidataflow.local.api.ProcessGroupStatus;
import io.nifidataflow.local.flow.FlowDefinition;
import io.nifidataflow.local.runtime.LocalNiFi;
import io.nifidataflow.local.runtime.LocalNiFiSettings;
import io.nifidataflow.local.runtime.NiFiHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.nifi.util.FormatUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The whole {@code recommendations-local} flow, unchanged but for the parameters {@link LocalPipeline} sets, in a
 * real NiFi: a bounded run of generated events, then every number checked against the generator itself, replayed
 * in the test with the flow's settings. Also {@code recommendations-gcp} imported into the same NiFi, where its
 * Google Cloud processors have no NAR.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RecommendationsLocalSystemIT {

    private static final String GENERATE_CLICKSTREAM = "io.nifidataflow.clickstream.GenerateClickstream";
    private static final long EVENTS = 20_000;
    private static final String START_TIME = "2026-01-01T00:00:00Z";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private LocalNiFi nifi;
    private NiFiRestClient client;
    private LocalPipeline pipeline;

    @BeforeAll
    void start() throws Exception {
        final Path work = RunningNiFi.workDirectory("recommendations-local-it");
        nifi = LocalNiFi.start(LocalNiFiSettings.of(NiFiHome.locate(), work));
        client = new NiFiRestClient(nifi.apiUri());
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (nifi != null) {
            nifi.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void everyGeneratedEventIsStoredOnceAndScoredEventsGetRecommendations() throws Exception {
        // A fixed past Start Time makes the events reproducible here; unpaced, the generator writes a FlowFile a second.
        // Once the generator stops, the windows close as the idle watermark advances with the wall clock: short
        // windows and gaps keep that wait to about a minute instead of the flow's 30 min session gap.
        final FlowDefinition template = FlowDefinition.read(RunningNiFi.flowTemplate("ecommerce", "recommendations-local.json"));
        pipeline = LocalPipeline.prepare(template, Map.of("Start Time", START_TIME, "Events per Second", "0",
                        "Session Gap", "20 sec", "Trending Window Size", "1 min", "Trending Window Slide", "30 sec",
                        "Max Out-of-Orderness", "10 sec", "Idle Timeout", "5 sec"),
                nifi.workDirectory().root().resolve("pipeline"));
        final FlowDefinition flow = pipeline.flow();
        final long started = System.nanoTime();
        final String groupId = client.importFlow("root", flow.name(), flow.toBytes());
        client.enableControllerServices(groupId, TIMEOUT);
        client.startProcessGroup(groupId, TIMEOUT);

        final Processor generator = client.processors(groupId).stream().filter(p -> GENERATE_CLICKSTREAM.equals(p.type()))
                .findFirst().orElseThrow();
        Poll.until(EVENTS + " events generated", TIMEOUT,
                () -> counter("Events Generated") >= EVENTS ? Optional.of(true) : Optional.empty(), () -> nifi.applicationLogTail(30));
        client.stopProcessor(generator.id(), TIMEOUT);
        final long generated = counter("Events Generated");
        final ProcessGroupStatus drained = Poll.until("every queue to drain", TIMEOUT, () -> {
            final ProcessGroupStatus status = client.status(groupId);
            return status.flowFilesQueued() == 0 && status.processors().stream().allMatch(p -> p.activeThreadCount() == 0)
                    ? Optional.of(status) : Optional.empty();
        }, () -> client.status(groupId).connections().stream().filter(c -> c.flowFilesQueued() > 0)
                .map(c -> c.sourceName() + " -> " + c.destinationName() + ": " + c.flowFilesQueued()).collect(Collectors.joining(", ")));
        final double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("recommendations-local: %,d events through the whole flow in %.1f s (%,.0f events/s)%n", generated, seconds, generated / seconds);
        client.stopProcessGroup(groupId, TIMEOUT);
        assertEquals(0, drained.flowFilesQueued(), "nothing stuck in any queue, the failure funnel's included");

        final Truth truth = Truth.replay(flow.parameters(), generated);
        final List<JsonNode> enriched = OutputFiles.table(pipeline.warehouse(), "enriched_events");
        final long invalid = OutputFiles.table(pipeline.warehouse(), "invalid_events").size();
        final long duplicates = OutputFiles.table(pipeline.warehouse(), "duplicate_events").size();
        assertEquals(generated, enriched.size() + invalid + duplicates, "generated = stored + invalid + duplicate");
        assertEquals(truth.malformed, invalid, "the generator's malformed records are the invalid ones");
        assertEquals(truth.duplicates, duplicates, "the generator's redeliveries are the duplicates");
        assertEquals(counter("Malformed Records Generated"), invalid);
        assertEquals(counter("Duplicates Generated"), duplicates);
        assertEquals(enriched.size(), counter("Records Enriched"));
        assertTrue(enriched.stream().allMatch(e -> e.has("session_id") && e.has("history") && e.has("product")),
                "the warehouse holds enriched events");
        assertTrue(enriched.stream().anyMatch(e -> e.path("customer").has("tier")), "customers looked up from the generated CSV");
        assertEquals(truth.purchasesPerMinute, purchasesPerMinute(enriched), "purchases per minute of event time");

        final long viewsAndCarts = enriched.stream().map(e -> e.path("event_type").asText())
                .filter(type -> type.equals("view") || type.equals("add_to_cart")).count();
        final List<JsonNode> recommendations = OutputFiles.jsonLines(pipeline.recommendations());
        assertEquals(viewsAndCarts, recommendations.size(), "every view and cart scored once");
        assertEquals(viewsAndCarts, counter("Vertex AI Instances Predicted"));
        assertEquals(viewsAndCarts, pipeline.predictor().service().instances(), "and seen once by the prediction server");
        for (final JsonNode record : recommendations) {
            assertFalse(record.path("recommendations").path("recommendations").isEmpty(), "recommendations for " + record);
        }

        final List<JsonNode> sessions = OutputFiles.table(pipeline.warehouse(), "user_sessions");
        assertEquals(enriched.size(), sessions.stream().mapToLong(s -> s.path("events").asLong()).sum(),
                "every enriched event in exactly one user session");
        assertEquals(truth.purchasesPerMinute.values().stream().mapToLong(Long::longValue).sum(),
                sessions.stream().mapToLong(s -> s.path("purchases").asLong()).sum(), "sessions count every purchase");
        assertFalse(OutputFiles.table(pipeline.warehouse(), "trending_products").isEmpty(), "trending products emitted");
    }

    @Test
    void recommendationsGcpImportsWithItsGoogleCloudProcessorsShownAsMissing() throws Exception {
        // The lookups are files on the NiFi host in both flows; here they are the local ones.
        final Path lookups = Files.createDirectories(nifi.workDirectory().root().resolve("gcp-lookups"));
        final FlowDefinition flow = FlowDefinition.read(RunningNiFi.flowTemplate("ecommerce", "recommendations-gcp.json"))
                .withParameters(Map.of(
                        "Customer File", LocalPipeline.writeCustomers(lookups.resolve("customers.csv"), 100).toString(),
                        "Product File", LocalPipeline.writeProducts(lookups.resolve("products.csv"), new Catalog(50, 5, 1)).toString()));
        final String groupId = client.importFlow("root", flow.name(), flow.toBytes());
        final NiFiApiException notAllEnabled = assertThrows(NiFiApiException.class,
                () -> client.enableControllerServices(groupId, Duration.ofSeconds(20)), "services of a missing GCP bundle cannot be enabled");
        assertTrue(notAllEnabled.getMessage().contains("Not ENABLED"), notAllEnabled.getMessage());
        final List<ControllerService> services = client.controllerServices(groupId);
        assertTrue(services.stream().filter(service -> service.type().startsWith("org.apache.nifi.gcp."))
                .noneMatch(service -> "ENABLED".equals(service.state())), "GCP services stay disabled: " + services);
        final List<Processor> processors = Poll.until("recommendations-gcp validated", TIMEOUT, () -> {
            final List<Processor> all = client.processors(groupId);
            return all.stream().anyMatch(p -> "VALIDATING".equals(p.validationStatus())
                    || p.type().startsWith("io.nifidataflow.") && !"VALID".equals(p.validationStatus())) ? Optional.empty() : Optional.of(all);
        }, () -> "ours not valid: " + client.processors(groupId).stream().filter(p -> p.type().startsWith("io.nifidataflow."))
                .map(p -> p.name() + " " + p.validationStatus() + " " + p.validationErrors()).collect(Collectors.joining("; ")));
        final List<Processor> gcp = processors.stream().filter(p -> p.type().startsWith("org.apache.nifi.processors.gcp.")).toList();
        final List<String> gcpTypes = gcp.stream().map(p -> p.type().substring(p.type().lastIndexOf('.') + 1)).distinct().sorted().toList();
        assertEquals(List.of("ConsumeGCPubSub", "PublishGCPubSub", "PutBigQuery"), gcpTypes);
        for (final Processor processor : gcp) {
            assertTrue(processor.extensionMissing(), processor.name() + " has no NAR here and NiFi says so");
            assertEquals("INVALID", processor.validationStatus(), processor.name());
        }
        final List<Processor> ours = processors.stream().filter(p -> p.type().startsWith("io.nifidataflow.")).toList();
        assertTrue(ours.size() >= 4, "EnrichEvent, AggregateWindows and ScoreVertexAI: " + ours);
        for (final Processor processor : ours) {
            assertFalse(processor.extensionMissing(), processor.name());
            assertEquals("VALID", processor.validationStatus(), processor.name() + ": " + processor.validationErrors());
        }
    }

    /** The generator replayed in the test with the flow's settings, for exactly the number of events NiFi counted. */
    private record Truth(long malformed, long duplicates, Map<Instant, Long> purchasesPerMinute) {

        static Truth replay(final Map<String, String> parameters, final long events) {
            final ClickstreamGenerator generator = new ClickstreamGenerator(new ClickstreamSettings(
                    Integer.parseInt(parameters.get("Users")), Integer.parseInt(parameters.get("Products")),
                    Integer.parseInt(parameters.get("Categories")), Long.parseLong(parameters.get("Seed")),
                    Instant.parse(parameters.get("Start Time")), Double.parseDouble(parameters.get("Conversion Rate")),
                    FormatUtils.getTimeDuration(parameters.get("Out-of-Order Max Delay"), TimeUnit.MILLISECONDS),
                    Double.parseDouble(parameters.get("Duplicate Rate")), Double.parseDouble(parameters.get("Malformed Rate"))));
            final Map<Instant, Long> purchases = new TreeMap<>();
            for (long i = 0; i < events; i++) {
                final ClickEvent event = generator.next();
                if (generator.lastKind() == ClickstreamGenerator.Kind.CLEAN && "purchase".equals(event.eventType())) {
                    purchases.merge(Instant.parse(event.eventTime()).truncatedTo(ChronoUnit.MINUTES), 1L, Long::sum);
                }
            }
            return new Truth(generator.malformedEmitted(), generator.duplicatesEmitted(), purchases);
        }
    }

    private static Map<Instant, Long> purchasesPerMinute(final List<JsonNode> enriched) {
        final Map<Instant, Long> perMinute = new TreeMap<>();
        enriched.stream().filter(e -> "purchase".equals(e.path("event_type").asText()))
                .forEach(e -> perMinute.merge(Instant.parse(e.path("event_time").asText()).truncatedTo(ChronoUnit.MINUTES), 1L, Long::sum));
        return perMinute;
    }

    /** Summed over the flow's components; "All <type>'s" totals would count twice. */
    private long counter(final String name) {
        return client.counters().stream().filter(c -> c.name().equals(name) && !c.context().startsWith("All "))
                .mapToLong(Counter::value).sum();
    }
}
