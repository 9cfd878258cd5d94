package io.nifidataflow.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.serialization.record.type.RecordDataType;
import org.junit.jupiter.api.Test;

class PredictionPathTest {

    private static final DataType DOUBLE = RecordFieldType.DOUBLE.getDataType();
    private static final RecordSchema CONTEXT = new SimpleRecordSchema(List.of(new RecordField("device", RecordFieldType.STRING.getDataType())));
    private static final RecordSchema INPUT = new SimpleRecordSchema(List.of(
            new RecordField("id", RecordFieldType.STRING.getDataType()),
            new RecordField("context", RecordFieldType.RECORD.getRecordDataType(CONTEXT))));

    private static Record input() {
        final Map<String, Object> values = new HashMap<>();
        values.put("id", "e-1");
        values.put("context", new MapRecord(CONTEXT, new HashMap<>(Map.of("device", "ios"))));
        return new MapRecord(INPUT, values);
    }

    @Test
    void acceptsOnlyChainsOfFieldNames() {
        assertEquals(List.of("prediction"), PredictionPath.parse(" /prediction ").names());
        assertEquals(List.of("model", "out_1"), PredictionPath.parse("/model/out_1").names());
        for (final String bad : List.of("", "prediction", "/", "/a//b", "/a[0]", "/a/*", "//a", "/a/")) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PredictionPath.parse(bad), bad);
            assertTrue(e.getMessage().contains("chain of field names"));
        }
    }

    @Test
    void addsATopLevelFieldAtTheEndAndReplacesOneInPlace() {
        final RecordSchema added = PredictionPath.parse("/prediction").outputSchema(INPUT, DOUBLE);
        assertEquals(List.of("id", "context", "prediction"), added.getFieldNames());
        assertEquals(DOUBLE, added.getDataType("prediction").orElseThrow());

        final RecordSchema replaced = PredictionPath.parse("/id").outputSchema(INPUT, DOUBLE);
        assertEquals(List.of("id", "context"), replaced.getFieldNames());
        assertEquals(DOUBLE, replaced.getDataType("id").orElseThrow());
    }

    @Test
    void writesIntoAnExistingNestedRecordWithoutChangingTheInput() {
        final PredictionPath path = PredictionPath.parse("/context/score");
        final RecordSchema output = path.outputSchema(INPUT, DOUBLE);
        final RecordSchema context = ((RecordDataType) output.getDataType("context").orElseThrow()).getChildSchema();
        assertEquals(List.of("device", "score"), context.getFieldNames());

        final Record in = input();
        final Record out = path.withPrediction(in, output, 0.75);
        assertEquals(0.75, ((Record) out.getValue("context")).getValue("score"));
        assertEquals("ios", ((Record) out.getValue("context")).getValue("device"));
        assertSame(output, out.getSchema());
        assertNull(((Record) in.getValue("context")).getValue("score"), "the input record is not changed");
        assertEquals(List.of("id", "context"), in.getSchema().getFieldNames());
    }

    @Test
    void createsMissingRecordsAlongThePath() {
        final PredictionPath path = PredictionPath.parse("/model/output");
        final RecordSchema output = path.outputSchema(INPUT, DOUBLE);
        final Record out = path.withPrediction(input(), output, 1.5);
        assertEquals(1.5, ((Record) out.getValue("model")).getValue("output"));
        assertEquals("e-1", out.getValue("id"));
    }

    @Test
    void namesAFieldOnThePathThatIsNotARecord() {
        assertEquals("Prediction Path /id/score goes through field 'id', which is a STRING, not a record",
                PredictionPath.parse("/id/score").problemWith(INPUT).orElseThrow());
        assertTrue(PredictionPath.parse("/context/score").problemWith(INPUT).isEmpty());
        assertTrue(PredictionPath.parse("/new/score").problemWith(INPUT).isEmpty());
    }
}
