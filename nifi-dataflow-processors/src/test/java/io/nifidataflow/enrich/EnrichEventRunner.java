package io.nifidataflow.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifidataflow.record.JsonServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

/** EnrichEvent in nifi-mock with NiFi's own JSON reader and writer, a clock the test sets, and JSON helpers. */
final class EnrichEventRunner {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    /** EnrichEvent on the test's clock. */
    static final class ClockedEnrichEvent extends EnrichEvent {
        volatile long now = NOW.toEpochMilli();

        @Override
        long currentTimeMillis() {
            return now;
        }
    }

    final ClockedEnrichEvent processor = new ClockedEnrichEvent();
    final TestRunner runner = TestRunners.newTestRunner(processor);

    EnrichEventRunner() {
        try {
            JsonServices.addTo(runner, EnrichEvent.RECORD_READER, EnrichEvent.RECORD_WRITER);
        } catch (final InitializationException e) {
            throw new IllegalStateException(e);
        }
    }

    void advance(final long millis) {
        processor.now += millis;
    }

    static ObjectNode event(final String id, final String time, final String user, final String type, final String product) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("event_id", id);
        node.put("event_time", time);
        node.put("user_id", user);
        node.put("event_type", type);
        node.put("product_id", product);
        node.put("price", product == null ? null : 19.99);
        node.putNull("quantity");
        return node;
    }

    /** An event {@code secondsBefore} seconds before the test's NOW. */
    static ObjectNode event(final String id, final long secondsBefore, final String user, final String type, final String product) {
        return event(id, NOW.minusSeconds(secondsBefore).toString(), user, type, product);
    }

    static String array(final JsonNode... events) {
        final ArrayNode array = JSON.createArrayNode();
        for (final JsonNode event : events) {
            array.add(event);
        }
        return array.toString();
    }

    void enqueue(final JsonNode... events) {
        runner.enqueue(array(events));
    }

    /** Every record written to {@code relationship}, in order, across its FlowFiles. */
    List<JsonNode> records(final String relationship) {
        final List<JsonNode> records = new ArrayList<>();
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(relationship)) {
            try {
                JSON.readTree(flowFile.getContent()).forEach(records::add);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records;
    }

    long recordCount(final String relationship) {
        return runner.getFlowFilesForRelationship(relationship).stream().mapToLong(f -> Long.parseLong(f.getAttribute("record.count"))).sum();
    }

    List<String> texts(final List<JsonNode> records, final String field) {
        return records.stream().map(record -> record.get(field).asText()).toList();
    }
}
