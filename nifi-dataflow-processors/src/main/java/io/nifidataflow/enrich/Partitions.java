package io.nifidataflow.enrich;

import java.nio.charset.StandardCharsets;

/**
 * The partition of a user: MurmurHash3 (x86, 32-bit, seed 0) of the user id's UTF-8 bytes, read as an unsigned
 * number, modulo the partition count. It is stable across runs, nodes and versions, and any language can compute
 * it (Python: {@code mmh3.hash(user_id, signed=False) % n}), so PartitionRecord and load-balanced connections
 * can bring all of a user's events to one node.
 */
public final class Partitions {

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Partitions() {
    }

    public static int of(final String userId, final int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("Partition count must be at least 1 but was " + partitionCount);
        }
        return (int) (Integer.toUnsignedLong(murmur3(userId.getBytes(StandardCharsets.UTF_8))) % partitionCount);
    }

    static int murmur3(final byte[] data) {
        int hash = 0;
        final int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            final int at = i * 4;
            int k = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 24;
            hash ^= mixKey(k);
            hash = Integer.rotateLeft(hash, 13) * 5 + 0xe6546b64;
        }
        final int at = blocks * 4;
        final int remaining = data.length & 3;
        if (remaining > 0) {
            int tail = data[at] & 0xff;
            if (remaining >= 2) {
                tail |= (data[at + 1] & 0xff) << 8;
            }
            if (remaining == 3) {
                tail |= (data[at + 2] & 0xff) << 16;
            }
            hash ^= mixKey(tail);
        }
        hash ^= data.length;
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return hash;
    }

    private static int mixKey(final int key) {
        int k = key * C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }
}
