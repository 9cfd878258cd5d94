package io.nifidataflow.window;

import io.nifidataflow.window.aggregate.AggregateFunction;
import io.nifidataflow.window.aggregate.AggregateSpec;
import io.nifidataflow.window.aggregate.TopKItem;
import io.nifidataflow.window.engine.GroupKey;
import io.nifidataflow.window.engine.Pane;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

/**
 * Turns panes into records: the key fields, {@code window_start}, {@code window_end}, {@code pane},
 * {@code pane_index} and the aggregates. The schema is derived from the aggregates: counts are longs, averages
 * and quantiles doubles, and functions that keep their input's type (sum, min, max, first, last, top_k items)
 * take the type of the values in this output, widening longs to doubles when both occur.
 */
final class PaneRecords {

    private static final DataType TIMESTAMP = RecordFieldType.TIMESTAMP.getDataType();

    private final List<String> keyNames;
    private final List<AggregateSpec> aggregates;

    PaneRecords(final List<String> keyNames, final List<AggregateSpec> aggregates) {
        this.keyNames = keyNames;
        this.aggregates = aggregates;
    }

    /** The schema and records of {@code panes}, in their order. */
    Output toRecords(final List<Pane> panes) {
        final RecordSchema schema = schemaFor(panes);
        final DataType[] keyTypes = new DataType[keyNames.size()];
        for (int i = 0; i < keyTypes.length; i++) {
            keyTypes[i] = schema.getDataType(keyNames.get(i)).orElseThrow();
        }
        final DataType[] aggregateTypes = new DataType[aggregates.size()];
        for (int i = 0; i < aggregateTypes.length; i++) {
            aggregateTypes[i] = schema.getDataType(aggregates.get(i).name()).orElseThrow();
        }
        final int fieldCount = schema.getFieldCount();
        final List<Record> records = new ArrayList<>(panes.size());
        for (final Pane pane : panes) {
            final Map<String, Object> values = new HashMap<>(fieldCount * 2);
            if (keyTypes.length > 0) {
                final List<Object> keys = GroupKey.values(pane.key());
                for (int i = 0; i < keyTypes.length; i++) {
                    values.put(keyNames.get(i), convert(keys.get(i), keyTypes[i]));
                }
            }
            values.put(OutputNames.WINDOW_START, new Timestamp(pane.window().start()));
            values.put(OutputNames.WINDOW_END, new Timestamp(pane.window().end()));
            values.put(OutputNames.PANE, pane.timing().name());
            values.put(OutputNames.PANE_INDEX, pane.index());
            for (int i = 0; i < aggregateTypes.length; i++) {
                values.put(aggregates.get(i).name(), convert(pane.values()[i], aggregateTypes[i]));
            }
            records.add(new MapRecord(schema, values));
        }
        return new Output(schema, records);
    }

    record Output(RecordSchema schema, List<Record> records) {
    }

