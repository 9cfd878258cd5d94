package io.nifidataflow.window.aggregate;

/**
 * The running state of one aggregate in one window. Every accumulator is mergeable: session windows merge
 * when a record bridges them, and merging must give what adding all the records to one accumulator gives.
 * Values reach {@link #add} already checked and converted by their {@link AggregateFunction}.
 */
public interface Accumulator {

    /**
     * Adds one input. {@code eventTime} and {@code arrival} (the record's position in the input, increasing)
     * order records for first and last.
     */
    void add(Object value, long eventTime, long arrival);

    /** Adds everything {@code other} holds; {@code other} is of the same function and is not used afterwards. */
    void merge(Accumulator other);

    /** The aggregate's value now; null when nothing was added and the function has no value for nothing. */
    Object result();
}
