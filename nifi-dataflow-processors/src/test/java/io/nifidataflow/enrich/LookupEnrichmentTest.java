package io.nifidataflow.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.serialization.record.type.RecordDataType;
import org.junit.jupiter.api.Test;

class LookupEnrichmentTest {

    @Test
    void aStringServiceHasAStringResultFromTheStart() {
        final LookupEnrichment names = new LookupEnrichment(new MapStringLookupService(Map.of("p", "shoes"), java.util.Set.of("key")), 10, 1_000);
        assertFalse(names.needsLearning());
        assertEquals(RecordFieldType.STRING.getDataType(), names.resultType());
    }

    @Test
    void aRecordServiceLearnsItsResultTypeFromTheFirstHitAndWidensIt() throws Exception {
        final MapRecordLookupService customers = new MapRecordLookupService().customer("u-1", "gold", 1.0, 1);
        final RecordSchema wider = new SimpleRecordSchema(List.of(new RecordField("tier", RecordFieldType.STRING.getDataType()),
                new RecordField("segment", RecordFieldType.STRING.getDataType())));
        customers.put("u-2", new MapRecord(wider, Map.of("tier", "silver", "segment", "b2b")));
        final LookupEnrichment lookup = new LookupEnrichment(customers, 10, 1_000);
        assertTrue(lookup.needsLearning());
        assertSame(EnrichedSchemas.UNKNOWN_RECORD, lookup.resultType());

        assertTrue(lookup.learnFrom("u-1", Map.of(), 0), "one hit is enough");
        assertEquals(MapRecordLookupService.CUSTOMER, ((RecordDataType) lookup.resultType()).getChildSchema());
        assertEquals(0, lookup.hits(), "learning is not counted");

        lookup.lookup("u-2", Map.of(), 0);
        final RecordSchema learned = ((RecordDataType) lookup.resultType()).getChildSchema();
        assertEquals(List.of("tier", "lifetime_value", "orders", "segment"), learned.getFieldNames());
        assertNull(lookup.lookup("u-3", Map.of(), 0));
        assertEquals(1, lookup.hits());
        assertEquals(1, lookup.misses());
    }

    @Test
    void lookingAheadGivesUpWhenTheServiceNeverAnswers() throws Exception {
        final LookupEnrichment lookup = new LookupEnrichment(new MapRecordLookupService().withoutCallLog(), 0, 0);
        for (int i = 0; i < LookupEnrichment.LOOK_AHEAD_RECORDS - 1; i++) {
            assertFalse(lookup.learnFrom("u-" + i, Map.of(), 0));
        }
        assertTrue(lookup.needsLearning());
        lookup.learnFrom("u-last", Map.of(), 0);
        assertFalse(lookup.needsLearning(), "no more FlowFiles are read twice");
        assertSame(EnrichedSchemas.UNKNOWN_RECORD, lookup.resultType());
    }
}
