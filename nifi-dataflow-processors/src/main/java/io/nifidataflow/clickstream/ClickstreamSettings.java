package io.nifidataflow.clickstream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What shapes a generated stream. Rates are fractions of the delivered records: with a duplicate rate of
 * 0.1, one record in ten is a redelivery. Imperfections are added on top of the clean stream and never
 * change it, so the same seed yields the same clean events whatever the noise settings.
 *
 * @param users             distinct users
 * @param products          distinct products
 * @param categories        product categories, at most {@code products}
 * @param seed              the whole stream is a function of the settings
 * @param startTime         event-time origin
 * @param conversionRate    probability that a product added to a cart is purchased in that session
 * @param outOfOrderMaxDelayMillis delivery order differs from event-time order by at most this much
 * @param duplicateRate     fraction of records that are redeliveries of an earlier event (same event_id)
 * @param malformedRate     fraction of records that are broken on purpose
 */
public record ClickstreamSettings(
        int users,
        int products,
        int categories,
        long seed,
        Instant startTime,
        double conversionRate,
        long outOfOrderMaxDelayMillis,
        double duplicateRate,
        double malformedRate) {

    public static final int DEFAULT_USERS = 1_000;
    public static final int DEFAULT_PRODUCTS = 500;
    public static final int DEFAULT_CATEGORIES = 20;
    public static final double DEFAULT_CONVERSION_RATE = 0.3;

    public static ClickstreamSettings defaults(final long seed, final Instant startTime) {
        return new ClickstreamSettings(DEFAULT_USERS, DEFAULT_PRODUCTS, DEFAULT_CATEGORIES, seed, startTime,
                DEFAULT_CONVERSION_RATE, 0, 0, 0);
    }

    public ClickstreamSettings {
        final List<String> problems = problems(users, products, categories, conversionRate, outOfOrderMaxDelayMillis, duplicateRate, malformedRate);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (startTime == null) {
            throw new IllegalArgumentException("Start time is required");
        }
    }

    /** Every reason these values cannot make a stream, worded for a user; empty when they can. */
    public static List<String> problems(final int users, final int products, final int categories, final double conversionRate,
                                        final long outOfOrderMaxDelayMillis, final double duplicateRate, final double malformedRate) {
        final List<String> problems = new ArrayList<>();
        if (users < 1) {
            problems.add("Users must be at least 1 but was " + users);
        }
        if (products < 1) {
            problems.add("Products must be at least 1 but was " + products);
        }
        if (categories < 1 || categories > products) {
            problems.add("Categories must be between 1 and Products (" + products + ") but was " + categories);
        }
        if (!isFraction(conversionRate)) {
            problems.add("Conversion Rate must be between 0 and 1 but was " + conversionRate);
        }
        if (outOfOrderMaxDelayMillis < 0) {
            problems.add("Out-of-Order Max Delay must not be negative");
        }
        if (!isFraction(duplicateRate)) {
            problems.add("Duplicate Rate must be between 0 and 1 but was " + duplicateRate);
        }
        if (!isFraction(malformedRate)) {
            problems.add("Malformed Rate must be between 0 and 1 but was " + malformedRate);
        }
        if (isFraction(duplicateRate) && isFraction(malformedRate) && duplicateRate + malformedRate >= 1) {
            problems.add("Duplicate Rate plus Malformed Rate must be below 1, leaving room for real events, but was "
                    + (duplicateRate + malformedRate));
        }
        return problems;
    }

    private static boolean isFraction(final double value) {
        return value >= 0 && value <= 1;
    }
}
