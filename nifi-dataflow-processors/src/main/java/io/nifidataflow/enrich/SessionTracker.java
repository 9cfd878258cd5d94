package io.nifidataflow.enrich;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sessions and history per user, from events in arrival order.
 *
 * <ul>
 *   <li>A new session starts when an event comes at least {@code gap} after the latest event of the user's
 *       session (for events in order, the previous event): one exactly a gap later starts a new session, as in
 *       Beam's half-open session windows. An event older than that joins the current session.</li>
 *   <li>recent products are the distinct products viewed earlier in the session, most recent first, at most
 *       {@code historySize}; the cart persists across sessions, up to {@value #CART_LIMIT} products, the oldest
 *       addition making room.</li>
 *   <li>At most {@code maxUsers} users are tracked; the least recently active is forgotten first.</li>
 * </ul>
 *
 * <p>Calls between two {@link #commit()}s form a batch; {@link #rollback()} restores every user the batch
 * touched (or evicted) to its state before the batch. Not thread-safe.</p>
 */
public final class SessionTracker {

    public static final int CART_LIMIT = 100;
    /** Distinct product ids shared between users' lists; beyond this, new ids are kept unshared. */
    static final int SHARED_PRODUCTS = 200_000;

    private final long gapMillis;
    private final int historySize;
    private final int maxUsers;
    private final int sharedProducts;
    private final Users users;
    private final Map<String, String> productNames = new HashMap<>();
    private final List<Journaled> journal = new ArrayList<>();
    private long batch;
    private boolean restoring;

    /** A user's state before the batch touched it; null for a user the batch created. */
    private record Journaled(String user, UserHistory before) {
    }

    private final class Users extends LinkedHashMap<String, UserHistory> {
        Users() {
            super(1024, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, UserHistory> eldest) {
            if (restoring || size() <= maxUsers) {
                return false;
            }
            journal(eldest.getKey(), eldest.getValue());
            return true;
        }
    }

    public SessionTracker(final long gapMillis, final int historySize, final int maxUsers) {
        this(gapMillis, historySize, maxUsers, SHARED_PRODUCTS);
    }

    SessionTracker(final long gapMillis, final int historySize, final int maxUsers, final int sharedProducts) {
        if (gapMillis < 1 || historySize < 0 || maxUsers < 1) {
            throw new IllegalArgumentException("Session gap and max users must be positive and history size not negative");
        }
        this.gapMillis = gapMillis;
        this.historySize = historySize;
        this.maxUsers = maxUsers;
        this.sharedProducts = sharedProducts;
        this.users = new Users();
    }

    /**
     * Applies one valid, non-duplicate event and returns the history features it gets.
     *
     * @param eventType lower-case type; {@code view} feeds recent products, {@code add_to_cart},
     *                  {@code remove_from_cart} and {@code purchase} change the cart, others only count
     * @param product   the product the event is about, or null
     */
    public SessionView observe(final String user, final long eventTimeMillis, final String eventType, final String product) {
        UserHistory history = users.get(user);
        Double secondsSincePrevious = null;
        final boolean newSession;
        if (history == null) {
            journal.add(new Journaled(user, null));
            history = new UserHistory();
            history.journaledIn = batch;
            users.put(user, history);
            newSession = true;
        } else {
            journal(user, history);
            secondsSincePrevious = ((double) eventTimeMillis - (double) history.previous) / 1000.0;
            newSession = startsNewSession(eventTimeMillis, history.latest);
        }
        if (newSession) {
            history.sessionStart = eventTimeMillis;
            history.latest = eventTimeMillis;
            history.eventCount = 1;
            history.recent = UserHistory.NONE;
            secondsSincePrevious = null;
        } else {
            history.eventCount++;
            history.latest = Math.max(history.latest, eventTimeMillis);
        }
        history.previous = eventTimeMillis;

        final String[] recentBefore = history.recent;
        if (product != null && eventType != null) {
            apply(history, eventType, product);
        }
        return new SessionView(user + "-" + history.sessionStart, history.sessionStart, history.eventCount, secondsSincePrevious,
                ProductList.of(recentBefore), ProductList.of(history.cart));
    }

    private boolean startsNewSession(final long eventTime, final long latest) {
        if (eventTime < latest) {
            return false;
        }
        final long gap = eventTime - latest;
        // A negative difference here means it overflowed: the event is further than any gap.
        return gap >= gapMillis || gap < 0;
    }

    /**
     * Products are stored as shared instances (a catalog's ids repeat across millions of users). That also makes
     * finding a product in a user's lists a comparison of references: following ten references to compare
     * their characters costs a cache miss each, more than the rest of the event.
     */
    private void apply(final UserHistory history, final String eventType, final String product) {
        final String shared = productNames.get(product);
        final String stored = shared != null ? shared : product;
        switch (eventType) {
            case "view" -> {
                final int at = indexOf(history.recent, stored, shared != null);
                if (at != 0 && historySize > 0) {
                    history.recent = UserHistory.moveToFront(history.recent, at, at < 0 ? canonical(stored) : history.recent[at], historySize);
                }
            }
            case "add_to_cart" -> {
                if (indexOf(history.cart, stored, shared != null) < 0) {
                    history.cart = UserHistory.append(history.cart, canonical(stored), CART_LIMIT);
                }
            }
            case "remove_from_cart", "purchase" -> {
                final int at = indexOf(history.cart, stored, shared != null);
                if (at >= 0) {
                    history.cart = UserHistory.removeAt(history.cart, at);
                }
            }
            default -> {
            }
        }
    }

    /**
     * A shared product is in a list only as that very instance: whatever is stored went through
     * {@link #canonical}, and the table of shared names only ever grows, so an id that is shared now was shared
     * when it was stored. Ids that never made it into the table are compared by their characters.
     */
    private static int indexOf(final String[] products, final String product, final boolean shared) {
        if (shared) {
            for (int i = 0; i < products.length; i++) {
                if (products[i] == product) {
                    return i;
                }
            }
            return -1;
        }
        return UserHistory.indexOf(products, product);
    }

    private String canonical(final String product) {
        final String known = productNames.get(product);
        if (known != null) {
            return known;
        }
        if (productNames.size() < sharedProducts) {
            productNames.put(product, product);
        }
        return product;
    }

    private void journal(final String user, final UserHistory history) {
        if (history.journaledIn != batch) {
            journal.add(new Journaled(user, history.copy()));
            history.journaledIn = batch;
        }
    }

    public void commit() {
        journal.clear();
        batch++;
    }

    public void rollback() {
        restoring = true;
        try {
            for (int i = journal.size() - 1; i >= 0; i--) {
                final Journaled entry = journal.get(i);
                if (entry.before() == null) {
                    users.remove(entry.user());
                } else {
                    users.put(entry.user(), entry.before());
                }
            }
        } finally {
            restoring = false;
        }
        journal.clear();
        batch++;
    }

    public int trackedUsers() {
        return users.size();
    }
}
