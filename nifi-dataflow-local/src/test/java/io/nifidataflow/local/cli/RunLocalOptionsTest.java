package io.nifidataflow.local.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLocalOptionsTest {

    @Test
    void runsTheClickstreamDemoByDefault() {
        final RunLocalOptions options = RunLocalOptions.parse(List.of());

        assertEquals(Path.of("flow-templates/ecommerce/recommendations-local.json"), options.flow());
        assertEquals(Map.of(), options.parameters());
        assertEquals(Duration.ofSeconds(5), options.statusInterval());
        assertFalse(options.help());
    }

    @Test
    void takesAnotherFlowAndParameterValuesThatMayContainEqualsSigns() {
        final RunLocalOptions options = RunLocalOptions.parse(List.of("--flow", "my.json", "--param", "Seed=7",
                "--param", "Filter=a=b", "--interval", "2", "--heap", "2g", "--work-dir", "/tmp/run"));

        assertEquals(Path.of("my.json"), options.flow());
        assertEquals(Map.of("Seed", "7", "Filter", "a=b"), options.parameters());
        assertEquals(Duration.ofSeconds(2), options.statusInterval());
        assertEquals("2g", options.maxHeap());
        assertEquals(Path.of("/tmp/run"), options.workDirectory());
    }

    @Test
    void explainsMistakes() {
        assertMessage(List.of("--flw", "x"), "Unknown option \"--flw\"");
        assertMessage(List.of("--flow"), "--flow needs a value");
        assertMessage(List.of("--param", "Seed"), "NAME=VALUE");
        assertMessage(List.of("--interval", "0"), "positive");
        assertMessage(List.of("--heap", "lots"), "512m");
    }

    @Test
    void usageNamesEveryOption() {
        for (final String option : List.of("--flow", "--param", "--work-dir", "--nifi-home", "--interval", "--heap", "--help")) {
            assertTrue(RunLocalOptions.USAGE.contains(option), option);
        }
    }

    private static void assertMessage(final List<String> arguments, final String expected) {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> RunLocalOptions.parse(arguments));
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }
}
