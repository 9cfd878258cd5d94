package io.nifidataflow.enrich;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * The event-time forms EnrichEvent accepts, and nothing else:
 * <ul>
 *   <li>epoch milliseconds as an integer ({@code 1767225600000}) or a string of digits with an optional minus sign;</li>
 *   <li>an ISO-8601 date-time with {@code Z} or an offset ({@code 2026-01-01T00:00:00.123456Z},
 *       {@code 2026-01-01T01:00+01:00}); fractional seconds are truncated to milliseconds;</li>
 *   <li>a value a reader already typed as a timestamp ({@link java.util.Date}, {@link Instant}, offset or zoned date-times).</li>
 * </ul>
 * A date alone, a date-time without an offset, a fractional number, surrounding whitespace and anything else are
 * unparseable: guessing a time zone or a unit would put events in the wrong session silently.
 *
 * <p>A floating-point number without a fractional part counts as an integer. Readers that infer a schema hand
 * over integers as doubles when a field mixes types (one record with {@code 1.5} in a FlowFile turns every
 * {@code 1767225600000} there into {@code 1.7672256E12}, and even the string {@code "1767225600000"}), so the
 * written form is lost before we see it; what is left to judge is the value.</p>
 */
public final class EventTimes {

    /** Returned by {@link #toEpochMillis(Object)} for a value that is not an event time. */
    public static final long UNPARSEABLE = Long.MIN_VALUE;

    private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private EventTimes() {
    }

    /** Epoch milliseconds of {@code value}, or {@link #UNPARSEABLE}; {@code null} is unparseable too. */
    public static long toEpochMillis(final Object value) {
        return switch (value) {
            case String text -> parse(text);
            case Long millis -> millis == UNPARSEABLE ? UNPARSEABLE : millis;
            case Integer millis -> millis;
            case Short millis -> millis;
            case Byte millis -> millis;
            case BigInteger millis -> millis.compareTo(MIN_LONG) > 0 && millis.compareTo(MAX_LONG) <= 0 ? millis.longValue() : UNPARSEABLE;
            case Double millis -> integral(millis);
            case Float millis -> integral(millis.doubleValue());
            case BigDecimal millis -> integral(millis);
            // java.sql.Date is a date without a time and java.sql.Time a time without a date: neither is an instant.
            case java.sql.Date ignored -> UNPARSEABLE;
            case java.sql.Time ignored -> UNPARSEABLE;
            case java.util.Date date -> date.getTime();
            case Instant instant -> toMillis(instant);
            case OffsetDateTime dateTime -> toMillis(dateTime.toInstant());
            case ZonedDateTime dateTime -> toMillis(dateTime.toInstant());
            case null, default -> UNPARSEABLE;
        };
    }

    static long parse(final String text) {
        if (isInteger(text)) {
            try {
                final long millis = Long.parseLong(text);
                return millis == UNPARSEABLE ? UNPARSEABLE : millis;
            } catch (final NumberFormatException tooLarge) {
                return UNPARSEABLE;
            }
        }
        final int length = text.length();
        if (length < 16 || text.charAt(0) <= ' ' || text.charAt(length - 1) <= ' ') {
            return UNPARSEABLE;
        }
        final long fast = IsoInstants.parse(text);
        if (fast != UNPARSEABLE) {
            return fast;
        }
        try {
            final TemporalAccessor parsed = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text);
            final long seconds = parsed.getLong(ChronoField.INSTANT_SECONDS);
            final int nanos = parsed.get(ChronoField.NANO_OF_SECOND);
            return toMillis(Instant.ofEpochSecond(seconds, nanos));
        } catch (final DateTimeException e) {
            return UNPARSEABLE;
        }
    }

    /** Doubles hold every integer exactly up to 2^53, about the year 287,000: beyond that there is no telling. */
    private static long integral(final double millis) {
        if (!Double.isFinite(millis) || millis != Math.rint(millis) || Math.abs(millis) > (double) (1L << 53)) {
            return UNPARSEABLE;
        }
        return (long) millis;
    }

    private static long integral(final BigDecimal millis) {
        try {
            return millis.longValueExact();
        } catch (final ArithmeticException fractionalOrTooLarge) {
            return UNPARSEABLE;
        }
    }

    private static boolean isInteger(final String text) {
        final int length = text.length();
        final int start = length > 0 && text.charAt(0) == '-' ? 1 : 0;
        if (length == start) {
            return false;
        }
        for (int i = start; i < length; i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long toMillis(final Instant instant) {
        try {
            final long millis = instant.toEpochMilli();
            return millis == UNPARSEABLE ? UNPARSEABLE : millis;
        } catch (final ArithmeticException outOfRange) {
            return UNPARSEABLE;
        }
    }
}
