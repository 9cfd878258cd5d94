package io.nifidataflow.local.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped demo flow definition is hand-maintained JSON; these checks catch the mistakes that NiFi
 * would only report after an import (a wrong bundle, an unconfigured writer, a parameter that no
 * property uses).
 */
class ClickstreamDemoTemplateTest {

    static final Path TEMPLATE = Path.of("..", "flow-templates", "ecommerce", "clickstream-demo.json");
    private static final String GENERATE_CLICKSTREAM = "io.nifidataflow.clickstream.GenerateClickstream";

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
    void everyGeneratorSettingIsAParameterOfTheContext() throws Exception {
        final List<String> parameters = new ArrayList<>(FlowDefinition.read(TEMPLATE).parameters().keySet());
        final List<String> referenced = new ArrayList<>();
        generator.path("properties").properties().forEach(property -> {
            final String value = property.getValue().asText();
            if (value.startsWith("#{")) {
                referenced.add(value.substring(2, value.length() - 1));
            }
        });

        assertEquals(parameters.stream().sorted().toList(), referenced.stream().sorted().toList());
    }

    @Test
    void generatorOutputIsConnectedWithBackPressure() {
        final JsonNode connection = find(flow.path("flowContents").path("connections"), "source.id",
                generator.path("identifier").asText());

        assertEquals("success", connection.path("selectedRelationships").path(0).asText());
        assertTrue(connection.path("backPressureObjectThreshold").asLong() > 0);
        assertTrue(!connection.path("backPressureDataSizeThreshold").asText().isBlank());
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
