package io.nifidataflow.vertex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.type.ArrayDataType;
import org.apache.nifi.serialization.record.type.ChoiceDataType;
import org.apache.nifi.serialization.record.type.RecordDataType;
import org.junit.jupiter.api.Test;

class ValueDecoderTest {

    private static Value json(final String json) throws Exception {
        final Value.Builder value = Value.newBuilder();
        JsonFormat.parser().merge(json, value);
        return value.build();
    }

    private static Object decode(final Value value) {
        return ValueDecoder.decode(value, ValueDecoder.orString(ValueDecoder.typeOf(value)));
    }

    @Test
    void scalarsBecomeDoubleStringBooleanAndNull() throws Exception {
        assertEquals(3.0, decode(json("3")));
        assertEquals(RecordFieldType.DOUBLE, ValueDecoder.typeOf(json("3")).getFieldType());
        assertEquals("x", decode(json("\"x\"")));
        assertEquals(true, decode(json("true")));
        assertNull(decode(Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build()));
        assertNull(ValueDecoder.typeOf(Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build()));
        assertNull(decode(Value.getDefaultInstance()), "an unset value reads as null");
    }

    @Test
    void aStructBecomesARecordAndAListAnArray() throws Exception {
        final Value prediction = json("{\"products\": [\"p-1\", \"p-2\"], \"scores\": [0.9, 0.5], \"model\": {\"name\": \"m\", \"v\": 2}, \"none\": null}");
        final DataType type = ValueDecoder.typeOf(prediction);
        final RecordDataType recordType = assertInstanceOf(RecordDataType.class, type);
        assertEquals(List.of("products", "scores", "model", "none"), recordType.getChildSchema().getFieldNames());
        assertEquals(RecordFieldType.STRING, ((ArrayDataType) recordType.getChildSchema().getDataType("products").orElseThrow()).getElementType().getFieldType());
        assertEquals(RecordFieldType.STRING.getDataType(), ((RecordDataType) ValueDecoder.orString(type)).getChildSchema().getDataType("none").orElseThrow(),
                "all-null: a nullable string");

        final Record record = assertInstanceOf(Record.class, ValueDecoder.decode(prediction, type));
        assertArrayEquals(new Object[] {"p-1", "p-2"}, (Object[]) record.getValue("products"));
        assertArrayEquals(new Object[] {0.9, 0.5}, (Object[]) record.getValue("scores"));
        assertEquals("m", ((Record) record.getValue("model")).getValue("name"));
        assertEquals(2.0, ((Record) record.getValue("model")).getValue("v"));
        assertNull(record.getValue("none"));
    }

    @Test
    void listsOfMixedElementsAndEmptyListsHaveAType() throws Exception {
        final ArrayDataType mixed = (ArrayDataType) ValueDecoder.typeOf(json("[1, \"a\", null]"));
        final ChoiceDataType choice = assertInstanceOf(ChoiceDataType.class, mixed.getElementType());
        assertEquals(2, choice.getPossibleSubTypes().size());
        assertArrayEquals(new Object[] {1.0, "a", null}, (Object[]) decode(json("[1, \"a\", null]")));
        assertEquals(RecordFieldType.STRING.getDataType(), ((ArrayDataType) ValueDecoder.orString(ValueDecoder.typeOf(json("[]")))).getElementType());
        assertArrayEquals(new Object[0], (Object[]) decode(json("[]")));
        assertArrayEquals(new Object[] {new Object[] {1.0}, new Object[] {}}, (Object[]) decode(json("[[1], []]")));
    }

    @Test
    void predictionsOfOneFlowFileMergeIntoOneType() throws Exception {
        DataType merged = null;
        for (final String prediction : List.of("{\"a\": 1}", "{\"b\": \"x\"}", "{\"a\": null, \"c\": [{\"d\": true}]}", "{\"c\": [{\"e\": 1}]}")) {
            merged = ValueDecoder.merge(merged, ValueDecoder.typeOf(json(prediction)));
        }
        final RecordDataType record = assertInstanceOf(RecordDataType.class, ValueDecoder.orString(merged));
        assertEquals(List.of("a", "b", "c"), record.getChildSchema().getFieldNames());
        assertEquals(RecordFieldType.DOUBLE, record.getChildSchema().getDataType("a").orElseThrow().getFieldType(), "null fits any type");
        final RecordDataType element = (RecordDataType) ((ArrayDataType) record.getChildSchema().getDataType("c").orElseThrow()).getElementType();
        assertEquals(List.of("d", "e"), element.getChildSchema().getFieldNames());
        for (final RecordField field : record.getChildSchema().getFields()) {
            assertEquals(true, field.isNullable());
        }

        final Record decoded = (Record) ValueDecoder.decode(json("{\"b\": \"y\"}"), record);
        assertEquals(record.getChildSchema(), decoded.getSchema(), "every record of a FlowFile shares the merged schema");
        assertNull(decoded.getValue("a"));
    }

    @Test
    void typesThatShareNothingBecomeAChoiceAndDecodeByWhatTheyAre() throws Exception {
        final DataType merged = ValueDecoder.merge(ValueDecoder.typeOf(json("{\"a\": 1}")), ValueDecoder.merge(
                ValueDecoder.typeOf(json("[1]")), ValueDecoder.typeOf(json("2"))));
        final ChoiceDataType choice = assertInstanceOf(ChoiceDataType.class, merged);
        assertEquals(3, choice.getPossibleSubTypes().size());
        assertEquals(1.0, ((Record) ValueDecoder.decode(json("{\"a\": 1}"), merged)).getValue("a"));
        assertArrayEquals(new Object[] {1.0}, (Object[]) ValueDecoder.decode(json("[1]"), merged));
        assertEquals(2.0, ValueDecoder.decode(json("2"), merged));
        assertEquals(merged, ValueDecoder.merge(merged, ValueDecoder.typeOf(json("3"))), "merging is idempotent");
    }

    @Test
    void encodingThenDecodingKeepsEveryJsonKind() throws Exception {
        final Value original = Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("s", Value.newBuilder().setStringValue("t").build())
                .putFields("n", Value.newBuilder().setNumberValue(-1.5).build())
                .putFields("b", Value.newBuilder().setBoolValue(false).build())
                .putFields("z", Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build())
                .putFields("l", Value.newBuilder().setListValue(ListValue.newBuilder()
                        .addValues(Value.newBuilder().setStringValue("u").build())).build())).build();
        final Object decoded = decode(original);
        assertEquals(original, ValueEncoder.encode(decoded), "Value -> record -> Value is the identity");
    }
}
