package io.nifidataflow.enrich;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.nifi.distributed.cache.client.Deserializer;
import org.apache.nifi.distributed.cache.client.DistributedMapCacheClient;
import org.apache.nifi.distributed.cache.client.Serializer;

/**
 * Cluster-wide deduplication that survives restarts, over NiFi's standard {@link DistributedMapCacheClient}.
 * Each id is stored under {@value #KEY_PREFIX}{@code <event id>} with its first sight in epoch milliseconds.
 * {@code getAndPutIfAbsent} makes the first sight atomic: of two nodes seeing the same id at once, exactly one
 * stores it and the other gets a duplicate. An entry older than the window is replaced by the new sighting.
 * Entries are never removed here (except to undo a failed batch): the cache server's own limit and eviction
 * policy bound its size.
 */
final class DistributedDeduplicator implements Deduplicator {

    static final String KEY_PREFIX = "enrich-event:";

    private static final Serializer<String> KEYS = (key, out) -> out.write((KEY_PREFIX + key).getBytes(StandardCharsets.UTF_8));
    private static final Serializer<Long> TIMES = (time, out) -> out.write(ByteBuffer.allocate(Long.BYTES).putLong(time).array());
    /** A value of another length was not written by us: it is read as this, and replaced like an expired entry. */
    private static final long FOREIGN = Long.MIN_VALUE;
    /** No bytes is no entry; clients differ in whether they call the deserializer for that. */
    private static final Deserializer<Long> TIME_READER = bytes -> {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        return bytes.length == Long.BYTES ? ByteBuffer.wrap(bytes).getLong() : FOREIGN;
    };

    private final DistributedMapCacheClient client;
    private final long windowMillis;
    private final List<String> addedInBatch = new ArrayList<>();

    DistributedDeduplicator(final DistributedMapCacheClient client, final long windowMillis) {
        this.client = client;
        this.windowMillis = windowMillis;
    }

    @Override
    public boolean isDuplicate(final String eventId, final long nowMillis) throws IOException {
        final Long firstSeen = client.getAndPutIfAbsent(eventId, nowMillis, KEYS, TIMES, TIME_READER);
        if (firstSeen == null) {
            addedInBatch.add(eventId);
            return false;
        }
        if (firstSeen != FOREIGN && nowMillis - firstSeen < windowMillis) {
            return true;
        }
        client.put(eventId, nowMillis, KEYS, TIMES);
        addedInBatch.add(eventId);
        return false;
    }

    @Override
    public void commit() {
        addedInBatch.clear();
    }

    @Override
    public void rollback() throws IOException {
        try {
            for (final String eventId : addedInBatch) {
                client.remove(eventId, KEYS);
            }
        } finally {
            addedInBatch.clear();
        }
    }
}
