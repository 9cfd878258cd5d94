package io.nifidataflow.window.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    private final EventTimes times = new EventTimes();

    @Test
    void readsIsoInstantsInUtcWithAndWithoutFractions() {
        assertEquals(Instant.parse("2026-01-01T12:34:56.789Z").toEpochMilli(), times.toEpochMillis("2026-01-01T12:34:56.789Z"));
        assertEquals(Instant.parse("2026-01-01T12:34:56Z").toEpochMilli(), times.toEpochMillis("2026-01-01T12:34:56Z"));
        assertEquals(Instant.parse("2026-01-01T12:34:56.7Z").toEpochMilli(), times.toEpochMillis("2026-01-01T12:34:56.7Z"));
        // Sub-millisecond digits are truncated, as Instant.toEpochMilli does.
        assertEquals(Instant.parse("2026-01-01T12:34:56.789999Z").toEpochMilli(), times.toEpochMillis("2026-01-01T12:34:56.789999Z"));
    }

    @Test
    void readsOffsetsAndZonesThroughJavaTime() {
        assertEquals(Instant.parse("2026-01-01T11:00:00Z").toEpochMilli(), times.toEpochMillis("2026-01-01T12:00:00+01:00"));
        assertEquals(Instant.parse("2026-07-01T10:00:00Z").toEpochMilli(), times.toEpochMillis("2026-07-01T12:00:00+02:00[Europe/Paris]"));
        assertEquals(Instant.parse("2026-01-01T12:00:00Z").toEpochMilli(), times.toEpochMillis(" 2026-01-01T12:00:00Z "));
    }

    @Test
    void theFastPathAgreesWithJavaTimeOnRandomInstants() {
        final SplittableRandom random = new SplittableRandom(7);
        final DateTimeFormatter[] formats = {
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
        };
        for (int i = 0; i < 20_000; i++) {
            final long millis = random.nextLong(EventTimes.EARLIEST, EventTimes.LATEST);
            final String text = formats[i % formats.length].format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
            assertEquals(OffsetDateTime.parse(text).toInstant().toEpochMilli(), times.toEpochMillis(text), text);
        }
    }

    @Test
    void readsEpochMillisecondsAsNumbersAndDigitStrings() {
        assertEquals(1_763_719_000_000L, times.toEpochMillis(1_763_719_000_000L));
        assertEquals(1_763_719_000_000L, times.toEpochMillis("1763719000000"));
        assertEquals(-1_000L, times.toEpochMillis("-1000"));
        assertEquals(42L, times.toEpochMillis(42));
        assertEquals(1_763_719_000_000L, times.toEpochMillis(1.763719e12));
        assertEquals(1_763_719_000_000L, times.toEpochMillis(new BigDecimal("1763719000000")));
    }

    @Test
    void readsTimestampsAndJavaTimeInstants() {
        assertEquals(123_456L, times.toEpochMillis(new Timestamp(123_456L)));
        assertEquals(123_456L, times.toEpochMillis(Instant.ofEpochMilli(123_456L)));
        assertEquals(123_456L, times.toEpochMillis(Instant.ofEpochMilli(123_456L).atOffset(ZoneOffset.ofHours(3))));
    }

    @Test
    void rejectsWhatIsNotAnInstantWithAReason() {
        // The unparseable times GenerateClickstream produces on purpose, and a few more.
        final Object[] invalid = {"not-a-time", "2026-02-30T25:61:00Z", "2026-11-21", "2026-11-21T10:15:30", "1763719000000.5", "",
            "2026-02-30T10:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T12:00:60Z", "2026-01-01T12:00:00.1234567890Z", null,
            1.5, Double.NaN, LocalDateTime.of(2026, 1, 1, 0, 0), Boolean.TRUE, "99999999999999999999"};
        for (final Object value : invalid) {
            assertEquals(EventTimes.INVALID, times.toEpochMillis(value), String.valueOf(value));
            assertTrue(EventTimes.problem(value).length() > 10);
        }
        assertEquals("no event time: the field is missing or null", EventTimes.problem(null));
        assertTrue(EventTimes.problem("not-a-time").startsWith("'not-a-time' is not an event time"));
        assertTrue(EventTimes.problem(LocalDateTime.of(2026, 1, 1, 0, 0)).contains("no time zone"));
    }

    @Test
    void rejectsTimesOutsideYearsOneToNineThousandNineHundredNinetyNine() {
        assertEquals(EventTimes.INVALID, times.toEpochMillis(EventTimes.LATEST + 1));
        assertEquals(EventTimes.INVALID, times.toEpochMillis(Long.MIN_VALUE + 1));
        assertEquals(EventTimes.INVALID, times.toEpochMillis("0000-01-01T00:00:00Z"));
        assertEquals(EventTimes.LATEST, times.toEpochMillis("9999-12-31T23:59:59.999Z"));
    }
}
