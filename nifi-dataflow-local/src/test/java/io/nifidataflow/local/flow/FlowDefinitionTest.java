package io.nifidataflow.local.flow;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowDefinitionTest {

    private static final String FLOW = """
            {
              "flowContents": {
                "name": "Demo",
                "parameterContextName": "Demo Settings",
                "processors": [ { "type": "com.example.Generate", "properties": { "Seed": "#{Seed}" } } ],
                "processGroups": [ { "processors": [ { "type": "com.example.Sink", "properties": {} } ] } ]
              },
              "parameterContexts": {
                "Demo Settings": {
                  "name": "Demo Settings",
                  "parameters": [ { "name": "Seed", "value": "42" }, { "name": "Start Time" } ]
                }
              },
              "flowEncodingVersion": "1.0"
            }
            """;

    @Test
    void readsNameParametersAndProcessorTypesIncludingNestedGroups() throws Exception {
        final FlowDefinition flow = FlowDefinition.parse(FLOW);

        assertEquals("Demo", flow.name());
        assertEquals("Demo Settings", flow.parameterContextName());
        assertEquals(Map.of("Seed", "42", "Start Time", ""), flow.parameters());
        assertEquals(java.util.List.of("com.example.Generate", "com.example.Sink"), flow.processorTypes());
    }

    @Test
    void setsParameterValuesOnACopy() throws Exception {
        final FlowDefinition original = FlowDefinition.parse(FLOW);

        final FlowDefinition changed = original.withParameters(Map.of("Seed", "7", "Start Time", "2026-01-01T00:00:00Z"));

        assertEquals(Map.of("Seed", "7", "Start Time", "2026-01-01T00:00:00Z"), changed.parameters());
        assertEquals("42", original.parameters().get("Seed"), "the original is unchanged");
        assertEquals(changed.parameters(), FlowDefinition.parse(new String(changed.toBytes())).parameters(), "survives serialization");
    }

    @Test
    void rejectsParametersTheContextDoesNotHave() throws Exception {
        final FlowDefinition flow = FlowDefinition.parse(FLOW);

        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> flow.withParameters(Map.of("Sed", "7")));

        assertTrue(failure.getMessage().contains("Sed") && failure.getMessage().contains("Seed"), failure.getMessage());
    }

    @Test
    void renamesTheParameterContextEverywhereItIsReferenced() throws Exception {
        final FlowDefinition renamed = FlowDefinition.parse(FLOW).withParameterContextName("Run 2");

        assertEquals("Run 2", renamed.parameterContextName());
        assertEquals("42", renamed.parameters().get("Seed"), "parameters move with the context");
        final String json = new String(renamed.toBytes());
        assertTrue(json.contains("\"Run 2\":{\"name\":\"Run 2\""), json);
    }

    @Test
    void setsAPropertyOfEveryProcessorOfAType() throws Exception {
        final FlowDefinition flow = FlowDefinition.parse(FLOW).withProcessorProperty("com.example.Generate", "Seed", "1");

        assertTrue(new String(flow.toBytes()).contains("\"Seed\":\"1\""));
        assertThrows(IllegalArgumentException.class, () -> flow.withProcessorProperty("com.example.Missing", "Seed", "1"));
    }

    @Test
    void namesTheFileThatIsMissing() {
        final IOException failure = assertThrows(IOException.class, () -> FlowDefinition.read(Path.of("no-such-flow.json")));

        assertTrue(failure.getMessage().contains("no-such-flow.json"), failure.getMessage());
    }

    @Test
    void explainsWhatIsWrongWithJsonThatIsNotAFlowDefinition() {
        final IOException failure = assertThrows(IOException.class, () -> FlowDefinition.parse("{\"processors\": []}"));

        assertTrue(failure.getMessage().contains("flowContents"), failure.getMessage());
    }
}
