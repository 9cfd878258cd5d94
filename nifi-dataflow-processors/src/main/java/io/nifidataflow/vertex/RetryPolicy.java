package io.nifidataflow.vertex;

import com.google.api.gax.rpc.StatusCode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a failed request is sent again, and after how long. Only codes that say "try later" are retried:
 * RESOURCE_EXHAUSTED (quota, 429), UNAVAILABLE (503, connection trouble), DEADLINE_EXCEEDED, INTERNAL (500) and
 * ABORTED. Max Retries counts the retries after the first attempt, so a request may be sent Max Retries + 1 times.
 *
 * <p>The n-th retry waits a random time between half and all of Initial Backoff x 2^(n-1), capped at
 * {@link #maxBackoff()}: exponential backoff with jitter, so that many requests refused together do not all
 * come back together. A delay the server asks for (gRPC RetryInfo) is waited at least.</p>
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

    public static final Set<StatusCode.Code> RETRYABLE = Set.copyOf(EnumSet.of(
            StatusCode.Code.RESOURCE_EXHAUSTED, StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED,
            StatusCode.Code.INTERNAL, StatusCode.Code.ABORTED));

    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("Max Retries must not be negative");
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("Backoff must not be negative");
        }
    }

    public RetryPolicy(final int maxRetries, final Duration initialBackoff) {
        this(maxRetries, initialBackoff, DEFAULT_MAX_BACKOFF);
    }

    public static boolean isRetryable(final StatusCode.Code code) {
        return RETRYABLE.contains(code);
    }

    /** Whether a request that failed with {@code code} after {@code retriesDone} retries is sent again. */
    public boolean shouldRetry(final StatusCode.Code code, final int retriesDone) {
        return isRetryable(code) && retriesDone < maxRetries;
    }

    /**
     * @param retry       1 for the first retry
     * @param random      uniform in [0, 1)
     * @param serverDelay the delay the server asked for, or null
     */
    public Duration backoff(final int retry, final double random, final Duration serverDelay) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1");
        }
        final long initial = initialBackoff.toNanos();
        final long cap = maxBackoff.toNanos();
        final int doublings = Math.min(retry - 1, 62);
        final long ceiling = initial > (cap >> doublings) ? cap : Math.min(cap, initial << doublings);
        final long delay = ceiling / 2 + (long) (random * (ceiling - ceiling / 2));
        final Duration backoff = Duration.ofNanos(delay);
        return serverDelay != null && serverDelay.compareTo(backoff) > 0 ? serverDelay : backoff;
    }
}
