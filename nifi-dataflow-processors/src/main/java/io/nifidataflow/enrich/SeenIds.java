package io.nifidataflow.enrich;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Event ids with the time each was first seen, in bounded memory, for deduplication.
 *
 * <p>Ids live in a ring in first-sight order, so both expiry and eviction take the oldest first: an id leaves
 * when its window has passed or, when the ring is full, to make room for a new one. Nothing else is ever
 * removed, except by {@link #forgetSince(long)}, which undoes the newest additions of a failed batch.</p>
 *
 * <p>Memory matters more than anything here (a million ids by default), so there is no entry object: an id is
 * kept as its UTF-8 bytes, its hash and first sight in parallel arrays, and an open-addressing table of ring
 * positions finds it. That is about 80 bytes per UUID-sized id, against about 150 for a HashMap of Strings.</p>
 *
 * <p>Not thread-safe.</p>
 */
public final class SeenIds {

    private static final int EMPTY = -1;

    private final int capacity;
    private final byte[][] ids;
    private final int[] hashes;
    private final long[] firstSeen;
    /** Ring positions, by hash; EMPTY where free. Kept at most half full so probes stay short. */
    private final int[] table;
    private final int tableMask;
    /** Sequence numbers: the oldest id in the ring and the next one to be added; position = sequence % capacity. */
    private long oldest;
    private long next;

    public SeenIds(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Capacity must be at least 1 but was " + capacity);
        }
        this.capacity = capacity;
        this.ids = new byte[capacity][];
        this.hashes = new int[capacity];
        this.firstSeen = new long[capacity];
        final int tableSize = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        this.table = new int[tableSize];
        this.tableMask = tableSize - 1;
        Arrays.fill(table, EMPTY);
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return (int) (next - oldest);
    }

    /**
     * The time {@code id} was first seen, if that was less than {@code windowMillis} before {@code nowMillis};
     * otherwise records {@code nowMillis} as its first sight and returns {@link Long#MIN_VALUE}.
     */
    public long firstSeenWithin(final String id, final long nowMillis, final long windowMillis) {
        expire(nowMillis - windowMillis);
        final byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        final int hash = spread(id.hashCode());
        final int slot = find(bytes, hash);
        if (slot != EMPTY) {
            final int position = table[slot];
            final long seen = firstSeen[position];
            // The clock can step back, leaving an expired id behind a younger one; it is expired all the same.
            if (nowMillis - seen < windowMillis) {
                return seen;
            }
            removeAt(slot);
        }
        add(bytes, hash, nowMillis);
        return Long.MIN_VALUE;
    }

    /** The sequence number the next added id gets: pass it to {@link #forgetSince(long)} to undo what follows. */
    public long mark() {
        return next;
    }

    /** Forgets the ids added since {@code mark} that are still remembered, newest first. */
    public void forgetSince(final long mark) {
        while (next > mark && next > oldest) {
            final int position = position(next - 1);
            final int slot = slotOf(position);
            if (slot != EMPTY) {
                removeAt(slot);
            }
            ids[position] = null;
            next--;
        }
    }

    private void expire(final long seenBefore) {
        while (next > oldest && firstSeen[position(oldest)] <= seenBefore) {
            evictOldest();
        }
    }

    private void add(final byte[] bytes, final int hash, final long nowMillis) {
        if (next - oldest == capacity) {
            evictOldest();
        }
        final int position = position(next);
        ids[position] = bytes;
        hashes[position] = hash;
        firstSeen[position] = nowMillis;
        int slot = hash & tableMask;
        while (table[slot] != EMPTY) {
            slot = (slot + 1) & tableMask;
        }
        table[slot] = position;
        next++;
    }

    private void evictOldest() {
        final int position = position(oldest);
        if (ids[position] != null) {
            final int slot = slotOf(position);
            if (slot != EMPTY) {
                removeAt(slot);
            }
            ids[position] = null;
        }
        oldest++;
    }

    private int find(final byte[] bytes, final int hash) {
        int slot = hash & tableMask;
        while (true) {
            final int position = table[slot];
            if (position == EMPTY) {
                return EMPTY;
            }
            if (hashes[position] == hash && Arrays.equals(ids[position], bytes)) {
                return slot;
            }
            slot = (slot + 1) & tableMask;
        }
    }

    private int slotOf(final int position) {
        int slot = hashes[position] & tableMask;
        while (true) {
            final int found = table[slot];
            if (found == EMPTY) {
                return EMPTY;
            }
            if (found == position) {
                return slot;
            }
            slot = (slot + 1) & tableMask;
        }
    }

    /** Empties {@code slot} and moves later entries of its probe run back, so that no lookup stops early (no tombstones). */
    private void removeAt(final int slot) {
        int hole = slot;
        int probe = (slot + 1) & tableMask;
        while (table[probe] != EMPTY) {
            final int home = hashes[table[probe]] & tableMask;
            // Move the entry into the hole unless its home lies cyclically in (hole, probe].
            final boolean homeAfterHole = hole <= probe ? home > hole && home <= probe : home > hole || home <= probe;
            if (!homeAfterHole) {
                table[hole] = table[probe];
                hole = probe;
            }
            probe = (probe + 1) & tableMask;
        }
        table[hole] = EMPTY;
    }

    private int position(final long sequence) {
        return (int) (sequence % capacity);
    }

    private static int spread(final int hash) {
        final int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }
}
