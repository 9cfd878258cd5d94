package io.nifidataflow.local.flows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Classes of NiFi NARs whose jars are not published on their own (nifi-lookup-services is only inside its NAR): found in
 * the NARs the build assembles into nifi-home/extensions, loaded with the test class path as parent so that they share
 * its NiFi API classes with nifi-mock, as a NAR shares its parent NAR's.
 */
final class NarClasses {

    private static final Map<Path, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    private NarClasses() {
    }

    static Optional<Class<?>> find(final String type) {
        final Path extensions = Path.of(System.getProperty("nifi.local.home", "target/nifi-home"), "extensions");
        if (!Files.isDirectory(extensions)) {
            return Optional.empty();
        }
        final String entry = type.replace('.', '/') + ".class";
        try (Stream<Path> nars = Files.list(extensions)) {
            for (final Path nar : nars.filter(file -> file.toString().endsWith(".nar")).sorted().toList()) {
                final ClassLoader loader = LOADERS.computeIfAbsent(nar, NarClasses::loader);
                if (loader.getResource(entry) != null) {
                    return Optional.of(Class.forName(type, true, loader));
                }
            }
            return Optional.empty();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static ClassLoader loader(final Path nar) {
        try {
            final Path directory = Files.createTempDirectory("flow-test-" + nar.getFileName());
            final List<URL> jars = new ArrayList<>();
            try (ZipFile zip = new ZipFile(nar.toFile())) {
                final Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    final ZipEntry jar = entries.nextElement();
                    // NiFi 2 NARs keep them under META-INF/, 1.x NARs under NAR-INF/.
                    if (jar.getName().contains("/bundled-dependencies/") && jar.getName().endsWith(".jar")) {
                        final Path target = directory.resolve(Path.of(jar.getName()).getFileName().toString());
                        try (InputStream in = zip.getInputStream(jar)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                        target.toFile().deleteOnExit();
                        jars.add(target.toUri().toURL());
                    }
                }
            }
            directory.toFile().deleteOnExit();
            return new URLClassLoader(jars.toArray(URL[]::new), NarClasses.class.getClassLoader());
        } catch (final MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
