package io.nifidataflow.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.junit.jupiter.api.Test;

/** Reading values by path, as records of changing schemas pass through one path. */
class FieldPathTest {

    private static final RecordSchema WITH_PRICE = new SimpleRecordSchema(List.of(
            new RecordField("id", RecordFieldType.STRING.getDataType()),
            new RecordField("price", RecordFieldType.DOUBLE.getDataType())));
    private static final RecordSchema PRICE_FIRST = new SimpleRecordSchema(List.of(
            new RecordField("price", RecordFieldType.DOUBLE.getDataType()),
            new RecordField("id", RecordFieldType.STRING.getDataType())));
    private static final RecordSchema WITHOUT_PRICE = new SimpleRecordSchema(List.of(
            new RecordField("id", RecordFieldType.STRING.getDataType())));
    private static final RecordSchema ALIASED = new SimpleRecordSchema(List.of(
            new RecordField("price", RecordFieldType.DOUBLE.getDataType(), null, java.util.Set.of("cost"), true)));

    private static Record record(final RecordSchema schema, final Object... namesAndValues) {
        final Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new MapRecord(schema, values);
    }

    @Test
    void readsTheSameFieldWhateverSchemaEachRecordComesWith() {
        final FieldPath price = FieldPath.compile("/price");
        assertEquals(1.5, price.get(record(WITH_PRICE, "id", "a", "price", 1.5)));
        assertEquals(2.5, price.get(record(PRICE_FIRST, "id", "b", "price", 2.5)));
        assertNull(price.get(record(WITHOUT_PRICE, "id", "c")), "a schema without the field");
        assertEquals(3.5, price.get(record(WITH_PRICE, "id", "d", "price", 3.5)), "back to the first schema");
        assertEquals(4.5, price.get(record(ALIASED, "cost", 4.5)), "a value under the field's alias");
    }

    @Test
    void aValueTheSchemaDoesNotDeclareIsStillFoundByName() {
        final FieldPath extra = FieldPath.compile("/extra");
        assertNull(extra.get(record(WITH_PRICE, "id", "a")));
        assertEquals("x", extra.get(record(WITHOUT_PRICE, "id", "b", "extra", "x")),
                "MapRecord keeps values outside its schema unless told to drop them");
    }

    @Test
    void nestedPathsFollowEachRecordsOwnChildSchema() {
        final RecordSchema child = new SimpleRecordSchema(List.of(new RecordField("tier", RecordFieldType.STRING.getDataType())));
        final RecordSchema parent = new SimpleRecordSchema(List.of(
                new RecordField("customer", RecordFieldType.RECORD.getRecordDataType(child))));
        final FieldPath tier = FieldPath.compile("/customer/tier");
        assertEquals("gold", tier.get(record(parent, "customer", record(child, "tier", "gold"))));
        assertNull(tier.get(record(WITH_PRICE, "id", "a")), "no customer at all");
        assertNull(tier.get(record(parent, "customer", "not a record")));
        assertEquals("silver", tier.get(record(parent, "customer", record(child, "tier", "silver"))));
    }

    @Test
    void otherRecordPathsGoThroughNiFisEngine() {
        final FieldPath descendant = FieldPath.compile("//price");
        assertFalse(descendant.fieldNames().isPresent());
        assertTrue(FieldPath.compile("/price").fieldNames().isPresent());
        assertEquals(1.5, descendant.get(record(WITH_PRICE, "id", "a", "price", 1.5)));
        assertNull(descendant.get(record(WITHOUT_PRICE, "id", "b")));
    }
}
