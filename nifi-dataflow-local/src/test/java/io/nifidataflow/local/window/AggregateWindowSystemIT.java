package io.nifidataflow.local.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidataflow.local.RunningNiFi;
import io.nifidataflow.local.OutputFiles;
import io.nifidataflow.local.api.NiFiRestClient;
import io.nifidataflow.local.api.Poll;
import io.nifidataflow.local.api.Processor;
import io.nifidataflow.local.flow.FlowDefinition;
import io.nifidataflow.local.runtime.LocalNiFi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
 * AggregateWindow in a real NiFi: GenerateClickstream -> AggregateWindow (trending products per minute) ->
 * PutFile, from {@code flow-templates/ecommerce/trending-products.json}. Halfway, AggregateWindow alone is
 * stopped and started again while the generator keeps going, so NiFi's own sessions roll its held input back
 * and the processor rebuilds its windows from LOCAL state. Every record must then be counted exactly once:
 * the panes on disk add up to the records aggregated, and those plus the invalid ones to the events generated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AggregateWindowSystemIT {

    private static final String AGGREGATE_WINDOW = "io.nifidataflow.window.AggregateWindow";
    private static final String GENERATE_CLICKSTREAM = "io.nifidataflow.clickstream.GenerateClickstream";
    private static final Path TEMPLATE = RunningNiFi.flowTemplate("ecommerce", "trending-products.json");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final long MINUTE = 60_000;

    private final ObjectMapper mapper = new ObjectMapper();
    private RunningNiFi running;
    private LocalNiFi nifi;
    private NiFiRestClient client;

    @BeforeAll
    void startNiFi() throws Exception {
        running = RunningNiFi.start("aggregate-window-it", TIMEOUT);
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
    void trendingProductsPerMinuteCountEveryRecordOnceAcrossAStopAndStartOfAggregateWindow() throws Exception {
        final Path output = nifi.workDirectory().output().resolve("trending-products");
        // Small FlowFiles (about 17 s of event time each) so that several are held when AggregateWindow stops.
        final FlowDefinition flow = FlowDefinition.read(TEMPLATE).withParameters(Map.of("Output Directory", output.toString(),
                "Records per FlowFile", "250", "Events per Second", "0"));
        final String groupId = client.importFlow("root", flow.name(), flow.toBytes());
        final Processor generator = running.processor(groupId, GENERATE_CLICKSTREAM);
        final Processor aggregator = running.processor(groupId, AGGREGATE_WINDOW);
        client.enableControllerServices(groupId, TIMEOUT);
        client.startProcessGroup(groupId, TIMEOUT);

        awaitFiles(output, 3);
        running.setRunStatus(aggregator.id(), "STOPPED");
        final Map<String, String> state = running.localState(aggregator.id());
        assertTrue(state.containsKey("watermark") && state.get("watermark").startsWith("2026-"), "View State shows the watermark: " + state);
        assertTrue(Long.parseLong(state.get("held.flowfiles")) >= 1, "View State shows the held input: " + state);
        final int filesWhileStopped = OutputFiles.files(output).size();
        // The generator keeps going; what AggregateWindow held is back in its input queue with the new input.
        Poll.until("input to queue up before the stopped AggregateWindow", TIMEOUT,
                () -> running.queued(groupId, "clickstream events") >= 2 ? Optional.of(true) : Optional.empty(), () -> nifi.applicationLogTail(20));
        running.setRunStatus(aggregator.id(), "RUNNING");
        awaitFiles(output, filesWhileStopped + 3);
        running.setRunStatus(generator.id(), "STOPPED");

        // With no more input, the idle timeout closes the last windows and every input leaves AggregateWindow.
        final long generated = Poll.until("AggregateWindow to account for every generated event", TIMEOUT, () -> {
            final long events = running.counter(generator.id(), "Events Generated");
            final long accounted = running.counter(aggregator.id(), "Records Aggregated") + running.counter(aggregator.id(), "Records Late")
                    + running.counter(aggregator.id(), "Records Invalid") + running.counter(aggregator.id(), "Records in No Window");
            return events > 0 && accounted == events && running.queued(groupId, "clickstream events") == 0 ? Optional.of(events) : Optional.empty();
        }, () -> "counters " + client.counters() + System.lineSeparator() + nifi.applicationLogTail(20));
        client.stopProcessGroup(groupId, TIMEOUT);

        final Set<String> seen = new HashSet<>();
        final Map<Long, Long> eventsPerWindow = new HashMap<>();
        long events = 0;
        for (final Path file : OutputFiles.files(output)) {
            for (final JsonNode pane : mapper.readTree(file.toFile())) {
                assertEquals(List.of("product_id", "window_start", "window_end", "pane", "pane_index", "events", "views", "purchases", "revenue"),
                        fieldNames(pane), file.toString());
                assertEquals(MINUTE, pane.get("window_end").asLong() - pane.get("window_start").asLong());
                assertEquals(0, pane.get("window_start").asLong() % MINUTE, "windows are aligned to the minute");
                assertEquals("ON_TIME", pane.get("pane").asText(), "no early firing, no allowed lateness");
                assertEquals(0, pane.get("pane_index").asInt());
                assertTrue(pane.get("views").asLong() + pane.get("purchases").asLong() <= pane.get("events").asLong());
                assertTrue(seen.add(pane.get("product_id").asText() + "@" + pane.get("window_start").asLong()), "a pane fired twice: " + pane);
                events += pane.get("events").asLong();
                eventsPerWindow.merge(pane.get("window_start").asLong(), pane.get("events").asLong(), Long::sum);
            }
        }
        assertTrue(eventsPerWindow.size() >= 5, "windows fired: " + eventsPerWindow.size());
        assertEquals(running.counter(aggregator.id(), "Records Aggregated"), events, "the panes count every aggregated record exactly once");
        assertEquals(generated - running.counter(aggregator.id(), "Records Invalid") - running.counter(aggregator.id(), "Records Late"), events);
        assertEquals(running.counter(aggregator.id(), "Records Invalid"), running.recordsQueued(groupId, "invalid records", 100));
        assertFalse(running.counter(aggregator.id(), "Records Invalid") == 0, "the generator's malformed records are invalid");
    }

    private void awaitFiles(final Path directory, final int count) {
        Poll.until(count + " pane files in " + directory, TIMEOUT,
                () -> OutputFiles.files(directory).size() >= count ? Optional.of(true) : Optional.empty(), () -> nifi.applicationLogTail(30));
    }

    private static List<String> fieldNames(final JsonNode record) {
        final java.util.ArrayList<String> names = new java.util.ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

}
