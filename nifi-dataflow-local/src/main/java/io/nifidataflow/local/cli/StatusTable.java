package io.nifidataflow.local.cli;

import io.nifidataflow.local.api.ConnectionStatus;
import io.nifidataflow.local.api.Counter;
import io.nifidataflow.local.api.ProcessGroupStatus;
import io.nifidataflow.local.api.ProcessorStatus;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders a process group's status as a compact text table: one line per processor with its
 * FlowFiles in and out over NiFi's five-minute window and its counters (records generated, written,
 * ...), then one line per queue. NiFi has no per-processor record count; processors that count
 * records publish them as counters, which is why those are shown.
 */
final class StatusTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private StatusTable() {
    }

    static String render(final ProcessGroupStatus status, final List<Counter> counters, final LocalTime now) {
        final List<List<String>> processorRows = new ArrayList<>();
        processorRows.add(List.of("Processor", "Status", "In (5 min)", "Out (5 min)", "Counters"));
        for (final ProcessorStatus processor : status.processors()) {
            processorRows.add(List.of(processor.name(), runStatus(processor), traffic(processor.flowFilesIn(), processor.bytesIn()),
                    traffic(processor.flowFilesOut(), processor.bytesOut()), counters(processor, counters)));
        }
        final List<List<String>> queueRows = new ArrayList<>();
        queueRows.add(List.of("Queue", "Queued", "Back pressure (count / size)"));
        for (final ConnectionStatus connection : status.connections()) {
            queueRows.add(List.of(connection.sourceName() + " -> " + connection.destinationName(),
                    traffic(connection.flowFilesQueued(), connection.bytesQueued()),
                    connection.percentUseCount() + "% / " + connection.percentUseBytes() + "%"));
        }
        final String nl = System.lineSeparator();
        return "[" + TIME.format(now) + "] " + status.name() + ": " + traffic(status.flowFilesQueued(), status.bytesQueued())
                + " queued" + nl + table(processorRows) + (queueRows.size() > 1 ? table(queueRows) : "");
    }

    /** {@code 12 (3.4 MB)}: FlowFiles and their size, the way NiFi's UI shows traffic. */
    static String traffic(final long flowFiles, final long bytes) {
        return String.format(Locale.ROOT, "%,d (%s)", flowFiles, bytes(bytes));
    }

    static String bytes(final long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        final String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String runStatus(final ProcessorStatus processor) {
        return processor.activeThreadCount() > 0
                ? processor.runStatus() + " (" + processor.activeThreadCount() + " active)"
                : processor.runStatus();
    }

    private static String counters(final ProcessorStatus processor, final List<Counter> counters) {
        return counters.stream()
                .filter(counter -> counter.belongsTo(processor.id()))
                .filter(counter -> counter.value() != 0)
                .map(counter -> String.format(Locale.ROOT, "%s %,d", counter.name(), counter.value()))
                .collect(Collectors.joining(", "));
    }

    private static String table(final List<List<String>> rows) {
        final int columns = rows.getFirst().size();
        final int[] widths = new int[columns];
        for (final List<String> row : rows) {
            for (int column = 0; column < columns; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        final StringBuilder table = new StringBuilder();
        for (final List<String> row : rows) {
            final StringBuilder line = new StringBuilder("  ");
            for (int column = 0; column < columns; column++) {
                final boolean last = column == columns - 1;
                line.append(last ? row.get(column) : pad(row.get(column), widths[column] + 2));
            }
            table.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return table.toString();
    }

    private static String pad(final String text, final int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
