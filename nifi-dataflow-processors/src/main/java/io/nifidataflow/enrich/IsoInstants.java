package io.nifidataflow.enrich;

/**
 * A fast path for the ISO-8601 shape almost every producer writes, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}.
 * DateTimeFormatter costs more than the rest of an event's validation; this reads the same text without
 * allocating. It answers only when it is sure: anything outside that shape (lower-case letters, a missing
 * seconds field, second offsets, years beyond 9999) returns {@link EventTimes#UNPARSEABLE} so that the caller
 * asks DateTimeFormatter, which has the final word. A test checks the two agree.
 */
final class IsoInstants {

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final long DAYS_0000_TO_1970 = 719_468;

    private IsoInstants() {
    }

    static long parse(final String s) {
        final int length = s.length();
        if (length < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return EventTimes.UNPARSEABLE;
        }
        final int year = digits(s, 0, 4);
        final int month = digits(s, 5, 2);
        final int day = digits(s, 8, 2);
        final int hour = digits(s, 11, 2);
        final int minute = digits(s, 14, 2);
        final int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return EventTimes.UNPARSEABLE;
        }
        int at = 19;
        int millis = 0;
        if (s.charAt(at) == '.') {
            final int start = ++at;
            while (at < length && isDigit(s.charAt(at))) {
                if (at - start < 3) {
                    millis = millis * 10 + (s.charAt(at) - '0');
                }
                at++;
            }
            final int fractionDigits = at - start;
            if (fractionDigits == 0 || fractionDigits > 9) {
                return EventTimes.UNPARSEABLE;
            }
            for (int i = fractionDigits; i < 3; i++) {
                millis *= 10;
            }
        }
        final int offsetSeconds = offsetSeconds(s, at);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return EventTimes.UNPARSEABLE;
        }
        final long seconds = epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return seconds * 1_000L + millis;
    }

    /** The offset starting at {@code at} in seconds, or MIN_VALUE when it is not exactly {@code Z} or {@code ±HH:MM}. */
    private static int offsetSeconds(final String s, final int at) {
        final int remaining = s.length() - at;
        if (remaining == 1 && s.charAt(at) == 'Z') {
            return 0;
        }
        if (remaining != 6 || s.charAt(at + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        final char sign = s.charAt(at);
        final int hours = digits(s, at + 1, 2);
        final int minutes = digits(s, at + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        final int seconds = hours * 3_600 + minutes * 60;
        return sign == '+' ? seconds : -seconds;
    }

    private static int digits(final String s, final int from, final int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            final char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private static int daysInMonth(final int year, final int month) {
        final boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    }

    /** Days since 1970-01-01 in the proleptic Gregorian calendar, counting years from March so leap days come last. */
    static long epochDay(final int year, final int month, final int day) {
        final long marchYear = month <= 2 ? year - 1L : year;
        final long era = Math.floorDiv(marchYear, 400);
        final long yearOfEra = marchYear - era * 400;
        final int monthFromMarch = (month + 9) % 12;
        final long dayOfYear = (153L * monthFromMarch + 2) / 5 + day - 1;
        final long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - DAYS_0000_TO_1970;
    }
}
