package io.nifidataflow.local.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidataflow.clickstream.ClickEvent;
import io.nifidataflow.clickstream.ClickstreamGenerator;
import io.nifidataflow.clickstream.ClickstreamSettings;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A day of user activity as daily-batch expects it: one JSON Lines file per UTC day, {@code clickstream-<date>.jsonl},
 * written from GenerateClickstream's generator (same fields, duplicates and malformed records included).
 */
public final class DayFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DayFiles() {
    }

    /** Yesterday (UTC), complete; at the generator's pace of Users / 400 events a second of event time. */
    public static Path writeYesterday(final Path directory, final ClickstreamSettings settings) throws IOException {
        return write(directory, settings, LocalDate.now(Clock.systemUTC()).minusDays(1));
    }

    /** Every event of the day the generator produces when started at its first instant; the file is renamed into place when complete. */
    public static Path write(final Path directory, final ClickstreamSettings settings, final LocalDate day) throws IOException {
        final Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        final Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        final ClickstreamGenerator generator = new ClickstreamGenerator(new ClickstreamSettings(settings.users(), settings.products(),
                settings.categories(), settings.seed(), start, settings.conversionRate(), settings.outOfOrderMaxDelayMillis(),
                settings.duplicateRate(), settings.malformedRate()));
        final Path file = directory.resolve("clickstream-" + day + ".jsonl");
        // Hidden while written: the flow's ListFile ignores hidden files.
        final Path partial = directory.resolve(".clickstream-" + day + ".jsonl.partial");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            while (true) {
                final ClickEvent event = generator.next();
                if (generator.lastKind() == ClickstreamGenerator.Kind.CLEAN && !Instant.parse(event.eventTime()).isBefore(end)) {
                    break; // the first event of the next day; malformed times are written as they come
                }
                out.write(MAPPER.writeValueAsString(fields(event)));
                out.write('\n');
            }
        }
        return Files.move(partial, file);
    }

    private static Map<String, Object> fields(final ClickEvent event) {
        final Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event_id", event.eventId());
        fields.put("event_type", event.eventType());
        fields.put("event_time", event.eventTime());
        fields.put("user_id", event.userId());
        fields.put("product_id", event.productId());
        fields.put("category", event.category());
        fields.put("price", event.price());
        fields.put("quantity", event.quantity());
        fields.put("search_query", event.searchQuery());
        fields.put("device", event.device());
        fields.put("country", event.country());
        return fields;
    }
}
