package io.nifidataflow.local.api;

/** A REST call to NiFi failed, was refused, or an asynchronous request did not finish in time. */
public class NiFiApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NiFiApiException(final String message) {
        super(message);
    }

    public NiFiApiException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
