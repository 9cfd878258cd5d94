package io.nifidataflow.local.runtime;

import java.io.IOException;

/** NiFi did not come up: it exited, or it did not answer in time. The message carries the log tails. */
public class NiFiStartupException extends IOException {

    private static final long serialVersionUID = 1L;

    public NiFiStartupException(final String message) {
        super(message);
    }
}
