package io.nifidataflow.enrich;

import java.util.Arrays;

/**
 * One user's state: the current session and the cart. Product lists are copied on write, never changed in
 * place, so a {@link SessionView} can share them and a snapshot for rollback costs one small object.
 */
final class UserHistory {

    static final String[] NONE = new String[0];

    long sessionStart;
    /** Latest event time of the session: the gap is measured from it, so a late event cannot split a session. */
    long latest;
    /** Time of the previous event in arrival order, for seconds_since_previous. */
    long previous;
    int eventCount;
    String[] recent = NONE;
    String[] cart = NONE;
    /** The batch that last snapshotted this user, so one batch journals each user once. */
    long journaledIn = -1;

    UserHistory copy() {
        final UserHistory copy = new UserHistory();
        copy.sessionStart = sessionStart;
        copy.latest = latest;
        copy.previous = previous;
        copy.eventCount = eventCount;
        copy.recent = recent;
        copy.cart = cart;
        return copy;
    }

    /** {@code product}, found at {@code existing} (or -1 when new), moved to the front, keeping at most {@code limit} products. */
    static String[] moveToFront(final String[] products, final int existing, final String product, final int limit) {
        if (existing == 0) {
            return products;
        }
        final int kept = existing >= 0 ? products.length : Math.min(products.length + 1, limit);
        final String[] updated = new String[kept];
        updated[0] = product;
        int to = 1;
        for (int from = 0; from < products.length && to < kept; from++) {
            if (from != existing) {
                updated[to++] = products[from];
            }
        }
        return updated;
    }

    /** {@code product}, not yet in {@code products}, at the end; the oldest addition makes room when {@code limit} is reached. */
    static String[] append(final String[] products, final String product, final int limit) {
        final int drop = products.length >= limit ? products.length - limit + 1 : 0;
        final String[] updated = Arrays.copyOfRange(products, drop, products.length + 1);
        updated[updated.length - 1] = product;
        return updated;
    }

    static String[] removeAt(final String[] products, final int index) {
        if (products.length == 1) {
            return NONE;
        }
        final String[] updated = new String[products.length - 1];
        System.arraycopy(products, 0, updated, 0, index);
        System.arraycopy(products, index + 1, updated, index, products.length - index - 1);
        return updated;
    }

    static int indexOf(final String[] products, final String product) {
        for (int i = 0; i < products.length; i++) {
            if (products[i].equals(product)) {
                return i;
            }
        }
        return -1;
    }
}
