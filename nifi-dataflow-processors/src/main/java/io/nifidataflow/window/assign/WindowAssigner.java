package io.nifidataflow.window.assign;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which windows a record belongs to from its event time alone, like Beam's {@code WindowFn}.
 * Assignment writes into caller-owned arrays because it runs once per record on the hot path.
 */
public sealed interface WindowAssigner permits TumblingWindows, SlidingWindows, SessionWindows {

    /**
     * Writes the windows that contain {@code timestamp}, in ascending start order, into {@code starts} and
     * {@code ends} from index 0, and returns how many there are (possibly 0 for sliding windows whose slide
     * is larger than their size). The arrays hold at least {@link #maxWindowsPerRecord()} entries.
     */
    int assign(long timestamp, long[] starts, long[] ends);

    /** The most windows {@link #assign(long, long[], long[])} ever writes for one record. */
    int maxWindowsPerRecord();

    /** True for sessions: the assigned window is only a proto-window, merged with overlapping ones of the same key. */
    boolean isMerging();

    /** The windows of {@code timestamp} as objects, for callers off the hot path. */
    default List<Window> assign(final long timestamp) {
        final long[] starts = new long[maxWindowsPerRecord()];
        final long[] ends = new long[maxWindowsPerRecord()];
        final int count = assign(timestamp, starts, ends);
        final List<Window> windows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            windows.add(new Window(starts[i], ends[i]));
        }
        return windows;
    }

    /** The start of the epoch-aligned period of length {@code period}, shifted by {@code offset}, that contains {@code timestamp}. */
    static long alignedStart(final long timestamp, final long period, final long offset) {
        return timestamp - Math.floorMod(timestamp - offset, period);
    }
}
