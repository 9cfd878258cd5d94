package io.nifidataflow.window.assign;

/**
 * Windows of {@code size} starting every {@code slide}, aligned to the epoch plus {@code offset}. A record
 * belongs to every window that contains it: {@code size / slide} of them when the slide divides the size.
 * When the slide is larger than the size there are gaps, and a record in a gap belongs to no window.
 */
public record SlidingWindows(long size, long slide, long offset) implements WindowAssigner {

    public SlidingWindows {
        if (size <= 0 || slide <= 0) {
            throw new IllegalArgumentException("Window Size and Window Slide must be positive");
        }
        if (offset < 0 || offset >= slide) {
            throw new IllegalArgumentException("Window Offset must be at least 0 and less than Window Slide");
        }
    }

    @Override
    public int assign(final long timestamp, final long[] starts, final long[] ends) {
        final long lastStart = WindowAssigner.alignedStart(timestamp, slide, offset);
        // The windows containing timestamp start after timestamp - size; there are none when it falls in a gap.
        final long earliest = timestamp - size;
        if (lastStart <= earliest) {
            return 0;
        }
        final int count = (int) ((lastStart - earliest - 1) / slide) + 1;
        long start = lastStart - (count - 1) * slide;
        for (int i = 0; i < count; i++) {
            starts[i] = start;
            ends[i] = start + size;
            start += slide;
        }
        return count;
    }

    @Override
    public int maxWindowsPerRecord() {
        return (int) Math.max(1, (size + slide - 1) / slide);
    }

    @Override
    public boolean isMerging() {
        return false;
    }
}
