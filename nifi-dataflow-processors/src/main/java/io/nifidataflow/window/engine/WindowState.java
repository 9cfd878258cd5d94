package io.nifidataflow.window.engine;

import io.nifidataflow.window.aggregate.Accumulator;

/**
 * The state of one open (key, window): its accumulators and its pane bookkeeping. Fields are accessed
 * directly by the operator, which owns every instance; there can be a million of them, so they stay lean.
 */
final class WindowState {

    final KeyState owner;
    final long start;
    final long end;
    Accumulator[] accumulators;
    /** The smallest arrival of its records: orders eviction and tells which input FlowFiles it still needs. */
    long firstArrival;
    int nextPaneIndex;
    /** The ON_TIME pane fired, or its chance passed because the window was created after its end. */
    boolean onTimeDone;
    /** Received records since its last pane. */
    boolean changed;
    /** Received late records in the current batch and is listed for a LATE pane. */
    boolean lateListed;
    boolean alive = true;
    /** When the operator must next look at it: its end, then its garbage-collection time. */
    long timerTime;
    int heapIndex = -1;

    WindowState(final KeyState owner, final long start, final long end, final Accumulator[] accumulators, final long firstArrival) {
        this.owner = owner;
        this.start = start;
        this.end = end;
        this.accumulators = accumulators;
        this.firstArrival = firstArrival;
    }
}
