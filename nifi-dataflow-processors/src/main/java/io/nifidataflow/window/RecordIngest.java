package io.nifidataflow.window;

import io.nifidataflow.record.FieldPath;
import io.nifidataflow.record.RecordFlowFiles;
import io.nifidataflow.record.RecordRouter;
import io.nifidataflow.record.RecordSchemas;
import io.nifidataflow.window.aggregate.AggregateSet;
import io.nifidataflow.window.aggregate.Values;
import io.nifidataflow.window.engine.GroupKey;
import io.nifidataflow.window.engine.WindowOperator;
import io.nifidataflow.window.time.EventTimes;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

/**
 * Reads one input FlowFile into the window operator: each record's paths are read once, its event time and
 * aggregate inputs checked, and it is either staged for its windows, written to a {@code late} or
 * {@code invalid} child of the input, or counted as falling in no window. The caller commits or aborts the
 * operator's batch. This is the hot path of the processor.
 */
final class RecordIngest {

    /** What one input FlowFile turned into. */
    record Outcome(Map<Relationship, FlowFile> children, long records, long aggregated, long late, long invalid,
                   long noWindow, long droppedPairs) {
    }

    private static final List<RecordField> ERROR_FIELD = List.of(new RecordField(OutputNames.WINDOW_ERROR, RecordFieldType.STRING.getDataType(), true));

    private final WindowOperator operator;
    private final AggregateSet aggregates;
    private final FieldPath[] paths;
    private final int timeSlot;
    private final int[] keySlots;
    private final EventTimes eventTimes = new EventTimes();
    private final Object[] slots;
    private final Object[] inputs;

    /** Why the last record found INVALID is invalid. */
    private String problem;
    private RecordSchema invalidSchemaFor;
    private RecordSchema invalidSchema;

    RecordIngest(final WindowSettings settings, final WindowOperator operator, final AggregateSet aggregates) {
        this.operator = operator;
        this.aggregates = aggregates;
        final List<String> slotPaths = settings.slotPaths();
        this.paths = new FieldPath[slotPaths.size()];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = FieldPath.compile(slotPaths.get(i));
        }
        this.timeSlot = settings.timeSlot();
        this.keySlots = settings.keySlots();
        this.slots = new Object[paths.length];
        this.inputs = new Object[Math.max(1, aggregates.size())];
    }

    /**
     * Reads {@code input} as batch {@code sequence}, which the caller has begun on the operator. Late and invalid
     * records go to children of {@code input} in {@code session}, returned unfinished-free in the outcome.
     *
     * @throws io.nifidataflow.record.UnreadableContentException when the content cannot be read as records
     */
    Outcome read(final ProcessSession session, final FlowFile input, final RecordReaderFactory readerFactory,
                 final RecordSetWriterFactory writerFactory, final ComponentLog logger) throws IOException {
        final long[] counts = new long[5];
        try (RecordRouter router = new RecordRouter(session, input, writerFactory, logger)) {
            RecordFlowFiles.read(session, input, readerFactory, logger, (record, schema) -> {
                final long index = counts[0]++;
                switch (ingest(record, index)) {
                    case AGGREGATED -> counts[1]++;
                    case LATE -> {
                        counts[2]++;
                        router.write(AggregateWindow.REL_LATE, schema, record);
                    }
                    case NO_WINDOW -> counts[4]++;
                    case INVALID -> {
                        counts[3]++;
                        router.write(AggregateWindow.REL_INVALID, invalidSchema(schema), withError(record, schema, problem));
                    }
                }
            });
            final Map<Relationship, FlowFile> children = router.finish();
            return new Outcome(children, counts[0], counts[1], counts[2], counts[3], counts[4], operator.droppedPairs());
        }
    }

    private enum Fate { AGGREGATED, LATE, NO_WINDOW, INVALID }

    private Fate ingest(final Record record, final long index) {
        for (int i = 0; i < paths.length; i++) {
            slots[i] = paths[i].get(record);
        }
        final Object timeValue = slots[timeSlot];
        final long eventTime = eventTimes.toEpochMillis(timeValue);
        if (eventTime == EventTimes.INVALID) {
            problem = EventTimes.problem(timeValue);
            return Fate.INVALID;
        }
        final long mask = aggregates.prepare(slots, inputs, 0);
        if (mask == AggregateSet.REJECTED) {
            problem = aggregates.problem(slots);
            return Fate.INVALID;
        }
        return switch (operator.admit(eventTime)) {
            case ACCEPTED -> {
                operator.stage(key(), eventTime, inputs, 0, mask, index);
                yield Fate.AGGREGATED;
            }
            case LATE -> Fate.LATE;
            case NO_WINDOW -> Fate.NO_WINDOW;
        };
    }

    private Object key() {
        return switch (keySlots.length) {
            case 0 -> GroupKey.GLOBAL;
            case 1 -> Values.normalize(slots[keySlots[0]]);
            default -> {
                final Object[] values = new Object[keySlots.length];
                for (int i = 0; i < keySlots.length; i++) {
                    values[i] = Values.normalize(slots[keySlots[i]]);
                }
                yield new GroupKey.Composite(values);
            }
        };
    }

    private RecordSchema invalidSchema(final RecordSchema readSchema) {
        if (readSchema != invalidSchemaFor) {
            invalidSchema = RecordSchemas.withFields(readSchema, ERROR_FIELD);
            invalidSchemaFor = readSchema;
        }
        return invalidSchema;
    }

    private Record withError(final Record record, final RecordSchema readSchema, final String reason) {
        final Map<String, Object> values = new HashMap<>(record.toMap());
        values.put(OutputNames.WINDOW_ERROR, reason);
        return new MapRecord(invalidSchema(readSchema), values);
    }
}
