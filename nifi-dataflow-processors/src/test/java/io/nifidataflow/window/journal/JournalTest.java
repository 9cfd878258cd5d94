package io.nifidataflow.window.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JournalTest {

    @Test
    void recordsInputsInOrderAndListsTheHeldOnes() {
        final Journal journal = Journal.empty();
        journal.recordInput("a", journal.allocateSequence(), 10);
        journal.recordInput("b", journal.allocateSequence(), 20);
        assertEquals(Set.of("a", "b"), journal.heldFlowFileIds());
        assertEquals(2, journal.nextSequence());
    }

    @Test
    void releasingTheOldestDropsItAndFoldsItsWatermarkIntoTheBase() {
        final Journal journal = Journal.empty();
        journal.recordInput("a", 0, 10);
        journal.recordWatermark(15);
        journal.recordEarlyFiring();
        journal.recordInput("b", 1, 20);
        journal.release(0);
        assertEquals(15, journal.baseWatermark());
        assertEquals(List.of(new Journal.Input("b", 1, 20, false)), journal.entries());
    }

    @Test
    void anInputReleasedOutOfOrderStaysAsAMarkerUntilTheOnesBeforeItGo() {
        final Journal journal = Journal.empty();
        journal.recordInput("a", 0, 10);
        journal.recordInput("b", 1, 20);
        journal.recordInput("c", 2, 30);
        journal.release(1);
        assertEquals(3, journal.entries().size());
        assertEquals(Set.of("a", "c"), journal.heldFlowFileIds());
        journal.release(0);
        assertEquals(List.of(new Journal.Input("c", 2, 30, false)), journal.entries());
        assertEquals(20, journal.baseWatermark());
    }

    @Test
    void consecutiveWatermarkAdvancesCollapseAndAnEmptyJournalKeepsOnlyTheBase() {
        final Journal journal = Journal.empty();
        journal.recordWatermark(5);
        journal.recordEarlyFiring();
        journal.recordEviction(1, 2);
        assertEquals(List.of(), journal.entries());
        assertEquals(5, journal.baseWatermark());
        journal.recordInput("a", 0, 10);
        journal.recordWatermark(11);
        journal.recordWatermark(12);
        assertEquals(List.of(new Journal.Input("a", 0, 10, false), new Journal.WatermarkAdvance(12)), journal.entries());
    }

    @Test
    void survivesTheStateMapRoundTrip() {
        final Journal journal = new Journal(-5, 9, List.of(new Journal.Input("0d4a-uuid", 4, 100, true), new Journal.WatermarkAdvance(120),
                new Journal.EarlyFiring(), new Journal.Eviction(60_000, 1234), new Journal.Input("f00d", 5, Long.MIN_VALUE, false)));
        final Map<String, String> state = JournalCodec.encode(journal, 120, "cfg");
        assertEquals("1970-01-01T00:00:00.120Z", state.get(JournalCodec.WATERMARK));
        assertEquals("1", state.get(JournalCodec.HELD_FLOWFILES));
        final Journal decoded = JournalCodec.decode(state);
        assertEquals(journal.entries(), decoded.entries());
        assertEquals(-5, decoded.baseWatermark());
        assertEquals(9, decoded.nextSequence());
    }

    @Test
    void noStateMeansAnEmptyJournalAndDamagedStateIsReported() {
        assertEquals(List.of(), JournalCodec.decode(Map.of()).entries());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JournalCodec.decode(Map.of(
                JournalCodec.ENTRIES, "I:x:notanumber:1", JournalCodec.BASE_WATERMARK, "0", JournalCodec.NEXT_SEQUENCE, "0")));
        assertTrue(e.getMessage().contains("damaged"));
        assertEquals("none yet", JournalCodec.describe(Long.MIN_VALUE));
    }
}
