package io.nifidataflow.window.engine;

/**
 * Lets the watermark advance with processing time once the input has been quiet for the idle timeout, so
 * that windows close on a stream that stopped. From the last input on, event time is taken to have passed
 * as processing time did: the watermark becomes its value at the last input plus the time since.
 */
public final class IdleWatermark {

    private final long timeoutMillis;
    private long lastInputAt;
    private long watermarkAtLastInput = Long.MIN_VALUE;

    /** {@code timeoutMillis} 0 turns idle advance off. */
    public IdleWatermark(final long timeoutMillis, final long nowMillis) {
        this.timeoutMillis = timeoutMillis;
        this.lastInputAt = nowMillis;
    }

    /** Records that input was processed at {@code nowMillis}, after which the watermark was {@code watermark}. */
    public void onInput(final long nowMillis, final long watermark) {
        lastInputAt = nowMillis;
        watermarkAtLastInput = watermark;
    }

    /**
     * The watermark idleness allows at {@code nowMillis}, or {@link Long#MIN_VALUE} when the input has not
     * been quiet long enough, idle advance is off, or there never was a watermark to advance.
     */
    public long watermarkAt(final long nowMillis) {
        final long quiet = nowMillis - lastInputAt;
        if (timeoutMillis <= 0 || quiet < timeoutMillis || watermarkAtLastInput == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return watermarkAtLastInput + quiet;
    }
}
