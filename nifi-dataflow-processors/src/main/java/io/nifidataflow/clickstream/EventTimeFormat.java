package io.nifidataflow.clickstream;

import java.time.LocalDate;

/**
 * Formats epoch milliseconds as {@code yyyy-MM-ddTHH:mm:ss.SSSZ}. Formatting sits on the generator's hot
 * path and DateTimeFormatter costs more than the rest of an event, so the date part is cached per day
 * and the time of day is written by hand.
 */
final class EventTimeFormat {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private long cachedDay = Long.MIN_VALUE;
    private String cachedDate;

    String format(final long epochMillis) {
        final long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        if (day != cachedDay) {
            cachedDate = LocalDate.ofEpochDay(day) + "T";
            cachedDay = day;
        }
        int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        final int millis = millisOfDay % 1000;
        millisOfDay /= 1000;
        final int seconds = millisOfDay % 60;
        millisOfDay /= 60;
        final int minutes = millisOfDay % 60;
        final int hours = millisOfDay / 60;
        final char[] time = new char[13];
        twoDigits(time, 0, hours);
        time[2] = ':';
        twoDigits(time, 3, minutes);
        time[5] = ':';
        twoDigits(time, 6, seconds);
        time[8] = '.';
        time[9] = (char) ('0' + millis / 100);
        time[10] = (char) ('0' + millis / 10 % 10);
        time[11] = (char) ('0' + millis % 10);
        time[12] = 'Z';
        return cachedDate.concat(new String(time));
    }

    private static void twoDigits(final char[] target, final int at, final int value) {
        target[at] = (char) ('0' + value / 10);
        target[at + 1] = (char) ('0' + value % 10);
    }
}
