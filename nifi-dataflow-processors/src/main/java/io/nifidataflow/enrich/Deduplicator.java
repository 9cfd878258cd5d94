package io.nifidataflow.enrich;

import java.io.IOException;

/**
 * Decides whether a valid event is a redelivery: its id was first seen less than the window ago. The window
 * counts from first sight, so a duplicate does not extend it.
 *
 * <p>Calls between two {@link #commit()}s form a batch (one FlowFile): {@link #rollback()} forgets the ids the
 * batch added, so that a FlowFile that fails and is retried is not taken for its own duplicate.</p>
 */
public interface Deduplicator {

    /** Deduplication turned off: nothing is a duplicate and nothing is remembered. */
    Deduplicator OFF = new Deduplicator() {
        @Override
        public boolean isDuplicate(final String eventId, final long nowMillis) {
            return false;
        }

        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };

    /** True for a duplicate; otherwise remembers {@code nowMillis} as the first sight of {@code eventId}. */
    boolean isDuplicate(String eventId, long nowMillis) throws IOException;

    /** Keeps what this batch added. */
    void commit();

    /** Forgets what this batch added. */
    void rollback() throws IOException;
}
