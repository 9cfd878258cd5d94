package io.nifidataflow.local.flows;

import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nifi-mock runners for a flow's processors, configured as the flow configures them, with the flow's real services. */
final class FlowRunners {

    private FlowRunners() {
    }

    static VersionedProcessor processor(final RegisteredFlowSnapshot flow, final String name) {
        return flow.getFlowContents().getProcessors().stream().filter(processor -> processor.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no processor " + name));
    }

    /** The processor with the flow's properties, parameters resolved, and every service it names added and enabled. */
    static TestRunner runner(final RegisteredFlowSnapshot flow, final VersionedProcessor processor, final Path lookups) throws Exception {
        return runner(flow, processor, lookups, Map.of());
    }

    /** The same, with some parameters given other values. */
    static TestRunner runner(final RegisteredFlowSnapshot flow, final VersionedProcessor processor, final Path lookups,
                             final Map<String, String> parameters) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner((Class<? extends Processor>) ComponentModel.load(processor.getType())
                .orElseThrow(() -> new AssertionError(processor.getType() + " is not available")));
        for (final Map.Entry<String, String> property : FlowTemplates.resolvedProperties(processor, flow, parameters).entrySet()) {
            final boolean service = processor.getPropertyDescriptors().containsKey(property.getKey())
                    && processor.getPropertyDescriptors().get(property.getKey()).getIdentifiesControllerService();
            if (service) {
                addService(runner, flow, property.getValue(), lookups);
            }
            runner.setProperty(property.getKey(), property.getValue());
        }
        return runner;
    }

    private static void addService(final TestRunner runner, final RegisteredFlowSnapshot flow, final String id, final Path lookups) throws Exception {
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
            properties.put("csv-file", lookupFile(properties, lookups));
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
    private static String lookupFile(final Map<String, String> properties, final Path lookups) throws IOException {
        final String key = properties.get("lookup-key-column");
        assertTrue(key != null && !key.isBlank(), "the lookup names its key column");
        final Path csv = lookups.resolve(key + ".csv");
        if (!Files.exists(csv)) {
            Files.writeString(csv, key + ",name\nx-000001,first\n", StandardCharsets.UTF_8);
        }
        return csv.toString();
    }
}
