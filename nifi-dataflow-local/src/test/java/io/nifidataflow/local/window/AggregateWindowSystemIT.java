package io.nifidataflow.local.window;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
    private static final Path TEMPLATE = Path.of(System.getProperty("nifi.local.flow.templates", "../flow-templates"))
            .resolve("ecommerce").resolve("trending-products.json");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final long MINUTE = 60_000;

    private final ObjectMapper mapper = new ObjectMapper();
    private LocalNiFi nifi;
    private NiFiRestClient client;
    private HttpClient http;

    @BeforeAll
    void startNiFi() throws Exception {
        final Path work = Path.of(System.getProperty("nifi.local.test.work", "target/it-work")).resolve("aggregate-window-it");
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
    void trendingProductsPerMinuteCountEveryRecordOnceAcrossAStopAndStartOfAggregateWindow() throws Exception {
        final Path output = nifi.workDirectory().output().resolve("trending-products");
        // Small FlowFiles (about 17 s of event time each) so that several are held when AggregateWindow stops.
        final FlowDefinition flow = FlowDefinition.read(TEMPLATE).withParameters(Map.of("Output Directory", output.toString(),
                "Records per FlowFile", "250", "Events per Second", "0"));
        final String groupId = client.importFlow("root", flow.name(), flow.toBytes());
        final Processor generator = processor(groupId, GENERATE_CLICKSTREAM);
        final Processor aggregator = processor(groupId, AGGREGATE_WINDOW);
        client.enableControllerServices(groupId, TIMEOUT);
        client.startProcessGroup(groupId, TIMEOUT);

        awaitFiles(output, 3);
        setRunStatus(aggregator.id(), "STOPPED");
        final Map<String, String> state = localState(aggregator.id());
        assertTrue(state.containsKey("watermark") && state.get("watermark").startsWith("2026-"), "View State shows the watermark: " + state);
        assertTrue(Long.parseLong(state.get("held.flowfiles")) >= 1, "View State shows the held input: " + state);
        final int filesWhileStopped = files(output).size();
        // The generator keeps going; what AggregateWindow held is back in its input queue with the new input.
        Poll.until("input to queue up before the stopped AggregateWindow", TIMEOUT,
                () -> queued(groupId, "clickstream events") >= 2 ? Optional.of(true) : Optional.empty(), () -> nifi.applicationLogTail(20));
        setRunStatus(aggregator.id(), "RUNNING");
        awaitFiles(output, filesWhileStopped + 3);
        setRunStatus(generator.id(), "STOPPED");

        // With no more input, the idle timeout closes the last windows and every input leaves AggregateWindow.
        final long generated = Poll.until("AggregateWindow to account for every generated event", TIMEOUT, () -> {
            final long events = counter(generator.id(), "Events Generated");
            final long accounted = counter(aggregator.id(), "Records Aggregated") + counter(aggregator.id(), "Records Late")
                    + counter(aggregator.id(), "Records Invalid") + counter(aggregator.id(), "Records in No Window");
            return events > 0 && accounted == events && queued(groupId, "clickstream events") == 0 ? Optional.of(events) : Optional.empty();
        }, () -> "counters " + client.counters() + System.lineSeparator() + nifi.applicationLogTail(20));
        client.stopProcessGroup(groupId, TIMEOUT);

        final Set<String> seen = new HashSet<>();
        final Map<Long, Long> eventsPerWindow = new HashMap<>();
        long events = 0;
        for (final Path file : files(output)) {
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
        assertEquals(counter(aggregator.id(), "Records Aggregated"), events, "the panes count every aggregated record exactly once");
        assertEquals(generated - counter(aggregator.id(), "Records Invalid") - counter(aggregator.id(), "Records Late"), events);
        assertEquals(counter(aggregator.id(), "Records Invalid"), recordsQueued(groupId, "invalid records"));
        assertFalse(counter(aggregator.id(), "Records Invalid") == 0, "the generator's malformed records are invalid");
    }

    private Processor processor(final String groupId, final String type) {
        return client.processors(groupId).stream().filter(p -> type.equals(p.type())).findFirst()
                .orElseThrow(() -> new AssertionError("the flow has no " + type));
    }

    /** Starts or stops one processor and waits until it is in that state with no task running. */
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

    /** The processor's LOCAL state, as NiFi's "View State" shows it. */
    private Map<String, String> localState(final String processorId) {
        final Map<String, String> state = new HashMap<>();
        for (final JsonNode entry : get("/processors/" + processorId + "/state").path("componentState").path("localState").path("state")) {
            state.put(entry.path("key").asText(), entry.path("value").asText());
        }
        return state;
    }

    private long counter(final String componentId, final String name) {
        return client.counters().stream().filter(c -> c.belongsTo(componentId) && c.name().equals(name)).mapToLong(Counter::value).sum();
    }

    private long queued(final String groupId, final String connectionName) {
        final String id = connection(groupId, connectionName).id();
        return client.status(groupId).connections().stream().filter(c -> c.id().equals(id)).mapToLong(c -> c.flowFilesQueued()).sum();
    }

    private long recordsQueued(final String groupId, final String connectionName) {
        final long flowFiles = queued(groupId, connectionName);
        return client.queues().read(connection(groupId, connectionName).id(), (int) Math.min(100, flowFiles), TIMEOUT).stream()
                .mapToLong(flowFile -> Long.parseLong(flowFile.attribute("record.count"))).sum();
    }

    private Connection connection(final String groupId, final String name) {
        return client.connections(groupId).stream().filter(c -> name.equals(c.name())).findFirst()
                .orElseThrow(() -> new AssertionError("the flow has no connection " + name));
    }

    private void awaitFiles(final Path directory, final int count) {
        Poll.until(count + " pane files in " + directory, TIMEOUT,
                () -> files(directory).size() >= count ? Optional.of(true) : Optional.empty(), () -> nifi.applicationLogTail(30));
    }

    private static List<Path> files(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fieldNames(final JsonNode record) {
        final java.util.ArrayList<String> names = new java.util.ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
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
