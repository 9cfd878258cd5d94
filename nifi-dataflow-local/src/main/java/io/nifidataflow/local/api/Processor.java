package io.nifidataflow.local.api;

import java.util.List;
import java.util.Map;

/**
 * A processor as configured in the flow.
 *
 * @param validationStatus VALID, INVALID or VALIDATING
 */
public record Processor(String id, String name, String type, String state, String validationStatus,
                        List<String> validationErrors, Map<String, String> properties) {

    public Processor {
        validationErrors = List.copyOf(validationErrors);
        properties = Map.copyOf(properties);
    }
}
