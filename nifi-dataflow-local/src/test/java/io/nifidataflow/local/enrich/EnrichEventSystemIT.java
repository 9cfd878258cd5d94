package io.nifidataflow.local.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import io.nifidataflow.local.runtime.LocalNiFi;
import io.nifidataflow.local.runtime.LocalNiFiSettings;
import io.nifidataflow.local.runtime.NiFiHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * EnrichEvent in a real NiFi: GenerateClickstream -> EnrichEvent, with NiFi's own CSVRecordLookupService (from
 * nifi-lookup-services-nar) over a customer file, from {@code flow-templates/ecommerce/clickstream-enrichment.json}.
 * Records must arrive enriched (timestamps, sessions, history, customers from the file), invalid and duplicate
 * records must be routed with their reasons, and every generated event must be accounted for exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EnrichEventSystemIT {

    private static final String GENERATE_CLICKSTREAM = "io.nifidataflow.clickstream.GenerateClickstream";
    private static final String ENRICH_EVENT = "io.nifidataflow.enrich.EnrichEvent";
    private static final Path TEMPLATE = Path.of(System.getProperty("nifi.local.flow.templates", "../flow-templates"))
            .resolve("ecommerce").resolve("clickstream-enrichment.json");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int USERS = 200;
    private static final int FLOWFILES_TO_READ = 5;

    private final ObjectMapper mapper = new ObjectMapper();
    private LocalNiFi nifi;
    private NiFiRestClient client;
    private HttpClient http;

    @BeforeAll
    void startNiFi() throws Exception {
        final Path work = Path.of(System.getProperty("nifi.local.test.work", "target/it-work")).resolve("enrich-event-it");
        nifi = LocalNiFi.start(LocalNiFiSettings.of(NiFiHome.locate(), work));
        client = new NiFiRestClient(nifi.apiUri());
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    void stopNiFi() throws Exception {
        if (http != null) {
            http.close();
        }
        if (client != null) {
            client.close();
        }
        if (nifi != null) {
            nifi.close();
        }
    }

    @Test
    void generatedEventsArriveEnrichedWithSessionsAndCustomersFromACsvLookupService() throws Exception {
        final Map<String, String> tiers = customers();
        final Path customerFile = writeCustomers(tiers);
        final FlowDefinition flow = FlowDefinition.read(TEMPLATE)
                .withParameters(Map.of(
                        "Customer File", customerFile.toString(),
                        "Users", Integer.toString(USERS),
                        "Seed", "7",
                        "Start Time", "2026-01-01T00:00:00Z",
                        "Events per Second", "0",
                        "Records per FlowFile", "200",
                        "Duplicate Rate", "0.05",
                        "Malformed Rate", "0.05"))
                .withParameterContextName("Clickstream Enrichment (system test)");
        final String groupId = client.importFlow("root", flow.name(), flow.toBytes());
        final Processor generator = processor(groupId, GENERATE_CLICKSTREAM);
        final Processor enrich = processor(groupId, ENRICH_EVENT);
        client.enableControllerServices(groupId, TIMEOUT);
        client.startProcessGroup(groupId, TIMEOUT);

        Poll.until(FLOWFILES_TO_READ + " enriched FlowFiles", TIMEOUT,
                () -> queued(groupId, "enriched events") >= FLOWFILES_TO_READ ? Optional.of(true) : Optional.empty(),
                () -> nifi.applicationLogTail(30));
        setRunStatus(generator.id(), "STOPPED");
        Poll.until("EnrichEvent to take everything generated", TIMEOUT,
                () -> queued(groupId, "clickstream events") == 0 ? Optional.of(true) : Optional.empty(),
                () -> nifi.applicationLogTail(30));
        client.stopProcessGroup(groupId, TIMEOUT);

        final List<QueuedFlowFile> enriched = client.queues().read(connection(groupId, "enriched events").id(), FLOWFILES_TO_READ, TIMEOUT);
        int withCustomer = 0;
        int withoutCustomer = 0;
        int continuedSessions = 0;
        for (final QueuedFlowFile flowFile : enriched) {
            assertEquals("application/json", flowFile.attribute("mime.type"));
            final JsonNode records = mapper.readTree(flowFile.content());
            assertEquals(Integer.parseInt(flowFile.attribute("record.count")), records.size());
            for (final JsonNode record : records) {
                final String user = record.get("user_id").asText();
                final Instant eventTime = Instant.parse(record.get("event_time").asText());
                final JsonNode history = record.get("history");
                final Instant sessionStart = Instant.parse(history.get("session_start").asText());
                assertEquals(user + "-" + sessionStart.toEpochMilli(), record.get("session_id").asText(), record.toString());
                assertTrue(history.get("session_event_count").asInt() >= 1, record.toString());
                assertTrue(history.get("recent_products").isArray() && history.get("cart_products").isArray(), record.toString());
                assertFalse(eventTime.isBefore(Instant.parse("2026-01-01T00:00:00Z")), record.toString());
                if (history.get("session_event_count").asInt() > 1) {
                    continuedSessions++;
                    assertTrue(history.get("seconds_since_previous").isNumber(), record.toString());
                } else {
                    assertTrue(history.get("seconds_since_previous").isNull(), record.toString());
                }
                final JsonNode customer = record.get("customer");
                if (tiers.containsKey(user)) {
                    withCustomer++;
                    assertEquals(tiers.get(user), customer.get("tier").asText(), record.toString());
                    assertTrue(customer.get("lifetime_value").isTextual() && customer.get("orders").isTextual(),
                            "the CSV service's columns, as text: " + record);
                } else {
                    withoutCustomer++;
                    assertTrue(customer.isNull(), "a user missing from the file has no customer: " + record);
                }
            }
        }
        assertTrue(withCustomer > 0 && withoutCustomer > 0 && continuedSessions > 0,
                withCustomer + " with a customer, " + withoutCustomer + " without, " + continuedSessions + " in continued sessions");

        final List<QueuedFlowFile> invalid = client.queues().read(connection(groupId, "invalid events").id(), 3, TIMEOUT);
        assertFalse(invalid.isEmpty(), "a Malformed Rate of 0.05 makes invalid records");
        for (final QueuedFlowFile flowFile : invalid) {
            assertNotNull(flowFile.attribute("enrich.error"));
            for (final JsonNode record : mapper.readTree(flowFile.content())) {
                assertFalse(record.get("enrich_error").asText().isBlank(), record.toString());
            }
        }

        final long generated = counter(generator.id(), "Events Generated");
        final long enrichedCount = counter(enrich.id(), "Records Enriched");
        final long invalidCount = counter(enrich.id(), "Invalid Records");
        final long duplicateCount = counter(enrich.id(), "Duplicate Records");
        assertTrue(enrichedCount > 0 && invalidCount > 0 && duplicateCount > 0,
                enrichedCount + " enriched, " + invalidCount + " invalid, " + duplicateCount + " duplicates");
        assertEquals(generated, enrichedCount + invalidCount + duplicateCount, "every generated event is enriched, invalid or a duplicate");
        assertEquals(generated, recordsQueued(groupId, "enriched events") + recordsQueued(groupId, "invalid events")
                + recordsQueued(groupId, "duplicate events"), "and the queues hold them all");
        assertEquals(counter(generator.id(), "Duplicates Generated"), duplicateCount, "the generator's redeliveries, no more and no fewer");
        assertEquals(counter(generator.id(), "Malformed Records Generated"), invalidCount, "the generator's malformed records, no more and no fewer");
        assertEquals(0, queued(groupId, "enrich failures"));
        assertTrue(counter(enrich.id(), "Lookup Hits") > 0 && counter(enrich.id(), "Lookup Misses") > 0);
    }

    /** Customers for every other user, the user ids GenerateClickstream uses, with a tier each. */
    private static Map<String, String> customers() {
        final Map<String, String> tiers = new HashMap<>();
        final String[] names = {"gold", "silver", "bronze"};
        for (int user = 0; user < USERS; user += 2) {
            tiers.put(String.format(Locale.ROOT, "u-%06d", user), names[user / 2 % names.length]);
        }
        return tiers;
    }

    private Path writeCustomers(final Map<String, String> tiers) throws IOException {
        final StringBuilder csv = new StringBuilder("user_id,tier,lifetime_value,orders\n");
        tiers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(customer -> csv.append(customer.getKey()).append(',')
                .append(customer.getValue()).append(',').append(customer.getKey().hashCode() % 1000 + 0.5).append(',').append(3).append('\n'));
        final Path directory = nifi.workDirectory().output().resolve("enrich");
        Files.createDirectories(directory);
        final Path file = directory.resolve("customers.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file.toAbsolutePath();
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
