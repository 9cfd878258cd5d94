package io.nifidataflow.enrich;

import java.io.IOException;

/**
 * Validation, then deduplication, then sessions, in that order and in arrival order: an invalid event is never
 * a duplicate and never enters the deduplication memory, and neither invalid nor duplicate events touch
 * session state. State changes of a batch (one FlowFile) become permanent with {@link #commit()} or are undone
 * by {@link #rollback()}, so that a FlowFile routed to failure leaves no trace and can be retried as it was.
 *
 * <p>Not thread-safe: the processor runs it on one thread, which is also what makes "arrival order" mean something.</p>
 */
public final class EventPipeline {

    private final EventValidator validator;
    private final Deduplicator deduplicator;
    private final SessionTracker sessions;

    public EventPipeline(final EventValidator validator, final Deduplicator deduplicator, final SessionTracker sessions) {
        this.validator = validator;
        this.deduplicator = deduplicator;
        this.sessions = sessions;
    }

    /**
     * @param product   the raw product id of the event, or null; it feeds recent products and the cart
     * @param nowMillis processing time: bounds future event times and dates first sights
     * @throws IOException when a shared deduplication store cannot be reached
     */
    public Outcome process(final RawEvent raw, final Object product, final long nowMillis) throws IOException {
        final Validation validation = validator.validate(raw, nowMillis);
        if (!validation.isValid()) {
            return new Outcome.Invalid(validation);
        }
        final ValidEvent event = validation.event();
        if (deduplicator.isDuplicate(event.eventId(), nowMillis)) {
            return new Outcome.Duplicate(event);
        }
        final SessionView session = sessions.observe(event.userId(), event.eventTimeMillis(), event.eventType(), EventValidator.idOrNull(product));
        return new Outcome.Enriched(event, session);
    }

    public void commit() {
        deduplicator.commit();
        sessions.commit();
    }

    public void rollback() throws IOException {
        sessions.rollback();
        deduplicator.rollback();
    }

    public SessionTracker sessions() {
        return sessions;
    }
}
