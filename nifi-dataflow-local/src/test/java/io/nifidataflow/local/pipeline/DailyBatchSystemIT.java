package io.nifidataflow.local.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifidataflow.local.OutputFiles;
import io.nifidataflow.local.RunningNiFi;
import io.nifidataflow.local.api.NiFiRestClient;
import io.nifidataflow.local.api.Poll;
import io.nifidataflow.local.flow.FlowDefinition;
import io.nifidataflow.local.runtime.LocalNiFi;
import io.nifidataflow.local.runtime.LocalNiFiSettings;
import io.nifidataflow.local.runtime.NiFiHome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * daily-batch as {@code ./run-local.sh --daily-batch} runs it: a generated day of JSON Lines files, listed on a CRON
 * schedule, enriched, and aggregated in Bounded mode into one daily row per product and per category.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DailyBatchSystemIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);


    @Test
    void aGeneratedDayBecomesDailyMetricsOverEveryEnrichedEvent() throws Exception {
        final Path work = RunningNiFi.workDirectory("daily-batch-it");
        try (LocalNiFi nifi = LocalNiFi.start(LocalNiFiSettings.of(NiFiHome.locate(), work));
             NiFiRestClient client = new NiFiRestClient(nifi.apiUri());
             LocalPipeline pipeline = LocalPipeline.prepare(FlowDefinition.read(RunningNiFi.flowTemplate("daily-batch", "daily-batch.json")),
                     Map.of("Schedule", "0/5 * * * * ?"), nifi.workDirectory().root().resolve("pipeline"))) {
            final long dayEvents = OutputFiles.jsonLines(pipeline.input()).size();
            final String groupId = client.importFlow("root", pipeline.flow().name(), pipeline.flow().toBytes());
            client.enableControllerServices(groupId, TIMEOUT);
            client.startProcessGroup(groupId, TIMEOUT);

            Poll.until("the day's events in the warehouse and its daily metrics written", TIMEOUT, () -> {
                final long stored = rows(pipeline, "enriched_events") + rows(pipeline, "invalid_events") + rows(pipeline, "duplicate_events");
                return stored == dayEvents && rows(pipeline, "daily_category_metrics") > 0 && client.status(groupId).flowFilesQueued() == 0
                        ? Optional.of(true) : Optional.empty();
            }, () -> nifi.applicationLogTail(20));
            client.stopProcessGroup(groupId, TIMEOUT);

            final long enriched = rows(pipeline, "enriched_events");
            assertTrue(enriched > dayEvents * 0.95, enriched + " of " + dayEvents);
            for (final String table : List.of("daily_product_metrics", "daily_category_metrics")) {
                final List<JsonNode> metrics = OutputFiles.table(pipeline.warehouse(), table);
                assertEquals(enriched, metrics.stream().mapToLong(row -> row.path("events").asLong()).sum(),
                        table + ": every enriched event counted once");
                assertEquals(1, metrics.stream().map(row -> row.path("window_start").asText()).distinct().count(), table + ": one day");
            }
            assertEquals(21, OutputFiles.table(pipeline.warehouse(), "daily_category_metrics").size(), "20 categories and the searches, which have none");
        }
    }

    private long rows(final LocalPipeline pipeline, final String table) {
        try {
            return OutputFiles.table(pipeline.warehouse(), table).size();
        } catch (final IOException e) {
            return -1;
        }
    }

}
