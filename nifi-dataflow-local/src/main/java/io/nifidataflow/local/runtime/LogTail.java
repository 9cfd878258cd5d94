package io.nifidataflow.local.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The last lines of a log file, for error messages that say why NiFi did not come up. */
public final class LogTail {

    private LogTail() {
    }

    public static String of(final Path file, final int maxLines) {
        if (!Files.isRegularFile(file)) {
            return "(" + file + " does not exist)";
        }
        try {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            final List<String> tail = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
            return tail.stream().map(line -> "  | " + line).collect(Collectors.joining(System.lineSeparator()));
        } catch (final IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
