package io.nifidataflow.local.nar;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Read access to a NAR and to the jars bundled in it, as NiFi's NAR unpacker sees them. */
public final class NarArchive implements AutoCloseable {

    static final String BUNDLED_DEPENDENCIES = "META-INF/bundled-dependencies/";
    static final String EXTENSION_MANIFEST = "META-INF/docs/extension-manifest.xml";
    static final String ADDITIONAL_DETAILS = "META-INF/docs/additional-details/";
    static final String PROCESSOR_SERVICES = "META-INF/services/org.apache.nifi.processor.Processor";

    private final Path file;
    private final JarFile jar;

    public NarArchive(final Path file) throws IOException {
        this.file = file;
        this.jar = new JarFile(file.toFile());
    }

    public Path file() {
        return file;
    }

    public Attributes manifest() throws IOException {
        final Manifest manifest = jar.getManifest();
        if (manifest == null) {
            throw new IOException(file + " has no META-INF/MANIFEST.MF");
        }
        return manifest.getMainAttributes();
    }

    /** File names of the jars in {@code META-INF/bundled-dependencies/}. */
    public List<String> bundledJars() {
        return Collections.list(jar.entries()).stream()
                .map(ZipEntry::getName)
                .filter(name -> name.startsWith(BUNDLED_DEPENDENCIES) && name.endsWith(".jar"))
                .map(name -> name.substring(BUNDLED_DEPENDENCIES.length()))
                .sorted()
                .toList();
    }

    public Optional<String> text(final String entryName) throws IOException {
        final ZipEntry entry = jar.getEntry(entryName);
        if (entry == null) {
            return Optional.empty();
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Class names a bundled jar registers in a {@code META-INF/services} file, without comments. */
    public List<String> services(final String bundledJar, final String serviceFile) throws IOException {
        final byte[] nested = bytes(BUNDLED_DEPENDENCIES + bundledJar);
        return entryInNestedJar(nested, serviceFile)
                .map(content -> Arrays.stream(new String(content, StandardCharsets.UTF_8).split("\\R"))
                        .map(line -> line.replaceFirst("#.*", "").strip())
                        .filter(line -> !line.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    /** Whether a bundled jar contains the entry, e.g. a class file. */
    public boolean nestedJarContains(final String bundledJar, final String entryName) throws IOException {
        return entryInNestedJar(bytes(BUNDLED_DEPENDENCIES + bundledJar), entryName).isPresent();
    }

    private byte[] bytes(final String entryName) throws IOException {
        final ZipEntry entry = jar.getEntry(entryName);
        if (entry == null) {
            throw new IOException(file + " has no entry " + entryName);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static Optional<byte[]> entryInNestedJar(final byte[] nestedJar, final String entryName) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(nestedJar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(entryName)) {
                    return Optional.of(zip.readAllBytes());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            jar.close();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
