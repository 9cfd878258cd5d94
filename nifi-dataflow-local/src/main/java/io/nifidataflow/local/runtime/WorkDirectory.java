package io.nifidataflow.local.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Everything one local NiFi run writes: configuration, repositories, state, logs and unpacked NARs.
 * Keeping it all in one directory makes a run disposable and lets runs share one {@link NiFiHome}.
 */
public record WorkDirectory(Path root) {

    /**
     * Marks directories this class created, so that {@link #recreate()} never deletes a directory a
     * user happened to pass by mistake.
     */
    static final String MARKER_FILE = ".nifi-dataflow-local";

    public WorkDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public Path conf() {
        return root.resolve("conf");
    }

    public Path nifiProperties() {
        return conf().resolve("nifi.properties");
    }

    public Path stateManagementConfiguration() {
        return conf().resolve("state-management.xml");
    }

    public Path logbackConfiguration() {
        return conf().resolve("logback.xml");
    }

    public Path flowConfiguration() {
        return conf().resolve("flow.json.gz");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** NiFi's own log, written by the logback configuration in {@link #logbackConfiguration()}. */
    public Path applicationLog() {
        return logs().resolve("nifi-app.log");
    }

    /** Standard output and error of the NiFi JVM: what NiFi prints before logging is set up, and JVM crashes. */
    public Path consoleLog() {
        return logs().resolve("nifi-console.log");
    }

    public Path repository(final String name) {
        return root.resolve("repositories").resolve(name);
    }

    public Path state() {
        return root.resolve("state");
    }

    public Path nifiWork(final String name) {
        return root.resolve("work").resolve(name);
    }

    /** A directory for data that flows write, e.g. PutFile's target. */
    public Path output() {
        return root.resolve("output");
    }

    /**
     * Creates the directory, or empties it when a previous run of this tool left it behind. A non-empty
     * directory without the marker is refused rather than deleted.
     */
    public WorkDirectory recreate() throws IOException {
        if (Files.exists(root)) {
            if (!isEmpty(root) && !Files.exists(root.resolve(MARKER_FILE))) {
                throw new IOException("Refusing to reuse " + root + ": it is not empty and was not created by "
                        + "nifi-dataflow-local (no " + MARKER_FILE + " file). Choose another work directory.");
            }
            deleteRecursively(root);
        }
        Files.createDirectories(root);
        Files.createFile(root.resolve(MARKER_FILE));
        Files.createDirectories(conf());
        Files.createDirectories(logs());
        Files.createDirectories(output());
        return this;
    }

    private static boolean isEmpty(final Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteRecursively(final Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
