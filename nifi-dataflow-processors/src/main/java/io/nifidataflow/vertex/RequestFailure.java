package io.nifidataflow.vertex;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ErrorDetails;
import com.google.api.gax.rpc.StatusCode;
import com.google.rpc.RetryInfo;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a request failed: the gRPC status code, the server's message, and the delay the server asked for before
 * a retry, if any. {@link #code()} is a gRPC code name, or one of this bundle's names for failures found before
 * or after the call, such as a response with the wrong number of predictions.
 */
public record RequestFailure(String code, String message, boolean retryable, Duration serverRetryDelay) {

    /** A response whose prediction count differs from the instance count: a broken model server, not worth retrying. */
    public static final String PREDICTION_COUNT_MISMATCH = "PREDICTION_COUNT_MISMATCH";

    public static RequestFailure of(final StatusCode.Code code, final String message) {
        return new RequestFailure(code.name(), message, RetryPolicy.isRetryable(code), null);
    }

    public static RequestFailure countMismatch(final int predictions, final int instances) {
        return new RequestFailure(PREDICTION_COUNT_MISMATCH, "Vertex AI returned " + predictions + " predictions for "
                + instances + " instances: predictions cannot be matched to records", false, null);
    }

    /** The failure an exception of the client stands for; anything that is not an {@link ApiException} is UNKNOWN. */
    public static RequestFailure from(final Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException api) {
            final StatusCode.Code code = api.getStatusCode().getCode();
            return new RequestFailure(code.name(), messageOf(api), RetryPolicy.isRetryable(code), retryDelay(api.getErrorDetails()));
        }
        if (cause instanceof CancellationException) {
            return of(StatusCode.Code.CANCELLED, "The request was cancelled");
        }
        return new RequestFailure(StatusCode.Code.UNKNOWN.name(), cause.getClass().getSimpleName() + ": " + cause.getMessage(), false, null);
    }

    private static String messageOf(final ApiException api) {
        // gax prefixes the code ("io.grpc.StatusRuntimeException: UNAVAILABLE: ..."): keep the server's words.
        final Throwable cause = api.getCause();
        if (cause instanceof io.grpc.StatusRuntimeException status && status.getStatus().getDescription() != null) {
            return status.getStatus().getDescription();
        }
        return api.getMessage();
    }

    private static Duration retryDelay(final ErrorDetails details) {
        if (details == null) {
            return null;
        }
        final RetryInfo info = details.getRetryInfo();
        if (info == null || !info.hasRetryDelay()) {
            return null;
        }
        return Duration.ofSeconds(info.getRetryDelay().getSeconds(), info.getRetryDelay().getNanos());
    }
}
