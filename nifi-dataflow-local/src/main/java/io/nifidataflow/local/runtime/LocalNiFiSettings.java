package io.nifidataflow.local.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a local NiFi.
 *
 * @param home             the assembled NiFi installation
 * @param workDirectory    emptied and filled by the run; see {@link WorkDirectory}
 * @param javaCommand      the {@code java} executable for NiFi's JVM
 * @param maxHeap          the {@code -Xmx} value, e.g. {@code 1g}
 * @param startupTimeout   how long to wait for the REST API to answer
 * @param shutdownTimeout  how long NiFi may take to stop after SIGTERM before it is killed
 */
public record LocalNiFiSettings(NiFiHome home, Path workDirectory, Path javaCommand, String maxHeap,
                                Duration startupTimeout, Duration shutdownTimeout) {

    public static final String DEFAULT_MAX_HEAP = "1g";
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofMinutes(3);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(45);

    public LocalNiFiSettings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(javaCommand, "javaCommand");
        Objects.requireNonNull(maxHeap, "maxHeap");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }

    /** Defaults for everything but the two directories; NiFi runs on the JVM that runs this code. */
    public static LocalNiFiSettings of(final NiFiHome home, final Path workDirectory) {
        return new LocalNiFiSettings(home, workDirectory, currentJavaCommand(), DEFAULT_MAX_HEAP,
                DEFAULT_STARTUP_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT);
    }

    public LocalNiFiSettings withMaxHeap(final String heap) {
        return new LocalNiFiSettings(home, workDirectory, javaCommand, heap, startupTimeout, shutdownTimeout);
    }

    public LocalNiFiSettings withStartupTimeout(final Duration timeout) {
        return new LocalNiFiSettings(home, workDirectory, javaCommand, maxHeap, timeout, shutdownTimeout);
    }

    public LocalNiFiSettings withShutdownTimeout(final Duration timeout) {
        return new LocalNiFiSettings(home, workDirectory, javaCommand, maxHeap, startupTimeout, timeout);
    }

    /**
     * The java binary of this JVM: it is known to be 21+ (this code needs it), while the {@code java}
     * on the PATH often is not.
     */
    static Path currentJavaCommand() {
        return ProcessHandle.current().info().command()
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    }
}
