package io.nifidataflow.window.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateSetTest {

    private final PathSlots slots = new PathSlots();
    private final AggregateExpressionParser parser = new AggregateExpressionParser(slots, null);

    private AggregateSet set(final String... nameAndExpression) throws ExpressionException {
        final List<AggregateSpec> specs = new ArrayList<>();
        for (int i = 0; i < nameAndExpression.length; i += 2) {
            specs.add(parser.parse(nameAndExpression[i], nameAndExpression[i + 1]));
        }
        return new AggregateSet(specs);
    }

    private Object[] record(final Object type, final Object price) {
        final Object[] values = new Object[slots.size()];
        values[slots.slotFor("/event_type")] = type;
        values[slots.slotFor("/price")] = price;
        return values;
    }

    @Test
    void prepareEvaluatesFiltersAndConvertsInputsOncePerRecord() throws ExpressionException {
        final AggregateSet set = set("events", "count()", "revenue", "sum(/price) where /event_type = 'purchase'",
                "priced", "count(/price)");
        final Object[] inputs = new Object[3];
        assertEquals(0b101L, set.prepare(record("view", 9.5), inputs, 0));
        assertEquals(0b111L, set.prepare(record("purchase", "12"), inputs, 0));
        assertEquals(12L, inputs[1]);
        assertEquals(0b001L, set.prepare(record("purchase", null), inputs, 0));
    }

    @Test
    void aValueAnAggregateCannotTakeRejectsTheRecordWithAReason() throws ExpressionException {
        final AggregateSet set = set("events", "count()", "revenue", "sum(/price) where /event_type = 'purchase'");
        final Object[] inputs = new Object[2];
        assertEquals(AggregateSet.REJECTED, set.prepare(record("purchase", "N/A"), inputs, 0));
        assertEquals("revenue = sum(/price): 'N/A' is not a number", set.problem(record("purchase", "N/A")));
        // The filter excludes the record from sum, so its bad price does not matter.
        assertEquals(0b01L, set.prepare(record("view", "N/A"), inputs, 0));
        assertNull(set.problem(record("view", "N/A")));
    }

    @Test
    void addsOnlyTheMaskedAggregatesAndReportsResultsInOrder() throws ExpressionException {
        final AggregateSet set = set("events", "count()", "revenue", "sum(/price) where /event_type = 'purchase'");
        final Accumulator[] accumulators = set.newAccumulators();
        final Object[] inputs = new Object[2];
        set.add(accumulators, inputs, 0, set.prepare(record("purchase", 10), inputs, 0), 0, 0);
        set.add(accumulators, inputs, 0, set.prepare(record("view", 99), inputs, 0), 0, 1);
        assertArrayEquals(new Object[] {2L, 10L}, set.results(accumulators));
        final Accumulator[] more = set.newAccumulators();
        set.add(more, inputs, 0, set.prepare(record("purchase", 5), inputs, 0), 0, 2);
        set.merge(accumulators, more);
        assertArrayEquals(new Object[] {3L, 15L}, set.results(accumulators));
    }
}
