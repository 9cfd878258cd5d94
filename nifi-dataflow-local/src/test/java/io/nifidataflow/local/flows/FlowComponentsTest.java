package io.nifidataflow.local.flows;

import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            final TestRunner runner = FlowRunners.runner(flow, processor, lookups);
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
}
