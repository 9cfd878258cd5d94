package io.nifidataflow.local.nar;

import io.nifidataflow.local.runtime.NiFiHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stand-in for nifi-standard-nar that the local runtime loads: built from the
 * nifi-standard-processors jar, it must sit where nifi-standard-nar sits in the NAR hierarchy and must
 * not carry its own copies of the service APIs.
 */
class LocalStandardNarIT {

    private static final String ARTIFACT = "nifi-dataflow-local-standard-nar";

    private static NarArchive nar;

    @BeforeAll
    static void openNar() throws Exception {
        nar = new NarArchive(onlyNar(NiFiHome.locate().extensionNars(), ARTIFACT));
    }

    @AfterAll
    static void closeNar() {
        if (nar != null) {
            nar.close();
        }
    }

    @Test
    void hasTheParentOfNiFisStandardNar() throws Exception {
        final Attributes manifest = nar.manifest();

        assertEquals(ARTIFACT, manifest.getValue("Nar-Id"));
        assertEquals("io.nifidataflow.local", manifest.getValue("Nar-Group"), "not io.nifidataflow, which names our own processors");
        assertEquals("org.apache.nifi", manifest.getValue("Nar-Dependency-Group"));
        assertEquals("nifi-standard-shared-nar", manifest.getValue("Nar-Dependency-Id"));
    }

    @Test
    void bundlesTheStandardProcessorsWithTheirDocumentation() throws Exception {
        final List<String> jars = nar.bundledJars();
        final String processorsJar = jars.stream().filter(jar -> jar.startsWith("nifi-standard-processors-")).findFirst()
                .orElseThrow(() -> new AssertionError("nifi-standard-processors is not bundled: " + jars));

        assertTrue(nar.services(processorsJar, NarArchive.PROCESSOR_SERVICES).contains("org.apache.nifi.processors.standard.PutFile"));
        final String manifest = nar.text(NarArchive.EXTENSION_MANIFEST).orElseThrow(() -> new AssertionError("no extension manifest"));
        assertTrue(manifest.contains("<name>org.apache.nifi.processors.standard.PutFile</name>"), "PutFile is documented");
    }

    @Test
    void bundlesNoServiceApiThatTheParentNarsProvide() throws Exception {
        final Path servicesApiNar = onlyNar(libNars(), "nifi-standard-services-api-nar");
        final Set<String> provided;
        try (NarArchive parent = new NarArchive(servicesApiNar)) {
            provided = Set.copyOf(parent.bundledJars());
        }
        final Set<String> duplicated = nar.bundledJars().stream().filter(provided::contains).collect(Collectors.toSet());

        assertFalse(provided.isEmpty(), "no jars found in " + servicesApiNar);
        assertEquals(Set.of(), duplicated, "service API jars bundled again; processors would not see the services' classes");
    }

    private static List<Path> libNars() throws Exception {
        try (Stream<Path> files = Files.list(NiFiHome.locate().lib())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".nar")).toList();
        }
    }

    private static Path onlyNar(final List<Path> nars, final String artifact) {
        final List<Path> matching = nars.stream().filter(nar -> nar.getFileName().toString().startsWith(artifact + "-")).toList();
        if (matching.size() != 1) {
            throw new IllegalStateException("Expected exactly one " + artifact + "-*.nar, found " + matching + " in " + nars);
        }
        return matching.getFirst();
    }
}
