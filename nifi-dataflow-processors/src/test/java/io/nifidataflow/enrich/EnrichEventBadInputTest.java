package io.nifidataflow.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifidataflow.clickstream.ClickEvent;
import io.nifidataflow.clickstream.ClickstreamGenerator;
import io.nifidataflow.clickstream.ClickstreamGenerator.Kind;
import io.nifidataflow.clickstream.ClickstreamSchema;
import io.nifidataflow.clickstream.ClickstreamSettings;
import io.nifidataflow.enrich.Violation.Rule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input, with no record lost: records in = success + invalid + duplicate, no exception escapes, and each
 * invalid record carries the reason it is really invalid for, known independently of the processor.
 */
class EnrichEventBadInputTest {

    private EnrichEventRunner enrich;
    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        enrich = new EnrichEventRunner();
        runner = enrich.runner;
        final MapRecordLookupService customers = new MapRecordLookupService().customer("u-000001", "gold", 10.0, 1);
        runner.addControllerService("customers", customers);
        runner.enableControllerService(customers);
        runner.setProperty(EnrichEvent.USER_LOOKUP_SERVICE, "customers");
        runner.setProperty(EnrichEvent.PARTITION_COUNT, "8");
    }

    /** What the generator says a record is, and for a malformed one, the rule its one broken field breaks. */
    private record Expected(Kind kind, String eventId, Rule rule) {
    }

    @Test
    void generatedClickstreamWithMalformedAndDuplicateRecords() throws Exception {
        final ClickstreamSettings settings = new ClickstreamSettings(300, 200, 10, 7, Instant.parse("2026-05-31T00:00:00Z"),
                0.3, 5_000, 0.1, 0.2);
        final ClickstreamGenerator generator = new ClickstreamGenerator(settings);
        final List<Expected> expected = new ArrayList<>();
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("generator-writer", writer);
        runner.enableControllerService(writer);

        ClickEvent lastClean = null;
        for (int flowFile = 0; flowFile < 6; flowFile++) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RecordSetWriter records = writer.createWriter(new MockComponentLog("test", this), ClickstreamSchema.SCHEMA, out, Collections.emptyMap())) {
                records.beginRecordSet();
                for (int i = 0; i < 1_000; i++) {
                    final ClickEvent event = generator.next();
                    final Kind kind = generator.lastKind();
                    expected.add(new Expected(kind, event.eventId(), kind == Kind.MALFORMED ? brokenRule(lastClean, event) : null));
                    if (kind == Kind.CLEAN) {
                        lastClean = event;
                    }
                    records.write(ClickstreamSchema.toRecord(event));
                }
                records.finishRecordSet();
            }
            runner.enqueue(out.toByteArray());
        }
        runner.run(6);

        runner.assertTransferCount(EnrichEvent.REL_FAILURE, 0);
        final long input = expected.size();
        assertEquals(input, enrich.recordCount("success") + enrich.recordCount("invalid") + enrich.recordCount("duplicate"));

        assertEquals(ids(expected, Kind.CLEAN), enrich.texts(enrich.records("success"), "event_id"));
        assertEquals(ids(expected, Kind.DUPLICATE), enrich.texts(enrich.records("duplicate"), "event_id"));
        final List<Rule> expectedRules = expected.stream().filter(e -> e.kind() == Kind.MALFORMED).map(Expected::rule).toList();
        final List<JsonNode> invalid = enrich.records("invalid");
        assertEquals(expectedRules.size(), invalid.size());
        assertTrue(expectedRules.size() > 1_000, "about a fifth of 6,000 records are malformed: " + expectedRules.size());
        for (int i = 0; i < invalid.size(); i++) {
            final String reason = invalid.get(i).get("enrich_error").asText();
            assertTrue(reason.startsWith(expectedRules.get(i).wording() + " at "), i + ": expected " + expectedRules.get(i) + " but was " + reason);
            assertTrue(!reason.contains("; "), "one broken field, one reason: " + reason);
        }
        assertTrue(expectedRules.containsAll(List.of(Rule.MISSING_EVENT_ID, Rule.MISSING_USER_ID, Rule.UNPARSEABLE_EVENT_TIME,
                Rule.NOT_A_NUMBER, Rule.NEGATIVE_NUMBER)), "every kind of malformation was exercised");
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(EnrichEvent.REL_INVALID)) {
            assertTrue(flowFile.getAttribute(EnrichEvent.ERROR_ATTRIBUTE) != null);
        }
    }

    /** The generator breaks exactly one field of a copy of the last clean event (with a fresh id): find which. */
    private static Rule brokenRule(final ClickEvent template, final ClickEvent malformed) {
        if (malformed.eventId() == null) {
            return Rule.MISSING_EVENT_ID;
        }
        if (!Objects.equals(template.userId(), malformed.userId())) {
            return Rule.MISSING_USER_ID;
        }
        if (!Objects.equals(template.eventTime(), malformed.eventTime())) {
            return Rule.UNPARSEABLE_EVENT_TIME;
        }
        if (!Objects.equals(template.price(), malformed.price())) {
            return Rule.NOT_A_NUMBER;
        }
        if (!Objects.equals(template.quantity(), malformed.quantity())) {
            return Rule.NEGATIVE_NUMBER;
        }
        throw new AssertionError("the generator changed nothing in " + malformed);
    }

    private static List<String> ids(final List<Expected> expected, final Kind kind) {
        return expected.stream().filter(e -> e.kind() == kind).map(Expected::eventId).toList();
    }

    /** A hand-made record, the relationship it belongs to, and for invalid ones the exact reasons. */
    private record Nasty(String json, String relationship, String reasons) {
    }

    @Test
    void handMadeNastyRecords() throws Exception {
        final String time = "\"2026-06-01T11:00:00Z\"";
        final String huge = "h".repeat(2_000_000);
        final List<Nasty> nasty = List.of(
                new Nasty("{\"event_id\":null,\"event_type\":null,\"event_time\":null,\"user_id\":null,\"product_id\":null,\"price\":null,\"quantity\":null}",
                        "invalid", "missing event id at /event_id; missing user id at /user_id; missing event time at /event_time"),
                new Nasty("{}", "invalid", "missing event id at /event_id; missing user id at /user_id; missing event time at /event_time"),
                new Nasty("{\"event_id\":\"  \",\"event_time\":\"  \",\"user_id\":\"\\t\"}", "invalid",
                        "missing event id at /event_id; missing user id at /user_id; unparseable event time at /event_time: '  '"),
                new Nasty("{\"event_id\":\"" + huge + "\",\"event_time\":" + time + ",\"user_id\":\"u-huge-id\",\"event_type\":\"view\",\"product_id\":\"p-1\"}",
                        "success", null),
                new Nasty("{\"event_id\":\"e-huge-user\",\"event_time\":" + time + ",\"user_id\":\"" + huge + "\",\"event_type\":\"view\"}",
                        "success", null),
                new Nasty("{\"event_id\":\"e-huge-time\",\"event_time\":\"" + huge + "\",\"user_id\":\"u-1\"}", "invalid",
                        "unparseable event time at /event_time: '" + "h".repeat(Violation.MAX_VALUE_CHARS) + "... (2000000 characters)'"),
                new Nasty("{\"event_id\":\"e-nan\",\"event_time\":" + time + ",\"user_id\":\"u-1\",\"price\":\"NaN\"}", "invalid",
                        // the reader turned the string into a double (price mixes numbers and text here); NaN all the same
                        "not a finite number at /price: NaN"),
                new Nasty("{\"event_id\":\"e-inf\",\"event_time\":" + time + ",\"user_id\":\"u-1\",\"price\":\"-Infinity\"}", "invalid",
                        "not a finite number at /price: -Infinity"),
                new Nasty("{\"event_id\":\"e-overflow\",\"event_time\":" + time + ",\"user_id\":\"u-1\",\"price\":1e400}", "invalid",
                        "not a finite number at /price: Infinity"),
                new Nasty("{\"event_id\":\"e-negative\",\"event_time\":" + time + ",\"user_id\":\"u-1\",\"price\":-5.5}", "invalid",
                        "negative number at /price: -5.5"),
                new Nasty("{\"event_id\":\"e-object-price\",\"event_time\":" + time + ",\"user_id\":\"u-1\",\"price\":{\"amount\":3}}", "invalid",
                        null),
                new Nasty("{\"event_id\":\"e-bool\",\"event_time\":" + time + ",\"user_id\":\"u-1\",\"quantity\":true}", "invalid",
                        "not a number at /quantity: true"),
                new Nasty("{\"event_id\":\"e-9999\",\"event_time\":\"9999-12-31T23:59:59Z\",\"user_id\":\"u-1\"}", "invalid",
                        "event time too far in the future at /event_time: '9999-12-31T23:59:59Z'"),
                // One fractional time below makes the inferred type a choice of double and string, so the JSON reader
                // delivers every number of this field, and numeric strings too, as doubles.
                new Nasty("{\"event_id\":\"e-9999-millis\",\"event_time\":253402300799000,\"user_id\":\"u-1\"}", "invalid",
                        "event time too far in the future at /event_time: 2.53402300799E14"),
                new Nasty("{\"event_id\":\"e-moon\",\"event_time\":\"1969-07-20T20:17:40Z\",\"user_id\":\"u-old\",\"event_type\":\"view\"}", "success", null),
                new Nasty("{\"event_id\":\"e-1900\",\"event_time\":\"-2208988800000\",\"user_id\":\"u-old\",\"event_type\":\"view\"}", "success", null),
                new Nasty("{\"event_id\":\"e-fraction\",\"event_time\":1780200000000.5,\"user_id\":\"u-1\"}", "invalid",
                        "unparseable event time at /event_time: 1.7802000000005E12"),
                new Nasty("{\"event_id\":\"e-exponent\",\"event_time\":1.7802e12,\"user_id\":\"u-1\"}", "success", null),
                new Nasty("{\"event_id\":{\"a\":1},\"event_time\":" + time + ",\"user_id\":[1,2]}", "invalid", null),
                new Nasty("{\"event_id\":\"e-typed\",\"event_time\":" + time + ",\"user_id\":12345,\"event_type\":42}", "success", null),
                new Nasty("{\"event_id\":\"e-\\u0000\\u2603\",\"event_time\":" + time + ",\"user_id\":\"\u00fcser-\u2713\",\"product_id\":\"p-\u20ac\",\"event_type\":\"View\"}",
                        "success", null),
                new Nasty("{\"event_id\":\"e-dup\",\"event_time\":" + time + ",\"user_id\":\"u-1\"}", "success", null),
                new Nasty("{\"event_id\":\"e-dup\",\"event_time\":" + time + ",\"user_id\":\"u-1\"}", "duplicate", null),
                new Nasty("{\"event_id\":\" e-dup \",\"event_time\":" + time + ",\"user_id\":\"u-2\"}", "duplicate", null));

        final String content = "[" + String.join(",", nasty.stream().map(Nasty::json).toList()) + "]";
        runner.enqueue(content.getBytes(StandardCharsets.UTF_8));
        final byte[] latin1 = "[{\"event_id\":\"e-latin1\",\"event_time\":\"2026-06-01T11:00:00Z\",\"user_id\":\"caf\u00e9\"}]".getBytes(StandardCharsets.ISO_8859_1);
        runner.enqueue(latin1);
        final byte[] nanToken = "[{\"event_id\":\"e-token\",\"event_time\":\"2026-06-01T11:00:00Z\",\"user_id\":\"u\",\"price\":NaN}]".getBytes(StandardCharsets.UTF_8);
        runner.enqueue(nanToken);
        runner.run(3);

        // Undecodable content is not records: those FlowFiles go to failure whole, unchanged.
        runner.assertTransferCount(EnrichEvent.REL_FAILURE, 2);
        runner.getFlowFilesForRelationship(EnrichEvent.REL_FAILURE).get(0).assertContentEquals(latin1);
        runner.getFlowFilesForRelationship(EnrichEvent.REL_FAILURE).get(1).assertContentEquals(nanToken);

        assertEquals(nasty.size(), enrich.recordCount("success") + enrich.recordCount("invalid") + enrich.recordCount("duplicate"));
        final List<JsonNode> invalid = enrich.records("invalid");
        final List<JsonNode> success = enrich.records("success");
        final List<Nasty> expectedInvalid = nasty.stream().filter(n -> n.relationship().equals("invalid")).toList();
        assertEquals(expectedInvalid.size(), invalid.size());
        for (int i = 0; i < invalid.size(); i++) {
            final String reasons = invalid.get(i).get("enrich_error").asText();
            if (expectedInvalid.get(i).reasons() != null) {
                assertEquals(expectedInvalid.get(i).reasons(), reasons);
            }
        }
        assertEquals("e-object-price", invalid.get(8).get("event_id").asText());
        assertEquals("not a number at /price: {\"amount\":3}", invalid.get(8).get("enrich_error").asText(), "an object is not a price");
        assertTrue(invalid.get(13).get("enrich_error").asText().startsWith("event id is not a string or an integer at /event_id: "));
        assertTrue(invalid.get(13).get("enrich_error").asText().contains("; user id is not a string or an integer at /user_id: [1, 2]"));
        assertEquals(nasty.stream().filter(n -> n.relationship().equals("success")).count(), success.size());
        assertEquals(2_000_000, byId(success, "e-huge-user").get("user_id").asText().length());
        assertEquals("u-old-" + Instant.parse("1969-07-20T20:17:40Z").toEpochMilli(), byId(success, "e-moon").get("session_id").asText());
        assertEquals("u-old-" + Instant.parse("1969-07-20T20:17:40Z").toEpochMilli(), byId(success, "e-1900").get("session_id").asText(),
                "1900 is older than the session's latest event: it joins that session");
        assertEquals(-2_208_988_800_000L, byId(success, "e-1900").get("event_time").asLong());
        assertEquals(1_780_200_000_000L, byId(success, "e-exponent").get("event_time").asLong());
        final JsonNode typed = byId(success, "e-typed");
        assertTrue(typed.get("session_id").asText().startsWith("12345-"), "a numeric user in its string form");
        assertEquals("42", typed.get("event_type").asText());
        final JsonNode unicode = byId(success, "e-\u0000\u2603");
        assertTrue(unicode.get("session_id").asText().startsWith("\u00fcser-\u2713-"));
        assertEquals("view", unicode.get("event_type").asText());
        assertEquals("p-\u20ac", unicode.get("product_id").asText());
    }

    private static JsonNode byId(final List<JsonNode> records, final String eventId) {
        return records.stream().filter(record -> eventId.equals(record.get("event_id").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no record " + eventId));
    }
}
