package io.nifidataflow.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.NullValue;
import com.google.protobuf.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.junit.jupiter.api.Test;

class ValueEncoderTest {

    private enum Color { RED }

    private static Map<String, Value> fields(final Value struct) {
        return struct.getStructValue().getFieldsMap();
    }

    @Test
    void nullBecomesNullValue() {
        assertEquals(NullValue.NULL_VALUE, ValueEncoder.encode(null).getNullValue());
        assertEquals(Value.KindCase.NULL_VALUE, ValueEncoder.encode(null).getKindCase());
    }

    @Test
    void everyNumberBecomesADouble() {
        assertEquals(7.0, ValueEncoder.encode((byte) 7).getNumberValue());
        assertEquals(7.0, ValueEncoder.encode((short) 7).getNumberValue());
        assertEquals(7.0, ValueEncoder.encode(7).getNumberValue());
        assertEquals(7.0, ValueEncoder.encode(7L).getNumberValue());
        assertEquals(2.5, ValueEncoder.encode(2.5d).getNumberValue());
        assertEquals(0.1, ValueEncoder.encode(0.1f).getNumberValue(), "a float keeps its decimal form");
        assertEquals(12.34, ValueEncoder.encode(new BigDecimal("12.34")).getNumberValue());
        assertEquals(1e20, ValueEncoder.encode(new BigInteger("100000000000000000000")).getNumberValue());
        assertEquals(Value.KindCase.NUMBER_VALUE, ValueEncoder.encode(Long.MAX_VALUE).getKindCase());
    }

    @Test
    void textBooleansCharactersEnumsAndUuidsBecomeTheirKind() {
        assertEquals("héllo", ValueEncoder.encode("héllo").getStringValue());
        assertEquals("", ValueEncoder.encode("").getStringValue());
        assertTrue(ValueEncoder.encode(true).getBoolValue());
        assertEquals(Value.KindCase.BOOL_VALUE, ValueEncoder.encode(false).getKindCase());
        assertEquals("x", ValueEncoder.encode('x').getStringValue());
        assertEquals("RED", ValueEncoder.encode(Color.RED).getStringValue());
        final UUID uuid = UUID.fromString("1b4e28ba-2fa1-41d2-883f-0016d3cca427");
        assertEquals(uuid.toString(), ValueEncoder.encode(uuid).getStringValue());
    }

