package io.nifidataflow.enrich;

import java.util.List;

/**
 * What the history features say about one event, as written to {@code /session_id} and {@code /history}.
 *
 * @param sessionId            {@code <user>-<session start epoch ms>}: the same events give the same id on every run
 * @param sessionStartMillis   event time of the event that opened the session
 * @param sessionEventCount    events of this session so far, this one included
 * @param secondsSincePrevious this event's time minus the time of the user's previous event in arrival order;
 *                             null for the first event of a session, negative for an event that arrived late
 * @param recentProducts       distinct products viewed earlier in this session, most recent first
 * @param cartProducts         the cart after this event, in the order products were added
 */
public record SessionView(
        String sessionId,
        long sessionStartMillis,
        int sessionEventCount,
        Double secondsSincePrevious,
        List<String> recentProducts,
        List<String> cartProducts) {
}
