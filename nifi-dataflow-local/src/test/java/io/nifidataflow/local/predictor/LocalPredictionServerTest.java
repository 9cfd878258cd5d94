package io.nifidataflow.local.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.cloud.aiplatform.v1.PredictRequest;
import com.google.cloud.aiplatform.v1.PredictResponse;
import com.google.cloud.aiplatform.v1.PredictionServiceClient;
import com.google.cloud.aiplatform.v1.PredictionServiceSettings;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.ManagedChannelBuilder;
import io.nifidataflow.clickstream.Catalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local prediction server through Google's own Vertex AI client, as ScoreVertexAI reaches it. */
class LocalPredictionServerTest {

    private static final String ENDPOINT = "projects/local/locations/us-central1/endpoints/recommendations";

    private final Catalog catalog = new Catalog(500, 20, 42);
    private LocalPredictionServer server;
    private PredictionServiceClient client;

    @BeforeEach
    void start() throws Exception {
        server = LocalPredictionServer.start(0, new RecommendationModel(catalog));
        client = PredictionServiceClient.create(PredictionServiceSettings.newBuilder()
                .setEndpoint(server.apiEndpoint())
                .setCredentialsProvider(NoCredentialsProvider.create())
                .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                        .setEndpoint(server.apiEndpoint())
                        .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                        .build())
                .build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static Value text(final String text) {
        return Value.newBuilder().setStringValue(text).build();
    }

    private static Value event(final String productId, final List<String> recent) {
        final ListValue.Builder list = ListValue.newBuilder();
        recent.forEach(id -> list.addValues(text(id)));
        return Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("product_id", text(productId))
                .putFields("history", Value.newBuilder().setStructValue(Struct.newBuilder()
                        .putFields("recent_products", Value.newBuilder().setListValue(list).build())).build())).build();
    }

    @Test
    void answersEachInstanceInOrderWithTheDeployedModel() {
        final String category = catalog.categories().get(2);
        final Catalog.Product current = catalog.productsIn(category).get(0);
        final PredictResponse response = client.predict(PredictRequest.newBuilder()
                .setEndpoint(ENDPOINT)
                .addInstances(event(current.id(), List.of(catalog.productsIn(category).get(1).id())))
                .addInstances(Value.newBuilder().setStructValue(Struct.getDefaultInstance()).build())
                .setParameters(Value.newBuilder().setStructValue(Struct.newBuilder().putFields("top_n", Value.newBuilder().setNumberValue(3).build())))
                .build());

        assertEquals(RecommendationService.DEPLOYED_MODEL_ID, response.getDeployedModelId());
        assertEquals(RecommendationService.MODEL_VERSION_ID, response.getModelVersionId());
        assertEquals(2, response.getPredictionsCount());
        final Map<String, Value> first = response.getPredictions(0).getStructValue().getFieldsMap();
        assertEquals(RecommendationModel.CATEGORY_AFFINITY, first.get("strategy").getStringValue());
        final List<Value> recommendations = first.get("recommendations").getListValue().getValuesList();
        assertEquals(3, recommendations.size());
        assertEquals(catalog.productsIn(category).get(2).id(), recommendations.get(0).getStructValue().getFieldsMap().get("product_id").getStringValue(),
                "the best seller of the category the user has not seen");
        assertEquals(category, recommendations.get(0).getStructValue().getFieldsMap().get("category").getStringValue());
        assertTrue(recommendations.get(0).getStructValue().getFieldsMap().get("score").getNumberValue() > 0);
        assertEquals(RecommendationModel.GLOBAL_POPULARITY,
                response.getPredictions(1).getStructValue().getFieldsMap().get("strategy").getStringValue());
        assertEquals(1, server.service().requests());
        assertEquals(2, server.service().instances());
    }

    @Test
    void refusesWhatVertexAiRefuses() {
        assertTrue(assertThrows(InvalidArgumentException.class, () -> client.predict(PredictRequest.newBuilder().setEndpoint(ENDPOINT).build()))
                .getMessage().contains("Empty instances"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> client.predict(PredictRequest.newBuilder().setEndpoint("endpoints/x")
                .addInstances(event("p-00001", List.of())).build())).getMessage().contains("Invalid endpoint name"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> client.predict(PredictRequest.newBuilder().setEndpoint(ENDPOINT)
                .addInstances(text("not an object")).build())).getMessage().contains("must be a JSON object"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> client.predict(PredictRequest.newBuilder().setEndpoint(ENDPOINT)
                .addInstances(event("p-00001", List.of()))
                .setParameters(Value.newBuilder().setStructValue(Struct.newBuilder().putFields("top_n", Value.newBuilder().setNumberValue(1.5).build())))
                .build())).getMessage().contains("top_n"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> client.predict(PredictRequest.newBuilder().setEndpoint(ENDPOINT)
                .addInstances(text("x".repeat(1_600_000))).build())).getMessage().contains("exceeds the limit"));
    }

    @Test
    void listensOnLoopbackOnly() {
        assertTrue(server.apiEndpoint().startsWith("127.0.0.1:"));
    }

    @Test
    void parsesItsCommandLine() {
        assertEquals(new LocalPredictionServerMain.Options(8500, 42, 500, 20), LocalPredictionServerMain.Options.parse());
        assertEquals(new LocalPredictionServerMain.Options(0, 7, 100, 5),
                LocalPredictionServerMain.Options.parse("--port", "0", "--seed", "7", "--products", "100", "--categories", "5"));
        assertThrows(IllegalArgumentException.class, () -> LocalPredictionServerMain.Options.parse("--port"));
        assertThrows(IllegalArgumentException.class, () -> LocalPredictionServerMain.Options.parse("--port", "x"));
        assertThrows(IllegalArgumentException.class, () -> LocalPredictionServerMain.Options.parse("--colour", "1"));
        assertThrows(IllegalArgumentException.class, () -> LocalPredictionServerMain.Options.parse("--categories", "600"));
    }
}
