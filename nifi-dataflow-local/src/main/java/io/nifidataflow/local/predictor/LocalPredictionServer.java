package io.nifidataflow.local.predictor;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for a Vertex AI endpoint: the real PredictionService gRPC API, in plaintext, on 127.0.0.1 only,
 * serving the {@link RecommendationModel}. ScoreVertexAI talks to it with API Endpoint {@code 127.0.0.1:<port>} and
 * Use Plaintext on; pointing the processor at a real endpoint means clearing those two and setting credentials.
 */
public final class LocalPredictionServer implements AutoCloseable {

    private final Server server;
    private final RecommendationService service;

    private LocalPredictionServer(final Server server, final RecommendationService service) {
        this.server = server;
        this.service = service;
    }

    /** Starts on 127.0.0.1:{@code port}; port 0 picks a free one. */
    public static LocalPredictionServer start(final int port, final RecommendationModel model) throws IOException {
        final RecommendationService service = new RecommendationService(model);
        final Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .addService(service)
                .maxInboundMessageSize(8 * 1024 * 1024)
                .build()
                .start();
        return new LocalPredictionServer(server, service);
    }

    public int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    /** What ScoreVertexAI's API Endpoint property takes. */
    public String apiEndpoint() {
        return "127.0.0.1:" + port();
    }

    public RecommendationService service() {
        return service;
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (final InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
