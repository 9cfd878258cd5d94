package io.nifidataflow.enrich;

/**
 * Deduplication on one node, in bounded memory ({@link SeenIds}): at most {@code capacity} ids are remembered,
 * the oldest evicted first, so a redelivery that arrives after more than {@code capacity} newer ids passes as new.
 */
public final class LocalDeduplicator implements Deduplicator {

    private final SeenIds seen;
    private final long windowMillis;
    private long batchStart;

    public LocalDeduplicator(final int capacity, final long windowMillis) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("The window must be positive; use Deduplicator.OFF to turn deduplication off");
        }
        this.seen = new SeenIds(capacity);
        this.windowMillis = windowMillis;
        this.batchStart = seen.mark();
    }

    @Override
    public boolean isDuplicate(final String eventId, final long nowMillis) {
        return seen.firstSeenWithin(eventId, nowMillis, windowMillis) != Long.MIN_VALUE;
    }

    @Override
    public void commit() {
        batchStart = seen.mark();
    }

    @Override
    public void rollback() {
        seen.forgetSince(batchStart);
        batchStart = seen.mark();
    }

    public int remembered() {
        return seen.size();
    }
}
