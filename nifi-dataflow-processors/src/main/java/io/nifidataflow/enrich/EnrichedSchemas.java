package io.nifidataflow.enrich;

import io.nifidataflow.record.FieldPath;
import io.nifidataflow.record.RecordSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.serialization.record.type.ChoiceDataType;
import org.apache.nifi.serialization.record.type.RecordDataType;

/**
 * The schemas EnrichEvent writes, derived from the schema the reader read with, so that any writer (JSON, Avro,
 * ...) can write exactly what is added:
 * <ul>
 *   <li>success: the input fields, the event time retyped as a timestamp and numeric fields that were text
 *       retyped as doubles, then {@code session_id}, {@code history}, {@code partition} (when on) and the lookup
 *       results;</li>
 *   <li>invalid: the input fields, numeric fields retyped as text, then {@code enrich_error};</li>
 *   <li>duplicate: the input schema itself.</li>
 * </ul>
 * Retyping applies to plain paths such as {@code /event_time}; values at other RecordPaths keep their field's type.
 * Derived schemas are cached: a stream brings the same few schemas again and again.
 */
final class EnrichedSchemas {

    static final String SESSION_ID = "session_id";
    static final String HISTORY = "history";
    static final String PARTITION = "partition";
    static final String ENRICH_ERROR = "enrich_error";

    static final String SESSION_EVENT_COUNT = "session_event_count";
    static final String SESSION_START = "session_start";
    static final String SECONDS_SINCE_PREVIOUS = "seconds_since_previous";
    static final String RECENT_PRODUCTS = "recent_products";
    static final String CART_PRODUCTS = "cart_products";

