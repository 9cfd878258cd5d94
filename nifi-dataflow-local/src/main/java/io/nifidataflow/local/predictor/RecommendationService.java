package io.nifidataflow.local.predictor;

import com.google.cloud.aiplatform.v1.PredictRequest;
import com.google.cloud.aiplatform.v1.PredictResponse;
import com.google.cloud.aiplatform.v1.PredictionServiceGrpc;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Vertex AI's PredictionService.Predict, answered by the {@link RecommendationModel}. It checks requests as the
 * real service does (a well-formed endpoint name, at least one instance, at most 1.5 MB, object instances) and
 * answers with one prediction per instance, in order, plus the deployed model and its version.
 *
 * <p>An instance is a JSON object; the model reads {@code product_id}, {@code category},
 * {@code history.recent_products} (or a top-level {@code recent_products}) and {@code categories}, all optional.
 * The parameters may set {@code top_n} (1 to 100, default 5). A prediction is
 * {@code {"recommendations": [{"product_id", "category", "score"}, ...], "strategy": "category-affinity"}}.</p>
 */
public final class RecommendationService extends PredictionServiceGrpc.PredictionServiceImplBase {

    public static final String DEPLOYED_MODEL_ID = "local-recommender";
    public static final String MODEL_VERSION_ID = "1";
    public static final int DEFAULT_TOP_N = 5;
    static final int MAX_TOP_N = 100;
    static final int REQUEST_LIMIT = 1_572_864;

    private static final Pattern ENDPOINT = Pattern.compile("projects/[^/]+/locations/[^/]+/endpoints/[^/]+");

    private final RecommendationModel model;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong instances = new AtomicLong();

    public RecommendationService(final RecommendationModel model) {
        this.model = model;
    }

    public long requests() {
        return requests.get();
    }

    public long instances() {
        return instances.get();
    }

    @Override
    public void predict(final PredictRequest request, final StreamObserver<PredictResponse> observer) {
        final String problem = problemWith(request);
        if (problem != null) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
            return;
        }
        final int topN;
        try {
            topN = topN(request);
        } catch (final IllegalArgumentException e) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        final PredictResponse.Builder response = PredictResponse.newBuilder()
                .setDeployedModelId(DEPLOYED_MODEL_ID)
                .setModelVersionId(MODEL_VERSION_ID)
                .setModel(request.getEndpoint().replaceFirst("/endpoints/.*$", "/models/local-recommender"))
                .setModelDisplayName("local recommender (stand-in for a Vertex AI endpoint)");
        for (final Value instance : request.getInstancesList()) {
            response.addPredictions(toValue(model.recommend(context(instance.getStructValue()), topN)));
        }
        requests.incrementAndGet();
        instances.addAndGet(request.getInstancesCount());
        observer.onNext(response.build());
        observer.onCompleted();
    }

    private static String problemWith(final PredictRequest request) {
        if (!ENDPOINT.matcher(request.getEndpoint()).matches()) {
            return "Invalid endpoint name: '" + request.getEndpoint() + "'. Expected projects/*/locations/*/endpoints/*.";
        }
        if (request.getInstancesCount() == 0) {
            return "Empty instances.";
        }
        if (request.getSerializedSize() > REQUEST_LIMIT) {
            return "Request payload size exceeds the limit: " + REQUEST_LIMIT + " bytes.";
        }
        for (int i = 0; i < request.getInstancesCount(); i++) {
            if (!request.getInstances(i).hasStructValue()) {
                return "Instance " + i + " must be a JSON object, but is a " + request.getInstances(i).getKindCase() + ".";
            }
        }
        return null;
    }

    private static int topN(final PredictRequest request) {
        if (!request.hasParameters() || !request.getParameters().hasStructValue()) {
            return DEFAULT_TOP_N;
        }
        final Value value = request.getParameters().getStructValue().getFieldsMap().get("top_n");
        if (value == null || value.hasNullValue()) {
            return DEFAULT_TOP_N;
        }
        final double topN = value.getNumberValue();
        if (!value.hasNumberValue() || topN != Math.rint(topN) || topN < 1 || topN > MAX_TOP_N) {
            throw new IllegalArgumentException("Parameter top_n must be a whole number from 1 to " + MAX_TOP_N + ".");
        }
        return (int) topN;
    }

    static RecommendationModel.Context context(final Struct instance) {
        final Map<String, Value> fields = instance.getFieldsMap();
        List<String> recent = strings(fields.get("recent_products"));
        final Value history = fields.get("history");
        if (history != null && history.hasStructValue()) {
            final List<String> fromHistory = strings(history.getStructValue().getFieldsMap().get("recent_products"));
            if (!fromHistory.isEmpty()) {
                recent = fromHistory;
            }
        }
        return new RecommendationModel.Context(string(fields.get("product_id")), string(fields.get("category")), recent,
                strings(fields.get("categories")));
    }

    private static String string(final Value value) {
        return value != null && value.hasStringValue() && !value.getStringValue().isBlank() ? value.getStringValue() : null;
    }

    private static List<String> strings(final Value value) {
        if (value == null || !value.hasListValue()) {
            return List.of();
        }
        final List<String> strings = new ArrayList<>();
        for (final Value item : value.getListValue().getValuesList()) {
            final String text = string(item);
            if (text != null) {
                strings.add(text);
            }
        }
        return strings;
    }

    static Value toValue(final RecommendationModel.Result result) {
        final ListValue.Builder list = ListValue.newBuilder();
        for (final RecommendationModel.Recommendation recommendation : result.recommendations()) {
            list.addValues(Value.newBuilder().setStructValue(Struct.newBuilder()
                    .putFields("product_id", Value.newBuilder().setStringValue(recommendation.productId()).build())
                    .putFields("category", Value.newBuilder().setStringValue(recommendation.category()).build())
                    .putFields("score", Value.newBuilder().setNumberValue(recommendation.score()).build())));
        }
        return Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("recommendations", Value.newBuilder().setListValue(list).build())
                .putFields("strategy", Value.newBuilder().setStringValue(result.strategy()).build())).build();
    }
}
