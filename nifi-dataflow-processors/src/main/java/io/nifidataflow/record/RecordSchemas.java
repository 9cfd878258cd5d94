package io.nifidataflow.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordSchema;

/** Output schemas derived from input schemas, so that any writer (JSON, Avro, ...) can write what a processor adds. */
public final class RecordSchemas {

    private RecordSchemas() {
    }

    /** The input's fields in their order, then {@code added}; an added field replaces an input field of the same name in place. */
    public static RecordSchema withFields(final RecordSchema input, final List<RecordField> added) {
        final Map<String, RecordField> fields = new LinkedHashMap<>();
        for (final RecordField field : input.getFields()) {
            fields.put(field.getFieldName(), field);
        }
        for (final RecordField field : added) {
            fields.put(field.getFieldName(), field);
        }
        return new SimpleRecordSchema(new ArrayList<>(fields.values()));
    }
}
