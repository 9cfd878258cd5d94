package io.nifidataflow.vertex;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.Record;

/**
 * Makes the Vertex AI instance of a record: the whole record as one struct, or only the configured top-level
 * fields, in the order they were listed. A listed field the record lacks is sent as {@code null_value}, so that
 * every instance of a request has the same keys.
 */
public final class InstanceBuilder {

    private final List<String> fields;

    private InstanceBuilder(final List<String> fields) {
        this.fields = fields;
    }

    /** @param commaSeparated field names such as {@code user_id, history}; null or blank for the whole record */
    public static InstanceBuilder of(final String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return new InstanceBuilder(List.of());
        }
        final LinkedHashSet<String> names = new LinkedHashSet<>();
        for (final String name : commaSeparated.split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return new InstanceBuilder(List.copyOf(new ArrayList<>(names)));
    }

    /** The selected field names; empty when the whole record is the instance. */
    public List<String> fields() {
        return fields;
    }

    /** @throws UnconvertibleValueException when a value has no protobuf form */
    public Value build(final Record record) {
        if (fields.isEmpty()) {
            return ValueEncoder.encodeRecord(record);
        }
        final Struct.Builder struct = Struct.newBuilder();
        for (final String name : fields) {
            final DataType declared = record.getSchema().getDataType(name).orElse(null);
            struct.putFields(name, ValueEncoder.encode(record.getValue(name), declared));
        }
        return Value.newBuilder().setStructValue(struct).build();
    }
}
