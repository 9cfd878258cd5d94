package io.nifidataflow.enrich;

import static io.nifidataflow.enrich.EnrichEventRunner.NOW;
import static io.nifidataflow.enrich.EnrichEventRunner.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichEventTest {

    private EnrichEventRunner enrich;
    private TestRunner runner;

    @BeforeEach
    void setUp() {
        enrich = new EnrichEventRunner();
        runner = enrich.runner;
    }

    @Test
    void cleanEventsAreEnrichedWithSessionAndHistory() {
        enrich.enqueue(
                event("e-1", 300, "u-1", "VIEW", "p-1"),
                event("e-2", 240, "u-1", "view", "p-2"),
                event("e-3", 180, "u-1", "add_to_cart", "p-2"),
                event("e-4", 120, "u-2", "search", null));
        runner.run();

        runner.assertAllFlowFilesTransferred(EnrichEvent.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(EnrichEvent.REL_SUCCESS).get(0);
        out.assertAttributeEquals("record.count", "4");
        out.assertAttributeEquals("mime.type", "application/json");

        final List<JsonNode> records = enrich.records("success");
        final long start = NOW.minusSeconds(300).toEpochMilli();
        final JsonNode first = records.get(0);
        assertEquals("view", first.get("event_type").asText(), "event types are written in lower case");
        assertEquals(start, first.get("event_time").asLong(), "the time is a timestamp now; the JSON writer writes epoch millis by default");
        assertEquals("u-1-" + start, first.get("session_id").asText());
        assertEquals(1, first.get("history").get("session_event_count").asInt());
        assertEquals(start, first.get("history").get("session_start").asLong());
        assertTrue(first.get("history").get("seconds_since_previous").isNull());

        final JsonNode third = records.get(2).get("history");
        assertEquals(3, third.get("session_event_count").asInt());
        assertEquals(60.0, third.get("seconds_since_previous").asDouble());
        assertEquals(List.of("p-2", "p-1"), strings(third.get("recent_products")));
        assertEquals(List.of("p-2"), strings(third.get("cart_products")));

        assertEquals("u-2-" + NOW.minusSeconds(120).toEpochMilli(), records.get(3).get("session_id").asText());
        assertEquals(4L, runner.getCounterValue(EnrichEvent.COUNTER_ENRICHED));
    }

    @Test
    void invalidRecordsCarryEveryReasonAndTheFirstIsAnAttribute() {
        final ObjectNode noUser = event("e-1", 60, " ", "view", "p-1");
        final ObjectNode badTime = event("e-2", "2026-06-01", "u", "view", "p-1");
        badTime.put("price", "N/A");
        enrich.enqueue(event("e-0", 90, "u", "view", "p-0"), noUser, badTime);
        runner.run();

        final List<JsonNode> invalid = enrich.records("invalid");
        assertEquals(2, invalid.size());
        assertEquals("missing user id at /user_id", invalid.get(0).get("enrich_error").asText());
        assertEquals("unparseable event time at /event_time: '2026-06-01'; not a number at /price: 'N/A'", invalid.get(1).get("enrich_error").asText());
        assertEquals("2026-06-01", invalid.get(1).get("event_time").asText(), "invalid records keep their values as they arrived");
        final MockFlowFile flowFile = runner.getFlowFilesForRelationship(EnrichEvent.REL_INVALID).get(0);
        flowFile.assertAttributeEquals(EnrichEvent.ERROR_ATTRIBUTE, "missing user id at /user_id");
        flowFile.assertAttributeEquals("record.count", "2");
        assertEquals(1, enrich.recordCount("success"));
        assertEquals(2L, runner.getCounterValue(EnrichEvent.COUNTER_INVALID));
    }

    @Test
    void redeliveriesGoToDuplicateAsTheyArrivedAndDoNotTouchTheSession() {
        final ObjectNode original = event("e-1", 120, "u", "View", "p-1");
        enrich.enqueue(original, event("e-2", 60, "u", "view", "p-2"));
        enrich.enqueue(original.deepCopy(), event("e-3", 30, "u", "view", "p-3"));
        runner.run(2);

        final List<JsonNode> duplicates = enrich.records("duplicate");
        assertEquals(1, duplicates.size());
        assertEquals(original.toString(), duplicates.get(0).toString(), "a duplicate is written exactly as it came");
        final List<JsonNode> success = enrich.records("success");
        assertEquals(3, success.size());
        assertEquals(3, success.get(2).get("history").get("session_event_count").asInt(), "the duplicate was not counted");
        assertEquals(30.0, success.get(2).get("history").get("seconds_since_previous").asDouble());
        assertEquals(1L, runner.getCounterValue(EnrichEvent.COUNTER_DUPLICATES));
    }

    @Test
    void theDeduplicationWindowCountsFromFirstSight() {
        runner.setProperty(EnrichEvent.DEDUPLICATION_WINDOW, "10 min");
        final ObjectNode event = event("e-1", 60, "u", "view", "p-1");
        enrich.enqueue(event);
        runner.run(1, false, true);
        enrich.advance(9 * 60_000);
        enrich.enqueue(event);
        runner.run(1, false, false);
        enrich.advance(60_000);
        enrich.enqueue(event);
        runner.run(1, false, false);

        assertEquals(1, enrich.recordCount("duplicate"), "seen 9 minutes after first sight: a duplicate");
        assertEquals(2, enrich.recordCount("success"), "10 minutes after first sight, despite the duplicate at 9: new again");
    }

    @Test
    void aZeroWindowTurnsDeduplicationOff() {
        runner.setProperty(EnrichEvent.DEDUPLICATION_WINDOW, "0 sec");
        final ObjectNode event = event("e-1", 60, "u", "view", "p-1");
        enrich.enqueue(event, event);
        runner.run();
        assertEquals(2, enrich.recordCount("success"));
    }

    @Test
    void anEventExactlyOneGapLaterStartsANewSession() {
        runner.setProperty(EnrichEvent.SESSION_GAP, "30 min");
        enrich.enqueue(
                event("e-1", 7200, "u", "view", "p-1"),
                event("e-2", 7200 - 1799, "u", "view", "p-2"),
                event("e-3", 7200 - 1799 - 1800, "u", "view", "p-3"));
        runner.run();
        final List<JsonNode> records = enrich.records("success");
        assertEquals(records.get(0).get("session_id"), records.get(1).get("session_id"), "29:59 later: same session");
        assertEquals("u-" + NOW.minusSeconds(7200 - 1799 - 1800).toEpochMilli(), records.get(2).get("session_id").asText(), "30:00 later: new");
        assertEquals(List.of(), strings(records.get(2).get("history").get("recent_products")));
    }

    @Test
    void numericStringsAreConvertedAndTheSchemaSaysSo() {
        final ObjectNode event = event("e-1", 60, "u", "add_to_cart", "p-1");
        event.put("price", "12.50");
        event.put("quantity", "2");
        enrich.enqueue(event);
        runner.run();
        final JsonNode record = enrich.records("success").get(0);
        assertTrue(record.get("price").isNumber(), record.toString());
        assertEquals(12.5, record.get("price").asDouble());
        assertEquals(2.0, record.get("quantity").asDouble());
    }

    @Test
    void userLookupsBecomeNestedRecordsAndAreCached() throws Exception {
        final MapRecordLookupService customers = new MapRecordLookupService().customer("u-1", "gold", 1234.5, 17);
        runner.addControllerService("customers", customers);
        runner.enableControllerService(customers);
        runner.setProperty(EnrichEvent.USER_LOOKUP_SERVICE, "customers");
        enrich.enqueue(event("e-1", 60, "u-1", "view", "p-1"), event("e-2", 50, "u-2", "view", "p-1"),
                event("e-3", 40, "u-1", "view", "p-2"), event("e-4", 30, "u-2", "view", "p-2"));
        runner.run();

        final List<JsonNode> records = enrich.records("success");
        final JsonNode customer = records.get(0).get("customer");
        assertEquals("gold", customer.get("tier").asText());
        assertEquals(1234.5, customer.get("lifetime_value").asDouble());
        assertEquals(17, customer.get("orders").asInt());
        assertTrue(records.get(1).get("customer").isNull(), "a miss leaves the field null");
        assertEquals(customer, records.get(2).get("customer"));
        assertEquals(2, customers.calls().size(), "hits and misses are both cached: one call per user");
        assertEquals(Map.of("key", "u-1"), customers.calls().get(0));
        assertEquals(2L, runner.getCounterValue(EnrichEvent.COUNTER_LOOKUP_HITS));
        assertEquals(2L, runner.getCounterValue(EnrichEvent.COUNTER_LOOKUP_MISSES));
        assertEquals(2L, runner.getCounterValue(EnrichEvent.COUNTER_LOOKUP_CALLS));
    }

    @Test
    void cachedLookupsExpire() throws Exception {
        final MapRecordLookupService customers = new MapRecordLookupService().customer("u-1", "gold", 1.0, 1);
        runner.addControllerService("customers", customers);
        runner.enableControllerService(customers);
        runner.setProperty(EnrichEvent.USER_LOOKUP_SERVICE, "customers");
        runner.setProperty(EnrichEvent.LOOKUP_CACHE_EXPIRATION, "5 min");
        enrich.enqueue(event("e-1", 60, "u-1", "view", "p-1"));
        runner.run(1, false, true);
        enrich.advance(4 * 60_000);
        enrich.enqueue(event("e-2", 30, "u-1", "view", "p-1"));
        runner.run(1, false, false);
        assertEquals(1, customers.calls().size());
        enrich.advance(60_000);
        enrich.enqueue(event("e-3", 20, "u-1", "view", "p-1"));
        runner.run(1, false, false);
        assertEquals(2, customers.calls().size(), "five minutes after loading, the service is asked again");
    }

    @Test
    void theResultSchemaIsLearnedEvenWhenTheFirstRecordsMiss() throws Exception {
        final MapRecordLookupService customers = new MapRecordLookupService().customer("u-9", "silver", 10.0, 2);
        runner.addControllerService("customers", customers);
        runner.enableControllerService(customers);
        runner.setProperty(EnrichEvent.USER_LOOKUP_SERVICE, "customers");
        enrich.enqueue(event("e-1", 60, "u-1", "view", "p-1"), event("e-2", 50, "u-2", "view", "p-1"), event("e-3", 40, "u-9", "view", "p-1"));
        runner.run();
        final List<JsonNode> records = enrich.records("success");
        assertEquals("silver", records.get(2).get("customer").get("tier").asText(), "not an empty record: the schema was known before writing");
        assertEquals(3, customers.calls().size(), "the look-ahead's lookups were cached for the real pass");
        assertEquals(1L, runner.getCounterValue(EnrichEvent.COUNTER_LOOKUP_HITS), "the look-ahead is not counted");
    }

    @Test
    void productLookupsWithAStringServiceBecomeStrings() throws Exception {
        final MapStringLookupService names = new MapStringLookupService(Map.of("p-1", "Trail shoes"), Set.of("key"));
        runner.addControllerService("names", names);
        runner.enableControllerService(names);
        runner.setProperty(EnrichEvent.PRODUCT_LOOKUP_SERVICE, "names");
        runner.setProperty(EnrichEvent.PRODUCT_RESULT_PATH, "/product_name");
        enrich.enqueue(event("e-1", 60, "u", "view", "p-1"), event("e-2", 50, "u", "view", "p-2"), event("e-3", 40, "u", "search", null));
        runner.run();
        final List<JsonNode> records = enrich.records("success");
        assertEquals("Trail shoes", records.get(0).get("product_name").asText());
        assertTrue(records.get(1).get("product_name").isNull());
        assertTrue(records.get(2).get("product_name").isNull());
        assertEquals(1L, runner.getCounterValue(EnrichEvent.COUNTER_LOOKUP_MISSES), "an event without a product is no lookup at all");
    }

    @Test
    void aFailingLookupSendsTheOriginalToFailureAndLeavesNoTrace() throws Exception {
        final MapRecordLookupService customers = new MapRecordLookupService().customer("u", "gold", 1.0, 1);
        runner.addControllerService("customers", customers);
        runner.enableControllerService(customers);
        runner.setProperty(EnrichEvent.USER_LOOKUP_SERVICE, "customers");
        enrich.enqueue(event("e-1", 90, "u", "add_to_cart", "p-1"));
        runner.run(1, false, true);
        customers.setFailing(true);
        enrich.advance(10 * 60_000);
        final String content = EnrichEventRunner.array(event("e-2", 60, "u", "view", "p-2"), event("e-3", 30, "v", "view", "p-2"));
        runner.enqueue(content);
        runner.run(1, false, false);

        runner.assertTransferCount(EnrichEvent.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(EnrichEvent.REL_FAILURE).get(0);
        failed.assertContentEquals(content);
        assertTrue(failed.isPenalized());
        assertTrue(failed.getAttribute(EnrichEvent.ERROR_ATTRIBUTE).contains("customer database unavailable"), failed.getAttributes().toString());
        assertEquals(1, enrich.recordCount("success"));

        customers.setFailing(false);
        runner.clearTransferState();
        runner.enqueue(content);
        runner.run(1, false, false);
        final List<JsonNode> retried = enrich.records("success");
        assertEquals(2, retried.size(), "the retry is not taken for its own duplicate");
        assertEquals(2, retried.get(0).get("history").get("session_event_count").asInt(), "nor counted twice in the session");
        assertEquals(List.of("p-1"), strings(retried.get(0).get("history").get("cart_products")));
    }

    @Test
    void unreadableContentGoesToFailureWhole() throws Exception {
        final byte[] notUtf8 = "[{\"event_id\":\"e-1\",\"user_id\":\"caf\u00e9\"}]".getBytes(StandardCharsets.ISO_8859_1);
        runner.enqueue(notUtf8);
        runner.run();
        runner.assertAllFlowFilesTransferred(EnrichEvent.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(EnrichEvent.REL_FAILURE).get(0).assertContentEquals(notUtf8);
    }

    @Test
    void partitionsAreStableHashesOfTheUser() {
        runner.setProperty(EnrichEvent.PARTITION_COUNT, "16");
        enrich.enqueue(event("e-1", 60, "u-1", "view", "p-1"), event("e-2", 50, "u-2", "view", "p-1"));
        runner.run();
        final List<JsonNode> records = enrich.records("success");
        assertEquals(Partitions.of("u-1", 16), records.get(0).get("partition").asInt());
        assertEquals(Partitions.of("u-2", 16), records.get(1).get("partition").asInt());
    }

    @Test
    void withoutPartitionCountThereIsNoPartitionField() {
        enrich.enqueue(event("e-1", 60, "u-1", "view", "p-1"));
        runner.run();
        assertFalse(enrich.records("success").get(0).has("partition"));
    }

    @Test
    void configuredPathsMayBeNestedOrAnyRecordPath() {
        runner.setProperty(EnrichEvent.EVENT_ID_PATH, "/meta/id");
        runner.setProperty(EnrichEvent.EVENT_TIME_PATH, "/meta/time");
        runner.setProperty(EnrichEvent.USER_ID_PATH, "//user");
        runner.setProperty(EnrichEvent.EVENT_TYPE_PATH, "/kind");
        runner.setProperty(EnrichEvent.PRODUCT_ID_PATH, "/item/sku");
        runner.setProperty(EnrichEvent.NUMERIC_FIELDS, "/item/price");
        runner.setProperty(EnrichEvent.REQUIRED_FIELDS, "/item/sku");
        runner.enqueue("""
                [{"meta": {"id": "e-1", "time": "%s"}, "attributes": {"user": "u-7"}, "kind": "Add_To_Cart", "item": {"sku": "p-9", "price": "3.5"}},
                 {"meta": {"id": "e-2", "time": "%s"}, "attributes": {"user": "u-7"}, "kind": "view", "item": {"price": 1}}]
                """.formatted(NOW.minusSeconds(60), NOW.minusSeconds(30)));
        runner.run();

        final JsonNode record = enrich.records("success").get(0);
        assertEquals("u-7-" + NOW.minusSeconds(60).toEpochMilli(), record.get("session_id").asText());
        assertEquals(NOW.minusSeconds(60).toEpochMilli(), record.get("meta").get("time").asLong(), "a nested time is retyped too");
        assertEquals(3.5, record.get("item").get("price").asDouble());
        assertEquals("add_to_cart", record.get("kind").asText());
        assertEquals(List.of("p-9"), strings(record.get("history").get("cart_products")));
        assertEquals("missing required field at /item/sku", enrich.records("invalid").get(0).get("enrich_error").asText());
    }

    @Test
    void provenanceRoutesEachChildAndCountsAreConserved() {
        enrich.enqueue(event("e-1", 60, "u", "view", "p-1"), event("e-1", 60, "u", "view", "p-1"), event(null, 60, "u", "view", "p-1"));
        runner.run();
        assertEquals(1, enrich.recordCount("success"));
        assertEquals(1, enrich.recordCount("duplicate"));
        assertEquals(1, enrich.recordCount("invalid"));
        final List<ProvenanceEventRecord> events = runner.getProvenanceEvents();
        assertEquals(3, events.stream().filter(e -> e.getEventType() == ProvenanceEventType.ROUTE).count());
        assertTrue(events.stream().anyMatch(e -> e.getEventType() == ProvenanceEventType.ROUTE && "1 records".equals(e.getDetails())));
    }

    @Test
    void anEmptyFlowFileProducesNoChildren() {
        runner.enqueue("[]");
        runner.run();
        runner.assertTransferCount(EnrichEvent.REL_SUCCESS, 0);
        runner.assertTransferCount(EnrichEvent.REL_FAILURE, 0);
        assertEquals(0, runner.getQueueSize().getObjectCount());
    }

    @Test
    void stoppingTheProcessorForgetsItsState() {
        final ObjectNode event = event("e-1", 60, "u", "view", "p-1");
        enrich.enqueue(event);
        runner.run();
        enrich.enqueue(event);
        runner.run();
        assertEquals(2, enrich.recordCount("success"), "state is in memory: a restart rebuilds it from the stream");
    }

    @Test
    void propertiesAreValidated() throws Exception {
        runner.assertValid();
        runner.setProperty(EnrichEvent.SESSION_GAP, "0 sec");
        runner.assertNotValid();
        runner.setProperty(EnrichEvent.SESSION_GAP, "30 min");
        runner.setProperty(EnrichEvent.NUMERIC_FIELDS, "/price,/[");
        runner.assertNotValid();
        runner.setProperty(EnrichEvent.NUMERIC_FIELDS, "/price");

        final MapStringLookupService twoKeys = new MapStringLookupService(Map.of(), Set.of("key", "region"));
        runner.addControllerService("two-keys", twoKeys);
        runner.enableControllerService(twoKeys);
        runner.setProperty(EnrichEvent.USER_LOOKUP_SERVICE, "two-keys");
        runner.assertNotValid();

        final MapStringLookupService oneKey = new MapStringLookupService(Map.of(), Set.of("key"));
        runner.addControllerService("one-key", oneKey);
        runner.enableControllerService(oneKey);
        runner.setProperty(EnrichEvent.USER_LOOKUP_SERVICE, "one-key");
        runner.assertValid();
        runner.setProperty(EnrichEvent.USER_RESULT_PATH, "/customer/tier");
        runner.assertNotValid();
        runner.setProperty(EnrichEvent.USER_RESULT_PATH, "/history");
        runner.assertNotValid();
        runner.setProperty(EnrichEvent.USER_RESULT_PATH, "/customer");
        runner.setProperty(EnrichEvent.PRODUCT_LOOKUP_SERVICE, "one-key");
        runner.setProperty(EnrichEvent.PRODUCT_RESULT_PATH, "/customer");
        runner.assertNotValid();
    }

    @Test
    void aDistributedCacheWithoutAWindowIsAMistake() throws Exception {
        final InMemoryMapCacheClient cache = new InMemoryMapCacheClient(InMemoryMapCacheClient.newServer());
        runner.addControllerService("cache", cache);
        runner.enableControllerService(cache);
        runner.setProperty(EnrichEvent.DISTRIBUTED_CACHE, "cache");
        runner.setProperty(EnrichEvent.DEDUPLICATION_WINDOW, "0 sec");
        runner.assertNotValid();
    }

    static List<String> strings(final JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
