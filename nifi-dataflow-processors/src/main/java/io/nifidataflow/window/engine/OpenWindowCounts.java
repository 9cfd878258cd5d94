package io.nifidataflow.window.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many open windows each input sequence number still feeds, by the first arrival of each window.
 * The smallest sequence with open windows is the release frontier: every input before it is final, because
 * no open window contains its records. Updated per window, never per record.
 */
final class OpenWindowCounts {

    private final TreeMap<Long, int[]> counts = new TreeMap<>();

    void increment(final long sequence) {
        counts.computeIfAbsent(sequence, s -> new int[1])[0]++;
    }

    void decrement(final long sequence) {
        final int[] count = counts.get(sequence);
        if (count == null) {
            throw new IllegalStateException("No open window counted for sequence " + sequence);
        }
        if (--count[0] == 0) {
            counts.remove(sequence);
        }
    }

    /** The smallest sequence that open windows still need, or {@link Long#MAX_VALUE} when there are none. */
    long oldest() {
        final Map.Entry<Long, int[]> first = counts.firstEntry();
        return first == null ? Long.MAX_VALUE : first.getKey();
    }
}
