package io.nifidataflow.vertex;

import com.google.cloud.aiplatform.v1.PredictRequest;
import com.google.cloud.aiplatform.v1.PredictResponse;
import com.google.cloud.aiplatform.v1.PredictionServiceGrpc;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A Vertex AI PredictionService over real gRPC, on loopback (Netty, plaintext) or in-process, that behaves as the
 * service does: unknown endpoints are NOT_FOUND, empty requests and requests over 1.5 MB are INVALID_ARGUMENT, and
 * every answer carries one prediction per instance plus the deployed model and version. By default a prediction
 * echoes its instance, {@code {"echo": instance, "instances_in_request": n}}, so tests can check that each
 * prediction came back to its own record.
 *
 * <p>Faults are scripted: a queue of statuses taken one per request, a function of the request, a latency, a
 * request that never answers, or a wrong prediction count. The server records what it saw: requests, attempts
 * and the most requests it had in flight at once.</p>
 */
final class FakePredictionServer implements AutoCloseable {

    static final String PROJECT = "test-project";
    static final String LOCATION = "us-central1";
    static final String ENDPOINT_ID = "1234567890";
    static final String ENDPOINT = "projects/" + PROJECT + "/locations/" + LOCATION + "/endpoints/" + ENDPOINT_ID;
    static final String DEPLOYED_MODEL_ID = "deployed-42";
    static final String MODEL_VERSION_ID = "7";
    static final int REQUEST_LIMIT = 1_572_864;
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Server server;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
        final Thread thread = new Thread(runnable, "fake-vertex-timer");
        thread.setDaemon(true);
        return thread;
    });

    final Set<String> endpoints = new CopyOnWriteArraySet<>(Set.of(ENDPOINT));
    final Queue<Status> scriptedFailures = new ConcurrentLinkedQueue<>();
    volatile Function<PredictRequest, Status> failWhen = request -> null;
    volatile Function<Value, Value> model = FakePredictionServer::echo;
    volatile long latencyMillis;
    volatile boolean hang;
    volatile int extraPredictions;
    /** Off for long runs (the benchmark): every request received is kept otherwise. */
    volatile boolean recordRequests = true;

    final List<PredictRequest> received = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    private FakePredictionServer(final java.util.function.Function<io.grpc.ServerServiceDefinition, Server> build) throws IOException {
        this.server = build.apply(ServerInterceptors.intercept(new Service(), new CaptureAuthorization())).start();
    }

    /** On 127.0.0.1, a free port, plaintext. */
    static FakePredictionServer loopback() throws IOException {
        return loopback(0);
    }

    static FakePredictionServer loopback(final int port) throws IOException {
        return new FakePredictionServer(service -> NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(service).build());
    }

    static FakePredictionServer inProcess(final String name) throws IOException {
        return new FakePredictionServer(service -> InProcessServerBuilder.forName(name).directExecutor().addService(service).build());
    }

    int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    String apiEndpoint() {
        return "127.0.0.1:" + port();
    }

    /** Every instance the server received, in arrival order, over all attempts. */
    List<Value> receivedInstances() {
        synchronized (received) {
            return received.stream().flatMap(request -> request.getInstancesList().stream()).toList();
        }
    }

    static Value echo(final Value instance) {
        return Value.newBuilder().setStructValue(Struct.newBuilder().putFields("echo", instance)).build();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
        timer.shutdownNow();
    }

    private final class CaptureAuthorization implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(final ServerCall<Q, R> call, final Metadata headers, final ServerCallHandler<Q, R> next) {
            final String authorization = headers.get(AUTHORIZATION);
            authorizations.add(authorization == null ? "" : authorization);
            return next.startCall(call, headers);
        }
    }

    private final class Service extends PredictionServiceGrpc.PredictionServiceImplBase {
        @Override
        public void predict(final PredictRequest request, final StreamObserver<PredictResponse> observer) {
            attempts.incrementAndGet();
            if (recordRequests) {
                received.add(request);
            }
            final int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            if (hang) {
                // Never answers; the client's deadline ends the call. Counted out of flight when cancelled.
                io.grpc.Context.current().addListener(context -> inFlight.decrementAndGet(), Runnable::run);
                return;
            }
            final long latency = latencyMillis;
            if (latency > 0) {
                timer.schedule(() -> answer(request, observer), latency, TimeUnit.MILLISECONDS);
            } else {
                answer(request, observer);
            }
        }

        private void answer(final PredictRequest request, final StreamObserver<PredictResponse> observer) {
            inFlight.decrementAndGet();
            final Status failure = failureFor(request);
            if (failure != null) {
                observer.onError(failure.asRuntimeException());
                return;
            }
            final PredictResponse.Builder response = PredictResponse.newBuilder()
                    .setDeployedModelId(DEPLOYED_MODEL_ID)
                    .setModelVersionId(MODEL_VERSION_ID)
                    .setModel("projects/" + PROJECT + "/locations/" + LOCATION + "/models/fake");
            for (final Value instance : request.getInstancesList()) {
                response.addPredictions(model.apply(instance));
            }
            for (int i = 0; i < extraPredictions; i++) {
                response.addPredictions(Value.newBuilder().setStringValue("extra").build());
            }
            answered.incrementAndGet();
            observer.onNext(response.build());
            observer.onCompleted();
        }

        private Status failureFor(final PredictRequest request) {
            if (!endpoints.contains(request.getEndpoint())) {
                return Status.NOT_FOUND.withDescription("Endpoint `" + request.getEndpoint() + "` not found.");
            }
            if (request.getInstancesCount() == 0) {
                return Status.INVALID_ARGUMENT.withDescription("Empty instances.");
            }
            if (request.getSerializedSize() > REQUEST_LIMIT) {
                return Status.INVALID_ARGUMENT.withDescription("Request payload size exceeds the limit: " + REQUEST_LIMIT + " bytes.");
            }
            final Status scripted = scriptedFailures.poll();
            if (scripted != null) {
                return scripted;
            }
            return failWhen.apply(request);
        }
    }
}
