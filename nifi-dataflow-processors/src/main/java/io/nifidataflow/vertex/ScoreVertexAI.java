package io.nifidataflow.vertex;

import com.google.auth.Credentials;
import com.google.cloud.aiplatform.v1.PredictRequest;
import com.google.cloud.aiplatform.v1.PredictionServiceClient;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.annotation.lifecycle.OnUnscheduled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.PropertyValue;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxyConfigurationService;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@Tags({"google", "gcp", "vertex", "vertex ai", "ai", "ml", "machine learning", "predict", "prediction", "inference", "score", "model",
    "recommendations", "record", "grpc"})
@CapabilityDescription("Scores records with a model deployed to a Vertex AI endpoint (online prediction, PredictionService.Predict over "
        + "gRPC) and writes each prediction into its record at the Prediction Path. Each record, or its Instance Fields, becomes one "
        + "instance. Records of several FlowFiles are packed into requests of up to Max Batch Size instances and Max Request Size bytes, "
        + "sent up to Max Concurrent Requests at a time, and requests refused with a retryable code (RESOURCE_EXHAUSTED, UNAVAILABLE, "
        + "DEADLINE_EXCEEDED, INTERNAL, ABORTED) are retried with exponential backoff and jitter. A FlowFile goes to 'success' when every "
        + "record got a prediction, to 'retry' (penalized, original content) when retries ran out, and to 'failure' (original content) "
        + "when the service refused its records or they cannot be sent; a failing request affects only the FlowFiles with records in it.")
@SeeAlso(classNames = {"io.nifidataflow.enrich.EnrichEvent", "org.apache.nifi.processors.standard.LookupRecord"})
@WritesAttributes({
    @WritesAttribute(attribute = ScoreVertexAI.ATTR_DEPLOYED_MODEL_ID, description = "On success: the id of the deployed model that answered "
            + "(comma-separated when a traffic split sent the FlowFile's requests to several)"),
    @WritesAttribute(attribute = ScoreVertexAI.ATTR_MODEL_VERSION_ID, description = "On success: the version of the model that answered"),
    @WritesAttribute(attribute = ScoreVertexAI.ATTR_REQUEST_COUNT, description = "The number of prediction requests that carried records "
            + "of this FlowFile, retries not counted"),
    @WritesAttribute(attribute = "record.count", description = "On success: the number of records written"),
    @WritesAttribute(attribute = "mime.type", description = "On success: the MIME type the Record Writer reports"),
    @WritesAttribute(attribute = ScoreVertexAI.ATTR_ERROR_CODE, description = "On failure and retry: the gRPC status code (such as "
            + "INVALID_ARGUMENT or UNAVAILABLE), or OVERSIZE_RECORD, UNREADABLE_CONTENT, UNCONVERTIBLE_VALUE, PREDICTION_COUNT_MISMATCH, "
            + "INVALID_PREDICTION_PATH, INVALID_CONFIGURATION or WRITE_FAILED"),
    @WritesAttribute(attribute = ScoreVertexAI.ATTR_ERROR_MESSAGE, description = "On failure and retry: why, in the service's words where it gave any")
})
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "The records of up to FlowFile Batch Size FlowFiles are held "
        + "in memory until their predictions arrive.")
@SystemResourceConsideration(resource = SystemResource.NETWORK, description = "Sends every record to Vertex AI.")
public class ScoreVertexAI extends AbstractProcessor implements VerifiableProcessor {

    static final String ATTR_DEPLOYED_MODEL_ID = "vertex.deployed.model.id";
    static final String ATTR_MODEL_VERSION_ID = "vertex.model.version.id";
    static final String ATTR_REQUEST_COUNT = "vertex.request.count";
    static final String ATTR_ERROR_CODE = "vertex.error.code";
    static final String ATTR_ERROR_MESSAGE = "vertex.error.message";

    static final String COUNTER_REQUESTS = "Vertex AI Requests";
    static final String COUNTER_INSTANCES = "Vertex AI Instances Predicted";
    static final String COUNTER_RETRIES = "Vertex AI Retries";
    static final String COUNTER_FAILURES = "Vertex AI Failed Requests";

    static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("Reads the records to score")
            .identifiesControllerService(RecordReaderFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes the scored records. Its schema should be inherited from the record: the output schema is the input schema "
                    + "plus the prediction field, typed by the predictions.")
            .identifiesControllerService(RecordSetWriterFactory.class)
            .required(true)
            .build();

