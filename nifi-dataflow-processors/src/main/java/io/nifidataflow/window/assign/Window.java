package io.nifidataflow.window.assign;

import java.time.Instant;

/**
 * A half-open interval {@code [start, end)} of event time in epoch milliseconds: what panes are fired for.
 * A record at exactly {@code end} belongs to the next window, as in Beam, whose {@code maxTimestamp} is
 * {@code end - 1}.
 */
public record Window(long start, long end) implements Comparable<Window> {

    public Window {
        if (end <= start) {
            throw new IllegalArgumentException("A window must end after it starts: [" + start + ", " + end + ")");
        }
    }

    /** The last millisecond inside the window. */
    public long maxTimestamp() {
        return end - 1;
    }

    public boolean contains(final long timestamp) {
        return timestamp >= start && timestamp < end;
    }

    /** True when the windows share at least one millisecond; windows that only touch do not overlap. */
    public boolean overlaps(final Window other) {
        return start < other.end && other.start < end;
    }

    /** The smallest window covering both. */
    public Window span(final Window other) {
        return new Window(Math.min(start, other.start), Math.max(end, other.end));
    }

    @Override
    public int compareTo(final Window other) {
        final int byStart = Long.compare(start, other.start);
        return byStart != 0 ? byStart : Long.compare(end, other.end);
    }

    @Override
    public String toString() {
        return "[" + Instant.ofEpochMilli(start) + ", " + Instant.ofEpochMilli(end) + ")";
    }
}
