package io.nifidataflow.vertex;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.type.ArrayDataType;
import org.apache.nifi.serialization.record.type.MapDataType;

/**
 * Record values to protobuf {@link Value}s, the form of a Vertex AI instance. Values are converted by what they
 * are, the declared type only telling bytes apart from arrays of small numbers:
 * <ul>
 *   <li>null becomes {@code null_value}: a field is never omitted, so a model sees every feature it expects;</li>
 *   <li>records and maps become structs, arrays and collections lists, booleans bools, text strings;</li>
 *   <li>every number becomes {@code number_value}, an IEEE double as in JSON: integers beyond 2^53 lose precision,
 *       and floats keep their decimal form (0.1f is sent as 0.1, not 0.10000000149);</li>
 *   <li>bytes become {@code {"b64": "<base64>"}}, Vertex AI's convention for binary inputs;</li>
 *   <li>dates, times and timestamps become ISO-8601 strings (a timestamp as an instant in UTC).</li>
 * </ul>
 */
public final class ValueEncoder {

    public static final String BASE64_KEY = "b64";

    private static final Value NULL = Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();

    private ValueEncoder() {
    }

    /** All fields of {@code record}'s schema, in schema order, as one struct. */
    public static Value encodeRecord(final Record record) {
        final Struct.Builder struct = Struct.newBuilder();
        for (final RecordField field : record.getSchema().getFields()) {
            struct.putFields(field.getFieldName(), encode(record.getValue(field), field.getDataType()));
        }
        return Value.newBuilder().setStructValue(struct).build();
    }

    public static Value encode(final Object value) {
        return encode(value, null);
    }

    /**
     * @param declared the value's declared record type, or null when unknown
     * @throws UnconvertibleValueException for a value of a type that has no faithful protobuf form
     */
    public static Value encode(final Object value, final DataType declared) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof String text) {
            return Value.newBuilder().setStringValue(text).build();
        }
        if (value instanceof Boolean bool) {
            return Value.newBuilder().setBoolValue(bool).build();
        }
        if (value instanceof Number number) {
            return Value.newBuilder().setNumberValue(toDouble(number)).build();
        }
        if (value instanceof Record record) {
            return encodeRecord(record);
        }
        if (value instanceof byte[] bytes) {
            return base64(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            final byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return base64(bytes);
        }
        if (value instanceof Object[] array) {
            if (isByteArrayType(declared) && allBytes(array)) {
                final byte[] bytes = new byte[array.length];
                for (int i = 0; i < array.length; i++) {
                    bytes[i] = (Byte) array[i];
                }
                return base64(bytes);
            }
            final DataType elementType = declared instanceof ArrayDataType arrayType ? arrayType.getElementType() : null;
            final ListValue.Builder list = ListValue.newBuilder();
            for (final Object element : array) {
                list.addValues(encode(element, elementType));
            }
            return Value.newBuilder().setListValue(list).build();
        }
        if (value instanceof Collection<?> collection) {
            final DataType elementType = declared instanceof ArrayDataType arrayType ? arrayType.getElementType() : null;
            final ListValue.Builder list = ListValue.newBuilder();
            for (final Object element : collection) {
                list.addValues(encode(element, elementType));
            }
            return Value.newBuilder().setListValue(list).build();
        }
        if (value instanceof Map<?, ?> map) {
            final DataType valueType = declared instanceof MapDataType mapType ? mapType.getValueType() : null;
            final Struct.Builder struct = Struct.newBuilder();
            for (final Map.Entry<?, ?> entry : map.entrySet()) {
                struct.putFields(String.valueOf(entry.getKey()), encode(entry.getValue(), valueType));
            }
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (value instanceof Character || value instanceof Enum<?> || value instanceof UUID) {
            return Value.newBuilder().setStringValue(value.toString()).build();
        }
        final String temporal = temporalText(value);
        if (temporal != null) {
            return Value.newBuilder().setStringValue(temporal).build();
        }
        throw new UnconvertibleValueException("A value of type " + value.getClass().getName() + " has no protobuf Value form");
    }

    private static double toDouble(final Number number) {
        if (number instanceof Float f) {
            // The decimal the float was written as, not its binary expansion.
            return Double.parseDouble(Float.toString(f));
        }
        if (number instanceof BigDecimal || number instanceof BigInteger) {
            return number.doubleValue();
        }
        return number.doubleValue();
    }

    private static String temporalText(final Object value) {
        // java.sql types first: they extend java.util.Date, and java.sql.Date/Time refuse toInstant().
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime().toString();
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        return null;
    }

    private static boolean isByteArrayType(final DataType declared) {
        return declared instanceof ArrayDataType arrayType && arrayType.getElementType() != null
                && arrayType.getElementType().getFieldType() == RecordFieldType.BYTE;
    }

    private static boolean allBytes(final Object[] array) {
        for (final Object element : array) {
            if (!(element instanceof Byte)) {
                return false;
            }
        }
        return true;
    }

    private static Value base64(final byte[] bytes) {
        return Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields(BASE64_KEY, Value.newBuilder().setStringValue(Base64.getEncoder().encodeToString(bytes)).build())).build();
    }
}
