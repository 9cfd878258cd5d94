package io.nifidataflow.window.engine;

import io.nifidataflow.window.aggregate.AggregateExpressionParser;
import io.nifidataflow.window.aggregate.AggregateSet;
import io.nifidataflow.window.aggregate.AggregateSpec;
import io.nifidataflow.window.aggregate.ExpressionException;
import io.nifidataflow.window.aggregate.PathSlots;
import io.nifidataflow.window.assign.WindowAssigner;
import java.util.ArrayList;
import java.util.List;

/** Drives a {@link WindowOperator} with records of (key, event time, value /v) and collects its panes. */
final class OperatorHarness implements PaneListener {

    record In(Object key, long time, Object value) {
    }

    static In in(final Object key, final long time) {
        return new In(key, time, 1L);
    }

    static In in(final Object key, final long time, final Object value) {
        return new In(key, time, value);
    }

    final WindowOperator operator;
    private final AggregateSet aggregates;
    private final List<Pane> panes = new ArrayList<>();
    final List<long[]> evictions = new ArrayList<>();
    private long sequence;

    /** Aggregates default to count() and sum(/v). */
    OperatorHarness(final WindowAssigner assigner, final long outOfOrderness, final long lateness, final AccumulationMode mode,
                    final long maxOpenWindows, final boolean early, final String... expressions) {
        final PathSlots slots = new PathSlots();
        slots.slotFor("/v");
        final AggregateExpressionParser parser = new AggregateExpressionParser(slots, null);
        final List<AggregateSpec> specs = new ArrayList<>();
        final String[] used = expressions.length == 0 ? new String[] {"count()", "sum(/v)"} : expressions;
        try {
            for (int i = 0; i < used.length; i++) {
                specs.add(parser.parse("a" + i, used[i]));
            }
        } catch (final ExpressionException e) {
            throw new IllegalArgumentException(e);
        }
        this.aggregates = new AggregateSet(specs);
        this.operator = new WindowOperator(new WindowingStrategy(assigner, outOfOrderness, lateness, mode, maxOpenWindows, early), aggregates, this);
    }

    OperatorHarness(final WindowAssigner assigner, final long outOfOrderness, final long lateness, final AccumulationMode mode) {
        this(assigner, outOfOrderness, lateness, mode, Long.MAX_VALUE, true);
    }

    /** One input FlowFile: admits every record against the watermark before it, then commits. */
    List<Admission> batch(final In... records) {
        final List<Admission> admissions = stage(records);
        operator.commitBatch(true);
        return admissions;
    }

    List<Admission> stage(final In... records) {
        operator.beginBatch(sequence++);
        final List<Admission> admissions = new ArrayList<>();
        final Object[] inputs = new Object[aggregates.size()];
        for (int i = 0; i < records.length; i++) {
            final In record = records[i];
            final Admission admission = operator.admit(record.time());
            admissions.add(admission);
            if (admission == Admission.ACCEPTED) {
                final long mask = aggregates.prepare(new Object[] {record.value()}, inputs, 0);
                operator.stage(record.key(), record.time(), inputs, 0, mask, i);
            }
        }
        return admissions;
    }

    long lastSequence() {
        return sequence - 1;
    }

    /** The panes fired since the last call. */
    List<Pane> panes() {
        final List<Pane> fired = new ArrayList<>(panes);
        panes.clear();
        return fired;
    }

    @Override
    public void onPane(final Pane pane) {
        panes.add(pane);
    }

    @Override
    public void onEviction(final long end, final long firstArrival, final int windows) {
        evictions.add(new long[] {end, firstArrival, windows});
    }
}
