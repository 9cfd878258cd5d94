package io.nifidataflow.local.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidataflow.local.cli.RunLocal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped demo flow definition is hand-maintained JSON; these checks catch the mistakes that NiFi
 * would only report after an import (a wrong bundle, an unconfigured writer, a parameter that no
 * property uses).
 */
class ClickstreamDemoTemplateTest {

    static final Path TEMPLATE = Path.of("..", "flow-templates", "ecommerce", "clickstream-demo.json");
    private static final String GENERATE_CLICKSTREAM = "io.nifidataflow.clickstream.GenerateClickstream";
    private static final String PUT_FILE = "org.apache.nifi.processors.standard.PutFile";

    private static JsonNode flow;
    private static JsonNode generator;

    @BeforeAll
    static void read() throws Exception {
        flow = new ObjectMapper().readTree(TEMPLATE.toFile());
        generator = find(flow.path("flowContents").path("processors"), "type", GENERATE_CLICKSTREAM);
    }

    @Test
    void isAFlowDefinitionWithAParameterContext() throws Exception {
        final FlowDefinition definition = FlowDefinition.read(TEMPLATE);

        assertEquals("Clickstream Demo", definition.name());
        assertTrue(definition.parameters().containsKey("Seed"), definition.parameters().toString());
        assertTrue(definition.processorTypes().contains(GENERATE_CLICKSTREAM), definition.processorTypes().toString());
    }

    @Test
    void generatorComesFromOurNar() {
        assertEquals("io.nifidataflow", generator.path("bundle").path("group").asText());
        assertEquals("nifi-dataflow-nar", generator.path("bundle").path("artifact").asText());
    }

    @Test
    void generatorWritesWithAJsonWriterThatKeepsTheRecordSchema() {
        final String writerId = generator.path("properties").path("Record Writer").asText();
        final JsonNode writer = find(flow.path("flowContents").path("controllerServices"), "identifier", writerId);

        assertEquals("org.apache.nifi.json.JsonRecordSetWriter", writer.path("type").asText());
        assertEquals("nifi-record-serialization-services-nar", writer.path("bundle").path("artifact").asText());
        assertEquals("no-schema", writer.path("properties").path("Schema Write Strategy").asText());
        assertEquals("inherit-record-schema", writer.path("properties").path("schema-access-strategy").asText());
    }

    @Test
    void everyParameterIsUsedAndEveryGeneratorSettingIsAParameter() throws Exception {
        final List<String> parameters = new ArrayList<>(FlowDefinition.read(TEMPLATE).parameters().keySet());
        final List<String> referenced = new ArrayList<>();
        for (final JsonNode processor : flow.path("flowContents").path("processors")) {
            processor.path("properties").properties().forEach(property -> {
                final String value = property.getValue().asText();
                if (value.startsWith("#{")) {
                    referenced.add(value.substring(2, value.length() - 1));
                }
            });
        }
        final long literalGeneratorSettings = generator.path("properties").properties().stream()
                .filter(property -> !property.getKey().equals("Record Writer"))
                .filter(property -> !property.getValue().asText().startsWith("#{"))
                .count();

        assertEquals(parameters.stream().sorted().toList(), referenced.stream().sorted().toList());
        assertEquals(0, literalGeneratorSettings, "generator settings not taken from the parameter context");
    }

    @Test
    void generatedEventsGoWithBackPressureToPutFileWhichWritesIntoTheOutputDirectory() {
        final JsonNode events = find(flow.path("flowContents").path("connections"), "source.id",
                generator.path("identifier").asText());
        final JsonNode writer = find(flow.path("flowContents").path("processors"), "identifier",
                events.path("destination").path("id").asText());

        assertEquals("success", events.path("selectedRelationships").path(0).asText());
        assertTrue(events.path("backPressureObjectThreshold").asLong() > 0);
        assertFalse(events.path("backPressureDataSizeThreshold").asText().isBlank());
        assertEquals(PUT_FILE, writer.path("type").asText());
        assertEquals("nifi-standard-nar", writer.path("bundle").path("artifact").asText(),
                "the upstream coordinates: the flow also imports into a real NiFi, and the local runtime maps them");
        assertEquals("#{" + RunLocal.OUTPUT_DIRECTORY_PARAMETER + "}", writer.path("properties").path("Directory").asText());
    }

    @Test
    void filesThatCannotBeWrittenAreKeptInAQueue() {
        final JsonNode writer = find(flow.path("flowContents").path("processors"), "type", PUT_FILE);
        final JsonNode failures = find(flow.path("flowContents").path("connections"), "source.id",
                writer.path("identifier").asText());

        assertEquals(List.of("failure"), List.of(failures.path("selectedRelationships").path(0).asText()));
        assertFalse(writer.path("autoTerminatedRelationships").toString().contains("failure"));
    }

    private static JsonNode find(final JsonNode components, final String field, final String value) {
        for (final JsonNode component : components) {
            final JsonNode actual = field.equals("source.id") ? component.path("source").path("id") : component.path(field);
            if (value.equals(actual.asText())) {
                return component;
            }
        }
        throw new AssertionError("No component with " + field + " = " + value);
    }
}
