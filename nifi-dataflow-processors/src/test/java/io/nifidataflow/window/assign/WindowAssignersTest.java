package io.nifidataflow.window.assign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WindowAssignersTest {

    private static final long MINUTE = 60_000;

    private static Window window(final long start, final long end) {
        return new Window(start, end);
    }

    @Nested
    class Windows {
        @Test
        void areHalfOpenSoTheirEndIsNotInside() {
            final Window w = window(0, MINUTE);
            assertTrue(w.contains(0));
            assertTrue(w.contains(MINUTE - 1));
            assertFalse(w.contains(MINUTE));
            assertEquals(MINUTE - 1, w.maxTimestamp());
        }

        @Test
        void thatOnlyTouchDoNotOverlap() {
            assertFalse(window(0, 10).overlaps(window(10, 20)));
            assertFalse(window(10, 20).overlaps(window(0, 10)));
            assertTrue(window(0, 11).overlaps(window(10, 20)));
            assertEquals(window(0, 20), window(0, 11).span(window(10, 20)));
        }

        @Test
        void mustEndAfterTheyStart() {
            assertThrows(IllegalArgumentException.class, () -> window(5, 5));
        }
    }

    @Nested
    class Tumbling {
        private final TumblingWindows minutes = new TumblingWindows(MINUTE, 0);

        @Test
        void areAlignedToTheEpoch() {
            assertEquals(List.of(window(MINUTE, 2 * MINUTE)), minutes.assign(MINUTE + 59_999));
            assertEquals(List.of(window(0, MINUTE)), minutes.assign(0));
        }

        @Test
        void aRecordExactlyAtTheEndBelongsToTheNextWindow() {
            assertEquals(List.of(window(MINUTE, 2 * MINUTE)), minutes.assign(MINUTE));
        }

        @Test
        void alignBeforeTheEpochToo() {
            assertEquals(List.of(window(-MINUTE, 0)), minutes.assign(-1));
        }

        @Test
        void anOffsetShiftsTheBoundaries() {
            final TumblingWindows shifted = new TumblingWindows(MINUTE, 15_000);
            assertEquals(List.of(window(-45_000, 15_000)), shifted.assign(14_999));
            assertEquals(List.of(window(15_000, 75_000)), shifted.assign(15_000));
        }

        @Test
        void rejectAnOffsetOutsideTheSize() {
            assertThrows(IllegalArgumentException.class, () -> new TumblingWindows(MINUTE, MINUTE));
            assertThrows(IllegalArgumentException.class, () -> new TumblingWindows(0, 0));
        }
    }

    @Nested
    class Sliding {
        @Test
        void aRecordBelongsToEveryWindowThatContainsItInStartOrder() {
            final SlidingWindows tenEveryMinute = new SlidingWindows(10 * MINUTE, MINUTE, 0);
            final List<Window> windows = tenEveryMinute.assign(9 * MINUTE + 30_000);
            assertEquals(10, windows.size());
            assertEquals(window(0, 10 * MINUTE), windows.get(0));
            assertEquals(window(9 * MINUTE, 19 * MINUTE), windows.get(9));
            assertEquals(10, tenEveryMinute.maxWindowsPerRecord());
        }

        @Test
        void aRecordExactlyAtAnEndLeavesThatWindow() {
            final SlidingWindows windows = new SlidingWindows(10, 5, 0);
            assertEquals(List.of(window(5, 15), window(10, 20)), windows.assign(10));
        }

        @Test
        void aSlideLargerThanTheSizeLeavesGapsInNoWindow() {
            final SlidingWindows gappy = new SlidingWindows(10, 30, 0);
            assertEquals(List.of(window(30, 40)), gappy.assign(39));
            assertEquals(List.of(), gappy.assign(40));
            assertEquals(List.of(), gappy.assign(59));
            assertEquals(List.of(window(60, 70)), gappy.assign(60));
        }

        @Test
        void aSizeThatIsNotAMultipleOfTheSlideStillCoversEveryWindow() {
            final SlidingWindows windows = new SlidingWindows(10, 3, 0);
            assertEquals(List.of(window(0, 10), window(3, 13), window(6, 16), window(9, 19)), windows.assign(9));
            assertEquals(4, windows.maxWindowsPerRecord());
            for (long t = -50; t < 50; t++) {
                for (final Window w : windows.assign(t)) {
                    assertTrue(w.contains(t), w + " should contain " + t);
                }
            }
        }

        @Test
        void anOffsetShiftsTheStarts() {
            assertEquals(List.of(window(-2, 8), window(3, 13)), new SlidingWindows(10, 5, 3).assign(3));
            assertEquals(List.of(window(-7, 3), window(-2, 8)), new SlidingWindows(10, 5, 3).assign(2));
        }
    }

    @Nested
    class Sessions {
        @Test
        void eachRecordOpensAProtoWindowOfTheGap() {
            final SessionWindows sessions = new SessionWindows(5 * MINUTE);
            assertEquals(List.of(window(1_000, 1_000 + 5 * MINUTE)), sessions.assign(1_000));
            assertTrue(sessions.isMerging());
            assertFalse(new TumblingWindows(MINUTE, 0).isMerging());
        }
    }
}
