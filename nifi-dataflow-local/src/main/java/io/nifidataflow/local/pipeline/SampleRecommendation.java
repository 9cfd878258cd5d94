package io.nifidataflow.local.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** One scored event from the newest file in the recommendations folder: what went in and what came back. */
public final class SampleRecommendation {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SampleRecommendation() {
    }

    public static Optional<String> newest(final Path recommendations) {
        try (Stream<Path> files = Files.list(recommendations)) {
            final Optional<Path> newest = files.filter(Files::isRegularFile)
                    .max(Comparator.comparingLong(SampleRecommendation::modified));
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            try (BufferedReader reader = Files.newBufferedReader(newest.get(), StandardCharsets.UTF_8)) {
                final String line = reader.readLine();
                return line == null || line.isBlank() ? Optional.empty() : Optional.of(describe(MAPPER.readTree(line)));
            }
        } catch (final IOException e) {
            return Optional.empty(); // a file PutFile is still writing or just moved; try again next time
        }
    }

    static String describe(final JsonNode record) {
        final String input = String.format("%s %s %s (category %s), recent products %s",
                record.path("user_id").asText(), record.path("event_type").asText(), record.path("product_id").asText("-"),
                record.path("category").asText("-"), record.path("history").path("recent_products"));
        final StringBuilder output = new StringBuilder();
        final JsonNode prediction = record.path("recommendations");
        prediction.path("recommendations").forEach(item -> output.append(output.isEmpty() ? "" : ", ")
                .append(item.path("product_id").asText()).append(String.format(" %.2f", item.path("score").asDouble())));
        return "Sample: input  " + input + System.lineSeparator()
                + "        output " + prediction.path("strategy").asText("?") + ": " + output;
    }

    private static long modified(final Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (final IOException e) {
            return 0;
        }
    }
}
