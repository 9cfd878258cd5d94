package io.nifidataflow.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.rpc.StatusCode.Code;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(250));

    @Test
    void retriesExactlyTheCodesThatMeanTryLater() {
        final Set<Code> retryable = EnumSet.of(Code.RESOURCE_EXHAUSTED, Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED, Code.INTERNAL, Code.ABORTED);
        for (final Code code : Code.values()) {
            assertEquals(retryable.contains(code), RetryPolicy.isRetryable(code), code.name());
        }
    }

    @Test
    void maxRetriesCountsRetriesAfterTheFirstAttempt() {
        assertTrue(policy.shouldRetry(Code.UNAVAILABLE, 0));
        assertTrue(policy.shouldRetry(Code.UNAVAILABLE, 2));
        assertFalse(policy.shouldRetry(Code.UNAVAILABLE, 3), "the fourth attempt was the last");
        assertFalse(policy.shouldRetry(Code.INVALID_ARGUMENT, 0));
        assertFalse(new RetryPolicy(0, Duration.ofMillis(250)).shouldRetry(Code.UNAVAILABLE, 0));
    }

    @Test
    void backoffDoublesWithJitterBetweenHalfAndAllOfIt() {
        for (int retry = 1; retry <= 5; retry++) {
            final long ceiling = 250L << (retry - 1);
            assertEquals(Duration.ofMillis(ceiling / 2), policy.backoff(retry, 0.0, null));
            final Duration high = policy.backoff(retry, 0.999_999, null);
            assertTrue(high.toMillis() >= ceiling - 1 && high.toMillis() <= ceiling, high.toString());
            assertEquals(Duration.ofNanos(ceiling * 1_000_000 * 3 / 4), policy.backoff(retry, 0.5, null));
        }
    }

    @Test
    void backoffIsCappedAndSurvivesManyRetries() {
        final Duration longest = policy.backoff(100, 0.999_999, null);
        assertTrue(longest.compareTo(RetryPolicy.DEFAULT_MAX_BACKOFF) <= 0 && longest.toMillis() >= 59_900, longest.toString());
        assertEquals(Duration.ofSeconds(30), policy.backoff(1_000, 0.0, null));
        final RetryPolicy capped = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(300));
        assertEquals(Duration.ofMillis(150), capped.backoff(4, 0.0, null));
    }

    @Test
    void aDelayTheServerAsksForIsWaitedAtLeast() {
        assertEquals(Duration.ofSeconds(5), policy.backoff(1, 0.5, Duration.ofSeconds(5)));
        assertEquals(Duration.ofNanos(187_500_000), policy.backoff(1, 0.5, Duration.ofMillis(1)), "a shorter one changes nothing");
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(-1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> policy.backoff(0, 0, null));
    }
}
