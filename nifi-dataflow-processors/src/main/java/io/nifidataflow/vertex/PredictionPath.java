package io.nifidataflow.vertex;

import io.nifidataflow.record.RecordSchemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.serialization.record.type.RecordDataType;

/**
 * Where a prediction goes in its record: a chain of field names from the root such as {@code /prediction} or
 * {@code /model/recommendations}. Records along the chain are created when missing, and copied rather than
 * changed in place. The output schema is the input schema with the prediction field added (or replaced) at
 * the path, typed by the predictions.
 */
public final class PredictionPath {

    private static final Pattern PLAIN = Pattern.compile("(/[A-Za-z_][A-Za-z0-9_\\-]*)+");

    private final String path;
    private final List<String> names;

    private PredictionPath(final String path, final List<String> names) {
        this.path = path;
        this.names = names;
    }

    /** @throws IllegalArgumentException with a user-facing reason for anything but a chain of field names */
    public static PredictionPath parse(final String path) {
        final String trimmed = path == null ? "" : path.trim();
        if (!PLAIN.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("must be a chain of field names from the root, such as /prediction or /model/output, but was '"
                    + trimmed + "'");
        }
        return new PredictionPath(trimmed, List.of(trimmed.substring(1).split("/")));
    }

    public List<String> names() {
        return names;
    }

    /** Why records of {@code input} cannot take a prediction at this path, or empty when they can. */
    public Optional<String> problemWith(final RecordSchema input) {
        RecordSchema schema = input;
        for (int i = 0; i < names.size() - 1; i++) {
            final Optional<DataType> type = schema.getDataType(names.get(i));
            if (type.isEmpty()) {
                return Optional.empty();
            }
            if (!(type.get() instanceof RecordDataType recordType)) {
                return Optional.of("Prediction Path " + path + " goes through field '" + names.get(i) + "', which is a "
                        + type.get() + ", not a record");
            }
            schema = recordType.getChildSchema();
        }
        return Optional.empty();
    }

    /** {@code input} with the prediction field at this path, of {@code predictionType}; see {@link #problemWith}. */
    public RecordSchema outputSchema(final RecordSchema input, final DataType predictionType) {
        return schemaAt(input, 0, predictionType);
    }

    private RecordSchema schemaAt(final RecordSchema schema, final int depth, final DataType predictionType) {
        final String name = names.get(depth);
        if (depth == names.size() - 1) {
            return RecordSchemas.withFields(schema, List.of(new RecordField(name, predictionType, true)));
        }
        final RecordSchema child = schema.getDataType(name)
                .filter(RecordDataType.class::isInstance)
                .map(type -> ((RecordDataType) type).getChildSchema())
                .orElse(new SimpleRecordSchema(List.of()));
        final DataType childType = RecordFieldType.RECORD.getRecordDataType(schemaAt(child, depth + 1, predictionType));
        return RecordSchemas.withFields(schema, List.of(new RecordField(name, childType, true)));
    }

    /** A copy of {@code record} typed by {@code outputSchema} (from {@link #outputSchema}) holding {@code prediction}. */
    public Record withPrediction(final Record record, final RecordSchema outputSchema, final Object prediction) {
        return copyWith(record, outputSchema, 0, prediction);
    }

    private Record copyWith(final Record record, final RecordSchema schema, final int depth, final Object prediction) {
        final Map<String, Object> values = record == null ? new HashMap<>() : new HashMap<>(record.toMap());
        final String name = names.get(depth);
        if (depth == names.size() - 1) {
            values.put(name, prediction);
        } else {
            final RecordSchema childSchema = ((RecordDataType) schema.getDataType(name).orElseThrow()).getChildSchema();
            final Object child = values.get(name);
            values.put(name, copyWith(child instanceof Record childRecord ? childRecord : null, childSchema, depth + 1, prediction));
        }
        return new MapRecord(schema, values, false, false);
    }

    @Override
    public String toString() {
        return path;
    }
}
