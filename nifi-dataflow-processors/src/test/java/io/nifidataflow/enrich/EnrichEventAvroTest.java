package io.nifidataflow.enrich;

import static io.nifidataflow.enrich.EnrichEventRunner.NOW;
import static io.nifidataflow.enrich.EnrichEventRunner.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.nifi.avro.AvroRecordSetWriter;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;

/** The output schema is the input schema plus the added fields, so a schema-strict writer such as Avro's works. */
class EnrichEventAvroTest {

    @Test
    void anAvroWriterWritesEnrichedInvalidAndDuplicateRecords() throws Exception {
        final EnrichEventRunner enrich = new EnrichEventRunner();
        final TestRunner runner = enrich.runner;
        final AvroRecordSetWriter avro = new AvroRecordSetWriter();
        runner.addControllerService("avro", avro);
        runner.enableControllerService(avro);
        runner.setProperty(EnrichEvent.RECORD_WRITER, "avro");
        final MapRecordLookupService customers = new MapRecordLookupService().customer("u-1", "gold", 99.5, 3);
        runner.addControllerService("customers", customers);
        runner.enableControllerService(customers);
        runner.setProperty(EnrichEvent.USER_LOOKUP_SERVICE, "customers");
        runner.setProperty(EnrichEvent.PARTITION_COUNT, "4");

        final ObjectNode text = event("e-3", 30, "u-2", "add_to_cart", "p-2");
        text.put("price", "12.50");
        text.put("quantity", 1);
        final ObjectNode broken = event("e-4", 20, "u-2", "view", "p-2");
        broken.put("price", "N/A");
        final ObjectNode first = event("e-1", 60, "u-1", "view", "p-1");
        enrich.enqueue(first, event("e-2", 50, "u-1", "view", "p-2"), text, broken, first);
        runner.run();

        final List<GenericRecord> success = read(runner.getFlowFilesForRelationship(EnrichEvent.REL_SUCCESS).get(0));
        assertEquals(3, success.size());
        final GenericRecord second = success.get(1);
        final Schema schema = second.getSchema();
        assertEquals(LogicalTypes.timestampMillis(), nonNull(schema.getField("event_time").schema()).getLogicalType());
        assertEquals(NOW.minusSeconds(50).toEpochMilli(), second.get("event_time"));
        assertEquals("u-1-" + NOW.minusSeconds(60).toEpochMilli(), second.get("session_id").toString());
        final GenericRecord history = (GenericRecord) second.get("history");
        assertEquals(2, history.get("session_event_count"));
        assertEquals(NOW.minusSeconds(60).toEpochMilli(), history.get("session_start"));
        assertEquals(10.0, history.get("seconds_since_previous"));
        assertEquals(List.of("p-1"), strings(history.get("recent_products")));
        assertEquals("gold", ((GenericRecord) second.get("customer")).get("tier").toString());
        assertEquals(Partitions.of("u-1", 4), second.get("partition"));
        assertNull(success.get(2).get("customer"));
        assertEquals(12.5, success.get(2).get("price"), "the converted text is a double in the union");

        final GenericRecord invalid = read(runner.getFlowFilesForRelationship(EnrichEvent.REL_INVALID).get(0)).get(0);
        assertEquals("not a number at /price: 'N/A'", invalid.get("enrich_error").toString());
        assertEquals("N/A", invalid.get("price").toString());
        final GenericRecord duplicate = read(runner.getFlowFilesForRelationship(EnrichEvent.REL_DUPLICATE).get(0)).get(0);
        assertEquals("e-1", duplicate.get("event_id").toString());
    }

    private static Schema nonNull(final Schema schema) {
        return schema.getType() == Schema.Type.UNION
                ? schema.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL).findFirst().orElseThrow()
                : schema;
    }

    private static List<String> strings(final Object array) {
        final List<String> strings = new ArrayList<>();
        ((Iterable<?>) array).forEach(item -> strings.add(item.toString()));
        return strings;
    }

    private static List<GenericRecord> read(final MockFlowFile flowFile) throws Exception {
        final List<GenericRecord> records = new ArrayList<>();
        try (DataFileStream<GenericRecord> stream = new DataFileStream<>(new ByteArrayInputStream(flowFile.toByteArray()), new GenericDatumReader<>())) {
            stream.forEach(records::add);
        }
        return records;
    }
}
