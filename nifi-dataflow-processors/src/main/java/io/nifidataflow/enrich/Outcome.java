package io.nifidataflow.enrich;

/** Where one event goes, and what it carries there. */
public sealed interface Outcome {

    /** Broke at least one rule; touched no state. */
    record Invalid(Validation validation) implements Outcome {
    }

    /** Valid, but its id was first seen less than the deduplication window ago; touched no session state. */
    record Duplicate(ValidEvent event) implements Outcome {
    }

    /** Valid and new: its session and history features. */
    record Enriched(ValidEvent event, SessionView session) implements Outcome {
    }
}
