package io.nifidataflow.local.flows;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Every flow definition under flow-templates/, read the way NiFi reads an uploaded one, plus its parameters. */
final class FlowTemplates {

    static final Path ROOT = Path.of("..", "flow-templates");
    private static final Pattern PARAMETER_REFERENCE = Pattern.compile("#\\{([^}]+)}");

    /**
     * NiFi's upload mapper (ProcessGroupResource) skips nulls and ignores unknown keys. This one fails on unknown keys
     * instead: NiFi would silently drop a misspelt key such as "scheduledstate", and we want to hear about it.
     */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private FlowTemplates() {
    }

    static List<Path> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RegisteredFlowSnapshot read(final Path file) {
        try {
            return MAPPER.readValue(file.toFile(), RegisteredFlowSnapshot.class);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as a flow definition", e);
        }
    }

    static VersionedParameterContext context(final RegisteredFlowSnapshot flow) {
        final String name = flow.getFlowContents().getParameterContextName();
        return name == null || flow.getParameterContexts() == null ? null : flow.getParameterContexts().get(name);
    }

    static Map<String, VersionedParameter> parameters(final RegisteredFlowSnapshot flow) {
        final Map<String, VersionedParameter> parameters = new LinkedHashMap<>();
        final VersionedParameterContext context = context(flow);
        if (context != null) {
            context.getParameters().forEach(parameter -> parameters.put(parameter.getName(), parameter));
        }
        return parameters;
    }

    static Set<String> referencedParameters(final String value) {
        final Set<String> names = new TreeSet<>();
        if (value != null) {
            final Matcher matcher = PARAMETER_REFERENCE.matcher(value);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** The value NiFi would use: every #{reference} replaced by its parameter's value; null when it resolves to nothing. */
    static String resolve(final String value, final Map<String, VersionedParameter> parameters, final Map<String, String> overrides) {
        if (value == null) {
            return null;
        }
        final Matcher matcher = PARAMETER_REFERENCE.matcher(value);
        final StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            final String name = matcher.group(1);
            final VersionedParameter parameter = parameters.get(name);
            final String replacement = overrides.containsKey(name) ? overrides.get(name) : parameter == null ? null : parameter.getValue();
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement == null ? "" : replacement));
        }
        matcher.appendTail(resolved);
        return resolved.isEmpty() ? null : resolved.toString();
    }

    static Map<String, String> resolvedProperties(final VersionedConfigurableExtension component, final RegisteredFlowSnapshot flow,
                                                  final Map<String, String> overrides) {
        final Map<String, VersionedParameter> parameters = parameters(flow);
        final Map<String, String> resolved = new LinkedHashMap<>();
        component.getProperties().forEach((name, value) -> {
            final String effective = resolve(value, parameters, overrides);
            if (effective != null) {
                resolved.put(name, effective);
            }
        });
        return resolved;
    }

    /** Every component of the group and its descendants, by versioned identifier. */
    static Map<String, Object> components(final VersionedProcessGroup group) {
        final Map<String, Object> components = new HashMap<>();
        group.getProcessors().forEach(c -> components.put(c.getIdentifier(), c));
        group.getFunnels().forEach(c -> components.put(c.getIdentifier(), c));
        group.getInputPorts().forEach(c -> components.put(c.getIdentifier(), c));
        group.getOutputPorts().forEach(c -> components.put(c.getIdentifier(), c));
        group.getControllerServices().forEach(c -> components.put(c.getIdentifier(), c));
        group.getProcessGroups().forEach(child -> components.putAll(components(child)));
        return components;
    }

    static String name(final Path file) {
        return ROOT.relativize(file).toString();
    }
}
