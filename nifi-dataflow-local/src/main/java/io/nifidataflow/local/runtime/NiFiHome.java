package io.nifidataflow.local.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A NiFi installation as assembled by this module's build: {@code lib/} with the bootstrap jars and
 * framework NARs, {@code extensions/} with the NARs NiFi auto-loads. It is read-only for NiFi; all
 * state goes to a work directory, so one home can serve several runs at once.
 */
public record NiFiHome(Path directory) {

    /** Where the build puts the assembly, relative to the repository root. */
    public static final Path DEFAULT_LOCATION = Path.of("nifi-dataflow-local", "target", "nifi-home");

    /** Lets tests and scripts point at the assembly without knowing the working directory. */
    public static final String LOCATION_PROPERTY = "nifi.local.home";

    private static final String RUNTIME_JAR_PREFIX = "nifi-runtime-";
    private static final String FRAMEWORK_NAR_PREFIX = "nifi-framework-nar-";

    public NiFiHome {
        directory = directory.toAbsolutePath().normalize();
    }

    /** The home named by the {@value #LOCATION_PROPERTY} system property, else the build's default location. */
    public static NiFiHome locate() {
        final String configured = System.getProperty(LOCATION_PROPERTY);
        return new NiFiHome(configured == null || configured.isBlank() ? DEFAULT_LOCATION : Path.of(configured));
    }

    public Path lib() {
        return directory.resolve("lib");
    }

    public Path extensions() {
        return directory.resolve("extensions");
    }

    /**
     * Fails with a message that says how to get a usable home, instead of letting NiFi fail later with
     * a class-not-found or an empty canvas.
     */
    public NiFiHome verify() {
        if (findFile(lib(), RUNTIME_JAR_PREFIX, ".jar").isEmpty() || findFile(lib(), FRAMEWORK_NAR_PREFIX, ".nar").isEmpty()) {
            throw new IllegalStateException("No assembled NiFi at " + directory + " (expected " + RUNTIME_JAR_PREFIX
                    + "*.jar and " + FRAMEWORK_NAR_PREFIX + "*.nar in lib/). Build it first: "
                    + "./mvnw -DskipTests -pl nifi-dataflow-local -am package");
        }
        if (!Files.isDirectory(extensions())) {
            throw new IllegalStateException("No extensions directory at " + extensions());
        }
        return this;
    }

    /** The NARs in {@code extensions/}, sorted by file name. */
    public List<Path> extensionNars() {
        return listFiles(extensions()).stream().filter(file -> file.getFileName().toString().endsWith(".nar")).toList();
    }

    /** The NiFi version of the assembly, read from the runtime jar's file name. */
    public String nifiVersion() {
        return findFile(lib(), RUNTIME_JAR_PREFIX, ".jar")
                .map(jar -> jar.getFileName().toString())
                .map(name -> name.substring(RUNTIME_JAR_PREFIX.length(), name.length() - ".jar".length()))
                .orElse("unknown");
    }

    private static Optional<Path> findFile(final Path directory, final String prefix, final String suffix) {
        return listFiles(directory).stream()
                .filter(file -> {
                    final String name = file.getFileName().toString();
                    return name.startsWith(prefix) && name.endsWith(suffix);
                })
                .findFirst();
    }

    private static List<Path> listFiles(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (final IOException e) {
            throw new IllegalStateException("Cannot list " + directory, e);
        }
    }
}
