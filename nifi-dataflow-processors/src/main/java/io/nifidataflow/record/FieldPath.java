package io.nifidataflow.record;

import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.nifi.record.path.FieldValue;
import org.apache.nifi.record.path.RecordPath;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.serialization.record.type.RecordDataType;

/**
 * A RecordPath from a processor property, read fast. Almost every configured path is a plain chain of field
 * names such as {@code /event_time} or {@code /context/user}: those are read with direct field access, which
 * costs a fraction of evaluating a RecordPath, and written by copying the records along the chain, so that an
 * output schema can state the new type. Any other RecordPath (filters, map keys, array indexes, functions) goes
 * to NiFi's RecordPath engine, which reads its first selected field and updates values in place.
 */
public final class FieldPath {

    private static final Pattern PLAIN = Pattern.compile("(/[A-Za-z_][A-Za-z0-9_]*)+");

    private final String path;
    private final List<String> names;
    private final RecordPath compiled;
    private ResolvedField lastResolved;

    private FieldPath(final String path, final List<String> names, final RecordPath compiled) {
        this.path = path;
        this.names = names;
        this.compiled = compiled;
    }

    /** @throws org.apache.nifi.record.path.exception.RecordPathException for a path that is not a RecordPath */
    public static FieldPath compile(final String path) {
        final String trimmed = path.trim();
        final RecordPath compiled = RecordPath.compile(trimmed);
        if (PLAIN.matcher(trimmed).matches()) {
            return new FieldPath(trimmed, List.of(trimmed.substring(1).split("/")), compiled);
        }
        return new FieldPath(trimmed, null, compiled);
    }

    public String path() {
        return path;
    }

    /** The field names from the root for a plain path; empty for any other RecordPath. */
    public Optional<List<String>> fieldNames() {
        return Optional.ofNullable(names);
    }

    /** The field name of a path of one plain name such as {@code /price}, or null: callers building records may set it directly. */
    public String topLevelName() {
        return names != null && names.size() == 1 ? names.get(0) : null;
    }

    /** The value at this path, or null when the record has no such field. */
    public Object get(final Record record) {
        if (names == null) {
            final Optional<FieldValue> first = compiled.evaluate(record).getSelectedFields().findFirst();
            return first.map(FieldValue::getValue).orElse(null);
        }
        Object value = topLevelValue(record);
        for (int i = 1; i < names.size(); i++) {
            if (!(value instanceof Record child)) {
                return null;
            }
            value = child.getValue(names.get(i));
        }
        return value;
    }

    /**
     * The first field's value, through the field of the record's schema when the schema is the one seen last:
     * readers hand out one schema for all records of a FlowFile, and asking a record by field rather than by name
     * saves looking the name up in the schema for every record. The cache is one immutable object, so concurrent
     * tasks sharing this path at worst look a field up again.
     */
    private Object topLevelValue(final Record record) {
        final RecordSchema schema = record.getSchema();
        ResolvedField resolved = lastResolved;
        if (resolved == null || resolved.schema() != schema) {
            resolved = new ResolvedField(schema, schema.getField(names.get(0)).orElse(null));
            lastResolved = resolved;
        }
        return resolved.field() == null ? record.getValue(names.get(0)) : record.getValue(resolved.field());
    }

    private record ResolvedField(RecordSchema schema, RecordField field) {
    }

    /**
     * Writes {@code value} at this path of {@code record}, a record the caller built and owns. For a plain path,
     * nested records along the way are replaced by copies typed by {@code record}'s schema, so records the input
     * shares are never changed; when an intermediate record is missing nothing is written.
     */
    public void set(final Record record, final Object value) {
        if (names == null) {
            compiled.evaluate(record).getSelectedFields().findFirst().ifPresent(field -> field.updateValue(value));
            return;
        }
        set(record, 0, value);
    }

    private void set(final Record record, final int depth, final Object value) {
        final String name = names.get(depth);
        if (depth == names.size() - 1) {
            record.setValue(name, value);
            return;
        }
        if (!(record.getValue(name) instanceof Record child)) {
            return;
        }
        final Optional<DataType> declared = record.getSchema().getDataType(name);
        final RecordSchema childSchema = declared.filter(type -> type.getFieldType() == RecordFieldType.RECORD)
                .map(type -> ((RecordDataType) type).getChildSchema())
                .orElse(child.getSchema());
        final Record copy = new MapRecord(childSchema, new HashMap<>(child.toMap()));
        set(copy, depth + 1, value);
        record.setValue(name, copy);
    }

    @Override
    public String toString() {
        return path;
    }
}
