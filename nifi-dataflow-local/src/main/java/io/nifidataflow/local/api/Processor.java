package io.nifidataflow.local.api;

import java.util.List;
import java.util.Map;

/**
 * A processor as configured in the flow.
 *
 * @param validationStatus VALID, INVALID or VALIDATING
 * @param extensionMissing NiFi has no NAR with this type and keeps a placeholder ("ghost") in its place
 */
public record Processor(String id, String name, String type, String state, String validationStatus,
                        List<String> validationErrors, Map<String, String> properties, boolean extensionMissing) {

    public Processor {
        validationErrors = List.copyOf(validationErrors);
        properties = Map.copyOf(properties);
    }
}
