package io.nifidataflow.local.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a process and everything it started, politely first. */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Sends SIGTERM, so that NiFi's shutdown hook stops the flow and closes its repositories; kills
     * the process when it has not exited within the grace period. Children (e.g. Python extension
     * processes) are collected before the parent goes away, because afterwards they are re-parented and
     * no longer reachable as its descendants.
     *
     * @return {@code true} when the process exited by itself within the grace period
     */
    static boolean terminate(final Process process, final Duration grace) throws InterruptedException {
        final List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        final boolean graceful = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        if (!graceful) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (final ProcessHandle descendant : descendants) {
            if (descendant.isAlive()) {
                descendant.destroyForcibly();
                awaitExit(descendant, Duration.ofSeconds(10));
            }
        }
        return graceful;
    }

    private static void awaitExit(final ProcessHandle handle, final Duration timeout) throws InterruptedException {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            // A process that survives SIGKILL is beyond our reach; callers check isAlive() and report it.
        }
    }
}
