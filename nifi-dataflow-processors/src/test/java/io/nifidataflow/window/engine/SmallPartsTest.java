package io.nifidataflow.window.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void arrivalsOrderBySequenceThenIndex() {
        assertTrue(Arrival.of(1, 999) < Arrival.of(2, 0));
        assertTrue(Arrival.of(2, 0) < Arrival.of(2, 1));
        assertEquals(7, Arrival.sequence(Arrival.of(7, 123)));
        assertEquals(Arrival.of(3, 20_000_000), Arrival.of(3, 30_000_000), "indexes beyond 2^24 saturate");
    }

    @Test
    void openWindowCountsTrackTheOldestSequenceStillNeeded() {
        final OpenWindowCounts counts = new OpenWindowCounts();
        assertEquals(Long.MAX_VALUE, counts.oldest());
        counts.increment(5);
        counts.increment(3);
        counts.increment(3);
        assertEquals(3, counts.oldest());
        counts.decrement(3);
        assertEquals(3, counts.oldest());
        counts.decrement(3);
        assertEquals(5, counts.oldest());
        assertThrows(IllegalStateException.class, () -> counts.decrement(4));
    }

    @Test
    void theIdleWatermarkAdvancesWithProcessingTimeOnlyAfterTheTimeout() {
        final IdleWatermark idle = new IdleWatermark(30_000, 0);
        assertEquals(Long.MIN_VALUE, idle.watermarkAt(60_000), "never had a watermark");
        idle.onInput(1_000, 500_000);
        assertEquals(Long.MIN_VALUE, idle.watermarkAt(30_999));
        assertEquals(530_000, idle.watermarkAt(31_000));
        assertEquals(560_000, idle.watermarkAt(61_000));
        assertEquals(Long.MIN_VALUE, new IdleWatermark(0, 0).watermarkAt(Long.MAX_VALUE / 2), "0 turns it off");
    }

    @Test
    void groupKeysExposeTheirValuesInGroupByOrder() {
        assertEquals(List.of(), GroupKey.values(GroupKey.GLOBAL));
        assertEquals(List.of("p-1"), GroupKey.values("p-1"));
        final GroupKey.Composite composite = new GroupKey.Composite(new Object[] {"u", null, 3L});
        assertEquals(java.util.Arrays.asList("u", null, 3L), GroupKey.values(composite));
        assertEquals(composite, new GroupKey.Composite(new Object[] {"u", null, 3L}));
        assertEquals(composite.hashCode(), new GroupKey.Composite(new Object[] {"u", null, 3L}).hashCode());
    }
}
