package io.nifidataflow.window.assign;

/**
 * Sessions with an inactivity {@code gap}: each record opens the proto-window {@code [t, t + gap)}, and
 * proto-windows of the same key that overlap merge into one session. Windows that only touch stay apart.
 * Merging itself needs the other windows of the key, so it is done by the window state, not here.
 */
public record SessionWindows(long gap) implements WindowAssigner {

    public SessionWindows {
        if (gap <= 0) {
            throw new IllegalArgumentException("Session Gap must be positive");
        }
    }

    @Override
    public int assign(final long timestamp, final long[] starts, final long[] ends) {
        starts[0] = timestamp;
        ends[0] = timestamp + gap;
        return 1;
    }

    @Override
    public int maxWindowsPerRecord() {
        return 1;
    }

    @Override
    public boolean isMerging() {
        return true;
    }
}
