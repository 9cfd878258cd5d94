package io.nifidataflow.local.flows;

import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every component of every flow, configured as the flow configures it: our processors must be valid in nifi-mock with
 * the flow's real services; NiFi's components may only use property names and values their descriptors allow.
 */
class FlowComponentsTest {

    private static final String OUR_GROUP = "io.nifidataflow";

    @TempDir
    Path lookups;

    static Stream<Path> flows() {
        return FlowTemplates.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void ourProcessorsAreValidWithTheFlowsPropertiesAndServices(final Path file) throws Exception {
        final RegisteredFlowSnapshot flow = FlowTemplates.read(file);
        final List<VersionedProcessor> ours = flow.getFlowContents().getProcessors().stream()
                .filter(processor -> OUR_GROUP.equals(processor.getBundle().getGroup())).toList();
        for (final VersionedProcessor processor : ours) {
            final TestRunner runner = TestRunners.newTestRunner((Class<? extends Processor>) Class.forName(processor.getType()));
            final Map<String, String> properties = FlowTemplates.resolvedProperties(processor, flow, Map.of());
            for (final Map.Entry<String, String> property : properties.entrySet()) {
                final boolean service = processor.getPropertyDescriptors().containsKey(property.getKey())
                        && processor.getPropertyDescriptors().get(property.getKey()).getIdentifiesControllerService();
                if (service) {
                    addService(runner, flow, property.getValue());
                }
                runner.setProperty(property.getKey(), property.getValue());
            }
            try {
                runner.assertValid();
            } catch (final AssertionError e) {
                throw new AssertionError(FlowTemplates.name(file) + " / " + processor.getName() + ": " + e.getMessage(), e);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void nifiComponentsUseRealPropertyNamesAndAllowableValues(final Path file) {
        final RegisteredFlowSnapshot flow = FlowTemplates.read(file);
        final List<String> problems = new ArrayList<>();
        for (final VersionedConfigurableExtension component : FlowStructureTest.extensions(flow.getFlowContents())) {
            if (OUR_GROUP.equals(component.getBundle().getGroup())) {
                continue;
            }
            final Optional<ComponentModel> model = ComponentModel.of(component.getType());
            if (model.isEmpty()) {
                problems.add(component.getName() + ": " + component.getType() + " is neither on the classpath nor in " + ComponentModel.REFERENCE_LIST);
                continue;
            }
            FlowTemplates.resolvedProperties(component, flow, Map.of()).forEach((property, value) -> {
                // A misspelt property of a component that takes dynamic properties would pass as dynamic: only names the
                // flow itself declares dynamic may be missing from the component's own.
                final boolean dynamic = component.getPropertyDescriptors().containsKey(property)
                        && component.getPropertyDescriptors().get(property).isDynamic();
                if (dynamic ? !model.get().accepts(property) : !model.get().supports(property)) {
                    problems.add(component.getName() + ": no " + (dynamic ? "dynamic " : "") + "property '" + property + "' in " + model.get().source()
                            + ", whose properties are " + model.get().names());
                    return;
                }
                final Set<String> allowed = model.get().allowableValues(property);
                if (!allowed.isEmpty() && !allowed.contains(value)) {
                    problems.add(component.getName() + " / " + property + ": '" + value + "' is not one of " + allowed);
                }
            });
        }
        assertEquals(List.of(), problems, FlowTemplates.name(file));
    }

    /** Adds the flow's service with this id to the runner, as the real class, configured and enabled like the flow's. */
    private void addService(final TestRunner runner, final RegisteredFlowSnapshot flow, final String id) throws Exception {
        if (runner.getProcessContext().getControllerServiceLookup().getControllerService(id) != null) {
            return;
        }
        final VersionedControllerService versioned = flow.getFlowContents().getControllerServices().stream()
                .filter(service -> service.getIdentifier().equals(id)).findFirst().orElse(null);
        assertNotNull(versioned, "no service " + id);
        final ControllerService service = (ControllerService) ComponentModel.load(versioned.getType())
                .orElseThrow(() -> new AssertionError(versioned.getType() + " is not available")).getDeclaredConstructor().newInstance();
        final Map<String, String> properties = FlowTemplates.resolvedProperties(versioned, flow, Map.of());
        if (versioned.getType().endsWith("CSVRecordLookupService")) {
            properties.put("csv-file", lookupFile(properties));
        }
        try {
            runner.addControllerService(id, service, properties);
        } catch (final InitializationException e) {
            throw new AssertionError(versioned.getName() + " cannot be added", e);
        }
        runner.assertValid(service);
        runner.enableControllerService(service);
    }

    /** The lookup file the flow names lives on the user's machine; the service is checked against one of the same shape. */
    private String lookupFile(final Map<String, String> properties) throws IOException {
        final String key = properties.get("lookup-key-column");
        assertTrue(key != null && !key.isBlank(), "the lookup names its key column");
        final Path csv = lookups.resolve(key + ".csv");
        Files.writeString(csv, key + ",name\nx-000001,first\n", StandardCharsets.UTF_8);
        return csv.toString();
    }
}
