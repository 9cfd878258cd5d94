package io.nifidataflow.local.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** What daily-batch has written to the local warehouse so far, one line for run-local's status. */
public final class DailyMetrics {

    private static final List<String> TABLES = List.of("enriched_events", "invalid_events", "duplicate_events",
            "daily_product_metrics", "daily_category_metrics");

    private DailyMetrics() {
    }

    public static String summary(final Path warehouse) {
        final StringBuilder line = new StringBuilder("Warehouse rows:");
        for (final String table : TABLES) {
            line.append(String.format(Locale.ROOT, " %s %,d", table, rows(warehouse.resolve(table))));
        }
        return line.toString();
    }

    static long rows(final Path table) {
        if (!Files.isDirectory(table)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(table)) {
            long rows = 0;
            for (final Path file : files.filter(Files::isRegularFile).toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    rows += lines.filter(text -> !text.isBlank()).count();
                }
            }
            return rows;
        } catch (final IOException | UncheckedIOException e) {
            return -1; // PutFile renamed a file under us; the next status line counts again
        }
    }
}
