package io.nifidataflow.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.grpc.GrpcStatusCode;
import com.google.api.gax.rpc.ApiExceptionFactory;
import com.google.cloud.aiplatform.v1.PredictRequest;
import com.google.cloud.aiplatform.v1.PredictResponse;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher against a transport the test completes by hand: which requests are on the wire at any moment is
 * then known exactly, without timing.
 */
class PredictionDispatcherTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final LinkedBlockingQueue<Sent> wire = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<PredictionDispatcher.Outcome> outcomes = new LinkedBlockingQueue<>();

    private record Sent(PredictRequest request, CompletableFuture<PredictResponse> reply) {
        void answer() {
            reply.complete(PredictResponse.newBuilder().setDeployedModelId(request.getEndpoint()).build());
        }

        void fail(final Status.Code code) {
            reply.completeExceptionally(ApiExceptionFactory.createException(Status.fromCode(code).withDescription("x").asRuntimeException(),
                    GrpcStatusCode.of(code), false));
        }
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private PredictionDispatcher dispatcher(final int maxConcurrent, final int maxRetries) {
        return new PredictionDispatcher(request -> {
            final CompletableFuture<PredictResponse> reply = new CompletableFuture<>();
            wire.add(new Sent(request, reply));
            return reply;
        }, new RetryPolicy(maxRetries, Duration.ofMillis(1)), maxConcurrent, scheduler);
    }

    private static PredictRequest request(final String name) {
        return PredictRequest.newBuilder().setEndpoint(name).build();
    }

    private Sent next() throws InterruptedException {
        final Sent sent = wire.poll(10, TimeUnit.SECONDS);
        assertTrue(sent != null, "a request should have been sent");
        return sent;
    }

    private PredictionDispatcher.Outcome outcome() throws InterruptedException {
        final PredictionDispatcher.Outcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
        assertTrue(outcome != null, "an outcome should have arrived");
        return outcome;
    }

    @Test
    void sendsAtMostMaxConcurrentAndTheRestInArrivalOrderAsSlotsFree() throws Exception {
        final PredictionDispatcher dispatcher = dispatcher(2, 0);
        for (int i = 0; i < 5; i++) {
            dispatcher.submit(request("r" + i), outcomes::add);
        }
        final Sent first = next();
        final Sent second = next();
        assertNull(wire.poll(), "two in flight, three waiting");
        assertEquals(2, dispatcher.inFlight());
        assertEquals(3, dispatcher.waiting());

        second.answer();
        assertEquals("r1", outcome().response().getDeployedModelId());
        final Sent third = next();
        assertEquals("r2", third.request().getEndpoint());
        assertNull(wire.poll());
        assertEquals(2, dispatcher.waiting());
        first.answer();
        third.answer();
        next().answer();
        next().answer();
        final List<String> done = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            done.add(outcome().response().getDeployedModelId());
        }
        assertEquals(5, done.size() + 1);
        assertEquals(0, dispatcher.inFlight());
        assertEquals(0, dispatcher.waiting());
    }

    @Test
    void retriesARetryableFailureAndReportsTheAttempts() throws Exception {
        final PredictionDispatcher dispatcher = dispatcher(1, 3);
        dispatcher.submit(request("r"), outcomes::add);
        next().fail(Status.Code.UNAVAILABLE);
        next().fail(Status.Code.RESOURCE_EXHAUSTED);
        next().answer();
        final PredictionDispatcher.Outcome outcome = outcome();
        assertTrue(outcome.succeeded());
        assertEquals(3, outcome.attempts());
        assertEquals(2, outcome.retries());
    }

    @Test
    void aRequestKeepsItsSlotThroughItsBackoff() throws Exception {
        final PredictionDispatcher dispatcher = dispatcher(1, 1);
        dispatcher.submit(request("a"), outcomes::add);
        dispatcher.submit(request("b"), outcomes::add);
        next().fail(Status.Code.UNAVAILABLE);
        assertEquals("a", next().request().getEndpoint(), "the retry of a comes before b");
    }

    @Test
    void endsWithTheLastFailureWhenRetriesRunOut() throws Exception {
        final PredictionDispatcher dispatcher = dispatcher(1, 2);
        dispatcher.submit(request("r"), outcomes::add);
        for (int i = 0; i < 3; i++) {
            next().fail(i < 2 ? Status.Code.UNAVAILABLE : Status.Code.DEADLINE_EXCEEDED);
        }
        final PredictionDispatcher.Outcome outcome = outcome();
        assertFalse(outcome.succeeded());
        assertEquals("DEADLINE_EXCEEDED", outcome.failure().code());
        assertTrue(outcome.failure().retryable());
        assertEquals(3, outcome.attempts());
        assertNull(wire.poll());
    }

    @Test
    void neverRetriesANonRetryableFailure() throws Exception {
        final PredictionDispatcher dispatcher = dispatcher(1, 5);
        dispatcher.submit(request("r"), outcomes::add);
        next().fail(Status.Code.PERMISSION_DENIED);
        final PredictionDispatcher.Outcome outcome = outcome();
        assertEquals("PERMISSION_DENIED", outcome.failure().code());
        assertFalse(outcome.failure().retryable());
        assertEquals(1, outcome.attempts());
    }

    @Test
    void aTransportThatThrowsFailsTheRequestAndFreesItsSlot() throws Exception {
        final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();
        final PredictionDispatcher dispatcher = new PredictionDispatcher(request -> {
            calls.add(request.getEndpoint());
            throw new IllegalStateException("channel shut down");
        }, new RetryPolicy(0, Duration.ZERO), 1, scheduler);
        for (int i = 0; i < 1_000; i++) {
            dispatcher.submit(request("r" + i), outcomes::add);
        }
        for (int i = 0; i < 1_000; i++) {
            assertEquals("UNKNOWN", outcome().failure().code());
        }
        assertEquals(1_000, calls.size());
        assertEquals(0, dispatcher.inFlight());
    }

    @Test
    void stopRetryingEndsRequestsInBackoffAtOnceWithTheirFailure() throws Exception {
        final PredictionDispatcher dispatcher = new PredictionDispatcher(request -> {
            final CompletableFuture<PredictResponse> reply = new CompletableFuture<>();
            wire.add(new Sent(request, reply));
            return reply;
        }, new RetryPolicy(5, Duration.ofHours(1)), 1, scheduler);
        dispatcher.submit(request("r"), outcomes::add);
        next().fail(Status.Code.UNAVAILABLE);
        assertNull(outcomes.poll(100, TimeUnit.MILLISECONDS), "waiting an hour for its retry");
        dispatcher.stopRetrying();
        final PredictionDispatcher.Outcome outcome = outcome();
        assertEquals("UNAVAILABLE", outcome.failure().code());
        assertEquals(1, outcome.attempts());
        assertEquals(0, dispatcher.inFlight());

        dispatcher.submit(request("s"), outcomes::add);
        next().fail(Status.Code.UNAVAILABLE);
        assertEquals(1, outcome().attempts(), "after stopRetrying nothing is retried");
    }
}
