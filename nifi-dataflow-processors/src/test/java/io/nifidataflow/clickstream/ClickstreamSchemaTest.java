package io.nifidataflow.clickstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.type.ChoiceDataType;
import org.junit.jupiter.api.Test;

/** The shipped Avro schema is documentation users rely on: it must say exactly what the processor writes. */
class ClickstreamSchemaTest {

    @Test
    void theShippedAvroSchemaDescribesTheRecordsWritten() throws Exception {
        final Schema avro;
        try (InputStream in = ClickstreamSchema.class.getResourceAsStream(ClickstreamSchema.AVRO_SCHEMA_RESOURCE)) {
            assertNotNull(in, "schema resource is packaged");
            avro = new Schema.Parser().parse(in);
        }
        final List<String> avroFields = new ArrayList<>();
        for (final Schema.Field field : avro.getFields()) {
            final List<String> branches = new ArrayList<>();
            field.schema().getTypes().forEach(t -> branches.add(t.getType().getName()));
            avroFields.add(field.name() + ":" + String.join("|", branches));
        }
        final List<String> recordFields = new ArrayList<>();
        for (final RecordField field : ClickstreamSchema.SCHEMA.getFields()) {
            recordFields.add(field.getFieldName() + ":null|" + avroNames(field.getDataType()));
        }
        assertEquals(avroFields, recordFields);
    }

    private static String avroNames(final DataType type) {
        if (type instanceof ChoiceDataType choice) {
            final List<String> names = new ArrayList<>();
            choice.getPossibleSubTypes().forEach(t -> names.add(avroNames(t)));
            return String.join("|", names);
        }
        final RecordFieldType fieldType = type.getFieldType();
        return fieldType.name().toLowerCase(java.util.Locale.ROOT);
    }
}
