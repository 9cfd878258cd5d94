package io.nifidataflow.clickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.nifi.avro.AvroRecordSetWriter;
import org.apache.nifi.csv.CSVRecordSetWriter;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GenerateClickstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestRunner runner;

    @BeforeEach
    void setUp() throws InitializationException {
        runner = newRunner(new JsonRecordSetWriter());
    }

    private static TestRunner newRunner(final RecordSetWriterFactory writer) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(GenerateClickstream.class);
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(GenerateClickstream.RECORD_WRITER, "writer");
        runner.setProperty(GenerateClickstream.START_TIME, "2026-01-01T00:00:00Z");
        runner.setProperty(GenerateClickstream.SEED, "99");
        return runner;
    }

    private List<JsonNode> records(final TestRunner runner) throws Exception {
        final List<JsonNode> records = new ArrayList<>();
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(GenerateClickstream.REL_SUCCESS)) {
            JSON.readTree(flowFile.getContent()).forEach(records::add);
        }
        return records;
    }

    @Test
    void writesFullFlowFilesOfJsonRecordsWithCountAndMimeType() throws Exception {
        runner.setProperty(GenerateClickstream.RECORDS_PER_FLOWFILE, "250");
        runner.run(4);

        runner.assertAllFlowFilesTransferred(GenerateClickstream.REL_SUCCESS, 4);
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(GenerateClickstream.REL_SUCCESS)) {
            flowFile.assertAttributeEquals("record.count", "250");
            flowFile.assertAttributeEquals("mime.type", "application/json");
        }
        final List<JsonNode> records = records(runner);
        assertEquals(1_000, records.size());
        final List<String> fields = new ArrayList<>();
        records.get(0).fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("event_id", "event_type", "event_time", "user_id", "product_id", "category", "price", "quantity",
                "search_query", "device", "country"), fields);
        assertEquals(1_000, runner.getCounterValue(GenerateClickstream.COUNTER_EVENTS));
    }

    @Test
    void theStreamIsTheSameWhateverTheBatchSize() throws Exception {
        runner.setProperty(GenerateClickstream.RECORDS_PER_FLOWFILE, "1000");
        runner.setProperty(GenerateClickstream.DUPLICATE_RATE, "0.05");
        runner.setProperty(GenerateClickstream.MALFORMED_RATE, "0.05");
        runner.setProperty(GenerateClickstream.OUT_OF_ORDER_MAX_DELAY, "10 sec");
        runner.run(3);

        final TestRunner small = newRunner(new JsonRecordSetWriter());
        small.setProperty(GenerateClickstream.RECORDS_PER_FLOWFILE, "7");
        small.setProperty(GenerateClickstream.DUPLICATE_RATE, "0.05");
        small.setProperty(GenerateClickstream.MALFORMED_RATE, "0.05");
        small.setProperty(GenerateClickstream.OUT_OF_ORDER_MAX_DELAY, "10 sec");
        small.run(429);

        assertEquals(records(runner).subList(0, 3_000), records(small).subList(0, 3_000));
    }

    @Test
    void recordsMatchTheGeneratorFieldByField() throws Exception {
        runner.setProperty(GenerateClickstream.RECORDS_PER_FLOWFILE, "500");
        runner.setProperty(GenerateClickstream.MALFORMED_RATE, "0.2");
        runner.run();

        final ClickstreamGenerator generator = new ClickstreamGenerator(new ClickstreamSettings(1_000, 500, 20, 99,
                Instant.parse("2026-01-01T00:00:00Z"), 0.3, 0, 0, 0.2));
        for (final JsonNode record : records(runner)) {
            final ClickEvent expected = generator.next();
            assertEquals(expected.eventId(), record.get("event_id").textValue());
            assertEquals(expected.eventTime(), record.get("event_time").textValue());
            assertEquals(expected.userId(), record.get("user_id").textValue());
            assertEquals(String.valueOf(expected.price()), record.get("price").isNull() ? "null" : record.get("price").asText());
            assertEquals(String.valueOf(expected.quantity()), record.get("quantity").isNull() ? "null" : record.get("quantity").asText());
        }
    }

    @Test
    void countsDuplicatesAndMalformedRecordsAndReportsCreation() {
        runner.setProperty(GenerateClickstream.RECORDS_PER_FLOWFILE, "10000");
        runner.setProperty(GenerateClickstream.DUPLICATE_RATE, "0.1");
        runner.setProperty(GenerateClickstream.MALFORMED_RATE, "0.2");
        runner.run(2);

        assertEquals(20_000, runner.getCounterValue(GenerateClickstream.COUNTER_EVENTS));
        assertEquals(0.1, runner.getCounterValue(GenerateClickstream.COUNTER_DUPLICATES) / 20_000.0, 0.01);
        assertEquals(0.2, runner.getCounterValue(GenerateClickstream.COUNTER_MALFORMED) / 20_000.0, 0.01);
        assertEquals(2, runner.getProvenanceEvents().size());
        assertTrue(runner.getProvenanceEvents().stream().allMatch(e -> e.getEventType() == ProvenanceEventType.CREATE));
    }

    @Test
    void writesAvroWithTheClickstreamSchema() throws Exception {
        final TestRunner avro = newRunner(new AvroRecordSetWriter());
        avro.setProperty(GenerateClickstream.RECORDS_PER_FLOWFILE, "300");
        avro.setProperty(GenerateClickstream.MALFORMED_RATE, "0.3");
        avro.run();

        final MockFlowFile flowFile = avro.getFlowFilesForRelationship(GenerateClickstream.REL_SUCCESS).get(0);
        int count = 0;
        boolean sawStringPrice = false;
        try (DataFileStream<GenericRecord> stream = new DataFileStream<>(new ByteArrayInputStream(flowFile.toByteArray()), new GenericDatumReader<>())) {
            assertEquals(11, stream.getSchema().getFields().size());
            for (final GenericRecord record : stream) {
                count++;
                sawStringPrice |= record.get("price") instanceof CharSequence;
            }
        }
        assertEquals(300, count);
        assertTrue(sawStringPrice, "malformed prices survive as strings in Avro");
    }

    @Test
    void writesCsv() throws InitializationException {
        final TestRunner csv = newRunner(new CSVRecordSetWriter());
        csv.setProperty(GenerateClickstream.RECORDS_PER_FLOWFILE, "100");
        csv.run();

        final String content = csv.getFlowFilesForRelationship(GenerateClickstream.REL_SUCCESS).get(0).getContent();
        final String[] lines = content.split("\n");
        assertEquals("event_id,event_type,event_time,user_id,product_id,category,price,quantity,search_query,device,country", lines[0]);
        assertEquals(101, lines.length);
    }

    @Test
    void eventsPerSecondPacesDeliveryInsteadOfFillingFlowFiles() {
        runner.setProperty(GenerateClickstream.RECORDS_PER_FLOWFILE, "1000000");
        runner.setProperty(GenerateClickstream.EVENTS_PER_SECOND, "1");
        runner.run();

        // One event per second cannot have made a million due in the moments since scheduling.
        final List<MockFlowFile> out = runner.getFlowFilesForRelationship(GenerateClickstream.REL_SUCCESS);
        final long written = out.stream().mapToLong(f -> Long.parseLong(f.getAttribute("record.count"))).sum();
        assertTrue(written < 100, "written " + written);
    }

    @Test
    void rejectsInvalidSettingsWithClearMessages() {
        runner.assertValid();
        assertInvalid(GenerateClickstream.CATEGORIES, "501", "Categories must be between 1 and Products (500)");
        assertInvalid(GenerateClickstream.DUPLICATE_RATE, "1.5", "must be a number from 0 to 1");
        assertInvalid(GenerateClickstream.CONVERSION_RATE, "lots", "must be a number from 0 to 1");
        assertInvalid(GenerateClickstream.START_TIME, "yesterday", "must be an ISO-8601 instant");
        assertInvalid(GenerateClickstream.START_TIME, "2026-01-01", "must be an ISO-8601 instant");
        assertInvalid(GenerateClickstream.USERS, "0", "Users");
        assertInvalid(GenerateClickstream.RECORDS_PER_FLOWFILE, "0", "Records per FlowFile");
        assertInvalid(GenerateClickstream.OUT_OF_ORDER_MAX_DELAY, "soon", "Out-of-Order Max Delay");

        runner.setProperty(GenerateClickstream.DUPLICATE_RATE, "0.5");
        assertInvalid(GenerateClickstream.MALFORMED_RATE, "0.5", "Duplicate Rate plus Malformed Rate must be below 1");
    }

    private void assertInvalid(final org.apache.nifi.components.PropertyDescriptor property, final String value, final String expected) {
        final String previous = runner.getProcessContext().getProperty(property).getValue();
        runner.setProperty(property, value);
        final String explanation = runner.getProcessContext() instanceof org.apache.nifi.util.MockProcessContext mock
                ? mock.validate().toString() : "";
        assertTrue(explanation.contains(expected), property.getName() + "=" + value + " should be invalid with '" + expected + "' but: " + explanation);
        runner.assertNotValid();
        if (previous == null) {
            runner.removeProperty(property);
        } else {
            runner.setProperty(property, previous);
        }
    }
}
