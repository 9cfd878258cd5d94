package io.nifidataflow.local.runtime;

import java.io.IOException;
import java.time.Duration;

/**
 * Makes sure no NiFi outlives the JVM that launched it: a shutdown hook stops it on Ctrl-C or when a
 * test JVM is killed. It also covers the race where the JVM starts shutting down while NiFi is being
 * launched, which would otherwise leave an orphaned NiFi behind.
 */
final class ShutdownGuard {

    private final Duration grace;
    private final Thread hook = new Thread(this::onJvmShutdown, "local-nifi-shutdown");
    private Process process;
    private Runnable close;
    private boolean jvmShuttingDown;

    private ShutdownGuard(final Duration grace) {
        this.grace = grace;
    }

    /** @throws NiFiStartupException when the JVM is already shutting down */
    static ShutdownGuard register(final Duration grace) throws NiFiStartupException {
        final ShutdownGuard guard = new ShutdownGuard(grace);
        try {
            Runtime.getRuntime().addShutdownHook(guard.hook);
        } catch (final IllegalStateException shuttingDown) {
            throw notStarting();
        }
        return guard;
    }

    /** Starts the process unless the JVM has begun to shut down; from then on the hook stops it. */
    synchronized Process start(final ProcessBuilder builder) throws IOException {
        if (jvmShuttingDown) {
            throw notStarting();
        }
        process = builder.start();
        return process;
    }

    /** Once NiFi is up, the hook closes it the regular way, with its before-stop actions. */
    synchronized void closeOnShutdownWith(final Runnable closeAction) {
        this.close = closeAction;
    }

    /** For a regular stop: the hook has nothing left to do. */
    void unregister() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run.
        }
    }

    private void onJvmShutdown() {
        final Runnable closeAction;
        final Process launched;
        synchronized (this) {
            jvmShuttingDown = true;
            closeAction = close;
            launched = process;
        }
        if (closeAction != null) {
            closeAction.run();
        } else if (launched != null) {
            destroy(launched, grace);
        }
    }

    static void destroy(final Process process, final Duration grace) {
        try {
            ProcessTree.terminate(process, grace);
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static NiFiStartupException notStarting() {
        return new NiFiStartupException("Not starting NiFi: this JVM is shutting down");
    }
}
