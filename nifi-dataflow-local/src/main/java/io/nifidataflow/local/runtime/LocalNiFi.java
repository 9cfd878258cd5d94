package io.nifidataflow.local.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Apache NiFi running in a child JVM, configured for one disposable run.
 *
 * <p>Use it with try-with-resources: {@link #close()} stops NiFi and everything it started. A
 * {@link ShutdownGuard} does the same when the owner never gets to call {@code close()} (Ctrl-C, a
 * killed test JVM), so no NiFi outlives the process that launched it.</p>
 */
public final class LocalNiFi implements AutoCloseable {

    /** NiFi's entry point; started directly, without NiFi's bootstrap, which the Maven repository does not offer. */
    static final String MAIN_CLASS = "org.apache.nifi.NiFi";

    private static final Duration READINESS_POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration READINESS_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 40;
    private static final System.Logger LOGGER = System.getLogger(LocalNiFi.class.getName());
    /** Starts a program in a new session, where available (util-linux); see {@link #command}. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final LocalNiFiSettings settings;
    private final WorkDirectory work;
    private final Process process;
    private final URI baseUri;
    private final Duration startupTime;
    private final ShutdownGuard guard;
    private final List<Runnable> beforeStopActions = new CopyOnWriteArrayList<>();
    private boolean closed;

    private LocalNiFi(final LocalNiFiSettings settings, final WorkDirectory work, final Process process,
                      final URI baseUri, final Duration startupTime, final ShutdownGuard guard) {
        this.settings = settings;
        this.work = work;
        this.process = process;
        this.baseUri = baseUri;
        this.startupTime = startupTime;
        this.guard = guard;
    }

    /**
     * Prepares a fresh work directory, starts NiFi and returns once its REST API answers.
     *
     * @throws NiFiStartupException when NiFi exits or does not answer within the start-up timeout; the
     *                              process is stopped and the message holds the tail of its logs
     */
    public static LocalNiFi start(final LocalNiFiSettings settings) throws IOException, InterruptedException {
        settings.home().verify();
        final WorkDirectory work = new WorkDirectory(settings.workDirectory()).recreate();
        final NiFiConfiguration configuration = new NiFiConfiguration(settings.home(), work, FreePort.onLoopback());
        configuration.write();
        final int managementPort = FreePort.onLoopback();
        final URI baseUri = URI.create("http://127.0.0.1:" + configuration.httpPort());

        final ShutdownGuard guard = ShutdownGuard.register(settings.shutdownTimeout());
        final long startNanos = System.nanoTime();
        final Process process;
        try {
            process = guard.start(new ProcessBuilder(command(settings, work, managementPort))
                    .directory(work.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.consoleLog().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice().toFile())));
        } catch (final IOException e) {
            guard.unregister();
            throw e;
        }
        try {
            awaitRestApi(process, baseUri, work, settings.startupTimeout());
        } catch (final IOException | InterruptedException | RuntimeException e) {
            ShutdownGuard.destroy(process, settings.shutdownTimeout());
            guard.unregister();
            throw e;
        }
        final LocalNiFi nifi = new LocalNiFi(settings, work, process, baseUri, Duration.ofNanos(System.nanoTime() - startNanos), guard);
        guard.closeOnShutdownWith(nifi::closeQuietly);
        return nifi;
    }

    /** {@code http://127.0.0.1:<port>}; the REST API is below {@code /nifi-api}. */
    public URI baseUri() {
        return baseUri;
    }

    public URI apiUri() {
        return baseUri.resolve("/nifi-api");
    }

    /** The address of NiFi's web UI. */
    public URI uiUri() {
        return baseUri.resolve("/nifi");
    }

    public long pid() {
        return process.pid();
    }

    /** The process handle, e.g. to check after {@link #close()} that NiFi is gone. */
    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** From launching the JVM until the REST API answered. */
    public Duration startupTime() {
        return startupTime;
    }

    public WorkDirectory workDirectory() {
        return work;
    }

    public LocalNiFiSettings settings() {
        return settings;
    }

    /** The last lines of NiFi's application log, for diagnosing a failed flow. */
    public String applicationLogTail(final int lines) {
        return LogTail.of(work.applicationLog(), lines);
    }

    /**
     * Registers something to do while NiFi still runs, just before it is stopped, whether by
     * {@link #close()} or by the JVM shutting down (Ctrl-C). Example: stopping a process group so that
     * a flow ends in a known state. Actions run in registration order; a failing action is logged and
     * does not prevent the stop.
     */
    public void beforeStop(final Runnable action) {
        beforeStopActions.add(action);
    }

    /**
     * Runs the {@linkplain #beforeStop before-stop actions}, then stops NiFi: SIGTERM and up to the
     * shutdown timeout for NiFi's own orderly shutdown, then SIGKILL. Idempotent.
     */
    @Override
    public synchronized void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        for (final Runnable action : beforeStopActions) {
            try {
                action.run();
            } catch (final RuntimeException e) {
                LOGGER.log(System.Logger.Level.WARNING, "An action before stopping NiFi failed; stopping it anyway", e);
            }
        }
        ProcessTree.terminate(process, settings.shutdownTimeout());
        guard.unregister();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static List<String> command(final LocalNiFiSettings settings, final WorkDirectory work, final int managementPort) {
        final List<String> command = new ArrayList<>();
        // Ctrl-C in a terminal signals the whole foreground process group. In a session of its own NiFi
        // does not get that signal, so the launcher can first run its before-stop actions and then
        // stop NiFi itself, in that order.
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(settings.javaCommand().toString());
        command.add("-Xms256m");
        command.add("-Xmx" + settings.maxHeap());
        command.add("-Djava.awt.headless=true");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Dnifi.properties.file.path=" + work.nifiProperties());
        command.add("-Dlogback.configurationFile=" + work.logbackConfiguration());
        // NiFi's runtime serves a health/status endpoint for its bootstrap; keep it on loopback and off fixed ports.
        command.add("-Dorg.apache.nifi.management.server.address=127.0.0.1:" + managementPort);
        command.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        command.add("-cp");
        command.add(settings.home().lib().resolve("*").toString());
        command.add(MAIN_CLASS);
        return command;
    }

    private static void awaitRestApi(final Process process, final URI baseUri, final WorkDirectory work,
                                     final Duration timeout) throws IOException, InterruptedException {
        final URI probe = baseUri.resolve("/nifi-api/flow/about");
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(READINESS_REQUEST_TIMEOUT).build()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new NiFiStartupException("NiFi exited with code " + process.exitValue() + " during start-up."
                            + logTails(work));
                }
                if (answers(client, probe)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new NiFiStartupException("NiFi did not answer on " + probe + " within " + timeout.toSeconds()
                            + " s (pid " + process.pid() + ", still running)." + logTails(work));
                }
                Thread.sleep(READINESS_POLL_INTERVAL);
            }
        }
    }

    private static boolean answers(final HttpClient client, final URI probe) throws InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(probe).timeout(READINESS_REQUEST_TIMEOUT).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (final IOException notYetListening) {
            return false;
        }
    }

    private static String logTails(final WorkDirectory work) {
        final String nl = System.lineSeparator();
        return nl + "Last lines of " + work.applicationLog() + ":" + nl + LogTail.of(work.applicationLog(), LOG_TAIL_LINES)
                + nl + "Last lines of " + work.consoleLog() + ":" + nl + LogTail.of(work.consoleLog(), LOG_TAIL_LINES);
    }

    private static Path nullDevice() {
        return Path.of(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    @Override
    public String toString() {
        return "LocalNiFi[pid=" + process.pid() + ", " + baseUri + ", work=" + work.root() + "]";
    }
}
