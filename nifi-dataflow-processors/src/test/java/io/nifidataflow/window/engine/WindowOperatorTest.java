package io.nifidataflow.window.engine;

import static io.nifidataflow.window.engine.OperatorHarness.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nifidataflow.window.assign.SessionWindows;
import io.nifidataflow.window.assign.SlidingWindows;
import io.nifidataflow.window.assign.TumblingWindows;
import io.nifidataflow.window.assign.Window;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The windowing semantics, written against Beam's model. Times are small numbers of milliseconds so the
 * windows read easily: tumbling windows of 10, out-of-orderness 0 unless a test says otherwise.
 */
class WindowOperatorTest {

    private static final AccumulationMode DISCARDING = AccumulationMode.DISCARDING;
    private static final AccumulationMode ACCUMULATING = AccumulationMode.ACCUMULATING;

    private static Pane pane(final Object key, final long start, final long end, final PaneTiming timing, final int index, final Object... values) {
        return new Pane(key, new Window(start, end), timing, index, values);
    }

    private static OperatorHarness tumbling(final long lateness, final AccumulationMode mode) {
        return new OperatorHarness(new TumblingWindows(10, 0), 0, lateness, mode);
    }

    @Nested
    class OnTimePanes {
        @Test
        void fireOnceTheWatermarkReachesTheEndOfTheWindow() {
            final OperatorHarness h = tumbling(0, DISCARDING);
            h.batch(in("k", 1, 5L), in("k", 9, 7L));
            // The watermark is 9: the window [0, 10) is not complete.
            assertEquals(List.of(), h.panes());
            h.batch(in("k", 10, 1L));
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.ON_TIME, 0, 2L, 12L)), h.panes());
        }

        @Test
        void aRecordExactlyAtTheWindowEndBelongsToTheNextWindow() {
            final OperatorHarness h = tumbling(0, DISCARDING);
            h.batch(in("k", 10, 3L));
            h.batch(in("k", 25, 0L));
            assertEquals(List.of(pane("k", 10, 20, PaneTiming.ON_TIME, 0, 1L, 3L)), h.panes());
        }

        @Test
        void theWatermarkTrailsTheLargestEventTimeByTheOutOfOrderness() {
            final OperatorHarness h = new OperatorHarness(new TumblingWindows(10, 0), 5, 0, DISCARDING);
            h.batch(in("k", 3), in("k", 14));
            assertEquals(List.of(), h.panes());
            h.batch(in("k", 12));
            assertEquals(List.of(), h.panes());
            h.batch(in("k", 15));
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.ON_TIME, 0, 1L, 1L)), h.panes());
            assertEquals(10, h.operator.watermark());
        }

        @Test
        void recordsOfABatchAreJudgedAgainstTheWatermarkBeforeIt() {
            final OperatorHarness h = tumbling(0, DISCARDING);
            // The batch moves the watermark to 100, but its record at 1 was judged against the watermark before it.
            assertEquals(List.of(Admission.ACCEPTED, Admission.ACCEPTED), h.batch(in("k", 100), in("k", 1)));
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.ON_TIME, 0, 1L, 1L)), h.panes());
        }

        @Test
        void keysAreWindowedIndependently() {
            final OperatorHarness h = tumbling(0, DISCARDING);
            h.batch(in("a", 1, 1L), in("b", 2, 10L), in("a", 3, 100L));
            h.batch(in("a", 10));
            assertEquals(List.of(pane("a", 0, 10, PaneTiming.ON_TIME, 0, 2L, 101L), pane("b", 0, 10, PaneTiming.ON_TIME, 0, 1L, 10L)),
                    h.panes().stream().sorted(java.util.Comparator.comparing(p -> (String) p.key())).toList());
        }

        @Test
        void neverFireTwiceForTheSameWindowBounds() {
            final OperatorHarness h = tumbling(100, ACCUMULATING);
            h.batch(in("k", 1));
            h.batch(in("k", 10));
            h.batch(in("k", 20));
            h.batch(in("k", 5), in("k", 6));
            h.operator.advanceWatermark(40);
            final long onTime = h.panes().stream()
                    .filter(p -> p.window().equals(new Window(0, 10)) && p.timing() == PaneTiming.ON_TIME).count();
            assertEquals(1, onTime);
        }
    }

    @Nested
    class Lateness {
        @Test
        void aLateRecordWithinTheAllowedLatenessFiresALatePaneWithOnlyNewDataWhenDiscarding() {
            final OperatorHarness h = tumbling(20, DISCARDING);
            h.batch(in("k", 1, 5L));
            h.batch(in("k", 15, 0L));
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.ON_TIME, 0, 1L, 5L)), h.panes());
            // end - 1 + lateness = 29 >= watermark 15: accepted, fires LATE.
            assertEquals(List.of(Admission.ACCEPTED), h.batch(in("k", 2, 7L)));
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.LATE, 1, 1L, 7L)), h.panes());
        }

        @Test
        void aLateRecordWithinTheAllowedLatenessFiresALatePaneWithEverythingWhenAccumulating() {
            final OperatorHarness h = tumbling(20, ACCUMULATING);
            h.batch(in("k", 1, 5L));
            h.batch(in("k", 15, 0L));
            h.panes();
            h.batch(in("k", 2, 7L));
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.LATE, 1, 2L, 12L)), h.panes());
        }

        @Test
        void latePanesFireOncePerBatchPerWindowNotPerRecord() {
            final OperatorHarness h = tumbling(20, DISCARDING);
            h.batch(in("k", 1));
            h.batch(in("k", 15));
            h.panes();
            h.batch(in("k", 2, 1L), in("k", 3, 2L), in("k", 4, 3L));
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.LATE, 1, 3L, 6L)), h.panes());
            h.batch(in("k", 5, 4L));
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.LATE, 2, 1L, 4L)), h.panes());
        }

        @Test
        void theLatenessBoundIsInclusiveAtEndMinusOnePlusLateness() {
            final OperatorHarness h = tumbling(5, DISCARDING);
            h.batch(in("k", 14));
            // watermark 14 = 10 - 1 + 5: still accepted.
            assertEquals(List.of(Admission.ACCEPTED), h.batch(in("k", 3)));
            h.batch(in("k", 15));
            // watermark 15 > 14: beyond the allowed lateness.
            assertEquals(List.of(Admission.LATE), h.batch(in("k", 3)));
        }

        @Test
        void aRecordBeyondTheAllowedLatenessIsLateAndChangesNothing() {
            final OperatorHarness h = tumbling(0, DISCARDING);
            h.batch(in("k", 1));
            h.batch(in("k", 10));
            h.panes();
            assertEquals(List.of(Admission.LATE), h.batch(in("k", 9)));
            assertEquals(List.of(), h.panes());
            assertEquals(1, h.operator.openWindows());
        }

        @Test
        void aWindowBornLateFiresALatePaneNumberedZero() {
            final OperatorHarness h = tumbling(50, DISCARDING);
            h.batch(in("other", 35));
            h.panes();
            assertEquals(List.of(Admission.ACCEPTED), h.batch(in("k", 3, 4L)));
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.LATE, 0, 1L, 4L)), h.panes());
            h.operator.advanceWatermark(100);
            assertFalse(h.panes().stream().anyMatch(p -> p.key().equals("k")), "a window born late never fires ON_TIME");
        }

        @Test
        void windowsAreCollectedOnceTheWatermarkPassesTheirAllowedLateness() {
            final OperatorHarness h = tumbling(20, DISCARDING);
            h.batch(in("k", 1));
            h.batch(in("k", 29));
            assertEquals(2, h.operator.openWindows());
            h.batch(in("k", 30));
            assertEquals(2, h.operator.openWindows(), "[0,10) expires when the watermark passes 29, [20,30) is open");
            h.batch(in("k", 40));
            assertEquals(3, h.operator.openWindows(), "[20,30) lives until the watermark passes 49");
            h.operator.advanceWatermark(50);
            assertEquals(2, h.operator.openWindows());
            h.operator.advanceWatermark(1000);
            assertEquals(0, h.operator.openWindows());
        }
    }

    @Nested
    class SlidingWindowLateness {
        @Test
        void aRecordAcceptedBySomeWindowsAndTooLateForOthersIsCountedPerDroppedPair() {
            final OperatorHarness h = new OperatorHarness(new SlidingWindows(30, 10, 0), 0, 0, DISCARDING);
            h.batch(in("k", 25));
            h.panes();
            // 22 belongs to [0,30), [10,40), [20,50); with the watermark at 25 none has ended.
            h.batch(in("k", 40));
            h.panes();
            // Watermark 40: [0,30) and [10,40) are expired for 22, [20,50) is not.
            h.operator.beginBatch(99);
            assertEquals(Admission.ACCEPTED, h.operator.admit(22));
            assertEquals(2, h.operator.droppedPairs());
            h.operator.abortBatch();
            // 5 belongs only to expired windows: late.
            assertEquals(List.of(Admission.LATE), h.batch(in("k", 5)));
        }

        @Test
        void aSlideLargerThanTheSizeLeavesRecordsInNoWindow() {
            final OperatorHarness h = new OperatorHarness(new SlidingWindows(10, 30, 0), 0, 0, DISCARDING);
            assertEquals(List.of(Admission.ACCEPTED, Admission.NO_WINDOW), h.batch(in("k", 5), in("k", 15)));
            // A record in no window still moves the watermark.
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.ON_TIME, 0, 1L, 1L)), h.panes());
        }

        @Test
        void everyWindowOfARecordFiresWithIt() {
            final OperatorHarness h = new OperatorHarness(new SlidingWindows(20, 10, 0), 0, 0, DISCARDING);
            h.batch(in("k", 15, 2L));
            h.operator.advanceWatermark(100);
            assertEquals(List.of(pane("k", 0, 20, PaneTiming.ON_TIME, 0, 1L, 2L), pane("k", 10, 30, PaneTiming.ON_TIME, 0, 1L, 2L)), h.panes());
        }
    }

    @Nested
    class Sessions {
        private OperatorHarness sessions(final long gap, final long lateness, final AccumulationMode mode) {
            return new OperatorHarness(new SessionWindows(gap), 0, lateness, mode);
        }

        @Test
        void recordsCloserThanTheGapMergeIntoOneSession() {
            final OperatorHarness h = sessions(10, 0, DISCARDING);
            h.batch(in("u", 0, 1L), in("u", 5, 2L), in("u", 12, 3L));
            h.operator.advanceWatermark(100);
            assertEquals(List.of(pane("u", 0, 22, PaneTiming.ON_TIME, 0, 3L, 6L)), h.panes());
        }

        @Test
        void sessionsThatOnlyTouchDoNotMerge() {
            final OperatorHarness h = sessions(10, 0, DISCARDING);
            h.batch(in("u", 0), in("u", 10));
            h.operator.advanceWatermark(100);
            assertEquals(List.of(pane("u", 0, 10, PaneTiming.ON_TIME, 0, 1L, 1L), pane("u", 10, 20, PaneTiming.ON_TIME, 0, 1L, 1L)), h.panes());
        }

        @Test
        void anOutOfOrderRecordBridgesTwoSessions() {
            final OperatorHarness h = new OperatorHarness(new SessionWindows(10), 100, 0, DISCARDING);
            h.batch(in("u", 0, 1L), in("u", 15, 2L));
            assertEquals(2, h.operator.openWindows());
            h.batch(in("u", 8, 4L));
            assertEquals(1, h.operator.openWindows());
            h.operator.advanceWatermark(1000);
            assertEquals(List.of(pane("u", 0, 25, PaneTiming.ON_TIME, 0, 3L, 7L)), h.panes());
        }

        @Test
        void aLateRecordBridgingTwoFiredSessionsMakesANewWindowThatFiresLateFromZero() {
            final OperatorHarness h = sessions(10, 100, ACCUMULATING);
            h.batch(in("u", 0, 1L), in("u", 15, 2L));
            h.batch(in("x", 40));
            assertEquals(2, h.panes().stream().filter(p -> p.key().equals("u")).count());
            // Its own window [8, 18) ended before the watermark 40 but is within the lateness: accepted.
            assertEquals(List.of(Admission.ACCEPTED), h.batch(in("u", 8, 4L)));
            assertEquals(List.of(pane("u", 0, 25, PaneTiming.LATE, 0, 3L, 7L)), h.panes());
        }

        @Test
        void aLateRecordStretchingAFiredSessionPastTheWatermarkFiresOnTimeAgainUnderNewBounds() {
            final OperatorHarness accumulating = sessions(10, 100, ACCUMULATING);
            accumulating.batch(in("u", 0, 1L));
            accumulating.batch(in("x", 12));
            assertEquals(List.of(pane("u", 0, 10, PaneTiming.ON_TIME, 0, 1L, 1L)), accumulating.panes().stream().filter(p -> p.key().equals("u")).toList());
            // 8 + 10 = 18 > watermark 12: the stretched window [0, 18) ends after the watermark.
            accumulating.batch(in("u", 8, 5L));
            assertEquals(List.of(), accumulating.panes());
            accumulating.operator.advanceWatermark(18);
            assertEquals(List.of(pane("u", 0, 18, PaneTiming.ON_TIME, 0, 2L, 6L)), accumulating.panes().stream().filter(p -> p.key().equals("u")).toList());

            final OperatorHarness discarding = sessions(10, 100, DISCARDING);
            discarding.batch(in("u", 0, 1L));
            discarding.batch(in("x", 12));
            discarding.panes();
            discarding.batch(in("u", 8, 5L));
            discarding.operator.advanceWatermark(18);
            assertEquals(List.of(pane("u", 0, 18, PaneTiming.ON_TIME, 0, 1L, 5L)), discarding.panes().stream().filter(p -> p.key().equals("u")).toList());
        }

        @Test
        void aLateRecordInsideAFiredSessionFiresALatePaneOfThatSession() {
            final OperatorHarness h = sessions(10, 100, DISCARDING);
            h.batch(in("u", 0, 1L), in("u", 5, 1L));
            h.batch(in("x", 30));
            h.panes();
            h.batch(in("u", 3, 9L));
            assertEquals(List.of(pane("u", 0, 15, PaneTiming.LATE, 1, 1L, 9L)), h.panes());
        }

        @Test
        void latenessIsJudgedOnTheRecordsOwnWindowBeforeAnyMerge() {
            final OperatorHarness h = sessions(10, 0, DISCARDING);
            h.batch(in("u", 20));
            // Watermark 20. A record at 5 has the window [5, 15), past the lateness, even though
            // merging with [20,30) would not... they do not overlap anyway; at 12 it is [12, 22): open.
            assertEquals(List.of(Admission.LATE, Admission.ACCEPTED), h.batch(in("u", 5), in("u", 12)));
        }
    }

    @Nested
    class EarlyPanes {
        @Test
        void countFromZeroThenOnTimeThenLateContinueTheIndex() {
            final OperatorHarness h = new OperatorHarness(new TumblingWindows(10, 0), 0, 50, DISCARDING);
            h.batch(in("k", 1, 1L));
            h.operator.fireEarlyPanes();
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.EARLY, 0, 1L, 1L)), h.panes());
            h.operator.fireEarlyPanes();
            assertEquals(List.of(), h.panes(), "nothing changed since the last pane");
            h.batch(in("k", 2, 2L));
            h.operator.fireEarlyPanes();
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.EARLY, 1, 1L, 2L)), h.panes());
            h.batch(in("k", 3, 4L));
            h.batch(in("z", 10));
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.ON_TIME, 2, 1L, 4L)), h.panes().stream().filter(p -> p.key().equals("k")).toList());
            h.batch(in("k", 4, 8L));
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.LATE, 3, 1L, 8L)), h.panes());
        }

        @Test
        void theOnTimePaneFiresEvenWhenNothingChangedSinceTheLastEarlyPane() {
            final OperatorHarness h = new OperatorHarness(new TumblingWindows(10, 0), 0, 0, DISCARDING);
            h.batch(in("k", 1, 1L));
            h.operator.fireEarlyPanes();
            h.panes();
            h.operator.advanceWatermark(10);
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.ON_TIME, 1, 0L, null)), h.panes());
        }

        @Test
        void accumulatingEarlyPanesRepeatWhatCameBefore() {
            final OperatorHarness h = new OperatorHarness(new TumblingWindows(10, 0), 0, 0, ACCUMULATING);
            h.batch(in("k", 1, 1L));
            h.operator.fireEarlyPanes();
            h.batch(in("k", 2, 2L));
            h.operator.fireEarlyPanes();
            h.operator.advanceWatermark(10);
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.EARLY, 0, 1L, 1L), pane("k", 0, 10, PaneTiming.EARLY, 1, 2L, 3L),
                    pane("k", 0, 10, PaneTiming.ON_TIME, 2, 2L, 3L)), h.panes());
        }
    }

    @Nested
    class Batches {
        @Test
        void anAbortedBatchLeavesNoTrace() {
            final OperatorHarness h = tumbling(0, DISCARDING);
            h.batch(in("k", 1, 1L));
            h.stage(in("k", 2, 100L), in("k", 50, 1L));
            assertTrue(h.operator.abortBatch());
            assertEquals(0, h.operator.watermark() - 1);
            h.operator.advanceWatermark(10);
            assertEquals(List.of(pane("k", 0, 10, PaneTiming.ON_TIME, 0, 1L, 1L)), h.panes());
        }

        @Test
        void theWatermarkMovesOnlyBetweenBatches() {
            final OperatorHarness h = tumbling(0, DISCARDING);
            h.stage(in("k", 1));
            assertThrows(IllegalStateException.class, () -> h.operator.advanceWatermark(5));
            assertThrows(IllegalStateException.class, () -> h.operator.beginBatch(7));
        }

        @Test
        void theOldestNeededSequenceIsTheFirstInputThatOpenWindowsStillHold() {
            final OperatorHarness h = new OperatorHarness(new SessionWindows(10), 100, 0, DISCARDING);
            assertEquals(Long.MAX_VALUE, h.operator.oldestNeededSequence());
            h.batch(in("a", 0));
            h.batch(in("b", 100));
            h.batch(in("a", 5));
            assertEquals(0, h.operator.oldestNeededSequence());
            h.operator.advanceWatermark(20);
            assertEquals(1, h.operator.oldestNeededSequence(), "a's session [0, 15) is gone; b's holds input 1");
            h.operator.advanceWatermark(200);
            assertEquals(Long.MAX_VALUE, h.operator.oldestNeededSequence());
        }
    }

    @Nested
    class MaxOpenWindows {
        @Test
        void theOldestWindowsFireEarlyAndCloseWhenThereAreTooMany() {
            final OperatorHarness h = new OperatorHarness(new TumblingWindows(10, 0), 1000, 0, DISCARDING, 10, false);
            for (int i = 0; i < 11; i++) {
                h.batch(in("k" + i, i * 10L));
            }
            // 11 open windows > 10: the two that end first close, leaving 9 (90%).
            assertEquals(9, h.operator.openWindows());
            assertEquals(List.of(pane("k0", 0, 10, PaneTiming.EARLY, 0, 1L, 1L), pane("k1", 10, 20, PaneTiming.EARLY, 0, 1L, 1L)), h.panes());
            assertEquals(1, h.evictions.size());
            assertEquals(20, h.evictions.get(0)[0]);
        }

        @Test
        void replayingAnEvictionBoundClosesTheSameWindows() {
            final OperatorHarness h = new OperatorHarness(new TumblingWindows(10, 0), 1000, 0, DISCARDING, Long.MAX_VALUE, false);
            for (int i = 0; i < 5; i++) {
                h.batch(in("k" + i, i * 10L));
            }
            assertEquals(2, h.operator.evict(20, Arrival.of(1, 0)));
            assertEquals(3, h.operator.openWindows());
            assertEquals(2, h.panes().size());
        }
    }
}