    /** One pass over the panes, noting the types each key and aggregate column holds. */
    private RecordSchema schemaFor(final List<Pane> panes) {
        final int keys = keyNames.size();
        final ColumnType[] keyColumns = columns(keys);
        final ColumnType[] resultColumns = columns(aggregates.size());
        for (final Pane pane : panes) {
            if (keys > 0) {
                final List<Object> values = GroupKey.values(pane.key());
                for (int i = 0; i < keys; i++) {
                    keyColumns[i].add(values.get(i));
                }
            }
            final Object[] results = pane.values();
            for (int i = 0; i < resultColumns.length; i++) {
                if (aggregates.get(i).function() == AggregateFunction.TOP_K) {
                    for (final Object item : (List<?>) results[i]) {
                        resultColumns[i].add(((TopKItem) item).value());
                    }
                } else {
                    resultColumns[i].add(results[i]);
                }
            }
        }
        final List<RecordField> fields = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            fields.add(new RecordField(keyNames.get(i), keyColumns[i].type(RecordFieldType.STRING.getDataType()), true));
        }
        fields.add(new RecordField(OutputNames.WINDOW_START, TIMESTAMP, false));
        fields.add(new RecordField(OutputNames.WINDOW_END, TIMESTAMP, false));
        fields.add(new RecordField(OutputNames.PANE, RecordFieldType.STRING.getDataType(), false));
        fields.add(new RecordField(OutputNames.PANE_INDEX, RecordFieldType.INT.getDataType(), false));
        for (int i = 0; i < aggregates.size(); i++) {
            final AggregateSpec spec = aggregates.get(i);
            fields.add(new RecordField(spec.name(), aggregateType(spec.function(), resultColumns[i]), true));
        }
        return new SimpleRecordSchema(fields);
    }

    private static ColumnType[] columns(final int count) {
        final ColumnType[] columns = new ColumnType[count];
        for (int i = 0; i < count; i++) {
            columns[i] = new ColumnType();
        }
        return columns;
    }

    /** For top_k, {@code column} has seen the items' values, not the lists. */
    private static DataType aggregateType(final AggregateFunction function, final ColumnType column) {
        return switch (function) {
            case COUNT, COUNT_DISTINCT -> RecordFieldType.LONG.getDataType();
            case AVG, APPROX_QUANTILE -> RecordFieldType.DOUBLE.getDataType();
            case SUM -> column.type(RecordFieldType.DOUBLE.getDataType());
            case MIN, MAX, FIRST, LAST -> column.type(RecordFieldType.STRING.getDataType());
            case TOP_K -> RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.RECORD.getRecordDataType(
                    topKSchema(column.type(RecordFieldType.STRING.getDataType()))));
        };
    }

    private static RecordSchema topKSchema(final DataType valueType) {
        return new SimpleRecordSchema(List.of(new RecordField("value", valueType, true),
                new RecordField("count", RecordFieldType.LONG.getDataType(), false)));
    }

    /**
     * The type of one output column: the one type of its non-null values; longs and doubles together are doubles;
     * otherwise a choice. A column almost always holds one type, so a value of the type seen last costs a
     * reference comparison.
     */
    private static final class ColumnType {
        private final Set<DataType> types = new LinkedHashSet<>(4);
        private DataType last;

        void add(final Object value) {
            if (value == null) {
                return;
            }
            final DataType type = typeOf(value);
            if (type != last) {
                types.add(type);
                last = type;
            }
        }

        DataType type(final DataType whenNone) {
            if (types.isEmpty()) {
                return whenNone;
            }
            if (types.size() == 2 && types.contains(RecordFieldType.LONG.getDataType()) && types.contains(RecordFieldType.DOUBLE.getDataType())) {
                return RecordFieldType.DOUBLE.getDataType();
            }
            if (types.size() == 1) {
                return types.iterator().next();
            }
            return RecordFieldType.CHOICE.getChoiceDataType(new ArrayList<>(types));
        }
    }

    private static DataType typeOf(final Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return RecordFieldType.LONG.getDataType();
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return RecordFieldType.DOUBLE.getDataType();
        }
        if (value instanceof BigInteger) {
            return RecordFieldType.BIGINT.getDataType();
        }
        if (value instanceof Boolean) {
            return RecordFieldType.BOOLEAN.getDataType();
        }
        if (value instanceof Date) {
            return TIMESTAMP;
        }
        if (value instanceof Record record) {
            return RecordFieldType.RECORD.getRecordDataType(record.getSchema());
        }
        return RecordFieldType.STRING.getDataType();
    }

    /** The value as the field's type holds it: widened numbers, text for what has no richer type, top_k items as records. */
    private static Object convert(final Object value, final DataType type) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list && type.getFieldType() == RecordFieldType.ARRAY) {
            final RecordSchema itemSchema = ((org.apache.nifi.serialization.record.type.RecordDataType)
                    ((org.apache.nifi.serialization.record.type.ArrayDataType) type).getElementType()).getChildSchema();
            final DataType valueType = itemSchema.getDataType("value").orElseThrow();
            final Object[] items = new Object[list.size()];
            for (int i = 0; i < items.length; i++) {
                final TopKItem item = (TopKItem) list.get(i);
                final Map<String, Object> fields = new HashMap<>();
                fields.put("value", convert(item.value(), valueType));
                fields.put("count", item.count());
                items[i] = new MapRecord(itemSchema, fields);
            }
            return items;
        }
        return switch (type.getFieldType()) {
            case DOUBLE -> value instanceof Number number ? number.doubleValue() : value;
            case STRING -> value instanceof String ? value : value instanceof Date date
                    ? new Timestamp(date.getTime()).toInstant().toString() : String.valueOf(value);
            default -> value;
        };
    }
}