    static final PropertyDescriptor PROJECT_ID = new PropertyDescriptor.Builder()
            .name("Project ID")
            .description("The Google Cloud project of the endpoint. Required unless Endpoint is set.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor LOCATION = new PropertyDescriptor.Builder()
            .name("Location")
            .description("The region of the endpoint, such as us-central1. It also selects the regional API Endpoint, so it is evaluated "
                    + "once when the processor starts, without FlowFile attributes.")
            .required(true)
            .defaultValue("us-central1")
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor ENDPOINT_ID = new PropertyDescriptor.Builder()
            .name("Endpoint ID")
            .description("The id of the Vertex AI endpoint the model is deployed to (a number such as 1234567890123456789). Required unless "
                    + "Endpoint is set.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor ENDPOINT = new PropertyDescriptor.Builder()
            .name("Endpoint")
            .description("The full endpoint resource name, projects/PROJECT/locations/LOCATION/endpoints/ENDPOINT_ID, instead of Project ID "
                    + "and Endpoint ID. Its location must be the one the API Endpoint serves.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor API_ENDPOINT = new PropertyDescriptor.Builder()
            .name("API Endpoint")
            .description("host:port of the Vertex AI API. Empty means the regional endpoint of Location, <location>-aiplatform.googleapis.com:443. "
                    + "Set it for Private Service Connect, a regional endpoint of another universe, or a local prediction server.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.HOSTNAME_PORT_LIST_VALIDATOR)
            .build();

    static final PropertyDescriptor USE_PLAINTEXT = new PropertyDescriptor.Builder()
            .name("Use Plaintext")
            .description("For local prediction servers and tests only: connect without TLS and send no credentials. Vertex AI itself "
                    + "requires TLS; never use this with a real endpoint.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor SERVICE_ACCOUNT_JSON = new PropertyDescriptor.Builder()
            .name("Service Account JSON")
            .description("The JSON key of a service account with the Vertex AI User role (aiplatform.endpoints.predict). When neither this "
                    + "nor Service Account JSON File is set, Application Default Credentials are used.")
            .required(false)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor SERVICE_ACCOUNT_JSON_FILE = new PropertyDescriptor.Builder()
            .name("Service Account JSON File")
            .description("A file holding the JSON key of a service account, read when the processor starts. Alternative to Service Account JSON.")
            .required(false)
            .identifiesExternalResource(ResourceCardinality.SINGLE, ResourceType.FILE)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE = new PropertyDescriptor.Builder()
            .name("Proxy Configuration Service")
            .description("An HTTP proxy to reach Vertex AI through (gRPC tunnels with HTTP CONNECT; user and password are sent with Basic "
                    + "authentication). SOCKS proxies are not supported by gRPC.")
            .required(false)
            .identifiesControllerService(ProxyConfigurationService.class)
            .build();

    static final PropertyDescriptor REQUEST_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Request Timeout")
            .description("The deadline of one attempt of one request. An attempt that exceeds it fails with DEADLINE_EXCEEDED and is retried.")
            .required(true)
            .defaultValue("30 sec")
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.MILLISECONDS, 1, TimeUnit.HOURS))
            .build();

    static final PropertyDescriptor INSTANCE_FIELDS = new PropertyDescriptor.Builder()
            .name("Instance Fields")
            .description("Comma-separated top-level fields that make the instance, such as user_id, history, product_id. Empty means the "
                    + "whole record. A listed field a record lacks is sent as null.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor PARAMETERS = new PropertyDescriptor.Builder()
            .name("Parameters")
            .description("Optional JSON sent as the parameters of every request, as the model's parameters schema defines them, such as "
                    + "{\"top_n\": 10}. FlowFiles whose parameters differ are never in the same request.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor PREDICTION_PATH = new PropertyDescriptor.Builder()
            .name("Prediction Path")
            .description("Where each record's prediction is written: a chain of field names from the root, such as /prediction or "
                    + "/model/output. A struct becomes a record, a list an array, a number a double.")
            .required(true)
            .defaultValue("/prediction")
            .addValidator((subject, input, context) -> {
                String problem = null;
                try {
                    PredictionPath.parse(input);
                } catch (final IllegalArgumentException e) {
                    problem = e.getMessage();
                }
                return new ValidationResult.Builder().subject(subject).input(input).valid(problem == null).explanation(problem).build();
            })
            .build();

    static final PropertyDescriptor MAX_BATCH_SIZE = new PropertyDescriptor.Builder()
            .name("Max Batch Size")
            .description("The most instances in one request. Check the model's limit: many containers accept fewer than 1000.")
            .required(true)
            .defaultValue("100")
            .addValidator(StandardValidators.createLongValidator(1, 100_000, true))
            .build();

    static final PropertyDescriptor MAX_REQUEST_SIZE = new PropertyDescriptor.Builder()
            .name("Max Request Size")
            .description("The most bytes of one serialized PredictRequest. Vertex AI online prediction refuses requests over 1.5 MB "
                    + "(1,572,864 bytes). A record too large for a request on its own sends its FlowFile to failure.")
            .required(true)
            .defaultValue("1.5 MB")
            .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
            .build();

    static final PropertyDescriptor FLOWFILE_BATCH_SIZE = new PropertyDescriptor.Builder()
            .name("FlowFile Batch Size")
            .description("The most FlowFiles taken per trigger, whose records are packed into requests together, so that small FlowFiles "
                    + "still make full requests. They are read as requests go out, and each one's records are held in memory until "
                    + "its last record is answered.")
            .required(true)
            .defaultValue("50")
            .addValidator(StandardValidators.createLongValidator(1, 10_000, true))
            .build();

    static final PropertyDescriptor MAX_CONCURRENT_REQUESTS = new PropertyDescriptor.Builder()
            .name("Max Concurrent Requests")
            .description("The most requests in flight at once for this processor, across all its concurrent tasks. A request waiting for its "
                    + "retry keeps its slot.")
            .required(true)
            .defaultValue("4")
            .addValidator(StandardValidators.createLongValidator(1, 1_000, true))
            .build();

    static final PropertyDescriptor MAX_RETRIES = new PropertyDescriptor.Builder()
            .name("Max Retries")
            .description("How many times a request that failed with a retryable code is sent again after its first attempt. With 3, a request "
                    + "that fails 3 times and then succeeds succeeds; one that fails 4 times sends its FlowFiles to retry.")
            .required(true)
            .defaultValue("3")
            .addValidator(StandardValidators.createLongValidator(0, 100, true))
            .build();

    static final PropertyDescriptor INITIAL_BACKOFF = new PropertyDescriptor.Builder()
            .name("Initial Backoff")
            .description("The wait before the first retry; each further retry waits twice as long (at most a minute), less a random part of up "
                    + "to half. A server that asks for a longer delay gets it.")
            .required(true)
            .defaultValue("250 ms")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("FlowFiles whose every record got a prediction, with the predictions written into the records")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("FlowFiles, with their original content, that cannot be scored: the service refused a request with a non-retryable "
                    + "code (INVALID_ARGUMENT, PERMISSION_DENIED, NOT_FOUND, ...) or answered with the wrong number of predictions, or a "
                    + "record is unreadable, unconvertible or larger than Max Request Size")
            .build();

    static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("FlowFiles, with their original content and penalized, whose requests still failed with a retryable code after "
                    + "Max Retries retries. Route back to this processor to try again later.")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            RECORD_READER, RECORD_WRITER, PROJECT_ID, LOCATION, ENDPOINT_ID, ENDPOINT, API_ENDPOINT, USE_PLAINTEXT,
            SERVICE_ACCOUNT_JSON, SERVICE_ACCOUNT_JSON_FILE, PROXY_CONFIGURATION_SERVICE, REQUEST_TIMEOUT,
            INSTANCE_FIELDS, PARAMETERS, PREDICTION_PATH, MAX_BATCH_SIZE, MAX_REQUEST_SIZE, FLOWFILE_BATCH_SIZE,
            MAX_CONCURRENT_REQUESTS, MAX_RETRIES, INITIAL_BACKOFF);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_RETRY);

    private static final ScoringTrigger.Counters COUNTERS = new ScoringTrigger.Counters(COUNTER_REQUESTS, COUNTER_INSTANCES, COUNTER_RETRIES, COUNTER_FAILURES);

    private volatile PredictionServiceClient client;
    private volatile ScheduledExecutorService dispatchScheduler;
    private volatile PredictionDispatcher dispatcher;
    private volatile ScoringTrigger.Settings settings;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        final boolean endpointSet = context.getProperty(ENDPOINT).isSet();
        if (endpointSet && (context.getProperty(PROJECT_ID).isSet() || context.getProperty(ENDPOINT_ID).isSet())) {
            results.add(invalid(ENDPOINT.getName(), "set either Endpoint or Project ID and Endpoint ID, not both"));
        }
        if (!endpointSet && (!context.getProperty(PROJECT_ID).isSet() || !context.getProperty(ENDPOINT_ID).isSet())) {
            results.add(invalid(ENDPOINT_ID.getName(), "Project ID and Endpoint ID are required unless Endpoint is set"));
        }
        if (endpointSet && !context.isExpressionLanguagePresent(context.getProperty(ENDPOINT).getValue())) {
            try {
                VertexEndpoint.resourceName(context.getProperty(ENDPOINT).getValue(), null, null, null);
            } catch (final IllegalArgumentException e) {
                results.add(invalid(ENDPOINT.getName(), e.getMessage()));
            }
        }
        final boolean inlineKey = context.getProperty(SERVICE_ACCOUNT_JSON).isSet();
        final boolean keyFile = context.getProperty(SERVICE_ACCOUNT_JSON_FILE).isSet();
        if (inlineKey && keyFile) {
            results.add(invalid(SERVICE_ACCOUNT_JSON.getName(), "set Service Account JSON or Service Account JSON File, not both"));
        }
        if (inlineKey) {
            VertexCredentials.problemWithKey(context.getProperty(SERVICE_ACCOUNT_JSON).getValue())
                    .ifPresent(problem -> results.add(invalid(SERVICE_ACCOUNT_JSON.getName(), "the value " + problem)));
        }
        if (context.getProperty(USE_PLAINTEXT).asBoolean() && (inlineKey || keyFile)) {
            results.add(invalid(USE_PLAINTEXT.getName(), "a plaintext connection sends no credentials: remove the service account key, "
                    + "or turn Use Plaintext off"));
        }
        final String parameters = context.getProperty(PARAMETERS).getValue();
        if (parameters != null && !context.isExpressionLanguagePresent(parameters)) {
            parseParameters(parameters).ifPresent(problem -> results.add(invalid(PARAMETERS.getName(), problem)));
        }
        return results;
    }

    private static ValidationResult invalid(final String subject, final String explanation) {
        return new ValidationResult.Builder().subject(subject).valid(false).explanation(explanation).build();
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) throws IOException {
        final PredictionClients.Connection connection = connection(context);
        client = PredictionClients.create(connection, credentials(context, connection));
        dispatchScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "ScoreVertexAI dispatcher " + getIdentifier());
            thread.setDaemon(true);
            return thread;
        });
        final RetryPolicy policy = new RetryPolicy(context.getProperty(MAX_RETRIES).asInteger(),
                Duration.ofMillis(context.getProperty(INITIAL_BACKOFF).asTimePeriod(TimeUnit.MILLISECONDS)));
        dispatcher = new PredictionDispatcher(PredictionClients.transport(client), policy,
                context.getProperty(MAX_CONCURRENT_REQUESTS).asInteger(), dispatchScheduler);
        settings = new ScoringTrigger.Settings(
                context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class),
                context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class),
                InstanceBuilder.of(context.getProperty(INSTANCE_FIELDS).getValue()),
                PredictionPath.parse(context.getProperty(PREDICTION_PATH).getValue()),
                context.getProperty(MAX_BATCH_SIZE).asInteger(),
                context.getProperty(MAX_REQUEST_SIZE).asDataSize(DataUnit.B).longValue(),
                transitUriPrefix(connection));
        getLogger().info("Scoring with Vertex AI at {} ({}), {} requests at most in flight", connection.apiEndpoint(),
                connection.plaintext() ? "plaintext" : "TLS", context.getProperty(MAX_CONCURRENT_REQUESTS).asInteger());
    }

    /** Triggers finishing now stop retrying, so that they end promptly; their FlowFiles go to retry. */
    @OnUnscheduled
    public void onUnscheduled() {
        final PredictionDispatcher current = dispatcher;
        if (current != null) {
            current.stopRetrying();
        }
    }

    @OnStopped
    public void onStopped() {
        if (dispatchScheduler != null) {
            dispatchScheduler.shutdownNow();
            dispatchScheduler = null;
        }
        if (client != null) {
            client.close();
            try {
                client.awaitTermination(5, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client = null;
        }
        dispatcher = null;
        settings = null;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final List<FlowFile> flowFiles = session.get(context.getProperty(FLOWFILE_BATCH_SIZE).asInteger());
        if (flowFiles.isEmpty()) {
            return;
        }
        final ScoringTrigger.Router router = new ScoringTrigger.Router() {
            @Override
            public void success(final FlowFile flowFile) {
                session.transfer(flowFile, REL_SUCCESS);
            }

            @Override
            public void failure(final FlowFile flowFile) {
                session.transfer(flowFile, REL_FAILURE);
            }

            @Override
            public void retry(final FlowFile flowFile) {
                session.transfer(flowFile, REL_RETRY);
            }
        };
        final String location = context.getProperty(LOCATION).evaluateAttributeExpressions().getValue();
        final ScoringTrigger trigger = new ScoringTrigger(session, getLogger(), settings, flowFile -> target(context, flowFile, location),
                dispatcher, COUNTERS, router);
        try {
            trigger.run(flowFiles);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("Interrupted while waiting for predictions; the FlowFiles go back to the queue", e);
        }
        session.commitAsync();
    }

    private static ScoringTrigger.Target target(final PropertyContext context, final FlowFile flowFile, final String location) {
        final String endpoint = VertexEndpoint.resourceName(
                context.getProperty(ENDPOINT).evaluateAttributeExpressions(flowFile).getValue(),
                context.getProperty(PROJECT_ID).evaluateAttributeExpressions(flowFile).getValue(),
                location,
                context.getProperty(ENDPOINT_ID).evaluateAttributeExpressions(flowFile).getValue());
        final String json = context.getProperty(PARAMETERS).evaluateAttributeExpressions(flowFile).getValue();
        if (json == null || json.isBlank()) {
            return new ScoringTrigger.Target(endpoint, null);
        }
        final Value.Builder parameters = Value.newBuilder();
        try {
            JsonFormat.parser().merge(json, parameters);
        } catch (final InvalidProtocolBufferException | RuntimeException e) {
            throw new IllegalArgumentException("Parameters is not valid JSON: " + e.getMessage());
        }
        return new ScoringTrigger.Target(endpoint, parameters.build());
    }

    private static Optional<String> parseParameters(final String json) {
        try {
            JsonFormat.parser().merge(json, Value.newBuilder());
            return Optional.empty();
        } catch (final InvalidProtocolBufferException | RuntimeException e) {
            return Optional.of("is not valid JSON: " + e.getMessage());
        }
    }

    static PredictionClients.Connection connection(final PropertyContext context) {
        final String configured = context.getProperty(API_ENDPOINT).evaluateAttributeExpressions().getValue();
        final String apiEndpoint = configured == null || configured.isBlank()
                ? VertexEndpoint.defaultApiEndpoint(context.getProperty(LOCATION).evaluateAttributeExpressions().getValue())
                : configured.trim();
        return new PredictionClients.Connection(apiEndpoint, context.getProperty(USE_PLAINTEXT).asBoolean(),
                Duration.ofMillis(context.getProperty(REQUEST_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)), proxy(context));
    }

    private static HttpProxy proxy(final PropertyContext context) {
        final PropertyValue property = context.getProperty(PROXY_CONFIGURATION_SERVICE);
        if (!property.isSet()) {
            return null;
        }
        final ProxyConfiguration configuration = property.asControllerService(ProxyConfigurationService.class).getConfiguration();
        return switch (configuration.getProxyType()) {
            case DIRECT -> null;
            case HTTP -> new HttpProxy(configuration.getProxyServerHost(), configuration.getProxyServerPort(),
                    configuration.getProxyUserName(), configuration.getProxyUserPassword());
            case SOCKS -> throw new ProcessException("Proxy Configuration Service is a SOCKS proxy; gRPC supports only HTTP proxies");
        };
    }

    /** Null for a plaintext connection, which sends no credentials. */
    private static Credentials credentials(final PropertyContext context, final PredictionClients.Connection connection) throws IOException {
        if (connection.plaintext()) {
            return null;
        }
        if (context.getProperty(SERVICE_ACCOUNT_JSON).isSet()) {
            return VertexCredentials.fromKey(context.getProperty(SERVICE_ACCOUNT_JSON).getValue(), connection.proxy());
        }
        if (context.getProperty(SERVICE_ACCOUNT_JSON_FILE).isSet()) {
            final Path file = context.getProperty(SERVICE_ACCOUNT_JSON_FILE).evaluateAttributeExpressions().asResource().asFile().toPath();
            return VertexCredentials.fromKeyFile(file, connection.proxy());
        }
        return VertexCredentials.applicationDefault(connection.proxy());
    }

    private static String transitUriPrefix(final PredictionClients.Connection connection) {
        return (connection.plaintext() ? "grpc://" : "grpcs://") + connection.apiEndpoint() + "/";
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final PredictionClients.Connection connection;
        final Credentials credentials;
        try {
            connection = connection(context);
            credentials = credentials(context, connection);
            results.add(step("Load credentials", Outcome.SUCCESSFUL, connection.plaintext()
                    ? "None: plaintext connection to " + connection.apiEndpoint()
                    : describe(context) + " for " + connection.apiEndpoint() + (connection.proxy() == null ? "" : " through " + connection.proxy())));
        } catch (final IOException | RuntimeException e) {
            results.add(step("Load credentials", Outcome.FAILED, e.getMessage()));
            return results;
        }
        final String endpoint;
        try {
            endpoint = VertexEndpoint.resourceName(
                    context.getProperty(ENDPOINT).evaluateAttributeExpressions(attributes).getValue(),
                    context.getProperty(PROJECT_ID).evaluateAttributeExpressions(attributes).getValue(),
                    context.getProperty(LOCATION).evaluateAttributeExpressions().getValue(),
                    context.getProperty(ENDPOINT_ID).evaluateAttributeExpressions(attributes).getValue());
            results.add(step("Resolve endpoint", Outcome.SUCCESSFUL, endpoint));
        } catch (final IllegalArgumentException | ProcessException e) {
            results.add(step("Resolve endpoint", Outcome.FAILED, e.getMessage()));
            return results;
        }
        results.add(probe(connection, credentials, endpoint, verificationLogger));
        return results;
    }

    private static String describe(final PropertyContext context) {
        if (context.getProperty(SERVICE_ACCOUNT_JSON).isSet()) {
            return "Service account key from Service Account JSON";
        }
        if (context.getProperty(SERVICE_ACCOUNT_JSON_FILE).isSet()) {
            return "Service account key from Service Account JSON File";
        }
        return "Application Default Credentials";
    }

    /**
     * Sends a Predict with no instances. An endpoint that exists and lets us in refuses it with INVALID_ARGUMENT
     * ("empty instances"); UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND or UNAVAILABLE say what is wrong.
     */
    private static ConfigVerificationResult probe(final PredictionClients.Connection connection, final Credentials credentials,
                                                  final String endpoint, final ComponentLog logger) {
        final String step = "Reach endpoint";
        try (PredictionServiceClient probeClient = PredictionClients.create(connection, credentials)) {
            try {
                probeClient.predictCallable().futureCall(PredictRequest.newBuilder().setEndpoint(endpoint).build()).get(
                        connection.requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
                return step(step, Outcome.SUCCESSFUL, endpoint + " answered at " + connection.apiEndpoint());
            } catch (final Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                final RequestFailure failure = RequestFailure.from(e);
                if ("INVALID_ARGUMENT".equals(failure.code())) {
                    return step(step, Outcome.SUCCESSFUL, endpoint + " answered at " + connection.apiEndpoint()
                            + " (it refused an empty request, as expected: " + failure.message() + ")");
                }
                logger.warn("Verification request to {} failed: {} {}", endpoint, failure.code(), failure.message());
                return step(step, Outcome.FAILED, failure.code() + " from " + connection.apiEndpoint() + " for " + endpoint + ": " + failure.message());
            }
        } catch (final IOException | RuntimeException e) {
            return step(step, Outcome.FAILED, "Could not create the client: " + e.getMessage());
        }
    }

    private static ConfigVerificationResult step(final String name, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(name).outcome(outcome).explanation(explanation).build();
    }
}
