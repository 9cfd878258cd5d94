package io.nifidataflow.window.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowTimersTest {

    private static WindowState window(final long end) {
        return new WindowState(new KeyState("k"), end - 1, end, null, 0);
    }

    @Test
    void pollsInTimeOrderWhateverTheOrderOfAddsAndRemoves() {
        final SplittableRandom random = new SplittableRandom(3);
        final WindowTimers timers = new WindowTimers();
        final List<WindowState> expected = new ArrayList<>();
        for (int round = 0; round < 5_000; round++) {
            final int action = random.nextInt(3);
            if (action < 2 || expected.isEmpty()) {
                final WindowState w = window(random.nextLong(1, 1_000));
                timers.add(w, w.end);
                expected.add(w);
            } else {
                final WindowState victim = expected.remove(random.nextInt(expected.size()));
                timers.remove(victim);
                assertEquals(-1, victim.heapIndex);
            }
            assertEquals(expected.size(), timers.size());
        }
        expected.sort(Comparator.comparingLong(w -> w.timerTime));
        long previous = Long.MIN_VALUE;
        while (!timers.isEmpty()) {
            final long time = timers.peekTime();
            assertTrue(time >= previous);
            previous = time;
            timers.poll();
        }
        assertEquals(expected.get(expected.size() - 1).timerTime, previous);
    }

    @Test
    void aWindowHasAtMostOneTimerAndCanBeRetimedAfterRemoval() {
        final WindowTimers timers = new WindowTimers();
        final WindowState w = window(10);
        timers.add(w, 10);
        assertThrows(IllegalStateException.class, () -> timers.add(w, 20));
        timers.remove(w);
        timers.remove(w);
        timers.add(w, 30);
        assertEquals(30, timers.peekTime());
    }
}
