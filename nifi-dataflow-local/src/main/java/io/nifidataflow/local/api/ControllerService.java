package io.nifidataflow.local.api;

import java.util.List;

/**
 * A controller service as configured in the flow.
 *
 * @param state ENABLED, ENABLING, DISABLED or DISABLING
 */
public record ControllerService(String id, String name, String type, String state, String validationStatus,
                                List<String> validationErrors) {

    public ControllerService {
        validationErrors = List.copyOf(validationErrors);
    }
}
