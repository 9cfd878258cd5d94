package io.nifidataflow.window.aggregate;

import java.util.List;

/**
 * The aggregates of one configuration, applied together. A record is first {@link #prepare prepared} once:
 * filters are evaluated and inputs converted into an array, with a bit mask of the aggregates it feeds.
 * The prepared inputs are then {@link #add added} to each of its windows, which for sliding windows is many.
 */
public final class AggregateSet {

    /** The most aggregates one configuration may have: the mask of a prepared record is a long. */
    public static final int MAX_AGGREGATES = 62;

    /** Returned by {@link #prepare} when a value cannot be taken; {@link #problem} then says which and why. */
    public static final long REJECTED = -1L;

    private final AggregateSpec[] specs;
    private final List<AggregateSpec> specList;

    public AggregateSet(final List<AggregateSpec> specs) {
        if (specs.size() > MAX_AGGREGATES) {
            throw new IllegalArgumentException("At most " + MAX_AGGREGATES + " aggregates are supported");
        }
        this.specs = specs.toArray(new AggregateSpec[0]);
        this.specList = List.copyOf(specs);
    }

    public List<AggregateSpec> specs() {
        return specList;
    }

    public int size() {
        return specs.length;
    }

    /**
     * Evaluates filters and converts inputs of one record, given its slot values. Writes each aggregate's
     * input at {@code inputs[offset + i]} and returns the mask of aggregates the record feeds, or
     * {@link #REJECTED} when an input the record feeds cannot be taken.
     */
    public long prepare(final Object[] slots, final Object[] inputs, final int offset) {
        long mask = 0;
        for (int i = 0; i < specs.length; i++) {
            final AggregateSpec spec = specs[i];
            if (spec.filter() != null && !spec.filter().test(slots)) {
                inputs[offset + i] = null;
                continue;
            }
            if (spec.input() == null) {
                inputs[offset + i] = Boolean.TRUE;
                mask |= 1L << i;
                continue;
            }
            final Object accepted = spec.function().accept(slots[spec.input().slot()]);
            if (accepted == AggregateFunction.REJECT) {
                return REJECTED;
            }
            if (accepted == AggregateFunction.SKIP) {
                inputs[offset + i] = null;
            } else {
                inputs[offset + i] = accepted;
                mask |= 1L << i;
            }
        }
        return mask;
    }

    /** Why {@link #prepare} rejected the record with these slot values. */
    public String problem(final Object[] slots) {
        for (final AggregateSpec spec : specs) {
            if (spec.input() == null || spec.filter() != null && !spec.filter().test(slots)) {
                continue;
            }
            final Object value = slots[spec.input().slot()];
            if (spec.function().accept(value) == AggregateFunction.REJECT) {
                return spec.name() + " = " + spec.function().functionName() + "(" + spec.input().path() + "): " + spec.function().rejection(value);
            }
        }
        return null;
    }

    public Accumulator[] newAccumulators() {
        final Accumulator[] accumulators = new Accumulator[specs.length];
        for (int i = 0; i < specs.length; i++) {
            accumulators[i] = specs[i].newAccumulator();
        }
        return accumulators;
    }

    /** Adds one prepared record to a window's accumulators. */
    public void add(final Accumulator[] accumulators, final Object[] inputs, final int offset, final long mask, final long eventTime, final long arrival) {
        long remaining = mask;
        while (remaining != 0) {
            final int i = Long.numberOfTrailingZeros(remaining);
            accumulators[i].add(inputs[offset + i], eventTime, arrival);
            remaining &= remaining - 1;
        }
    }

    /** Merges {@code from} into {@code into}; {@code from} is not used afterwards. */
    public void merge(final Accumulator[] into, final Accumulator[] from) {
        for (int i = 0; i < specs.length; i++) {
            into[i].merge(from[i]);
        }
    }

    public Object[] results(final Accumulator[] accumulators) {
        final Object[] results = new Object[specs.length];
        for (int i = 0; i < specs.length; i++) {
            results[i] = accumulators[i].result();
        }
        return results;
    }
}
