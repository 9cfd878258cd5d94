package io.nifidataflow.local.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NiFi flow definition: the JSON that "Download flow definition" produces and that the flow upload
 * endpoint takes (a {@code RegisteredFlowSnapshot}). Changes return a copy, so a template read once can
 * be imported several times with different settings.
 */
public final class FlowDefinition {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode root;

    private FlowDefinition(final ObjectNode root) {
        this.root = root;
    }

    public static FlowDefinition read(final Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("No flow definition at " + file.toAbsolutePath().normalize());
        }
        final JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (final JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return of(root, file.toString());
    }

    public static FlowDefinition parse(final String json) throws IOException {
        return of(MAPPER.readTree(json), "the given JSON");
    }

    private static FlowDefinition of(final JsonNode root, final String source) throws IOException {
        if (!(root instanceof ObjectNode object) || !root.path("flowContents").isObject()) {
            throw new IOException(source + " is not a NiFi flow definition: it has no \"flowContents\" object. "
                    + "Export one with \"Download flow definition\" in NiFi's UI.");
        }
        return new FlowDefinition(object);
    }

    /** The name of the top-level process group. */
    public String name() {
        return root.path("flowContents").path("name").asText();
    }

    /** The parameter context the top-level group uses, if any. */
    public String parameterContextName() {
        return root.path("flowContents").path("parameterContextName").asText("");
    }

    /** Parameter names and values of the top-level group's parameter context; unset values are empty strings. */
    public Map<String, String> parameters() {
        final Map<String, String> parameters = new LinkedHashMap<>();
        for (final JsonNode parameter : parameterContext().path("parameters")) {
            parameters.put(parameter.path("name").asText(), parameter.path("value").asText(""));
        }
        return parameters;
    }

    /**
     * Sets parameter values of the top-level group's parameter context.
     *
     * @throws IllegalArgumentException when a name is not a parameter of that context: a typo would
     *                                  otherwise be silently ignored by NiFi
     */
    public FlowDefinition withParameters(final Map<String, String> values) {
        final FlowDefinition copy = copy();
        final JsonNode parameters = copy.parameterContext().path("parameters");
        final List<String> known = new ArrayList<>();
        parameters.forEach(parameter -> known.add(parameter.path("name").asText()));
        for (final Map.Entry<String, String> value : values.entrySet()) {
            if (!known.contains(value.getKey())) {
                throw new IllegalArgumentException("\"" + value.getKey() + "\" is not a parameter of the context \""
                        + parameterContextName() + "\" in flow \"" + name() + "\". Its parameters are: " + known);
            }
        }
        parameters.forEach(parameter -> {
            final String name = parameter.path("name").asText();
            if (values.containsKey(name)) {
                ((ObjectNode) parameter).put("value", values.get(name));
            }
        });
        return copy;
    }

    /**
     * Renames the top-level group's parameter context. On import NiFi reuses an existing context of the
     * same name and ignores the values in the definition; a unique name makes it take them.
     */
    public FlowDefinition withParameterContextName(final String newName) {
        final String oldName = parameterContextName();
        if (oldName.isEmpty()) {
            throw new IllegalStateException("Flow \"" + name() + "\" has no parameter context to rename");
        }
        final FlowDefinition copy = copy();
        final ObjectNode contexts = (ObjectNode) copy.root.path("parameterContexts");
        final ObjectNode context = (ObjectNode) contexts.remove(oldName);
        context.put("name", newName);
        contexts.set(newName, context);
        ((ObjectNode) copy.root.path("flowContents")).put("parameterContextName", newName);
        return copy;
    }

    /** Sets a property of every processor of the given type (fully qualified class name) in the top-level group. */
    public FlowDefinition withProcessorProperty(final String processorType, final String property, final String value) {
        final FlowDefinition copy = copy();
        int matched = 0;
        for (final JsonNode processor : copy.root.path("flowContents").path("processors")) {
            if (processorType.equals(processor.path("type").asText())) {
                ((ObjectNode) processor.path("properties")).put(property, value);
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException("Flow \"" + name() + "\" has no processor of type " + processorType);
        }
        return copy;
    }

    /**
     * Disables every processor of the given type in the top-level group: starting the group then
     * leaves it alone, and the data for it stays queued.
     */
    public FlowDefinition withProcessorsDisabled(final String processorType) {
        final FlowDefinition copy = copy();
        int matched = 0;
        for (final JsonNode processor : copy.root.path("flowContents").path("processors")) {
            if (processorType.equals(processor.path("type").asText())) {
                ((ObjectNode) processor).put("scheduledState", "DISABLED");
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException("Flow \"" + name() + "\" has no processor of type " + processorType);
        }
        return copy;
    }

    /** The processor types the flow uses, including nested groups; to check they are installed before importing. */
    public List<String> processorTypes() {
        final List<String> types = new ArrayList<>();
        collectProcessorTypes(root.path("flowContents"), types);
        return types.stream().distinct().toList();
    }

    public byte[] toBytes() {
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize flow definition", e);
        }
    }

    private JsonNode parameterContext() {
        final String contextName = parameterContextName();
        final JsonNode context = root.path("parameterContexts").path(contextName);
        if (contextName.isEmpty() || !context.isObject()) {
            throw new IllegalStateException("Flow \"" + name() + "\" has no parameter context"
                    + (contextName.isEmpty() ? "" : " named \"" + contextName + "\" in \"parameterContexts\""));
        }
        return context;
    }

    private static void collectProcessorTypes(final JsonNode group, final List<String> types) {
        group.path("processors").forEach(processor -> types.add(processor.path("type").asText()));
        group.path("processGroups").forEach(child -> collectProcessorTypes(child, types));
    }

    private FlowDefinition copy() {
        return new FlowDefinition(root.deepCopy());
    }
}
