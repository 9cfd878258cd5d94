package io.nifidataflow.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

    private static final long MINUTE = 60_000;
    private static final long WINDOW = 10 * MINUTE;

    @Test
    void anIdSeenWithinTheWindowIsADuplicate() {
        final LocalDeduplicator dedupe = new LocalDeduplicator(100, WINDOW);
        assertFalse(dedupe.isDuplicate("a", 0));
        assertTrue(dedupe.isDuplicate("a", 1));
        assertTrue(dedupe.isDuplicate("a", WINDOW - 1));
        assertFalse(dedupe.isDuplicate("b", WINDOW - 1));
    }

    @Test
    void theWindowCountsFromFirstSightAndADuplicateDoesNotExtendIt() {
        final LocalDeduplicator dedupe = new LocalDeduplicator(100, WINDOW);
        assertFalse(dedupe.isDuplicate("a", 0));
        assertTrue(dedupe.isDuplicate("a", 9 * MINUTE));
        assertFalse(dedupe.isDuplicate("a", WINDOW), "exactly one window after first sight it is new again");
        assertTrue(dedupe.isDuplicate("a", WINDOW + 1), "and that sighting opens a new window");
        assertFalse(dedupe.isDuplicate("a", 2 * WINDOW));
    }

    @Test
    void expiredIdsAreForgottenSoMemoryFollowsTheWindow() {
        final LocalDeduplicator dedupe = new LocalDeduplicator(100, WINDOW);
        for (int i = 0; i < 50; i++) {
            dedupe.isDuplicate("id-" + i, i);
        }
        assertEquals(50, dedupe.remembered());
        dedupe.isDuplicate("late", WINDOW + 25);
        assertEquals(50 - 26 + 1, dedupe.remembered(), "ids first seen at 0..25 have expired");
    }

    @Test
    void whenFullTheOldestIdIsEvictedFirst() {
        final LocalDeduplicator dedupe = new LocalDeduplicator(3, WINDOW);
        dedupe.isDuplicate("a", 0);
        dedupe.isDuplicate("b", 1);
        dedupe.isDuplicate("c", 2);
        dedupe.isDuplicate("d", 3);
        assertEquals(3, dedupe.remembered());
        assertTrue(dedupe.isDuplicate("b", 4));
        assertTrue(dedupe.isDuplicate("c", 4));
        assertTrue(dedupe.isDuplicate("d", 4));
        assertFalse(dedupe.isDuplicate("a", 4), "the oldest was evicted, so its redelivery passes as new");
    }

    @Test
    void aRollbackForgetsOnlyWhatTheBatchAdded() {
        final LocalDeduplicator dedupe = new LocalDeduplicator(100, WINDOW);
        dedupe.isDuplicate("kept", 0);
        dedupe.commit();
        dedupe.isDuplicate("x", 1);
        dedupe.isDuplicate("y", 2);
        assertTrue(dedupe.isDuplicate("kept", 3));
        dedupe.rollback();
        assertFalse(dedupe.isDuplicate("x", 4), "a retried FlowFile is not its own duplicate");
        assertFalse(dedupe.isDuplicate("y", 4));
        assertTrue(dedupe.isDuplicate("kept", 4));
    }

    @Test
    void idsAreComparedExactlyNotByHash() {
        final LocalDeduplicator dedupe = new LocalDeduplicator(100, WINDOW);
        // "Aa" and "BB" share a String hash code
        assertFalse(dedupe.isDuplicate("Aa", 0));
        assertFalse(dedupe.isDuplicate("BB", 0));
        assertTrue(dedupe.isDuplicate("Aa", 1));
        assertTrue(dedupe.isDuplicate("BB", 1));
        assertFalse(dedupe.isDuplicate("é", 1));
        assertTrue(dedupe.isDuplicate("é", 2));
    }

    /** A random workload checked against the plainest possible model of the same rules. */
    @Test
    void behavesLikeASimpleModelUnderChurn() {
        final int capacity = 257;
        final SeenIds seen = new SeenIds(capacity);
        final Map<String, Long> model = new HashMap<>();
        final Deque<String> order = new ArrayDeque<>();
        final SplittableRandom random = new SplittableRandom(3);
        long now = 0;
        for (int i = 0; i < 300_000; i++) {
            now += random.nextInt(3);
            final String id = "id-" + random.nextInt(700);
            final long window = 400;
            while (!order.isEmpty() && model.get(order.peekFirst()) <= now - window) {
                model.remove(order.pollFirst());
            }
            final Long first = model.get(id);
            final long expected;
            if (first != null) {
                expected = first;
            } else {
                if (order.size() == capacity) {
                    model.remove(order.pollFirst());
                }
                model.put(id, now);
                order.addLast(id);
                expected = Long.MIN_VALUE;
            }
            assertEquals(expected, seen.firstSeenWithin(id, now, window), "step " + i);
            assertEquals(model.size(), seen.size());
        }
    }

    @Test
    void rollbackUnderChurnRestoresTheModel() {
        final SeenIds seen = new SeenIds(64);
        final SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 2_000; round++) {
            final long mark = seen.mark();
            final int sizeBefore = seen.size();
            final java.util.List<String> added = new java.util.ArrayList<>();
            for (int i = 0; i < random.nextInt(1, 10); i++) {
                final String id = "r" + round + "-" + i;
                seen.firstSeenWithin(id, round, Long.MAX_VALUE / 4);
                added.add(id);
            }
            if (random.nextBoolean()) {
                seen.forgetSince(mark);
                assertTrue(seen.size() <= sizeBefore);
                for (final String id : added) {
                    assertEquals(Long.MIN_VALUE, seen.firstSeenWithin(id, round, Long.MAX_VALUE / 4), "forgotten: " + id);
                }
                seen.forgetSince(mark);
            }
        }
    }
}
