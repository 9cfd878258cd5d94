package io.nifidataflow.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifidataflow.clickstream.ClickEvent;
import io.nifidataflow.clickstream.ClickstreamGenerator;
import io.nifidataflow.clickstream.ClickstreamSchema;
import io.nifidataflow.clickstream.ClickstreamSettings;
import io.nifidataflow.record.JsonServices;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

/** Builds AggregateWindow runners, inputs and readable views of outputs for the processor tests. */
final class WindowRunners {

    static final ObjectMapper JSON = new ObjectMapper();

    private WindowRunners() {
    }

    /** A runner with a JSON reader and writer, a controllable clock, and the given properties then aggregates. */
    static TestRunner runner(final AtomicLong clock, final Map<String, String> properties) throws Exception {
        final AggregateWindow processor = new AggregateWindow();
        processor.clock = clock::get;
        final TestRunner runner = JsonServices.addTo(TestRunners.newTestRunner(processor), AggregateWindow.RECORD_READER, AggregateWindow.RECORD_WRITER);
        properties.forEach(runner::setProperty);
        return runner;
    }

    /** Property maps in insertion order: name, value, name, value... */
    static Map<String, String> props(final String... nameValues) {
        final Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return map;
    }

    /** A JSON array of objects, each given as name, value pairs. */
    static String records(final Object[]... records) {
        final List<ObjectNode> nodes = new ArrayList<>();
        for (final Object[] record : records) {
            final ObjectNode node = JSON.createObjectNode();
            for (int i = 0; i < record.length; i += 2) {
                node.putPOJO((String) record[i], record[i + 1]);
            }
            nodes.add(node);
        }
        try {
            return JSON.writeValueAsString(nodes);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Object[] event(final String product, final String time, final double price) {
        return new Object[] {"product_id", product, "event_time", time, "price", price};
    }

    /** Every record written to a relationship, parsed. */
    static List<JsonNode> recordsOf(final TestRunner runner, final String relationship) {
        final List<JsonNode> records = new ArrayList<>();
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(relationship)) {
            try {
                JSON.readTree(flowFile.getContent()).forEach(records::add);
            } catch (final Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return records;
    }

    /**
     * A pane as comparable text: every field sorted by name, numbers in canonical form, so that a sum written
     * as 12 in one FlowFile and 12.0 in another compare equal.
     */
    static String canonical(final JsonNode record) {
        final Map<String, String> fields = new TreeMap<>();
        final Iterator<Map.Entry<String, JsonNode>> iterator = record.fields();
        while (iterator.hasNext()) {
            final Map.Entry<String, JsonNode> field = iterator.next();
            fields.put(field.getKey(), canonicalValue(field.getValue()));
        }
        return fields.toString();
    }

    private static String canonicalValue(final JsonNode value) {
        if (value.isNumber()) {
            final BigDecimal number = value.decimalValue().stripTrailingZeros();
            return number.toPlainString();
        }
        if (value.isArray()) {
            final List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.isObject() ? canonical(item) : canonicalValue(item)));
            return items.toString();
        }
        return value.toString();
    }

    static List<String> canonicalPanes(final TestRunner runner) {
        final List<String> panes = new ArrayList<>();
        recordsOf(runner, "success").forEach(record -> panes.add(canonical(record)));
        Collections.sort(panes);
        return panes;
    }

    /** Clickstream as JSON FlowFile contents of {@code perFlowFile} records. */
    static List<byte[]> clickstream(final ClickstreamSettings settings, final int flowFiles, final int perFlowFile) throws Exception {
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        final TestRunner host = TestRunners.newTestRunner(io.nifidataflow.record.PassThroughRecords.class);
        host.addControllerService("writer", writer);
        host.enableControllerService(writer);
        final ClickstreamGenerator generator = new ClickstreamGenerator(settings);
        final List<byte[]> contents = new ArrayList<>();
        for (int f = 0; f < flowFiles; f++) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RecordSetWriter recordWriter = writer.createWriter(new MockComponentLog("gen", writer), ClickstreamSchema.SCHEMA, out, Collections.emptyMap())) {
                recordWriter.beginRecordSet();
                for (int i = 0; i < perFlowFile; i++) {
                    final ClickEvent event = generator.next();
                    recordWriter.write(ClickstreamSchema.toRecord(event));
                }
                recordWriter.finishRecordSet();
            }
            contents.add(out.toByteArray());
        }
        return contents;
    }
}
