package io.nifidataflow.window;

import static io.nifidataflow.window.WindowRunners.event;
import static io.nifidataflow.window.WindowRunners.props;
import static io.nifidataflow.window.WindowRunners.records;
import static io.nifidataflow.window.WindowRunners.recordsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregateWindowTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private TestRunner runner;

    private static Map<String, String> perProductPerMinute(final String... more) {
        final Map<String, String> properties = props("Window Type", "Tumbling", "Window Size", "1 min", "Group By", "/product_id",
                "Max Out-of-Orderness", "0 sec", "events", "count()", "revenue", "sum(/price) where /event_type = 'purchase'");
        properties.putAll(props(more));
        return properties;
    }

    @BeforeEach
    void setUp() throws Exception {
        runner = WindowRunners.runner(clock, perProductPerMinute());
    }

    private static long millis(final String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static JsonNode only(final List<JsonNode> records) {
        assertEquals(1, records.size(), records.toString());
        return records.get(0);
    }

    @Test
    void firesOnePanePerKeyAndWindowWhenTheWatermarkPassesTheEnd() {
        runner.enqueue(records(
                new Object[] {"product_id", "p-1", "event_time", "2026-01-01T00:00:10Z", "price", 5.0, "event_type", "purchase"},
                new Object[] {"product_id", "p-1", "event_time", "2026-01-01T00:00:20Z", "price", 7.5, "event_type", "view"},
                new Object[] {"product_id", "p-2", "event_time", "2026-01-01T00:00:30Z", "price", 1.0, "event_type", "purchase"}));
        runner.run(1, false, true);
        runner.assertTransferCount(AggregateWindow.REL_SUCCESS, 0);
        runner.assertTransferCount(AggregateWindow.REL_ORIGINAL, 0);

        runner.enqueue(records(event("p-1", "2026-01-01T00:01:00Z", 1.0)));
        runner.run(1, false, false);

        runner.assertTransferCount(AggregateWindow.REL_SUCCESS, 1);
        final MockFlowFile output = runner.getFlowFilesForRelationship(AggregateWindow.REL_SUCCESS).get(0);
        output.assertAttributeEquals("record.count", "2");
        output.assertAttributeEquals("mime.type", "application/json");
        output.assertAttributeEquals("window.watermark", "2026-01-01T00:01:00Z");
        final List<JsonNode> panes = recordsOf(runner, "success");
        final JsonNode p1 = panes.stream().filter(p -> p.get("product_id").asText().equals("p-1")).findFirst().orElseThrow();
        assertEquals(millis("2026-01-01T00:00:00Z"), p1.get("window_start").asLong());
        assertEquals(millis("2026-01-01T00:01:00Z"), p1.get("window_end").asLong());
        assertEquals("ON_TIME", p1.get("pane").asText());
        assertEquals(0, p1.get("pane_index").asInt());
        assertEquals(2, p1.get("events").asLong());
        assertEquals(5.0, p1.get("revenue").asDouble());
        final List<String> fields = new ArrayList<>();
        p1.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("product_id", "window_start", "window_end", "pane", "pane_index", "events", "revenue"), fields);
        // The first input fed only windows that are now final; the second still feeds an open one.
        runner.assertTransferCount(AggregateWindow.REL_ORIGINAL, 1);
        assertEquals(2, runner.getCounterValue("Panes Fired ON_TIME"));
    }

    @Test
    void showsTheWatermarkInLocalState() throws Exception {
        runner.enqueue(records(event("p-1", "2026-01-01T00:00:10Z", 1.0)));
        runner.run(1, false, true);
        assertEquals("2026-01-01T00:00:10Z", runner.getStateManager().getState(Scope.LOCAL).get("watermark"));
        assertEquals("1", runner.getStateManager().getState(Scope.LOCAL).get("held.flowfiles"));
    }

    @Test
    void routesLateRecordsAsTheyWereAndInvalidRecordsWithTheirReason() {
        runner.setProperty("Allowed Lateness", "0 sec");
        runner.enqueue(records(event("p-1", "2026-01-01T00:05:00Z", 1.0)));
        runner.enqueue(records(
                event("p-1", "2026-01-01T00:03:00Z", 2.0),
                new Object[] {"product_id", "p-1", "event_time", "not-a-time", "price", 3.0},
                new Object[] {"product_id", "p-1", "event_time", "2026-01-01T00:05:01Z", "price", "N/A", "event_type", "purchase"},
                new Object[] {"product_id", "p-1", "price", 4.0}));
        runner.run(2, false, true);

        final JsonNode late = only(recordsOf(runner, "late"));
        assertEquals("2026-01-01T00:03:00Z", late.get("event_time").asText());
        assertFalse(late.has("window_error"));
        final List<JsonNode> invalid = recordsOf(runner, "invalid");
        assertEquals(3, invalid.size());
        assertTrue(invalid.get(0).get("window_error").asText().startsWith("'not-a-time' is not an event time"));
        assertEquals("revenue = sum(/price): 'N/A' is not a number", invalid.get(1).get("window_error").asText());
        assertEquals("no event time: the field is missing or null", invalid.get(2).get("window_error").asText());
        // The second input fed no window, so it left at once with its children.
        runner.assertTransferCount(AggregateWindow.REL_ORIGINAL, 1);
        assertEquals(1, runner.getCounterValue("Records Late"));
        assertEquals(3, runner.getCounterValue("Records Invalid"));
    }

    @Test
    void sendsUnreadableContentToFailureUnchangedAndKeepsGoing() {
        runner.enqueue("this is not json {");
        runner.enqueue("[{\"product_id\": \"p-1\", \"event_time\": \"2026-01-01T00:00:01Z\"}, {broken");
        runner.enqueue(records(event("p-1", "2026-01-01T00:00:02Z", 1.0)));
        runner.enqueue(records(event("p-1", "2026-01-01T00:02:00Z", 1.0)));
        runner.run(1, false, true);

        final List<MockFlowFile> failures = runner.getFlowFilesForRelationship(AggregateWindow.REL_FAILURE);
        assertEquals(2, failures.size());
        failures.get(0).assertContentEquals("this is not json {");
        // The readable record of the broken FlowFile was not counted: the window holds only the good one.
        final JsonNode pane = only(recordsOf(runner, "success"));
        assertEquals(1, pane.get("events").asLong());
        assertEquals(2, runner.getCounterValue("FlowFiles Unreadable"));
    }

    @Test
    void anEmptyInputLeavesAtOnce() {
        runner.enqueue("[]");
        runner.run(1, false, true);
        runner.assertTransferCount(AggregateWindow.REL_ORIGINAL, 1);
        runner.assertTransferCount(AggregateWindow.REL_SUCCESS, 0);
    }

    @Test
    void closesWindowsOnAQuietStreamAfterTheIdleTimeout() {
        runner.setProperty("Idle Timeout", "30 sec");
        runner.enqueue(records(event("p-1", "2026-01-01T00:00:10Z", 1.0)));
        runner.run(1, false, true);
        clock.addAndGet(29_000);
        runner.run(1, false, false);
        runner.assertTransferCount(AggregateWindow.REL_SUCCESS, 0);
        // 50 s of quiet: the watermark is 00:00:10 + 50 s, past the end of the first minute.
        clock.addAndGet(21_000);
        runner.run(1, false, false);
        runner.assertTransferCount(AggregateWindow.REL_SUCCESS, 1);
        runner.assertTransferCount(AggregateWindow.REL_ORIGINAL, 1);
    }

    @Test
    void firesEarlyPanesOnTheIntervalForWindowsThatChanged() {
        runner.setProperty("Early Firing Interval", "10 sec");
        runner.setProperty("Accumulation Mode", "Accumulating");
        runner.enqueue(records(event("p-1", "2026-01-01T00:00:10Z", 1.0)));
        runner.run(1, false, true);
        clock.addAndGet(10_000);
        runner.run(1, false, false);
        clock.addAndGet(10_000);
        runner.run(1, false, false);
        runner.enqueue(records(event("p-1", "2026-01-01T00:00:20Z", 1.0)));
        clock.addAndGet(10_000);
        runner.run(1, false, false);
        runner.enqueue(records(event("p-2", "2026-01-01T00:01:00Z", 1.0)));
        runner.run(1, false, false);
        final List<String> panes = recordsOf(runner, "success").stream()
                .filter(p -> p.get("product_id").asText().equals("p-1"))
                .map(p -> p.get("pane").asText() + "#" + p.get("pane_index").asInt() + "=" + p.get("events").asLong()).toList();
        assertEquals(List.of("EARLY#0=1", "EARLY#1=2", "ON_TIME#2=2"), panes);
    }

    @Test
    void boundedModeFiresEveryWindowOfEachFlowFileOnTime() throws Exception {
        runner.setProperty("Input Mode", "Bounded");
        runner.enqueue(records(event("p-1", "2026-01-01T00:00:10Z", 1.0), event("p-1", "2026-01-01T00:03:10Z", 1.0),
                event("p-1", "2026-01-01T00:00:50Z", 1.0)));
        runner.enqueue(records(event("p-1", "2026-01-01T00:00:10Z", 1.0)));
        runner.run(2, false, true);
        final List<MockFlowFile> outputs = runner.getFlowFilesForRelationship(AggregateWindow.REL_SUCCESS);
        assertEquals(2, outputs.size());
        outputs.get(0).assertAttributeEquals("record.count", "2");
        outputs.get(0).assertAttributeEquals("window.watermark", "2026-01-01T00:04:00Z");
        assertTrue(recordsOf(runner, "success").stream().allMatch(p -> p.get("pane").asText().equals("ON_TIME")));
        runner.assertTransferCount(AggregateWindow.REL_ORIGINAL, 2);
        assertTrue(runner.getStateManager().getState(Scope.LOCAL).toMap().isEmpty());
    }

    @Test
    void sessionsPerUserWithEveryKindOfAggregate() {
        runner = null;
        try {
            runner = WindowRunners.runner(clock, props("Window Type", "Session", "Session Gap", "5 min", "Group By", "/user_id",
                    "Max Out-of-Orderness", "0 sec", "Idle Timeout", "0 sec",
                    "events", "count()", "priced", "count(/price)", "spent", "sum(/price)", "average", "avg(/price)",
                    "cheapest", "min(/price)", "dearest", "max(/price)", "entry", "first(/page)", "exit", "last(/page)",
                    "pages", "count_distinct(/page)", "p50", "approx_quantile(/price, 0.5)", "top", "top_k(/page, 2)"));
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
        runner.enqueue(records(
                new Object[] {"user_id", "u1", "event_time", "2026-01-01T00:00:00Z", "page", "home"},
                new Object[] {"user_id", "u1", "event_time", "2026-01-01T00:02:00Z", "page", "shoes", "price", 30},
                new Object[] {"user_id", "u1", "event_time", "2026-01-01T00:01:00Z", "page", "shoes", "price", 10},
                new Object[] {"user_id", "u1", "event_time", "2026-01-01T00:06:59Z", "page", "cart", "price", 20}));
        runner.enqueue(records(new Object[] {"user_id", "u2", "event_time", "2026-01-01T01:00:00Z", "page", "home"}));
        runner.run(1, false, true);
        final JsonNode session = recordsOf(runner, "success").stream().filter(p -> p.get("user_id").asText().equals("u1")).findFirst().orElseThrow();
        assertEquals(millis("2026-01-01T00:00:00Z"), session.get("window_start").asLong());
        assertEquals(millis("2026-01-01T00:11:59Z"), session.get("window_end").asLong());
        assertEquals(4, session.get("events").asLong());
        assertEquals(3, session.get("priced").asLong());
        assertEquals(60, session.get("spent").asLong());
        assertEquals(20.0, session.get("average").asDouble());
        assertEquals(10, session.get("cheapest").asLong());
        assertEquals(30, session.get("dearest").asLong());
        assertEquals("home", session.get("entry").asText());
        assertEquals("cart", session.get("exit").asText());
        assertEquals(3, session.get("pages").asLong());
        assertEquals(20.0, session.get("p50").asDouble());
        assertEquals("[{\"value\":\"shoes\",\"count\":2},{\"value\":\"cart\",\"count\":1}]", session.get("top").toString());
    }

    @Test
    void reportsAggregateErrorsWithTheirPositionAndOtherConfigurationProblems() {
        runner.setProperty("revenue", "sum(/price) wher /a = 1");
        runner.assertNotValid();
        runner.setProperty("revenue", "sum(/price)");
        runner.assertValid();
        runner.setProperty("window_start", "count()");
        runner.assertNotValid();
        runner.removeProperty("window_start");
        runner.setProperty("Window Offset", "1 min");
        runner.assertNotValid();
        runner.setProperty("Window Offset", "15 sec");
        runner.setProperty("Group By", "/product_id, /a[");
        runner.assertNotValid();
        runner.setProperty("Group By", "/product_id, substringBefore(/user_id, '-')");
        runner.assertValid();
        runner.setProperty("Window Size", "a minute");
        runner.assertNotValid();
        runner.setProperty("Window Size", "1 min");
        runner.removeProperty("events");
        runner.removeProperty("revenue");
        runner.assertNotValid();
    }

    @Test
    void validationNamesTheAggregateThePositionAndTheProblem() {
        runner.setProperty("revenue", "sum(/price) wher /a = 1");
        final String explanation = runner.getProcessContext() instanceof org.apache.nifi.util.MockProcessContext context
                ? context.validate().stream().filter(r -> !r.isValid()).map(r -> r.getSubject() + ": " + r.getExplanation()).toList().toString()
                : "";
        assertTrue(explanation.contains("at position 13: expected 'where' or the end of the expression after sum(...) but found 'wher'"), explanation);
    }

    @Test
    void aHugeFlowFileThatTurnsOutUnreadableLeavesNoTraceInTheWindows() {
        runner.enqueue(records(event("p-1", "2026-01-01T00:00:01Z", 1.0)));
        runner.run(1, false, true);
        // More records than are staged at once, so part of it is applied before the garbage at the end shows.
        final StringBuilder huge = new StringBuilder("[");
        for (int i = 0; i < 70_000; i++) {
            huge.append("{\"product_id\":\"p-1\",\"event_time\":\"2026-01-01T00:00:02Z\",\"price\":1.0},");
        }
        huge.append("{oops");
        runner.enqueue(huge.toString());
        runner.run(1, false, false);
        runner.assertTransferCount(AggregateWindow.REL_FAILURE, 1);
        runner.enqueue(records(event("p-1", "2026-01-01T00:02:00Z", 1.0)));
        runner.run(2, false, false);
        // The window holds the first record only: the applied part of the unreadable FlowFile was rebuilt away.
        assertEquals(1, only(recordsOf(runner, "success")).get("events").asLong());
    }

    @Test
    void closesTheOldestWindowsEarlyAboveMaxOpenWindows() {
        runner.setProperty("Max Open Windows", "10");
        final List<Object[]> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(event("p-" + i, "2026-01-01T00:00:0" + (i % 10) + "Z", 1.0));
        }
        runner.enqueue(records(events.toArray(new Object[0][])));
        runner.run(1, false, true);
        assertEquals(3, runner.getCounterValue("Windows Evicted"));
        final List<JsonNode> panes = recordsOf(runner, "success");
        assertEquals(3, panes.size());
        assertTrue(panes.stream().allMatch(p -> p.get("pane").asText().equals("EARLY")));
    }
}
