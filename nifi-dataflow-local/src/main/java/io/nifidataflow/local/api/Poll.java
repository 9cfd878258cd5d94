package io.nifidataflow.local.api;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits for something NiFi does asynchronously (enabling services, listing a queue, filling a queue),
 * always with a deadline, and says on timeout what it last saw.
 */
public final class Poll {

    private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    private Poll() {
    }

    /**
     * Calls {@code attempt} until it returns a value or the timeout passes.
     *
     * @param what      what is awaited, for the timeout message, e.g. "controller services to be enabled"
     * @param lastState describes the state seen at the deadline, e.g. which services are still disabled
     */
    public static <T> T until(final String what, final Duration timeout, final Supplier<Optional<T>> attempt,
                              final Supplier<String> lastState) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() > deadline) {
                throw new NiFiApiException("Timed out after " + timeout.toMillis() + " ms waiting for " + what + ". "
                        + lastState.get());
            }
            try {
                Thread.sleep(DEFAULT_INTERVAL);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NiFiApiException("Interrupted while waiting for " + what, e);
            }
        }
    }
}
