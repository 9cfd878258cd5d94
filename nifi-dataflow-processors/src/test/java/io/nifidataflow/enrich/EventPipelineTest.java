package io.nifidataflow.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPipelineTest {

    private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();

    private final EventPipeline pipeline = new EventPipeline(new EventValidator(ValidationRules.clickstreamDefaults()),
            new LocalDeduplicator(1_000, 600_000), new SessionTracker(1_800_000, 10, 1_000));

    private static RawEvent event(final Object id, final Object user, final long time) {
        return new RawEvent(id, time, user, "view", new Object[] {1.0, null}, List.of());
    }

    @Test
    void validThenNewEventsAreEnriched() throws IOException {
        final Outcome outcome = pipeline.process(event("e-1", "u", NOW - 1_000), "p-1", NOW);
        final Outcome.Enriched enriched = assertInstanceOf(Outcome.Enriched.class, outcome);
        assertEquals("u-" + (NOW - 1_000), enriched.session().sessionId());
    }

    @Test
    void invalidEventsNeverEnterTheDeduplicationMemory() throws IOException {
        assertInstanceOf(Outcome.Invalid.class, pipeline.process(event("e-1", " ", NOW), null, NOW));
        assertInstanceOf(Outcome.Enriched.class, pipeline.process(event("e-1", "u", NOW), null, NOW),
                "the first valid sighting is not a duplicate of an invalid one");
        assertInstanceOf(Outcome.Duplicate.class, pipeline.process(event("e-1", "u", NOW), null, NOW));
    }

    @Test
    void invalidAndDuplicateEventsDoNotTouchSessions() throws IOException {
        pipeline.process(event("e-1", "u", NOW - 5_000), "p-1", NOW);
        pipeline.process(event("e-1", "u", NOW - 4_000), "p-2", NOW);
        pipeline.process(new RawEvent("e-2", "garbage", "u", "view", new Object[] {null, null}, List.of()), "p-3", NOW);
        final Outcome.Enriched next = assertInstanceOf(Outcome.Enriched.class, pipeline.process(event("e-3", "u", NOW - 3_000), "p-4", NOW));
        assertEquals(2, next.session().sessionEventCount());
        assertEquals(List.of("p-1"), next.session().recentProducts());
        assertEquals(2.0, next.session().secondsSincePrevious());
    }

    @Test
    void aRolledBackBatchCanBeReplayedWithTheSameResult() throws IOException {
        pipeline.process(event("e-0", "u", NOW - 9_000), "p-0", NOW);
        pipeline.commit();
        final Outcome first = pipeline.process(event("e-1", "u", NOW - 5_000), "p-1", NOW);
        pipeline.rollback();
        final Outcome replay = pipeline.process(event("e-1", "u", NOW - 5_000), "p-1", NOW);
        assertEquals(assertInstanceOf(Outcome.Enriched.class, first).session(), assertInstanceOf(Outcome.Enriched.class, replay).session());
    }
}
