package io.nifidataflow.local.flows;

import org.apache.nifi.flow.Bundle;
import org.apache.nifi.flow.ConnectableComponent;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.flow.VersionedPropertyDescriptor;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wiring of every flow definition in flow-templates/: what NiFi would only show, broken, after an import. */
class FlowStructureTest {

    static Stream<Path> flows() {
        return FlowTemplates.all().stream();
    }

    @Test
    void theIssueFlowsAreThere() {
        final Set<String> names = new HashSet<>(FlowTemplates.all().stream().map(FlowTemplates::name).toList());
        assertTrue(names.containsAll(List.of("ecommerce/recommendations-gcp.json", "ecommerce/recommendations-local.json",
                "daily-batch/daily-batch.json")), names.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void isAFlowDefinitionWithItsOwnParameterContext(final Path file) {
        final RegisteredFlowSnapshot flow = FlowTemplates.read(file);

        assertEquals("1.0", flow.getFlowEncodingVersion());
        assertNotNull(FlowTemplates.context(flow), "the group's parameter context is in parameterContexts");
        assertEquals(1, flow.getParameterContexts().size(), "one context per flow");
        assertTrue(flow.getExternalControllerServices() == null || flow.getExternalControllerServices().isEmpty(),
                "every service is inside the flow");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void everyReferencedParameterExists(final Path file) {
        final RegisteredFlowSnapshot flow = FlowTemplates.read(file);
        final Set<String> parameters = FlowTemplates.parameters(flow).keySet();
        final List<String> missing = new ArrayList<>();
        for (final VersionedConfigurableExtension component : extensions(flow.getFlowContents())) {
            component.getProperties().forEach((property, value) -> FlowTemplates.referencedParameters(value).stream()
                    .filter(name -> !parameters.contains(name))
                    .forEach(name -> missing.add(component.getName() + " / " + property + " -> #{" + name + "}")));
        }
        for (final VersionedProcessor processor : flow.getFlowContents().getProcessors()) {
            FlowTemplates.referencedParameters(processor.getSchedulingPeriod()).stream().filter(name -> !parameters.contains(name))
                    .forEach(name -> missing.add(processor.getName() + " / schedule -> #{" + name + "}"));
        }
        assertEquals(List.of(), missing);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void noSensitiveValueIsInTheFile(final Path file) {
        final RegisteredFlowSnapshot flow = FlowTemplates.read(file);
        final Map<String, VersionedParameter> parameters = FlowTemplates.parameters(flow);
        final List<String> problems = new ArrayList<>();
        parameters.values().stream().filter(VersionedParameter::isSensitive).filter(parameter -> parameter.getValue() != null)
                .forEach(parameter -> problems.add("sensitive parameter " + parameter.getName() + " has a value"));
        for (final VersionedConfigurableExtension component : extensions(flow.getFlowContents())) {
            component.getProperties().forEach((property, value) -> {
                if (value == null || !isSensitive(component, property)) {
                    return;
                }
                final Set<String> referenced = FlowTemplates.referencedParameters(value);
                final boolean bareSensitiveReference = referenced.size() == 1 && value.equals("#{" + referenced.iterator().next() + "}")
                        && parameters.containsKey(referenced.iterator().next()) && parameters.get(referenced.iterator().next()).isSensitive();
                if (!bareSensitiveReference) {
                    problems.add(component.getName() + " / " + property + " is sensitive but holds " + (referenced.isEmpty() ? "a literal" : value));
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    private static boolean isSensitive(final VersionedConfigurableExtension component, final String property) {
        final VersionedPropertyDescriptor declared = component.getPropertyDescriptors() == null ? null : component.getPropertyDescriptors().get(property);
        return declared != null && declared.isSensitive()
                || ComponentModel.of(component.getType()).map(model -> model.sensitive(property)).orElse(false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void bundlesAreOursOrApacheNiFis(final Path file) {
        final RegisteredFlowSnapshot flow = FlowTemplates.read(file);
        for (final VersionedConfigurableExtension component : extensions(flow.getFlowContents())) {
            final Bundle bundle = component.getBundle();
            assertNotNull(bundle, component.getName() + " has a bundle");
            assertTrue(Set.of("io.nifidataflow", "org.apache.nifi").contains(bundle.getGroup()), component.getName() + ": " + bundle.getGroup());
            assertNotNull(component.getPropertyDescriptors(), component.getName() + " has propertyDescriptors, which NiFi's import needs");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void controllerServiceReferencesPointAtServicesInTheFlow(final Path file) {
        final RegisteredFlowSnapshot flow = FlowTemplates.read(file);
        final Set<String> services = new HashSet<>();
        flow.getFlowContents().getControllerServices().forEach(service -> services.add(service.getIdentifier()));
        for (final VersionedConfigurableExtension component : extensions(flow.getFlowContents())) {
            component.getPropertyDescriptors().values().stream().filter(VersionedPropertyDescriptor::getIdentifiesControllerService)
                    .forEach(descriptor -> {
                        final String value = component.getProperties().get(descriptor.getName());
                        assertTrue(value == null || services.contains(value), component.getName() + " / " + descriptor.getName() + " = " + value);
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void connectionsJoinExistingComponentsByRealRelationships(final Path file) {
        final RegisteredFlowSnapshot flow = FlowTemplates.read(file);
        final VersionedProcessGroup group = flow.getFlowContents();
        final Map<String, Object> components = FlowTemplates.components(group);
        for (final VersionedConnection connection : group.getConnections()) {
            for (final ConnectableComponent end : List.of(connection.getSource(), connection.getDestination())) {
                assertTrue(components.containsKey(end.getId()), connection.getName() + ": no component " + end.getId());
                assertEquals(group.getIdentifier(), end.getGroupId(), connection.getName() + ": group of " + end.getName());
            }
            assertTrue(connection.getLoadBalanceStrategy() == null || Set.of("DO_NOT_LOAD_BALANCE", "PARTITION_BY_ATTRIBUTE", "ROUND_ROBIN",
                    "SINGLE_NODE").contains(connection.getLoadBalanceStrategy()), connection.getName() + ": " + connection.getLoadBalanceStrategy());
            if ("PARTITION_BY_ATTRIBUTE".equals(connection.getLoadBalanceStrategy())) {
                assertFalse(connection.getPartitioningAttribute() == null || connection.getPartitioningAttribute().isBlank(),
                        connection.getName() + " is partitioned by attribute, so it names one");
            }
            if (components.get(connection.getSource().getId()) instanceof VersionedProcessor source) {
                final Set<String> relationships = relationships(flow, source);
                assertTrue(relationships.containsAll(connection.getSelectedRelationships()),
                        connection.getName() + ": " + connection.getSelectedRelationships() + " not all in " + relationships);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void everyRelationshipIsConnectedOrAutoTerminated(final Path file) {
        final RegisteredFlowSnapshot flow = FlowTemplates.read(file);
        final VersionedProcessGroup group = flow.getFlowContents();
        final List<String> dangling = new ArrayList<>();
        for (final VersionedProcessor processor : group.getProcessors()) {
            final Set<String> handled = new TreeSet<>(processor.getAutoTerminatedRelationships() == null ? Set.of() : processor.getAutoTerminatedRelationships());
            group.getConnections().stream().filter(connection -> connection.getSource().getId().equals(processor.getIdentifier()))
                    .forEach(connection -> handled.addAll(connection.getSelectedRelationships()));
            final Set<String> relationships = relationships(flow, processor);
            relationships.stream().filter(relationship -> !handled.contains(relationship))
                    .forEach(relationship -> dangling.add(processor.getName() + " / " + relationship));
            handled.stream().filter(relationship -> !relationships.contains(relationship))
                    .forEach(relationship -> dangling.add(processor.getName() + " handles unknown " + relationship));
        }
        assertEquals(List.of(), dangling);
    }

    private static Set<String> relationships(final RegisteredFlowSnapshot flow, final VersionedProcessor processor) {
        final ComponentModel model = ComponentModel.of(processor.getType())
                .orElseThrow(() -> new AssertionError("no model of " + processor.getType() + ": add it to " + ComponentModel.REFERENCE_LIST));
        return model.relationships(FlowTemplates.resolvedProperties(processor, flow, Map.of()));
    }

    static List<VersionedConfigurableExtension> extensions(final VersionedProcessGroup group) {
        final List<VersionedConfigurableExtension> extensions = new ArrayList<>();
        extensions.addAll(group.getProcessors());
        extensions.addAll(group.getControllerServices());
        group.getProcessGroups().forEach(child -> extensions.addAll(extensions(child)));
        return extensions;
    }
}
