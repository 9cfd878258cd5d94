package io.nifidataflow.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTrackerTest {

    private static final long MINUTE = 60_000;
    private static final long GAP = 30 * MINUTE;
    private static final long T0 = 1_767_225_600_000L;

    private final SessionTracker tracker = new SessionTracker(GAP, 3, 1_000);

    private SessionView view(final String user, final long time, final String product) {
        return tracker.observe(user, time, "view", product);
    }

    @Test
    void theFirstEventOpensASessionNamedAfterUserAndStart() {
        final SessionView first = view("u-1", T0, "p-1");
        assertEquals("u-1-" + T0, first.sessionId());
        assertEquals(T0, first.sessionStartMillis());
        assertEquals(1, first.sessionEventCount());
        assertNull(first.secondsSincePrevious());
        assertEquals(List.of(), first.recentProducts());
    }

    @Test
    void anEventExactlyOneGapLaterStartsANewSession() {
        view("u", T0, null);
        final SessionView justBefore = view("u", T0 + GAP - 1, null);
        assertEquals("u-" + T0, justBefore.sessionId());
        assertEquals(2, justBefore.sessionEventCount());
        final SessionView atGap = view("u", T0 + GAP - 1 + GAP, null);
        assertEquals("u-" + (T0 + 2 * GAP - 1), atGap.sessionId(), "a gap of exactly Session Gap starts a new session");
        assertEquals(1, atGap.sessionEventCount());
        assertNull(atGap.secondsSincePrevious(), "null for the first event of a session");
    }

    @Test
    void secondsSincePreviousFollowsArrivalOrderAndIsNegativeForLateEvents() {
        view("u", T0, null);
        assertEquals(90.0, view("u", T0 + 90_000, null).secondsSincePrevious());
        final SessionView late = view("u", T0 + 30_000, null);
        assertEquals(-60.0, late.secondsSincePrevious());
        assertEquals("u-" + T0, late.sessionId(), "an event older than the previous one joins the current session");
        assertEquals(3, late.sessionEventCount());
        assertEquals(0.5, view("u", T0 + 30_500, null).secondsSincePrevious(), "the previous in arrival order, not the latest");
    }

    @Test
    void aLateEventDoesNotSplitTheSession() {
        view("u", T0 + 20 * MINUTE, null);
        view("u", T0, null);
        final SessionView next = view("u", T0 + 45 * MINUTE, null);
        assertEquals("u-" + (T0 + 20 * MINUTE), next.sessionId(), "the gap counts from the latest event of the session");
    }

    @Test
    void aLateEventFarInThePastStillJoinsTheCurrentSession() {
        view("u", T0, null);
        final SessionView ancient = view("u", T0 - 10 * GAP, null);
        assertEquals("u-" + T0, ancient.sessionId());
        assertEquals(T0, ancient.sessionStartMillis(), "the session keeps its start, so its id stays stable");
    }

    @Test
    void recentProductsAreDistinctMostRecentFirstAndExcludeTheCurrentEvent() {
        assertEquals(List.of(), view("u", T0, "a").recentProducts());
        assertEquals(List.of("a"), view("u", T0 + 1, "b").recentProducts());
        assertEquals(List.of("b", "a"), view("u", T0 + 2, "c").recentProducts());
        assertEquals(List.of("c", "b", "a"), view("u", T0 + 3, "a").recentProducts());
        assertEquals(List.of("a", "c", "b"), view("u", T0 + 4, "d").recentProducts(), "a re-viewed product moves to the front");
        assertEquals(List.of("d", "a", "c"), view("u", T0 + 5, "d").recentProducts(), "at most History Size, the oldest dropped");
        assertEquals(List.of("d", "a", "c"), view("u", T0 + 6, "x").recentProducts(), "viewing the front product again changes nothing");
    }

    @Test
    void aHistorySizeOfZeroKeepsNoRecentProducts() {
        final SessionTracker none = new SessionTracker(GAP, 0, 10);
        none.observe("u", T0, "view", "a");
        assertEquals(List.of(), none.observe("u", T0 + 1, "view", "b").recentProducts());
        assertEquals(List.of("c"), none.observe("u", T0 + 2, "add_to_cart", "c").cartProducts(), "the cart does not depend on it");
    }

    @Test
    void onlyViewsFeedRecentProductsAndANewSessionClearsThem() {
        view("u", T0, "a");
        tracker.observe("u", T0 + 1, "add_to_cart", "b");
        tracker.observe("u", T0 + 2, "search", null);
        assertEquals(List.of("a"), view("u", T0 + 3, "c").recentProducts());
        assertEquals(List.of(), view("u", T0 + 3 + GAP, "d").recentProducts());
    }

    @Test
    void theCartFollowsAddRemoveAndPurchaseInOrderOfAddition() {
        assertEquals(List.of("a"), tracker.observe("u", T0, "add_to_cart", "a").cartProducts(), "the cart after the current event");
        assertEquals(List.of("a", "b"), tracker.observe("u", T0 + 1, "add_to_cart", "b").cartProducts());
        assertEquals(List.of("a", "b", "c"), tracker.observe("u", T0 + 2, "add_to_cart", "c").cartProducts());
        assertEquals(List.of("a", "b", "c"), tracker.observe("u", T0 + 3, "add_to_cart", "a").cartProducts(), "adding again keeps its place");
        assertEquals(List.of("a", "c"), tracker.observe("u", T0 + 4, "remove_from_cart", "b").cartProducts());
        assertEquals(List.of("c"), tracker.observe("u", T0 + 5, "purchase", "a").cartProducts());
        assertEquals(List.of("c"), tracker.observe("u", T0 + 6, "remove_from_cart", "zzz").cartProducts(), "removing what is not there is no change");
        assertEquals(List.of("c"), view("u", T0 + 7, "a").cartProducts());
    }

    @Test
    void theCartPersistsAcrossSessions() {
        tracker.observe("u", T0, "add_to_cart", "a");
        final SessionView nextDay = view("u", T0 + 24 * 60 * MINUTE, "b");
        assertEquals(1, nextDay.sessionEventCount());
        assertEquals(List.of("a"), nextDay.cartProducts());
    }

    @Test
    void theCartHoldsAtMostAHundredProductsDroppingTheOldestAddition() {
        SessionView last = null;
        for (int i = 0; i < SessionTracker.CART_LIMIT + 2; i++) {
            last = tracker.observe("u", T0 + i, "add_to_cart", "p" + i);
        }
        assertEquals(SessionTracker.CART_LIMIT, last.cartProducts().size());
        assertEquals("p2", last.cartProducts().get(0));
        assertEquals("p" + (SessionTracker.CART_LIMIT + 1), last.cartProducts().get(SessionTracker.CART_LIMIT - 1));
    }

    @Test
    void productsBeyondTheSharedTableAreComparedByTheirCharacters() {
        final SessionTracker tracker = new SessionTracker(GAP, 3, 10, 1);
        tracker.observe("u", T0, "view", new String("shared"));
        tracker.observe("u", T0 + 1, "view", new String("own-1"));
        tracker.observe("u", T0 + 2, "view", new String("own-2"));
        assertEquals(List.of("own-2", "own-1", "shared"), tracker.observe("u", T0 + 3, "view", new String("own-1")).recentProducts());
        assertEquals(List.of("own-1", "own-2", "shared"), tracker.observe("u", T0 + 4, "view", new String("shared")).recentProducts());
        tracker.observe("u", T0 + 5, "add_to_cart", new String("own-3"));
        tracker.observe("u", T0 + 6, "add_to_cart", new String("own-3"));
        tracker.observe("u", T0 + 7, "add_to_cart", new String("shared"));
        assertEquals(List.of("own-3", "shared"), tracker.observe("u", T0 + 8, "view", null).cartProducts());
        assertEquals(List.of("shared"), tracker.observe("u", T0 + 9, "purchase", new String("own-3")).cartProducts());
        assertEquals(List.of(), tracker.observe("u", T0 + 10, "remove_from_cart", new String("shared")).cartProducts());
    }

    @Test
    void theLeastRecentlyActiveUserIsForgottenFirst() {
        final SessionTracker small = new SessionTracker(GAP, 3, 2);
        small.observe("a", T0, "view", null);
        small.observe("b", T0, "view", null);
        small.observe("a", T0 + 1, "view", null);
        small.observe("c", T0 + 2, "view", null);
        assertEquals(2, small.trackedUsers());
        assertEquals(3, small.observe("a", T0 + 3, "view", null).sessionEventCount(), "a was active recently and kept");
        assertEquals(1, small.observe("b", T0 + 4, "view", null).sessionEventCount(), "b was evicted and starts over");
    }

    @Test
    void aRollbackRestoresEveryUserTheBatchTouchedOrEvicted() {
        final SessionTracker small = new SessionTracker(GAP, 3, 2);
        small.observe("a", T0, "add_to_cart", "p");
        small.observe("b", T0, "view", "q");
        small.commit();

        small.observe("a", T0 + 1, "purchase", "p");
        small.observe("a", T0 + GAP * 2, "view", "r");
        small.observe("c", T0 + 2, "view", null);
        small.observe("d", T0 + 3, "view", null);
        small.rollback();

        assertEquals(2, small.trackedUsers());
        final SessionView a = small.observe("a", T0 + 5, "view", null);
        assertEquals(2, a.sessionEventCount());
        assertEquals("a-" + T0, a.sessionId());
        assertEquals(List.of("p"), a.cartProducts());
        final SessionView b = small.observe("b", T0 + 6, "view", null);
        assertEquals(List.of("q"), b.recentProducts(), "b, evicted during the batch, is back");
        assertEquals(2, b.sessionEventCount());
    }

    @Test
    void aCommittedBatchIsKept() {
        view("u", T0, "a");
        tracker.commit();
        tracker.rollback();
        assertEquals(2, view("u", T0 + 1, "b").sessionEventCount());
    }

    @Test
    void extremeTimesDoNotOverflowIntoTheWrongSession() {
        view("u", Long.MIN_VALUE + 1, null);
        final SessionView far = view("u", T0, null);
        assertEquals(1, far.sessionEventCount());
    }
}