    static final RecordSchema HISTORY_SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField(SESSION_EVENT_COUNT, RecordFieldType.INT.getDataType(), false),
            new RecordField(SESSION_START, RecordFieldType.TIMESTAMP.getDataType(), false),
            new RecordField(SECONDS_SINCE_PREVIOUS, RecordFieldType.DOUBLE.getDataType(), true),
            new RecordField(RECENT_PRODUCTS, RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.STRING.getDataType()), false),
            new RecordField(CART_PRODUCTS, RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.STRING.getDataType()), false)));

    /** The type of a lookup result before any hit has shown what it looks like. */
    static final DataType UNKNOWN_RECORD = RecordFieldType.RECORD.getRecordDataType(new SimpleRecordSchema(List.of()));

    private static final int CACHED_SCHEMAS = 64;

    private final FieldPath eventTime;
    private final List<FieldPath> numeric;
    private final boolean partitioned;
    private final String userResultField;
    private final String productResultField;

    private record SuccessKey(RecordSchema input, DataType user, DataType product) {
    }

    private final Map<SuccessKey, RecordSchema> successSchemas = lruMap();
    private final Map<RecordSchema, RecordSchema> invalidSchemas = lruMap();
    private SuccessKey lastSuccessKey;
    private RecordSchema lastSuccess;
    private RecordSchema lastInvalidInput;
    private RecordSchema lastInvalid;

    /**
     * @param userResultField    top-level field for user lookup results, or null without a user lookup
     * @param productResultField top-level field for product lookup results, or null without a product lookup
     */
    EnrichedSchemas(final FieldPath eventTime, final List<FieldPath> numeric, final boolean partitioned,
                    final String userResultField, final String productResultField) {
        this.eventTime = eventTime;
        this.numeric = List.copyOf(numeric);
        this.partitioned = partitioned;
        this.userResultField = userResultField;
        this.productResultField = productResultField;
    }

    RecordSchema success(final RecordSchema input, final DataType userResult, final DataType productResult) {
        final SuccessKey last = lastSuccessKey;
        if (last != null && last.input() == input && last.user() == userResult && last.product() == productResult) {
            return lastSuccess;
        }
        final SuccessKey key = new SuccessKey(input, userResult, productResult);
        final RecordSchema schema = successSchemas.computeIfAbsent(key, this::deriveSuccess);
        lastSuccessKey = key;
        lastSuccess = schema;
        return schema;
    }

    RecordSchema invalid(final RecordSchema input) {
        if (input == lastInvalidInput) {
            return lastInvalid;
        }
        final RecordSchema schema = invalidSchemas.computeIfAbsent(input, this::deriveInvalid);
        lastInvalidInput = input;
        lastInvalid = schema;
        return schema;
    }

    /**
     * Numeric fields become text: an invalid record may hold NaN or "Infinity" there, which writers refuse to put
     * in a number field (the JSON writer even takes the string "NaN" for a double and then fails on it).
     */
    private RecordSchema deriveInvalid(final RecordSchema input) {
        RecordSchema schema = input;
        for (final FieldPath field : numeric) {
            schema = retype(schema, field, type -> RecordFieldType.STRING.getDataType());
        }
        return RecordSchemas.withFields(schema, List.of(new RecordField(ENRICH_ERROR, RecordFieldType.STRING.getDataType(), true)));
    }

    private RecordSchema deriveSuccess(final SuccessKey key) {
        RecordSchema schema = retype(key.input(), eventTime, type -> RecordFieldType.TIMESTAMP.getDataType());
        for (final FieldPath field : numeric) {
            schema = retype(schema, field, EnrichedSchemas::numericType);
        }
        final List<RecordField> added = new ArrayList<>();
        added.add(new RecordField(SESSION_ID, RecordFieldType.STRING.getDataType(), true));
        added.add(new RecordField(HISTORY, RecordFieldType.RECORD.getRecordDataType(HISTORY_SCHEMA), true));
        if (partitioned) {
            added.add(new RecordField(PARTITION, RecordFieldType.INT.getDataType(), true));
        }
        if (userResultField != null) {
            added.add(new RecordField(userResultField, key.user(), true));
        }
        if (productResultField != null) {
            added.add(new RecordField(productResultField, key.product(), true));
        }
        return RecordSchemas.withFields(schema, added);
    }

    /**
     * A number stays the type it is; text that held numbers becomes a double. A choice (numbers in some records,
     * text in others) holds only numbers on success: a choice with a floating-point member becomes a double,
     * which holds every converted value, and a choice of integers and text also admits long and double (without
     * them a writer would pick the nearest member, and 3.5 written as an int is 3).
     */
    private static DataType numericType(final DataType type) {
        if (isNumeric(type)) {
            return type;
        }
        if (type instanceof ChoiceDataType choice) {
            final List<DataType> members = new ArrayList<>(choice.getPossibleSubTypes());
            if (members.stream().anyMatch(EnrichedSchemas::isFloatingPoint)) {
                return RecordFieldType.DOUBLE.getDataType();
            }
            for (final DataType converted : List.of(RecordFieldType.LONG.getDataType(), RecordFieldType.DOUBLE.getDataType())) {
                if (!members.contains(converted)) {
                    members.add(converted);
                }
            }
            return RecordFieldType.CHOICE.getChoiceDataType(members);
        }
        return RecordFieldType.DOUBLE.getDataType();
    }

    private static boolean isFloatingPoint(final DataType type) {
        return switch (type.getFieldType()) {
            case FLOAT, DOUBLE -> true;
            default -> false;
        };
    }

    private static boolean isNumeric(final DataType type) {
        return switch (type.getFieldType()) {
            case BYTE, SHORT, INT, LONG, BIGINT, FLOAT, DOUBLE, DECIMAL -> true;
            default -> false;
        };
    }

    /** {@code schema} with the field at a plain path retyped; unchanged when the path is not plain or not in the schema. */
    static RecordSchema retype(final RecordSchema schema, final FieldPath path, final UnaryOperator<DataType> change) {
        final Optional<List<String>> names = path.fieldNames();
        return names.isEmpty() ? schema : retype(schema, names.get(), 0, change);
    }

    private static RecordSchema retype(final RecordSchema schema, final List<String> names, final int depth, final UnaryOperator<DataType> change) {
        final Optional<RecordField> found = schema.getField(names.get(depth));
        if (found.isEmpty()) {
            return schema;
        }
        final RecordField field = found.get();
        final DataType type = field.getDataType();
        final DataType changed;
        if (depth == names.size() - 1) {
            changed = change.apply(type);
        } else if (type instanceof RecordDataType recordType) {
            final RecordSchema child = retype(recordType.getChildSchema(), names, depth + 1, change);
            changed = child == recordType.getChildSchema() ? type : RecordFieldType.RECORD.getRecordDataType(child);
        } else {
            return schema;
        }
        if (changed.equals(type)) {
            return schema;
        }
        final RecordField retyped = new RecordField(field.getFieldName(), changed, field.getDefaultValue(), field.getAliases(), true);
        return RecordSchemas.withFields(schema, List.of(retyped));
    }

    private static <K, V> Map<K, V> lruMap() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<K, V> eldest) {
                return size() > CACHED_SCHEMAS;
            }
        };
    }
}
