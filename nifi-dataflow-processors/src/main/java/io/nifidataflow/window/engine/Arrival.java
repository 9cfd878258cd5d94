package io.nifidataflow.window.engine;

/**
 * A record's position in the input: the sequence number of its FlowFile and its index inside it, packed in
 * one long that orders like the pair. It breaks ties of first/last and orders windows for eviction, and it
 * is the same when a FlowFile is replayed after a restart.
 */
public final class Arrival {

    private static final int INDEX_BITS = 24;
    private static final long MAX_INDEX = (1L << INDEX_BITS) - 1;

    private Arrival() {
    }

    /** Records past the 16,777,215th of one FlowFile share that index, which only weakens tie-breaking among them. */
    public static long of(final long sequence, final long index) {
        return sequence << INDEX_BITS | Math.min(index, MAX_INDEX);
    }

    public static long sequence(final long arrival) {
        return arrival >>> INDEX_BITS;
    }
}
