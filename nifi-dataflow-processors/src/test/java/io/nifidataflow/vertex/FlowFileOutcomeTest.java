package io.nifidataflow.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.rpc.StatusCode.Code;
import com.google.protobuf.Value;
import io.nifidataflow.vertex.FlowFileOutcome.Route;
import org.junit.jupiter.api.Test;

class FlowFileOutcomeTest {

    private static final Value PREDICTION = Value.newBuilder().setNumberValue(1).build();

    @Test
    void succeedsWhenEveryRecordGotAPrediction() {
        final FlowFileOutcome outcome = new FlowFileOutcome(3);
        outcome.requestFormed();
        outcome.requestFormed();
        outcome.predicted(0, PREDICTION, "d1", "1");
        outcome.predicted(2, PREDICTION, "d2", "1");
        assertFalse(outcome.isComplete());
        assertThrows(IllegalStateException.class, outcome::route);
        outcome.predicted(1, PREDICTION, "d1", "");
        assertEquals(Route.SUCCESS, outcome.route());
        assertNull(outcome.failure());
        assertEquals("d1,d2", outcome.deployedModelIds());
        assertEquals("1", outcome.modelVersionIds());
        assertEquals(2, outcome.requests());
    }

    @Test
    void goesToRetryWhenItsOnlyProblemsWereRetryable() {
        final FlowFileOutcome outcome = new FlowFileOutcome(4);
        outcome.predicted(0, PREDICTION, "d", "1");
        outcome.failed(2, RequestFailure.of(Code.UNAVAILABLE, "a"));
        outcome.failed(1, RequestFailure.of(Code.RESOURCE_EXHAUSTED, "b"));
        assertEquals(Route.RETRY, outcome.route());
        assertEquals("UNAVAILABLE", outcome.failure().code());
    }

    @Test
    void goesToFailureWhenAnyProblemWasNotRetryableWhateverTheOrder() {
        final FlowFileOutcome outcome = new FlowFileOutcome(2);
        outcome.failed(1, RequestFailure.of(Code.UNAVAILABLE, "busy"));
        outcome.failed(1, RequestFailure.of(Code.INVALID_ARGUMENT, "bad"));
        assertEquals(Route.FAILURE, outcome.route());
        assertEquals("INVALID_ARGUMENT", outcome.failure().code());
        assertEquals("bad", outcome.failure().message());
    }

    @Test
    void aRejectedFlowFileFailsWholeEvenWithRecordsPending() {
        final FlowFileOutcome outcome = new FlowFileOutcome(5);
        outcome.rejectWhole(new RequestFailure("OVERSIZE_RECORD", "too big", false, null));
        assertTrue(outcome.isComplete());
        assertEquals(Route.FAILURE, outcome.route());
    }

    @Test
    void anEmptyFlowFileSucceeds() {
        assertEquals(Route.SUCCESS, new FlowFileOutcome(0).route());
    }

    @Test
    void aRecordResolvedTwiceIsABug() {
        final FlowFileOutcome outcome = new FlowFileOutcome(2);
        outcome.predicted(0, PREDICTION, "d", "1");
        assertThrows(IllegalStateException.class, () -> outcome.predicted(0, PREDICTION, "d", "1"));
        assertThrows(IllegalStateException.class, () -> outcome.failed(2, RequestFailure.of(Code.UNAVAILABLE, "x")));
    }
}
