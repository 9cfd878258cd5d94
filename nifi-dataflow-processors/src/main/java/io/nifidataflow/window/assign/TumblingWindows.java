package io.nifidataflow.window.assign;

/** Fixed windows of {@code size} aligned to the epoch plus {@code offset}: every record belongs to exactly one. */
public record TumblingWindows(long size, long offset) implements WindowAssigner {

    public TumblingWindows {
        if (size <= 0) {
            throw new IllegalArgumentException("Window Size must be positive");
        }
        if (offset < 0 || offset >= size) {
            throw new IllegalArgumentException("Window Offset must be at least 0 and less than Window Size");
        }
    }

    @Override
    public int assign(final long timestamp, final long[] starts, final long[] ends) {
        final long start = WindowAssigner.alignedStart(timestamp, size, offset);
        starts[0] = start;
        ends[0] = start + size;
        return 1;
    }

    @Override
    public int maxWindowsPerRecord() {
        return 1;
    }

    @Override
    public boolean isMerging() {
        return false;
    }
}
