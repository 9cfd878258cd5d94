package io.nifidataflow.enrich;

import static io.nifidataflow.enrich.EventTimes.UNPARSEABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimesTest {

    private static final long NEW_YEAR_2026 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @Test
    void epochMillisAsIntegerOrIntegerString() {
        assertEquals(NEW_YEAR_2026, EventTimes.toEpochMillis(NEW_YEAR_2026));
        assertEquals(NEW_YEAR_2026, EventTimes.toEpochMillis(String.valueOf(NEW_YEAR_2026)));
        assertEquals(1_000, EventTimes.toEpochMillis(1_000));
        assertEquals(1_000, EventTimes.toEpochMillis(BigInteger.valueOf(1_000)));
        assertEquals(0, EventTimes.toEpochMillis("0"));
    }

    @Test
    void timesBefore1970AreNegativeMillis() {
        assertEquals(-86_400_000L, EventTimes.toEpochMillis("-86400000"));
        assertEquals(-86_400_000L, EventTimes.toEpochMillis("1969-12-31T00:00:00Z"));
        // truncation of the fraction, not rounding toward zero of the whole instant
        assertEquals(-1L, EventTimes.toEpochMillis("1969-12-31T23:59:59.9999Z"));
    }

    @Test
    void isoInstantWithZOrOffset() {
        assertEquals(NEW_YEAR_2026, EventTimes.toEpochMillis("2026-01-01T00:00:00Z"));
        assertEquals(NEW_YEAR_2026, EventTimes.toEpochMillis("2026-01-01T01:00:00+01:00"));
        assertEquals(NEW_YEAR_2026, EventTimes.toEpochMillis("2025-12-31T18:30:00-05:30"));
        assertEquals(NEW_YEAR_2026, EventTimes.toEpochMillis("2026-01-01T00:00Z"), "seconds may be left out, as ISO-8601 allows");
        assertEquals(Instant.parse("9999-12-31T23:59:59Z").toEpochMilli(), EventTimes.toEpochMillis("9999-12-31T23:59:59Z"));
    }

    @Test
    void fractionalSecondsAreTruncatedToMillis() {
        assertEquals(NEW_YEAR_2026 + 123, EventTimes.toEpochMillis("2026-01-01T00:00:00.123456789Z"));
        assertEquals(NEW_YEAR_2026 + 999, EventTimes.toEpochMillis("2026-01-01T00:00:00.9999Z"));
        assertEquals(NEW_YEAR_2026 + 500, EventTimes.toEpochMillis("2026-01-01T00:00:00.5Z"));
        assertEquals(NEW_YEAR_2026 + 120, EventTimes.toEpochMillis("2026-01-01T01:00:00.12+01:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-21",                  // date only
        "2026-11-21T10:15:30",         // no offset
        "2026-11-21T10:15:30.123",     // no offset, with fraction
        "1763719000000.5",             // fractional number
        "1.7637190000005E12",
        "",
        " ",
        "not-a-time",
        "2026-02-30T10:00:00Z",        // no such day
        "2026-02-30T25:61:00Z",
        "2025-02-29T00:00:00Z",        // not a leap year
        "2026-01-01T24:00:00Z",
        "2026-01-01T00:00:60Z",
        " 2026-01-01T00:00:00Z",       // surrounding whitespace
        "2026-01-01T00:00:00Z ",
        " 1767225600000",
        "+1767225600000",
        "99999999999999999999",        // beyond a long
        "2026-01-01 00:00:00Z",
        "2026-01-01T00:00:00+0100",
        "2026-01-01T00:00:00.1234567891Z",
        "-"
    })
    void everythingElseIsUnparseable(final String text) {
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(text), text);
    }

    @Test
    void floatingPointNumbersWithoutAFractionAreIntegers() {
        // Schema inference turns integers into doubles when a field mixes types: the value is what is left.
        assertEquals(NEW_YEAR_2026, EventTimes.toEpochMillis((double) NEW_YEAR_2026));
        assertEquals(NEW_YEAR_2026, EventTimes.toEpochMillis(new BigDecimal("1767225600000.000")));
        assertEquals(-1_000, EventTimes.toEpochMillis(-1_000.0));
    }

    @Test
    void fractionalNumbersAndOtherTypesAreUnparseable() {
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(1_767_225_600_000.5));
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(1.5f));
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(new BigDecimal("1767225600000.5")));
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(Double.NaN));
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(Double.POSITIVE_INFINITY));
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(1e300), "beyond 2^53 a double no longer says which millisecond");
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(true));
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(null));
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(LocalDateTime.of(2026, 1, 1, 0, 0)));
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(java.sql.Date.valueOf("2026-01-01")));
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(new Object[] {NEW_YEAR_2026}));
        assertEquals(UNPARSEABLE, EventTimes.toEpochMillis(BigInteger.TEN.pow(30)));
    }

    @Test
    void valuesAReaderAlreadyTypedAsTimestampsAreTaken() {
        assertEquals(NEW_YEAR_2026, EventTimes.toEpochMillis(new Timestamp(NEW_YEAR_2026)));
        assertEquals(NEW_YEAR_2026 + 7, EventTimes.toEpochMillis(Instant.ofEpochMilli(NEW_YEAR_2026).plusNanos(7_999_999)));
        assertEquals(NEW_YEAR_2026, EventTimes.toEpochMillis(OffsetDateTime.of(2026, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2))));
    }

    @Test
    void theFastPathAgreesWithDateTimeFormatter() {
        final SplittableRandom random = new SplittableRandom(7);
        final String[] offsets = {"Z", "+00:00", "-00:00", "+01:00", "-05:30", "+14:00", "-12:45", "+17:59", "+18:00", "z", "+05:00:30"};
        for (int i = 0; i < 200_000; i++) {
            final long seconds = random.nextLong(-5_000_000_000L, 253_402_300_800L);
            String text = OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC).toLocalDateTime().toString();
            if (text.length() == 16) {
                text += ":00";
            }
            final int fraction = random.nextInt(11);
            if (fraction > 0 && fraction <= 9) {
                text += "." + String.valueOf(random.nextLong(1_000_000_000L, 10_000_000_000L)).substring(1, 1 + fraction);
            } else if (fraction == 10) {
                text += ".";
            }
            text += offsets[random.nextInt(offsets.length)];
            if (random.nextInt(4) == 0) {
                text = mutate(text, random);
            }
            assertEquals(reference(text), EventTimes.toEpochMillis(text), text);
        }
    }

    private static String mutate(final String text, final SplittableRandom random) {
        final char[] chars = text.toCharArray();
        final int at = random.nextInt(chars.length);
        chars[at] = "0123456789:-+.TZtz ".charAt(random.nextInt(19));
        return new String(chars);
    }

    /** The rule as DateTimeFormatter states it, without the fast path. */
    private static long reference(final String text) {
        if (text.matches("-?[0-9]+")) {
            try {
                return Long.parseLong(text);
            } catch (final NumberFormatException e) {
                return UNPARSEABLE;
            }
        }
        try {
            final TemporalAccessor parsed = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text);
            return Instant.ofEpochSecond(parsed.getLong(ChronoField.INSTANT_SECONDS), parsed.get(ChronoField.NANO_OF_SECOND)).toEpochMilli();
        } catch (final DateTimeException | ArithmeticException e) {
            return UNPARSEABLE;
        }
    }
}
