package io.nifidataflow.local.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidataflow.local.RunningNiFi;
import io.nifidataflow.local.api.NiFiRestClient;
import io.nifidataflow.local.api.Poll;
import io.nifidataflow.local.api.Processor;
import io.nifidataflow.local.api.QueuedFlowFile;
import io.nifidataflow.local.flow.FlowDefinition;
import io.nifidataflow.local.runtime.LocalNiFi;
import java.io.IOException;
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
    private static final Path TEMPLATE = RunningNiFi.flowTemplate("ecommerce", "clickstream-enrichment.json");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int USERS = 200;
    private static final int FLOWFILES_TO_READ = 5;

    private final ObjectMapper mapper = new ObjectMapper();
    private RunningNiFi running;
    private LocalNiFi nifi;
    private NiFiRestClient client;

    @BeforeAll
    void startNiFi() throws Exception {
        running = RunningNiFi.start("enrich-event-it", TIMEOUT);
        nifi = running.nifi();
        client = running.client();
    }

    @AfterAll
    void stopNiFi() throws Exception {
        if (running != null) {
            running.close();
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
        final Processor generator = running.processor(groupId, GENERATE_CLICKSTREAM);
        final Processor enrich = running.processor(groupId, ENRICH_EVENT);
        client.enableControllerServices(groupId, TIMEOUT);
        client.startProcessGroup(groupId, TIMEOUT);

        Poll.until(FLOWFILES_TO_READ + " enriched FlowFiles", TIMEOUT,
                () -> running.queued(groupId, "enriched events") >= FLOWFILES_TO_READ ? Optional.of(true) : Optional.empty(),
                () -> nifi.applicationLogTail(30));
        running.setRunStatus(generator.id(), "STOPPED");
        Poll.until("EnrichEvent to take everything generated", TIMEOUT,
                () -> running.queued(groupId, "clickstream events") == 0 ? Optional.of(true) : Optional.empty(),
                () -> nifi.applicationLogTail(30));
        client.stopProcessGroup(groupId, TIMEOUT);

        final List<QueuedFlowFile> enriched = client.queues().read(running.connection(groupId, "enriched events").id(), FLOWFILES_TO_READ, TIMEOUT);
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

        final List<QueuedFlowFile> invalid = client.queues().read(running.connection(groupId, "invalid events").id(), 3, TIMEOUT);
        assertFalse(invalid.isEmpty(), "a Malformed Rate of 0.05 makes invalid records");
        for (final QueuedFlowFile flowFile : invalid) {
            assertNotNull(flowFile.attribute("enrich.error"));
            for (final JsonNode record : mapper.readTree(flowFile.content())) {
                assertFalse(record.get("enrich_error").asText().isBlank(), record.toString());
            }
        }

        final long generated = running.counter(generator.id(), "Events Generated");
        final long enrichedCount = running.counter(enrich.id(), "Records Enriched");
        final long invalidCount = running.counter(enrich.id(), "Invalid Records");
        final long duplicateCount = running.counter(enrich.id(), "Duplicate Records");
        assertTrue(enrichedCount > 0 && invalidCount > 0 && duplicateCount > 0,
                enrichedCount + " enriched, " + invalidCount + " invalid, " + duplicateCount + " duplicates");
        assertEquals(generated, enrichedCount + invalidCount + duplicateCount, "every generated event is enriched, invalid or a duplicate");
        assertEquals(generated, running.recordsQueued(groupId, "enriched events") + running.recordsQueued(groupId, "invalid events")
                + running.recordsQueued(groupId, "duplicate events"), "and the queues hold them all");
        assertEquals(running.counter(generator.id(), "Duplicates Generated"), duplicateCount, "the generator's redeliveries, no more and no fewer");
        assertEquals(running.counter(generator.id(), "Malformed Records Generated"), invalidCount, "the generator's malformed records, no more and no fewer");
        assertEquals(0, running.queued(groupId, "enrich failures"));
        assertTrue(running.counter(enrich.id(), "Lookup Hits") > 0 && running.counter(enrich.id(), "Lookup Misses") > 0);
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

}
