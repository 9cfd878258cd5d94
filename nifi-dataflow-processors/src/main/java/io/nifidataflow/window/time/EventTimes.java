package io.nifidataflow.window.time;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * Reads event times: timestamps, epoch milliseconds (as numbers or digit strings) and ISO-8601 date-times
 * with a zone offset. A value without a usable time yields {@link #INVALID}; {@link #problem(Object)} then
 * says why, in words for the {@code window_error} field.
 *
 * <p>ISO-8601 in UTC with {@code Z} is what message buses carry most, so that form is parsed by hand (with
 * the date part cached) and everything else goes through {@code java.time}. Not thread-safe: one per reader.</p>
 */
public final class EventTimes {

    /** Returned for a value that is not a usable event time. */
    public static final long INVALID = Long.MIN_VALUE;

    /** 0001-01-01T00:00:00Z: the earliest event time accepted, so that window arithmetic cannot overflow. */
    public static final long EARLIEST = -62_135_596_800_000L;
    /** 9999-12-31T23:59:59.999Z: the latest event time accepted. */
    public static final long LATEST = 253_402_300_799_999L;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final char[] cachedDate = new char[10];
    private long cachedEpochDay = Long.MIN_VALUE;

    /** The event time of {@code value} in epoch milliseconds, or {@link #INVALID}. */
    public long toEpochMillis(final Object value) {
        if (value instanceof String text) {
            return parse(text);
        }
        if (value instanceof Date date) {
            return inRange(date.getTime());
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return inRange(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            final double number = ((Number) value).doubleValue();
            return number == Math.rint(number) && Math.abs(number) < 1e16 ? inRange((long) number) : INVALID;
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 63 ? inRange(big.longValue()) : INVALID;
        }
        if (value instanceof BigDecimal decimal) {
            try {
                return inRange(decimal.longValueExact());
            } catch (final ArithmeticException e) {
                return INVALID;
            }
        }
        if (value instanceof Instant instant) {
            return fromInstant(instant);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return fromInstant(dateTime.toInstant());
        }
        if (value instanceof ZonedDateTime dateTime) {
            return fromInstant(dateTime.toInstant());
        }
        return INVALID;
    }

    /** Why {@code value} is not a usable event time; only meaningful when {@link #toEpochMillis(Object)} returned {@link #INVALID}. */
    public static String problem(final Object value) {
        if (value == null) {
            return "no event time: the field is missing or null";
        }
        if (value instanceof String text) {
            if (text.isBlank()) {
                return "no event time: the field is empty";
            }
            return "'" + abbreviate(text) + "' is not an event time: expected epoch milliseconds or an ISO-8601 date-time with a zone offset such as 2026-01-01T12:00:00Z";
        }
        if (value instanceof Number number) {
            return number + " is not an event time: expected whole epoch milliseconds between year 1 and 9999";
        }
        if (value instanceof java.time.LocalDateTime || value instanceof LocalDate) {
            return "'" + value + "' has no time zone, so it is not an instant";
        }
        return "a " + value.getClass().getSimpleName() + " is not an event time";
    }

    private static String abbreviate(final String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static long inRange(final long millis) {
        return millis >= EARLIEST && millis <= LATEST ? millis : INVALID;
    }

    private static long fromInstant(final Instant instant) {
        if (instant.isBefore(Instant.ofEpochMilli(EARLIEST)) || instant.isAfter(Instant.ofEpochMilli(LATEST))) {
            return INVALID;
        }
        return instant.toEpochMilli();
    }

    private long parse(final String text) {
        final int length = text.length();
        if (length == 0) {
            return INVALID;
        }
        final char first = text.charAt(0);
        if (isDigit(first) || first == '-') {
            final long fast = parseUtcIso(text, length);
            if (fast != INVALID) {
                return fast;
            }
            if (isEpochMillis(text, length)) {
                try {
                    return inRange(Long.parseLong(text));
                } catch (final NumberFormatException e) {
                    return INVALID;
                }
            }
        }
        return parseWithJavaTime(text.trim());
    }

    private static boolean isEpochMillis(final String text, final int length) {
        int i = text.charAt(0) == '-' ? 1 : 0;
        if (i == length || length - i > 18) {
            return false;
        }
        for (; i < length; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static long parseWithJavaTime(final String text) {
        try {
            return fromInstant(OffsetDateTime.parse(text).toInstant());
        } catch (final DateTimeParseException ignored) {
            // not an offset date-time; a zoned one such as 2026-01-01T12:00:00+01:00[Europe/Paris] may still be
        }
        try {
            return fromInstant(ZonedDateTime.parse(text).toInstant());
        } catch (final DateTimeParseException e) {
            return INVALID;
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or {@link #INVALID} to let java.time decide. Every value accepted
     * here is one java.time accepts with the same meaning; a test holds the two to that.
     */
    private long parseUtcIso(final String text, final int length) {
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return INVALID;
        }
        final int hour = twoDigits(text, 11);
        final int minute = twoDigits(text, 14);
        final int second = twoDigits(text, 17);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        int millis = 0;
        if (length > 20) {
            if (text.charAt(19) != '.' || length - 21 < 1 || length - 21 > 9) {
                return INVALID;
            }
            int scale = 100;
            for (int i = 20; i < length - 1; i++) {
                final char c = text.charAt(i);
                if (!isDigit(c)) {
                    return INVALID;
                }
                millis += (c - '0') * scale;
                scale /= 10;
            }
        }
        final long epochDay = epochDay(text);
        if (epochDay == Long.MIN_VALUE) {
            return INVALID;
        }
        return inRange(epochDay * MILLIS_PER_DAY + hour * 3_600_000L + minute * 60_000L + second * 1_000L + millis);
    }

    private long epochDay(final String text) {
        boolean same = cachedEpochDay != Long.MIN_VALUE;
        for (int i = 0; i < 10 && same; i++) {
            same = cachedDate[i] == text.charAt(i);
        }
        if (same) {
            return cachedEpochDay;
        }
        final int year = fourDigits(text);
        final int month = twoDigits(text, 5);
        final int day = twoDigits(text, 8);
        if (year < 0 || month < 1 || day < 1) {
            return Long.MIN_VALUE;
        }
        final long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (final DateTimeException e) {
            return Long.MIN_VALUE;
        }
        text.getChars(0, 10, cachedDate, 0);
        cachedEpochDay = epochDay;
        return epochDay;
    }

    private static int fourDigits(final String text) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            final char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int twoDigits(final String text, final int at) {
        final char tens = text.charAt(at);
        final char units = text.charAt(at + 1);
        return isDigit(tens) && isDigit(units) ? (tens - '0') * 10 + (units - '0') : -1;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }
}
