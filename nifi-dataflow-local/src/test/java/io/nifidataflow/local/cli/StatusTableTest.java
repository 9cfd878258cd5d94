package io.nifidataflow.local.cli;

import io.nifidataflow.local.api.ConnectionStatus;
import io.nifidataflow.local.api.Counter;
import io.nifidataflow.local.api.ProcessGroupStatus;
import io.nifidataflow.local.api.ProcessorStatus;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusTableTest {

    private static final ProcessorStatus GENERATOR = new ProcessorStatus("p1", "g", "Generate Clickstream",
            "GenerateClickstream", "Running", 0, 0, 12, 3 * 1024 * 1024, 1);
    private static final ConnectionStatus QUEUE = new ConnectionStatus("c1", "", "p1", "Generate Clickstream", "f1",
            "Funnel", 12, 3 * 1024 * 1024, 0, 3);
    private static final ProcessGroupStatus STATUS = new ProcessGroupStatus("g", "Clickstream Demo", List.of(GENERATOR),
            List.of(QUEUE), 12, 3 * 1024 * 1024);

    @Test
    void showsEachProcessorWithItsTrafficAndItsOwnCounters() {
        final List<Counter> counters = List.of(
                new Counter("Generate Clickstream (p1)", "Events Generated", 12_000),
                new Counter("All GenerateClickstream's", "Events Generated", 99_000),
                new Counter("Generate Clickstream (p1)", "Malformed Records Generated", 0));

        final String table = StatusTable.render(STATUS, counters, LocalTime.of(12, 0, 5));

        assertTrue(table.startsWith("[12:00:05] Clickstream Demo: 12 (3.0 MB) queued"), table);
        final String processorLine = line(table, "Generate Clickstream  ");
        assertTrue(processorLine.contains("Running (1 active)"), processorLine);
        assertTrue(processorLine.contains("12 (3.0 MB)"), processorLine);
        assertTrue(processorLine.endsWith("Events Generated 12,000"), "own counters only, zeros left out: " + processorLine);
        assertFalse(table.contains("99,000"), table);
    }

    @Test
    void showsWhatIsQueuedWhereAndHowCloseToBackPressure() {
        final String line = line(StatusTable.render(STATUS, List.of(), LocalTime.NOON), "Generate Clickstream -> Funnel");

        assertTrue(line.contains("12 (3.0 MB)"), line);
        assertTrue(line.endsWith("0% / 3%"), line);
    }

    @Test
    void formatsSizesLikeNiFi() {
        assertEquals("512 B", StatusTable.bytes(512));
        assertEquals("1.5 KB", StatusTable.bytes(1536));
        assertEquals("2.0 GB", StatusTable.bytes(2L * 1024 * 1024 * 1024));
        assertEquals("1,234 (0 B)", StatusTable.traffic(1234, 0));
    }

    private static String line(final String table, final String start) {
        return table.lines().map(String::strip).filter(line -> line.startsWith(start.strip())).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + start + " in" + System.lineSeparator() + table));
    }
}
