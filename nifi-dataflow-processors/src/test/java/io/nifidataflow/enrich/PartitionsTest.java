package io.nifidataflow.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PartitionsTest {

    @Test
    void theHashIsMurmur3X86With32BitsAndSeedZero() {
        // Published test vectors, so that other languages can reproduce partitions.
        assertEquals(0, Partitions.murmur3(new byte[0]));
        assertEquals(0x248bfa47, Partitions.murmur3("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0x2e4ff723, Partitions.murmur3("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void partitionsAreStableAndInRange() {
        assertEquals(0x248bfa47L % 7, Partitions.of("hello", 7));
        for (int i = 0; i < 10_000; i++) {
            final int partition = Partitions.of("u-" + i, 12);
            assertTrue(partition >= 0 && partition < 12);
            assertEquals(partition, Partitions.of("u-" + i, 12));
        }
    }

    @Test
    void usersSpreadEvenlyEnough() {
        final int[] counts = new int[8];
        for (int i = 0; i < 80_000; i++) {
            counts[Partitions.of(String.format("u-%06d", i), 8)]++;
        }
        for (final int count : counts) {
            assertTrue(count > 9_000 && count < 11_000, "partition sizes " + java.util.Arrays.toString(counts));
        }
    }

    @Test
    void thereIsNoPartitionZeroCount() {
        assertThrows(IllegalArgumentException.class, () -> Partitions.of("u", 0));
    }
}
