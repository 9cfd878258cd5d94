package io.nifidataflow.enrich;

import java.io.IOException;

/** A lookup service threw: the FlowFile goes to failure whole and is retried later, its state changes undone. */
final class LookupFailedException extends IOException {

    LookupFailedException(final String service, final String key, final Throwable cause) {
        super(service + " lookup of '" + key + "' failed: " + cause.getMessage(), cause);
    }
}
