package io.nifidataflow.vertex;

import com.google.cloud.aiplatform.v1.PredictRequest;
import com.google.cloud.aiplatform.v1.PredictResponse;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends PredictRequests asynchronously, at most Max Concurrent Requests at a time, and retries them by the
 * {@link RetryPolicy}. Requests wait in arrival order for a free slot; a request keeps its slot through its
 * backoff, so a server that says RESOURCE_EXHAUSTED gets less traffic, not more. Every submitted request ends in
 * exactly one {@link Outcome}, delivered on a client or scheduler thread.
 *
 * <p>One dispatcher serves all of a processor's concurrent tasks, so the limit holds for the processor as a whole.
 * The client library itself retries nothing: its retry settings allow one attempt, with Request Timeout as
 * deadline, and this class does all retrying, which is what lets it count retries and tell "retries exhausted"
 * (the FlowFile goes to retry) from "refused" (failure).</p>
 *
 * <p>The scheduler sends queued requests and runs backoffs. Shutting it down with {@code shutdownNow()} drops
 * what it had not started, so it is shut down only once no trigger waits for an outcome: after
 * {@link #stopRetrying()} and after every trigger has returned, as NiFi's {@code @OnStopped} guarantees.</p>
 */
public final class PredictionDispatcher {

    /** Sends one request: the real client in production. The future fails with the client's exception. */
    @FunctionalInterface
    public interface Transport {
        CompletableFuture<PredictResponse> predict(PredictRequest request);
    }

    /** How a request ended: a response, or the last failure; and how many times it was sent. */
    public record Outcome(PredictResponse response, RequestFailure failure, int attempts) {
        public boolean succeeded() {
            return response != null;
        }

        public int retries() {
            return attempts - 1;
        }
    }

    private final Transport transport;
    private final RetryPolicy policy;
    private final int maxConcurrent;
    private final ScheduledExecutorService scheduler;
    private final Queue<Call> waiting = new ArrayDeque<>();
    private final Map<Call, ScheduledFuture<?>> backingOff = new ConcurrentHashMap<>();
    private int inFlight;
    private volatile boolean retrying = true;

    public PredictionDispatcher(final Transport transport, final RetryPolicy policy, final int maxConcurrent, final ScheduledExecutorService scheduler) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("Max Concurrent Requests must be at least 1");
        }
        this.transport = transport;
        this.policy = policy;
        this.maxConcurrent = maxConcurrent;
        this.scheduler = scheduler;
    }

    private final class Call {
        private final PredictRequest request;
        private final Consumer<Outcome> done;
        private int attempts;
        private RequestFailure lastFailure;

        private Call(final PredictRequest request, final Consumer<Outcome> done) {
            this.request = request;
            this.done = done;
        }
    }

    /** Queues {@code request}; {@code done} receives its outcome once, from another thread. Never blocks. */
    public void submit(final PredictRequest request, final Consumer<Outcome> done) {
        final Call call = new Call(request, done);
        synchronized (this) {
            if (inFlight >= maxConcurrent) {
                waiting.add(call);
                return;
            }
            inFlight++;
        }
        send(call);
    }

    /**
     * From now on a failed request is not sent again but ends with its failure, and requests waiting for their
     * backoff end at once: for a processor being stopped, whose triggers must finish.
     */
    public void stopRetrying() {
        retrying = false;
        for (final Map.Entry<Call, ScheduledFuture<?>> entry : backingOff.entrySet()) {
            if (entry.getValue().cancel(false) && backingOff.remove(entry.getKey()) != null) {
                finish(entry.getKey(), new Outcome(null, entry.getKey().lastFailure, entry.getKey().attempts));
            }
        }
    }

    /** Requests sent or in backoff now. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Requests waiting for a free slot now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    private void send(final Call call) {
        call.attempts++;
        final CompletableFuture<PredictResponse> future;
        try {
            future = transport.predict(call.request);
        } catch (final RuntimeException e) {
            // Handled on another thread: a closed channel fails every waiting request at once, and doing that
            // here would recurse through finish() once per waiting request.
            try {
                scheduler.execute(() -> failed(call, RequestFailure.from(e)));
            } catch (final RuntimeException rejected) {
                finish(call, new Outcome(null, RequestFailure.from(e), call.attempts));
            }
            return;
        }
        future.whenComplete((response, thrown) -> {
            if (thrown == null) {
                finish(call, new Outcome(response, null, call.attempts));
            } else {
                failed(call, RequestFailure.from(thrown));
            }
        });
    }

    private void failed(final Call call, final RequestFailure failure) {
        call.lastFailure = failure;
        final int retriesDone = call.attempts - 1;
        if (!retrying || !failure.retryable() || retriesDone >= policy.maxRetries()) {
            finish(call, new Outcome(null, failure, call.attempts));
            return;
        }
        final long delay = policy.backoff(retriesDone + 1, ThreadLocalRandom.current().nextDouble(), failure.serverRetryDelay()).toNanos();
        try {
            // Registered before it can run, so that stopRetrying() sees every call in backoff.
            synchronized (call) {
                backingOff.put(call, scheduler.schedule(() -> {
                    synchronized (call) {
                        if (backingOff.remove(call) == null) {
                            return;
                        }
                    }
                    if (retrying) {
                        send(call);
                    } else {
                        finish(call, new Outcome(null, failure, call.attempts));
                    }
                }, delay, TimeUnit.NANOSECONDS));
            }
        } catch (final RuntimeException e) {
            // The scheduler is shut down: the processor is stopping and this failure is final.
            finish(call, new Outcome(null, failure, call.attempts));
        }
    }

    /**
     * Hands the slot of a finished request to the next waiting one, which is sent from the scheduler thread rather
     * than from the client thread that finished: that thread goes on to parse the next response while this request
     * is being serialized. Handed over under the lock, so that waiting requests are sent in their order.
     */
    private void finish(final Call call, final Outcome outcome) {
        Call sendHere = null;
        synchronized (this) {
            final Call next = waiting.poll();
            if (next == null) {
                inFlight--;
            } else {
                try {
                    scheduler.execute(() -> send(next));
                } catch (final RuntimeException rejected) {
                    // The scheduler is shut down: the processor is stopping, and this thread sends it instead.
                    sendHere = next;
                }
            }
        }
        try {
            call.done.accept(outcome);
        } finally {
            if (sendHere != null) {
                send(sendHere);
            }
        }
    }
}
