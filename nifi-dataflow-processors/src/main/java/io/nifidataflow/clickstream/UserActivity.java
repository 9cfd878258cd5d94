package io.nifidataflow.clickstream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The clean stream: a discrete-event simulation of users browsing a store, in event-time order.
 *
 * <p>Each user alternates between idle periods and sessions. A session is a walk through the funnel:
 * searches and views lead to cart additions, and when the session ends every product added with the
 * intent to buy is purchased (that intent is drawn with the conversion rate when it is added), while some
 * of the others are removed from the cart. Think times within a session stay well below
 * {@link #SESSION_GAP_MILLIS} and idle periods are always longer, so sessions are separated by real
 * inactivity gaps, as a sessionizer expects.</p>
 */
final class UserActivity {

    static final long SESSION_GAP_MILLIS = 30 * 60_000L;
    private static final long MEAN_EXTRA_IDLE_MILLIS = 30 * 60_000L;
    private static final long FIRST_SESSION_SPREAD_MILLIS = 60 * 60_000L;
    private static final double MEAN_THINK_MILLIS = 20_000;
    private static final long MAX_THINK_MILLIS = 10 * 60_000L;

    private static final double START_WITH_SEARCH = 0.3;
    private static final double END_SESSION = 0.12;
    private static final double ADD_VIEWED_TO_CART = 0.25;
    private static final double SEARCH_AGAIN = 0.12;
    private static final double STAY_IN_CATEGORY = 0.7;
    private static final double REMOVE_ABANDONED = 0.35;
    private static final int MAX_CART = 20;

    private static final String[] DEVICES = {"web", "ios", "android"};
    private static final double[] DEVICE_WEIGHTS = {0.5, 0.3, 0.2};
    private static final String[] COUNTRIES = {"US", "GB", "DE", "FR", "IN", "BR", "JP", "CA", "AU", "ES", "NL", "MX"};
    private static final double[] COUNTRY_WEIGHTS = {30, 10, 9, 7, 9, 6, 6, 5, 4, 4, 3, 3};
    private static final String[] QUERY_WORDS = {"best", "cheap", "new", "sale", "gift", "top rated", "premium", "mini"};

    /** A clean event together with its time, so that later stages need not parse the text again. */
    record Timed(long epochMillis, ClickEvent event) {
    }

    private final Catalog catalog;
    private final double conversionRate;
    private final long seed;
    private final SplittableRandom random;
    private final EventTimeFormat timeFormat = new EventTimeFormat();
    private final UserSchedule schedule;
    private final Session[] sessions;
    private final WeightedSampler devices = new WeightedSampler(DEVICE_WEIGHTS);
    private final WeightedSampler countries = new WeightedSampler(COUNTRY_WEIGHTS);

    UserActivity(final ClickstreamSettings settings, final Catalog catalog) {
        this.catalog = catalog;
        this.conversionRate = settings.conversionRate();
        this.seed = settings.seed();
        this.random = new SplittableRandom(settings.seed());
        this.sessions = new Session[settings.users()];
        final long origin = settings.startTime().toEpochMilli();
        final long[] firstActivity = new long[settings.users()];
        for (int user = 0; user < firstActivity.length; user++) {
            firstActivity[user] = origin + (long) (random.nextDouble() * FIRST_SESSION_SPREAD_MILLIS);
        }
        this.schedule = new UserSchedule(firstActivity);
    }

    Timed next() {
        final int user = schedule.nextUser();
        final long time = schedule.nextTime();
        Session session = sessions[user];
        if (session == null) {
            session = new Session(user);
            sessions[user] = session;
        }
        final ClickEvent event = session.next(time);
        if (session.finished()) {
            sessions[user] = null;
            schedule.reschedule(user, time + SESSION_GAP_MILLIS + exponential(MEAN_EXTRA_IDLE_MILLIS) + 1);
        } else {
            schedule.reschedule(user, time + Math.min(MAX_THINK_MILLIS, 1 + exponential(MEAN_THINK_MILLIS)));
        }
        return new Timed(time, event);
    }

    private long exponential(final double mean) {
        return (long) (-mean * Math.log(1.0 - random.nextDouble()));
    }

    static String userId(final int index) {
        return "u-" + zeroPad(index, 6);
    }

    private static String zeroPad(final int value, final int width) {
        final String digits = Integer.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()).concat(digits);
    }

    private String uuid() {
        final long high = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        final long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(high, low).toString();
    }

    private record CartItem(Catalog.Product product, int quantity, boolean willPurchase) {
    }

    /** One visit: what the user looked at, what is in the cart, and what is left to do at checkout. */
    private final class Session {
        private final String userId;
        private final String device;
        private final String country;
        private final List<CartItem> cart = new ArrayList<>();
        private final ArrayDeque<ClickEvent> checkout = new ArrayDeque<>();
        private int categoryIndex = -1;
        private Catalog.Product lastViewed;
        private String lastType;
        private boolean finished;

        Session(final int user) {
            // A user's country and usual device are fixed, so they are drawn from the user alone.
            final SplittableRandom profile = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + user);
            this.userId = userId(user);
            this.country = COUNTRIES[countries.sample(profile)];
            final String usualDevice = DEVICES[devices.sample(profile)];
            this.device = random.nextDouble() < 0.85 ? usualDevice : DEVICES[devices.sample(random)];
        }

        boolean finished() {
            return finished;
        }

        ClickEvent next(final long time) {
            final String eventTime = timeFormat.format(time);
            final ClickEvent event;
            if (!checkout.isEmpty()) {
                event = retime(checkout.poll(), eventTime);
                finished = checkout.isEmpty();
                return event;
            }
            if (lastType == null) {
                event = random.nextDouble() < START_WITH_SEARCH ? search(eventTime) : view(catalog.samplePopular(random), eventTime);
            } else if (lastType.equals("search")) {
                event = view(catalog.samplePopularIn(categoryIndex, random), eventTime);
            } else {
                final double choice = random.nextDouble();
                if (lastType.equals("view") && choice < ADD_VIEWED_TO_CART && cart.size() < MAX_CART && !inCart(lastViewed)) {
                    event = addToCart(lastViewed, eventTime);
                } else if (choice > 1 - SEARCH_AGAIN) {
                    event = search(eventTime);
                } else if (random.nextDouble() < STAY_IN_CATEGORY) {
                    event = view(catalog.samplePopularIn(categoryIndex, random), eventTime);
                } else {
                    event = view(catalog.samplePopular(random), eventTime);
                }
            }
            lastType = event.eventType();
            if (random.nextDouble() < END_SESSION) {
                planCheckout();
                finished = checkout.isEmpty();
            }
            return event;
        }

        private void planCheckout() {
            for (final CartItem item : cart) {
                if (item.willPurchase()) {
                    checkout.add(productEvent(EventType.PURCHASE, item.product(), item.quantity(), null));
                } else if (random.nextDouble() < REMOVE_ABANDONED) {
                    checkout.add(productEvent(EventType.REMOVE_FROM_CART, item.product(), item.quantity(), null));
                }
            }
            cart.clear();
        }

        private boolean inCart(final Catalog.Product product) {
            for (final CartItem item : cart) {
                if (item.product() == product) {
                    return true;
                }
            }
            return false;
        }

        private ClickEvent search(final String eventTime) {
            categoryIndex = catalog.categoryIndex(catalog.samplePopular(random).category());
            final String query = QUERY_WORDS[random.nextInt(QUERY_WORDS.length)] + " " + catalog.categories().get(categoryIndex);
            return new ClickEvent(uuid(), EventType.SEARCH.wireName(), eventTime, userId, null, null, null, null, query, device, country);
        }

        private ClickEvent view(final Catalog.Product product, final String eventTime) {
            lastViewed = product;
            categoryIndex = catalog.categoryIndex(product.category());
            return productEvent(EventType.VIEW, product, null, eventTime);
        }

        private ClickEvent addToCart(final Catalog.Product product, final String eventTime) {
            final double q = random.nextDouble();
            final int quantity = q < 0.8 ? 1 : q < 0.95 ? 2 : 3;
            cart.add(new CartItem(product, quantity, random.nextDouble() < conversionRate));
            return productEvent(EventType.ADD_TO_CART, product, quantity, eventTime);
        }

        private ClickEvent productEvent(final EventType type, final Catalog.Product product, final Integer quantity, final String eventTime) {
            return new ClickEvent(uuid(), type.wireName(), eventTime, userId, product.id(), product.category(), product.price(), quantity,
                    null, device, country);
        }

        private ClickEvent retime(final ClickEvent planned, final String eventTime) {
            return planned.withEventTime(eventTime);
        }
    }
}
