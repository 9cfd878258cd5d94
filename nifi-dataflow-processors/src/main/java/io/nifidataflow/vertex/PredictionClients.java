package io.nifidataflow.vertex;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.auth.Credentials;
import com.google.cloud.aiplatform.v1.PredictResponse;
import com.google.cloud.aiplatform.v1.PredictionServiceClient;
import com.google.cloud.aiplatform.v1.PredictionServiceSettings;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.HttpConnectProxiedSocketAddress;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Builds the Vertex AI {@link PredictionServiceClient} as ScoreVertexAI uses it: gRPC to the API Endpoint, TLS
 * unless plaintext is asked for, through an HTTP proxy when one is configured, and with retry settings that
 * allow exactly one attempt bounded by the Request Timeout. The generated client's own defaults retry nothing
 * and set no deadline at all; here the deadline is explicit and retrying belongs to {@link PredictionDispatcher}.
 */
public final class PredictionClients {

    /** Where and how to connect. {@code proxy} may be null. */
    public record Connection(String apiEndpoint, boolean plaintext, Duration requestTimeout, HttpProxy proxy) {
    }

    private PredictionClients() {
    }

    /** @param credentials null to send none (a plaintext local server) */
    public static PredictionServiceClient create(final Connection connection, final Credentials credentials) throws IOException {
        final InstantiatingGrpcChannelProvider channels = PredictionServiceSettings.defaultGrpcTransportProviderBuilder()
                .setEndpoint(connection.apiEndpoint())
                .setChannelConfigurator(builder -> configure(builder, connection))
                .build();
        return create(connection, credentials, channels);
    }

    /** With a given transport: tests use an in-process channel. */
    static PredictionServiceClient create(final Connection connection, final Credentials credentials, final TransportChannelProvider channels)
            throws IOException {
        final PredictionServiceSettings.Builder settings = PredictionServiceSettings.newBuilder()
                .setEndpoint(connection.apiEndpoint())
                .setTransportChannelProvider(channels)
                .setCredentialsProvider(credentials == null ? NoCredentialsProvider.create() : FixedCredentialsProvider.create(credentials));
        final Duration timeout = connection.requestTimeout();
        settings.predictSettings()
                .setRetryableCodes(Set.of())
                .setRetrySettings(RetrySettings.newBuilder()
                        .setMaxAttempts(1)
                        .setInitialRpcTimeoutDuration(timeout)
                        .setMaxRpcTimeoutDuration(timeout)
                        .setRpcTimeoutMultiplier(1.0)
                        .setTotalTimeoutDuration(timeout)
                        .build());
        return PredictionServiceClient.create(settings.build());
    }

    @SuppressWarnings("rawtypes")
    private static ManagedChannelBuilder configure(final ManagedChannelBuilder builder, final Connection connection) {
        if (connection.plaintext()) {
            builder.usePlaintext();
        }
        final HttpProxy proxy = connection.proxy();
        if (proxy != null) {
            final InetSocketAddress proxyAddress = new InetSocketAddress(proxy.host(), proxy.port());
            builder.proxyDetector(target -> target instanceof InetSocketAddress address
                    ? HttpConnectProxiedSocketAddress.newBuilder()
                            .setTargetAddress(address)
                            .setProxyAddress(proxyAddress)
                            .setUsername(proxy.user())
                            .setPassword(proxy.password())
                            .build()
                    : null);
        }
        return builder;
    }

    /** The client's async Predict as a {@link PredictionDispatcher.Transport}. */
    public static PredictionDispatcher.Transport transport(final PredictionServiceClient client) {
        return request -> {
            final ApiFuture<PredictResponse> call = client.predictCallable().futureCall(request);
            final CompletableFuture<PredictResponse> result = new CompletableFuture<>();
            ApiFutures.addCallback(call, new ApiFutureCallback<>() {
                @Override
                public void onFailure(final Throwable thrown) {
                    result.completeExceptionally(thrown);
                }

                @Override
                public void onSuccess(final PredictResponse response) {
                    result.complete(response);
                }
            }, MoreExecutors.directExecutor());
            return result;
        };
    }
}
