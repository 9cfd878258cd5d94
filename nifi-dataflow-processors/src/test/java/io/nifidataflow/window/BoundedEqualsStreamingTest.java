package io.nifidataflow.window;

import static io.nifidataflow.window.WindowRunners.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nifidataflow.clickstream.ClickstreamSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The daily-batch case: the same data as one Bounded FlowFile gives the same panes as a Streaming run over it
 * whose out-of-orderness covers the stream's disorder (so nothing is late) and whose end closes every window.
 */
class BoundedEqualsStreamingTest {

    static List<Map<String, String>> configurations() {
        return List.of(
                props("Window Type", "Tumbling", "Window Size", "1 min", "Group By", "/product_id",
                        "events", "count()", "revenue", "sum(/price) where /event_type = 'purchase'"),
                props("Window Type", "Sliding", "Window Size", "10 min", "Window Slide", "1 min", "Group By", "/category",
                        "events", "count()", "users", "count_distinct(/user_id)", "p95", "approx_quantile(/price, 0.95)", "top", "top_k(/product_id, 5)"),
                props("Window Type", "Session", "Session Gap", "5 min", "Group By", "/user_id",
                        "events", "count()", "entry", "first(/event_type)", "exit", "last(/event_type)", "spent", "sum(/price)"));
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void oneBoundedFlowFileEqualsTheStream(final Map<String, String> configuration) throws Exception {
        final ClickstreamSettings settings = new ClickstreamSettings(2_000, 200, 20, 5, Instant.parse("2026-03-01T00:00:00Z"), 0.3, 5_000, 0, 0.01);
        final List<byte[]> stream = WindowRunners.clickstream(settings, 30, 200);

        final AtomicLong clock = new AtomicLong(0);
        final TestRunner streaming = WindowRunners.runner(clock, configuration);
        streaming.setProperty("Max Out-of-Orderness", "5 sec");
        boolean first = true;
        for (final byte[] flowFile : stream) {
            streaming.enqueue(flowFile);
            streaming.run(1, false, first);
            first = false;
            clock.addAndGet(1_000);
        }
        clock.addAndGet(86_400_000);
        streaming.run(1, true, false);

        final TestRunner bounded = WindowRunners.runner(clock, configuration);
        bounded.setProperty("Input Mode", "Bounded");
        bounded.enqueue(WindowRunners.clickstream(settings, 1, 30 * 200).get(0));
        bounded.run();

        assertEquals(0, WindowRunners.recordsOf(streaming, "late").size(), "the out-of-orderness covers the disorder");
        final List<String> expected = WindowRunners.canonicalPanes(bounded);
        assertTrue(expected.size() > 20);
        assertTrue(expected.stream().allMatch(p -> p.contains("pane=\"ON_TIME\"") && p.contains("pane_index=0")));
        assertEquals(expected, WindowRunners.canonicalPanes(streaming));
        assertEquals(sorted(WindowRunners.recordsOf(bounded, "invalid")), sorted(WindowRunners.recordsOf(streaming, "invalid")));
    }

    private static List<String> sorted(final List<com.fasterxml.jackson.databind.JsonNode> records) {
        final List<String> texts = new ArrayList<>();
        records.forEach(r -> texts.add(WindowRunners.canonical(r)));
        Collections.sort(texts);
        return texts;
    }
}
