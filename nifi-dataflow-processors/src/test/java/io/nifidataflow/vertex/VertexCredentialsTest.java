package io.nifidataflow.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.aiplatform.v1.PredictRequest;
import com.google.cloud.aiplatform.v1.PredictionServiceClient;
import com.google.protobuf.Value;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VertexCredentialsTest {

    private static final String SECRET = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC-SECRET";

    @Test
    void explainsWhatIsWrongWithAKeyWithoutQuotingIt() {
        assertEquals(Optional.of("is not valid JSON"), VertexCredentials.problemWithKey("{\"private_key\": \"" + SECRET + "\""));
        assertEquals(Optional.of("is not a JSON object"), VertexCredentials.problemWithKey("[\"" + SECRET + "\"]"));
        assertEquals(Optional.of("has no \"type\" field: it is not a service account key"), VertexCredentials.problemWithKey("{\"private_key\": \"" + SECRET + "\"}"));
        assertEquals(Optional.of("is of type \"authorized_user\", not a service account key (\"service_account\")"),
                VertexCredentials.problemWithKey("{\"type\": \"authorized_user\", \"refresh_token\": \"" + SECRET + "\"}"));
        assertEquals(Optional.of("is of type \"(unrecognized)\", not a service account key (\"service_account\")"),
                VertexCredentials.problemWithKey("{\"type\": \"" + SECRET + "\"}"));
        assertEquals(Optional.of("lacks client_email, private_key_id"),
                VertexCredentials.problemWithKey("{\"type\": \"service_account\", \"private_key\": \"" + SECRET + "\"}"));

        final String garbledKey = TestKeys.serviceAccountJson().replaceFirst("\"private_key\": \"[^\"]*\"", "\"private_key\": \"" + SECRET + "\"");
        final Optional<String> problem = VertexCredentials.problemWithKey(garbledKey);
        assertTrue(problem.isPresent() && problem.get().startsWith("cannot be loaded"), problem.toString());
        assertFalse(problem.get().contains("SECRET"), problem.get());
    }

    @Test
    void acceptsAWellFormedServiceAccountKey() throws IOException {
        assertEquals(Optional.empty(), VertexCredentials.problemWithKey(TestKeys.serviceAccountJson()));
        final GoogleCredentials credentials = VertexCredentials.fromKey(TestKeys.serviceAccountJson(), null);
        assertFalse(credentials.createScopedRequired());
    }

    @Test
    void readsAKeyFileAndNamesTheFileWhenItCannot(@TempDir final Path dir) throws IOException {
        final Path key = dir.resolve("key.json");
        Files.writeString(key, TestKeys.serviceAccountJson());
        VertexCredentials.fromKeyFile(key, null);

        final IOException missing = assertThrows(IOException.class, () -> VertexCredentials.fromKeyFile(dir.resolve("absent.json"), null));
        assertTrue(missing.getMessage().contains("absent.json"));
        final Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"type\": \"service_account\", \"private_key\": \"" + SECRET + "\"}");
        final IOException invalid = assertThrows(IOException.class, () -> VertexCredentials.fromKeyFile(bad, null));
        assertTrue(invalid.getMessage().contains("lacks client_email"), invalid.getMessage());
        assertFalse(invalid.getMessage().contains(SECRET));
    }

    @Test
    void aServiceAccountKeySendsASelfSignedJwtOverRealGrpcWithoutATokenRequest() throws Exception {
        final String name = "credentials-" + System.nanoTime();
        try (FakePredictionServer server = FakePredictionServer.inProcess(name)) {
            // In-process gRPC counts as a secure transport, so the client attaches its call credentials as over TLS.
            final ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
            final PredictionClients.Connection connection = new PredictionClients.Connection("us-central1-aiplatform.googleapis.com:443", false,
                    Duration.ofSeconds(10), null);
            try (PredictionServiceClient client = PredictionClients.create(connection, VertexCredentials.fromKey(TestKeys.serviceAccountJson(), null),
                    FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))) {
                client.predict(PredictRequest.newBuilder().setEndpoint(FakePredictionServer.ENDPOINT)
                        .addInstances(Value.newBuilder().setStringValue("x")).build());
            } finally {
                channel.shutdownNow();
            }

            final String authorization = server.authorizations.get(0);
            assertTrue(authorization.startsWith("Bearer "), authorization);
            final String[] jwt = authorization.substring("Bearer ".length()).split("\\.");
            assertEquals(3, jwt.length);
            final Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(TestKeys.keyPair().getPublic());
            verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            assertTrue(verifier.verify(Base64.getUrlDecoder().decode(jwt[2])), "signed with the service account's key");
            final JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt[1]));
            assertEquals(TestKeys.CLIENT_EMAIL, claims.get("iss").asText());
            assertEquals(VertexCredentials.SCOPE, claims.get("scope").asText());
        }
    }
}
