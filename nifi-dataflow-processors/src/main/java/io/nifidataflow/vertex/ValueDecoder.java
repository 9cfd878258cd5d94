package io.nifidataflow.vertex;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.serialization.record.type.ArrayDataType;
import org.apache.nifi.serialization.record.type.ChoiceDataType;
import org.apache.nifi.serialization.record.type.RecordDataType;

/**
 * Protobuf {@link Value}s, as Vertex AI returns predictions, back to record values: a struct becomes a record,
 * a list an array, a number a double, a string a string, a bool a boolean and {@code null_value} null.
 *
 * <p>The record type of a prediction is inferred from the values themselves ({@link #typeOf}); the predictions of
 * one FlowFile are merged into one type ({@link #merge}), so that every record of the FlowFile is written with the
 * same schema. Numbers are always doubles, as in the protobuf form: a model that answers {@code 3} for one record
 * and {@code 3.5} for the next still yields one column type.</p>
 */
public final class ValueDecoder {

    private static final DataType DOUBLE = RecordFieldType.DOUBLE.getDataType();
    private static final DataType STRING = RecordFieldType.STRING.getDataType();
    private static final DataType BOOLEAN = RecordFieldType.BOOLEAN.getDataType();
    /** While inferring: "only nulls seen here so far", which any other type replaces; {@link #orString} makes it a string. */
    private static final DataType ONLY_NULLS = new DataType(RecordFieldType.STRING, "only nulls so far") { };

    private ValueDecoder() {
    }

