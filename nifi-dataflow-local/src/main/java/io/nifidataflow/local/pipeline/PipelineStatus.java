package io.nifidataflow.local.pipeline;

import io.nifidataflow.local.api.Counter;

import java.util.List;
import java.util.Locale;

/**
 * The pipeline's totals from NiFi's counters (summed over every component of the flow): events generated,
 * enriched, invalid and duplicate, window panes fired and records scored. Two snapshots give rates.
 */
public record PipelineStatus(long generated, long enriched, long invalid, long duplicates, long windows, long scored, long nanoTime) {

    public static PipelineStatus of(final List<Counter> counters, final long nanoTime) {
        return new PipelineStatus(sum(counters, "Events Generated"), sum(counters, "Records Enriched"),
                sum(counters, "Invalid Records"), sum(counters, "Duplicate Records"), panes(counters),
                sum(counters, "Vertex AI Instances Predicted"), nanoTime);
    }

    /** Totals and per-second rates since {@code previous} (or totals only, without one). */
    public String render(final PipelineStatus previous) {
        final double seconds = previous == null ? 0 : (nanoTime - previous.nanoTime) / 1e9;
        return String.format(Locale.ROOT, "Pipeline: generated %s | enriched %s | invalid %s | duplicates %s | windows emitted %s | recommendations %s",
                figure(generated, previous == null ? 0 : previous.generated, seconds),
                figure(enriched, previous == null ? 0 : previous.enriched, seconds),
                figure(invalid, previous == null ? 0 : previous.invalid, seconds),
                figure(duplicates, previous == null ? 0 : previous.duplicates, seconds),
                figure(windows, previous == null ? 0 : previous.windows, seconds),
                figure(scored, previous == null ? 0 : previous.scored, seconds));
    }

    private static String figure(final long total, final long before, final double seconds) {
        return seconds <= 0 ? String.format(Locale.ROOT, "%,d", total)
                : String.format(Locale.ROOT, "%,d (%,.0f/s)", total, (total - before) / seconds);
    }

    /** Counters are kept per component and, as "All <type>'s", per type; only the per-component ones are summed. */
    private static long sum(final List<Counter> counters, final String name) {
        return counters.stream().filter(counter -> counter.name().equals(name) && !counter.context().startsWith("All "))
                .mapToLong(Counter::value).sum();
    }

    private static long panes(final List<Counter> counters) {
        return counters.stream().filter(counter -> counter.name().startsWith("Panes Fired") && !counter.context().startsWith("All "))
                .mapToLong(Counter::value).sum();
    }
}