    @Test
    void datesTimesAndTimestampsBecomeIsoStrings() {
        assertEquals("2026-01-02T03:04:05.678Z", ValueEncoder.encode(java.sql.Timestamp.from(Instant.parse("2026-01-02T03:04:05.678Z"))).getStringValue());
        assertEquals("2026-01-02", ValueEncoder.encode(java.sql.Date.valueOf(LocalDate.of(2026, 1, 2))).getStringValue());
        assertEquals("03:04:05", ValueEncoder.encode(java.sql.Time.valueOf(LocalTime.of(3, 4, 5))).getStringValue());
        assertEquals("2026-01-02T03:04:05Z", ValueEncoder.encode(java.util.Date.from(Instant.parse("2026-01-02T03:04:05Z"))).getStringValue());
        assertEquals("2026-01-02T03:04:05Z", ValueEncoder.encode(Instant.parse("2026-01-02T03:04:05Z")).getStringValue());
        assertEquals("2026-01-02T03:04", ValueEncoder.encode(LocalDateTime.of(2026, 1, 2, 3, 4)).getStringValue());
        assertEquals("2026-01-02T03:04+02:00", ValueEncoder.encode(OffsetDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.ofHours(2))).getStringValue());
    }

    @Test
    void bytesBecomeTheVertexBase64Struct() {
        final byte[] bytes = "binary\u0000data".getBytes(StandardCharsets.UTF_8);
        final String b64 = Base64.getEncoder().encodeToString(bytes);
        assertEquals(b64, fields(ValueEncoder.encode(bytes)).get("b64").getStringValue());
        assertEquals(b64, fields(ValueEncoder.encode(ByteBuffer.wrap(bytes))).get("b64").getStringValue());

        final Object[] boxed = new Object[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            boxed[i] = bytes[i];
        }
        final var byteArrayType = RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.BYTE.getDataType());
        assertEquals(b64, fields(ValueEncoder.encode(boxed, byteArrayType)).get("b64").getStringValue(),
                "an array declared as bytes, as record readers give Avro bytes");
        assertEquals(Value.KindCase.LIST_VALUE, ValueEncoder.encode(boxed).getKindCase(), "undeclared: a list of numbers");
    }

    @Test
    void arraysAndCollectionsBecomeListsInOrderWithNullsKept() {
        final Value list = ValueEncoder.encode(new Object[] {1, "two", null, true});
        assertEquals(4, list.getListValue().getValuesCount());
        assertEquals(1.0, list.getListValue().getValues(0).getNumberValue());
        assertEquals("two", list.getListValue().getValues(1).getStringValue());
        assertEquals(Value.KindCase.NULL_VALUE, list.getListValue().getValues(2).getKindCase());
        assertTrue(list.getListValue().getValues(3).getBoolValue());
        assertEquals(List.of("a", "b"), ValueEncoder.encode(List.of("a", "b")).getListValue().getValuesList().stream().map(Value::getStringValue).toList());
        assertEquals(0, ValueEncoder.encode(new Object[0]).getListValue().getValuesCount());
    }

    @Test
    void mapsBecomeStructsWithTheirKeys() {
        final Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put(2, List.of("x"));
        map.put("none", null);
        final Map<String, Value> struct = fields(ValueEncoder.encode(map));
        assertEquals(1.0, struct.get("a").getNumberValue());
        assertEquals("x", struct.get("2").getListValue().getValues(0).getStringValue());
        assertEquals(Value.KindCase.NULL_VALUE, struct.get("none").getKindCase());
    }

    @Test
    void nestedRecordsBecomeStructsWithEverySchemaFieldEvenNull() {
        final RecordSchema inner = new SimpleRecordSchema(List.of(
                new RecordField("recent_products", RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.STRING.getDataType())),
                new RecordField("missing", RecordFieldType.STRING.getDataType())));
        final RecordSchema outer = new SimpleRecordSchema(List.of(
                new RecordField("user", RecordFieldType.STRING.getDataType()),
                new RecordField("history", RecordFieldType.RECORD.getRecordDataType(inner)),
                new RecordField("sessions", RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.RECORD.getRecordDataType(inner)))));
        final Record history = new MapRecord(inner, new HashMap<>(Map.of("recent_products", new Object[] {"p-1", "p-2"})));
        final Map<String, Object> values = new HashMap<>();
        values.put("user", "u-1");
        values.put("history", history);
        values.put("sessions", new Object[] {history});
        final Value encoded = ValueEncoder.encodeRecord(new MapRecord(outer, values));

        assertEquals(List.of("user", "history", "sessions"), List.copyOf(fields(encoded).keySet()), "schema order");
        final Map<String, Value> encodedHistory = fields(fields(encoded).get("history"));
        assertEquals("p-2", encodedHistory.get("recent_products").getListValue().getValues(1).getStringValue());
        assertEquals(Value.KindCase.NULL_VALUE, encodedHistory.get("missing").getKindCase());
        assertEquals(encodedHistory, fields(fields(encoded).get("sessions").getListValue().getValues(0)));
    }

    @Test
    void aValueWithoutAProtobufFormIsRefusedWithItsType() {
        final UnconvertibleValueException e = assertThrows(UnconvertibleValueException.class, () -> ValueEncoder.encode(new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"));
    }

    @Test
    void instanceFieldsSelectAndOrderTopLevelFieldsAndSendMissingOnesAsNull() {
        final RecordSchema schema = new SimpleRecordSchema(List.of(
                new RecordField("a", RecordFieldType.INT.getDataType()),
                new RecordField("b", RecordFieldType.STRING.getDataType())));
        final Record record = new MapRecord(schema, new HashMap<>(Map.of("a", 1, "b", "x")));

        final InstanceBuilder selected = InstanceBuilder.of(" b , missing,b,, a ");
        assertEquals(List.of("b", "missing", "a"), selected.fields());
        final Map<String, Value> instance = fields(selected.build(record));
        assertEquals(List.of("b", "missing", "a"), List.copyOf(instance.keySet()));
        assertEquals(Value.KindCase.NULL_VALUE, instance.get("missing").getKindCase());

        assertEquals(List.of("a", "b"), List.copyOf(fields(InstanceBuilder.of("").build(record)).keySet()), "empty: the whole record");
        assertEquals(List.of(), InstanceBuilder.of(null).fields());
    }
}