    /** The record type of {@code value}, or null for {@code null_value} (and an unset value), which fits any type. */
    public static DataType typeOf(final Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case NUMBER_VALUE -> DOUBLE;
            case STRING_VALUE -> STRING;
            case BOOL_VALUE -> BOOLEAN;
            case STRUCT_VALUE -> {
                final List<RecordField> fields = new ArrayList<>();
                for (final Map.Entry<String, Value> entry : value.getStructValue().getFieldsMap().entrySet()) {
                    fields.add(new RecordField(entry.getKey(), orNulls(typeOf(entry.getValue())), true));
                }
                yield RecordFieldType.RECORD.getRecordDataType(new SimpleRecordSchema(fields));
            }
            case LIST_VALUE -> {
                DataType element = null;
                for (final Value item : value.getListValue().getValuesList()) {
                    element = merge(element, typeOf(item));
                }
                yield RecordFieldType.ARRAY.getArrayDataType(orNulls(element), true);
            }
        };
    }

    /**
     * The narrowest type that holds values of both types: records merge field by field (a field of one only is
     * kept, nullable), arrays merge their elements, and types that share nothing become a choice of both.
     */
    public static DataType merge(final DataType a, final DataType b) {
        if (a == null || a == ONLY_NULLS) {
            return b == null ? a : b;
        }
        if (b == null || b == ONLY_NULLS || a.equals(b)) {
            return a;
        }
        if (a instanceof RecordDataType ra && b instanceof RecordDataType rb) {
            return RecordFieldType.RECORD.getRecordDataType(mergeSchemas(ra.getChildSchema(), rb.getChildSchema()));
        }
        if (a instanceof ArrayDataType aa && b instanceof ArrayDataType ab) {
            return RecordFieldType.ARRAY.getArrayDataType(merge(aa.getElementType(), ab.getElementType()), true);
        }
        final List<DataType> choices = new ArrayList<>(choicesOf(a));
        for (final DataType candidate : choicesOf(b)) {
            mergeIntoChoices(choices, candidate);
        }
        return choices.size() == 1 ? choices.get(0) : RecordFieldType.CHOICE.getChoiceDataType(choices);
    }

    /**
     * The type to write with: where only nulls were seen (a null prediction, a field or list that was null or empty
     * in every prediction) a nullable string, which every writer can write.
     */
    public static DataType orString(final DataType type) {
        if (type == null || type == ONLY_NULLS) {
            return STRING;
        }
        if (type instanceof RecordDataType record) {
            final List<RecordField> fields = new ArrayList<>();
            boolean changed = false;
            for (final RecordField field : record.getChildSchema().getFields()) {
                final DataType resolved = orString(field.getDataType());
                changed |= resolved != field.getDataType();
                fields.add(resolved == field.getDataType() ? field : new RecordField(field.getFieldName(), resolved, true));
            }
            return changed ? RecordFieldType.RECORD.getRecordDataType(new SimpleRecordSchema(fields)) : type;
        }
        if (type instanceof ArrayDataType array) {
            final DataType element = orString(array.getElementType());
            return element == array.getElementType() ? type : RecordFieldType.ARRAY.getArrayDataType(element, true);
        }
        if (type instanceof ChoiceDataType choice) {
            final List<DataType> resolved = new ArrayList<>();
            boolean changed = false;
            for (final DataType candidate : choice.getPossibleSubTypes()) {
                final DataType r = orString(candidate);
                changed |= r != candidate;
                resolved.add(r);
            }
            return changed ? RecordFieldType.CHOICE.getChoiceDataType(resolved) : type;
        }
        return type;
    }

    private static DataType orNulls(final DataType type) {
        return type == null ? ONLY_NULLS : type;
    }

    /** {@code value} as a record value of {@code type}, a type that {@link #typeOf} of this value merged into. */
    public static Object decode(final Value value, final DataType type) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case NUMBER_VALUE -> value.getNumberValue();
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case STRUCT_VALUE -> decodeStruct(value.getStructValue(), find(type, RecordFieldType.RECORD));
            case LIST_VALUE -> decodeList(value.getListValue(), find(type, RecordFieldType.ARRAY));
        };
    }

    private static Object decodeStruct(final Struct struct, final DataType type) {
        final RecordSchema schema = type instanceof RecordDataType recordType
                ? recordType.getChildSchema()
                : ((RecordDataType) orString(typeOf(Value.newBuilder().setStructValue(struct).build()))).getChildSchema();
        final Map<String, Object> values = new HashMap<>(Math.max(4, struct.getFieldsCount() * 2));
        for (final Map.Entry<String, Value> entry : struct.getFieldsMap().entrySet()) {
            final DataType fieldType = schema.getDataType(entry.getKey()).orElse(null);
            values.put(entry.getKey(), decode(entry.getValue(), fieldType));
        }
        return new MapRecord(schema, values, false, false);
    }

    private static Object[] decodeList(final ListValue list, final DataType type) {
        final DataType elementType = type instanceof ArrayDataType arrayType ? arrayType.getElementType() : null;
        final Object[] array = new Object[list.getValuesCount()];
        for (int i = 0; i < array.length; i++) {
            array[i] = decode(list.getValues(i), elementType);
        }
        return array;
    }

    private static DataType find(final DataType type, final RecordFieldType wanted) {
        if (type == null || type.getFieldType() == wanted) {
            return type;
        }
        if (type instanceof ChoiceDataType choice) {
            for (final DataType candidate : choice.getPossibleSubTypes()) {
                if (candidate.getFieldType() == wanted) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static RecordSchema mergeSchemas(final RecordSchema a, final RecordSchema b) {
        final Map<String, DataType> fields = new LinkedHashMap<>();
        for (final RecordField field : a.getFields()) {
            fields.put(field.getFieldName(), field.getDataType());
        }
        for (final RecordField field : b.getFields()) {
            fields.merge(field.getFieldName(), field.getDataType(), ValueDecoder::merge);
        }
        final List<RecordField> merged = new ArrayList<>(fields.size());
        fields.forEach((name, type) -> merged.add(new RecordField(name, type, true)));
        return new SimpleRecordSchema(merged);
    }

    private static List<DataType> choicesOf(final DataType type) {
        return type instanceof ChoiceDataType choice ? choice.getPossibleSubTypes() : List.of(type);
    }

    private static void mergeIntoChoices(final List<DataType> choices, final DataType candidate) {
        for (int i = 0; i < choices.size(); i++) {
            final DataType existing = choices.get(i);
            if (existing.getFieldType() == candidate.getFieldType()) {
                choices.set(i, merge(existing, candidate));
                return;
            }
        }
        choices.add(candidate);
    }
}
