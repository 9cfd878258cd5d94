package io.nifidataflow.clickstream;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Synthetic user activity for an online store, as a message bus would deliver it.
 *
 * <p>The clean stream comes from {@link UserActivity}. Delivery then adds what real pipelines see: events
 * arriving out of event-time order (by at most the configured delay), at-least-once redeliveries of recent
 * events with the same {@code event_id}, and malformed records. The imperfections draw from a random source
 * of their own and are inserted between clean events, so the clean events of a seed are the same whatever
 * the noise settings, and the whole output is the same whatever the caller's batch size.</p>
 *
 * <p>Not thread-safe: one generator is one stream.</p>
 */
public final class ClickstreamGenerator {

    /** What a delivered record is, so that tests and counters need not re-derive it. */
    public enum Kind { CLEAN, DUPLICATE, MALFORMED }

    private static final int REDELIVERY_HORIZON = 512;
    private static final String[] UNPARSEABLE_TIMES = {
        "not-a-time", "2026-02-30T25:61:00Z", "2026-11-21", "2026-11-21T10:15:30", "1763719000000.5", ""
    };

    private final ClickstreamSettings settings;
    private final Catalog catalog;
    private final UserActivity activity;
    private final SplittableRandom noise;
    private final PriorityQueue<Pending> outOfOrder = new PriorityQueue<>();
    private final ClickEvent[] recent = new ClickEvent[REDELIVERY_HORIZON];
    private long recentCount;
    private long generatedThrough = Long.MIN_VALUE;
    private long sequence;
    private ClickEvent lastClean;
    private Kind lastKind;
    private long emitted;
    private long duplicates;
    private long malformed;

    private record Pending(long deliverAt, long sequence, ClickEvent event) implements Comparable<Pending> {
        @Override
        public int compareTo(final Pending other) {
            final int byTime = Long.compare(deliverAt, other.deliverAt);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    public ClickstreamGenerator(final ClickstreamSettings settings) {
        this.settings = settings;
        this.catalog = new Catalog(settings.products(), settings.categories(), settings.seed());
        this.activity = new UserActivity(settings, catalog);
        this.noise = new SplittableRandom(settings.seed() ^ 0x2545F4914F6CDD1DL);
    }

    public Catalog catalog() {
        return catalog;
    }

    public ClickstreamSettings settings() {
        return settings;
    }

    public ClickEvent next() {
        emitted++;
        final double draw = noise.nextDouble();
        if (lastClean != null && draw < settings.malformedRate()) {
            malformed++;
            lastKind = Kind.MALFORMED;
            return malform(lastClean);
        }
        if (recentCount > 0 && draw < settings.malformedRate() + settings.duplicateRate()) {
            duplicates++;
            lastKind = Kind.DUPLICATE;
            final int horizon = (int) Math.min(recentCount, REDELIVERY_HORIZON);
            return recent[noise.nextInt(horizon)];
        }
        final ClickEvent clean = nextDelivered();
        recent[(int) (recentCount++ % REDELIVERY_HORIZON)] = clean;
        lastClean = clean;
        lastKind = Kind.CLEAN;
        return clean;
    }

    /** The kind of the record {@link #next()} returned last. */
    public Kind lastKind() {
        return lastKind;
    }

    public long emitted() {
        return emitted;
    }

    public long duplicatesEmitted() {
        return duplicates;
    }

    public long malformedEmitted() {
        return malformed;
    }

    private ClickEvent nextDelivered() {
        final long maxDelay = settings.outOfOrderMaxDelayMillis();
        if (maxDelay == 0) {
            return activity.next().event();
        }
        // An event is held until events up to its delivery time have been generated, so nothing is
        // delivered after events more than maxDelay younger than itself.
        while (outOfOrder.isEmpty() || outOfOrder.peek().deliverAt() > generatedThrough) {
            final UserActivity.Timed timed = activity.next();
            generatedThrough = timed.epochMillis();
            final long delay = noise.nextLong(maxDelay + 1);
            outOfOrder.add(new Pending(timed.epochMillis() + delay, sequence++, timed.event()));
        }
        return outOfOrder.poll().event();
    }

    private ClickEvent malform(final ClickEvent template) {
        final ClickEvent fresh = template.withEventId(new java.util.UUID(noise.nextLong(), noise.nextLong()).toString());
        return switch (noise.nextInt(5)) {
            case 0 -> fresh.withEventId(null);
            case 1 -> fresh.withUserId(noise.nextBoolean() ? "" : "   ");
            case 2 -> fresh.withEventTime(UNPARSEABLE_TIMES[noise.nextInt(UNPARSEABLE_TIMES.length)]);
            case 3 -> fresh.withPrice(noise.nextBoolean() ? "N/A" : "twelve dollars");
            default -> fresh.withQuantity(-1 - noise.nextInt(3));
        };
    }
}
