package io.nifidataflow.local.nar;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.regex.Pattern;

import org.xml.sax.InputSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NAR users drop into NiFi: what NiFi reads from it to load our processors, and what its UI
 * reads to document them.
 */
class DataflowNarIT {

    private static final String GENERATE_CLICKSTREAM = "io.nifidataflow.clickstream.GenerateClickstream";

    /** Provided by the parent NAR at runtime; a second copy in our NAR breaks class identity. */
    private static final List<String> ARTIFACTS_THE_PARENT_PROVIDES = List.of(
            "nifi-api", "nifi-record-serialization-service-api", "nifi-record", "nifi-lookup-service-api",
            "nifi-distributed-cache-client-service-api", "nifi-proxy-configuration-api");

    private static NarArchive nar;
    private static List<String> processorTypes;

    @BeforeAll
    static void openNar() throws Exception {
        nar = new NarArchive(DataflowNar.locate());
        processorTypes = DataflowNar.processorTypes(nar);
    }

    @AfterAll
    static void closeNar() {
        if (nar != null) {
            nar.close();
        }
    }

    @Test
    void manifestIdentifiesTheNarAndItsParent() throws Exception {
        final Attributes manifest = nar.manifest();
        assertAll(
                () -> assertEquals("nifi-dataflow-nar", manifest.getValue("Nar-Id")),
                () -> assertEquals("io.nifidataflow", manifest.getValue("Nar-Group")),
                () -> assertFalse(manifest.getValue("Nar-Version").isBlank(), "Nar-Version"),
                () -> assertEquals("nifi-standard-services-api-nar", manifest.getValue("Nar-Dependency-Id")),
                () -> assertEquals("org.apache.nifi", manifest.getValue("Nar-Dependency-Group")),
                () -> assertFalse(manifest.getValue("Nar-Dependency-Version").isBlank(), "Nar-Dependency-Version"));
    }

    @Test
    void processorsJarRegistersOurProcessorsForTheServiceLoader() throws Exception {
        final String jar = DataflowNar.processorsJar(nar);
        assertTrue(processorTypes.contains(GENERATE_CLICKSTREAM), "registered processors: " + processorTypes);
        for (final String type : processorTypes) {
            assertTrue(type.startsWith("io.nifidataflow."), type + " is not one of ours");
            assertTrue(nar.nestedJarContains(jar, type.replace('.', '/') + ".class"), type + " is registered but not in " + jar);
        }
    }

    @Test
    void extensionManifestDescribesEveryProcessor() throws Exception {
        final Document manifest = parse(nar.text(NarArchive.EXTENSION_MANIFEST)
                .orElseThrow(() -> new AssertionError(NarArchive.EXTENSION_MANIFEST + " is missing")));
        final Map<String, String> descriptions = processorDescriptions(manifest);
        assertEquals(processorTypes.stream().sorted().toList(), descriptions.keySet().stream().sorted().toList(),
                "processors in the extension manifest");
        descriptions.forEach((type, description) ->
                assertFalse(description.isBlank(), type + " has no @CapabilityDescription"));
    }

    @Test
    void everyProcessorHasAdditionalDetails() throws Exception {
        for (final String type : processorTypes) {
            final String entry = NarArchive.ADDITIONAL_DETAILS + type + "/additionalDetails.md";
            final String details = nar.text(entry).orElseThrow(() -> new AssertionError(entry + " is missing"));
            assertTrue(details.strip().length() > 100, entry + " is nearly empty");
        }
    }

    @Test
    void bundlesNoApiThatTheParentNarProvides() {
        for (final String jar : nar.bundledJars()) {
            for (final String artifact : ARTIFACTS_THE_PARENT_PROVIDES) {
                assertFalse(jar.matches(Pattern.quote(artifact) + "-\\d.*\\.jar"),
                        jar + " is bundled but comes from the parent NAR at runtime");
            }
        }
    }

    private static Map<String, String> processorDescriptions(final Document manifest) {
        final Map<String, String> descriptions = new LinkedHashMap<>();
        final NodeList extensions = manifest.getElementsByTagName("extension");
        for (int i = 0; i < extensions.getLength(); i++) {
            final Element extension = (Element) extensions.item(i);
            if ("PROCESSOR".equals(childText(extension, "type"))) {
                descriptions.put(childText(extension, "name"), childText(extension, "description"));
            }
        }
        return descriptions;
    }

    private static String childText(final Element parent, final String name) {
        final NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent();
            }
        }
        return "";
    }

    private static Document parse(final String xml) throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
