package io.nifidataflow.enrich;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of validating one event: the normalized event, or every rule it breaks. */
public record Validation(ValidEvent event, List<Violation> violations) {

    public Validation {
        violations = List.copyOf(violations);
        if ((event == null) == violations.isEmpty()) {
            throw new IllegalArgumentException("A validation has either an event or violations");
        }
    }

    public boolean isValid() {
        return event != null;
    }

    /** Every reason, in rule order, as written to {@code enrich_error}. */
    public String reasons() {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
