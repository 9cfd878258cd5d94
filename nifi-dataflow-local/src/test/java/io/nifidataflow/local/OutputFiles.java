package io.nifidataflow.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a flow under system test wrote to disk: the files in a folder, and folders of JSON Lines files (warehouse tables). */
public final class OutputFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputFiles() {
    }

    /** The regular files in {@code directory}, sorted; none while it does not exist yet. */
    public static List<Path> files(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of the warehouse table {@code name}, a folder of JSON Lines files; none while it does not exist yet. */
    public static List<JsonNode> table(final Path warehouse, final String name) throws IOException {
        final Path folder = warehouse.resolve(name);
        return Files.isDirectory(folder) ? jsonLines(folder) : List.of();
    }

    /**
     * Every non-blank line of every file in {@code folder}, as JSON. A line that is not JSON (for instance one still
     * being written) is an {@link IOException} naming the file and the line.
     */
    public static List<JsonNode> jsonLines(final Path folder) throws IOException {
        final List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (final Path file : files.filter(Files::isRegularFile).toList()) {
                for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        try {
                            records.add(MAPPER.readTree(line));
                        } catch (final IOException e) {
                            throw new IOException("not JSON in " + file + ": " + line, e);
                        }
                    }
                }
            }
        }
        return records;
    }
}
