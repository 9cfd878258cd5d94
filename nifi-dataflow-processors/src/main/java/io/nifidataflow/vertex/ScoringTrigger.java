package io.nifidataflow.vertex;

import com.google.cloud.aiplatform.v1.PredictResponse;
import com.google.protobuf.Value;
import io.nifidataflow.record.RecordFlowFiles;
import io.nifidataflow.vertex.FlowFileOutcome.Route;
import io.nifidataflow.vertex.RequestBatcher.Batch;
import io.nifidataflow.vertex.RequestBatcher.InstanceRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

/**
 * One onTrigger of ScoreVertexAI: reads the FlowFiles it was given, packs their records into requests across
 * FlowFiles, and writes each FlowFile out as soon as its last record is answered, while other requests are still
 * on the wire. All session work happens on the calling thread; request outcomes arrive from client threads
 * through a queue, so the session is never touched concurrently.
 */
final class ScoringTrigger {

    /** Where the records of one FlowFile go: endpoint resource name and the request parameters (null for none). */
    record Target(String endpoint, Value parameters) {
        String batchKey() {
            return parameters == null ? endpoint : endpoint + '\n' + parameters;
        }
    }

    /** Settings that hold for the whole trigger. */
    record Settings(RecordReaderFactory readerFactory, RecordSetWriterFactory writerFactory, InstanceBuilder instances,
                    PredictionPath predictionPath, int maxBatchSize, long maxRequestBytes, String transitUriPrefix) {
    }

    /** Names of the counters this trigger adjusts. */
    record Counters(String requests, String instances, String retries, String failures) {
    }

    /** What the adapter needs to route a finished FlowFile. */
    interface Router {
        void success(FlowFile flowFile);

        void failure(FlowFile flowFile);

        void retry(FlowFile flowFile);
    }

    private static final class Pending {
        private FlowFile flowFile;
        private final String endpoint;
        private List<Record> records = new ArrayList<>();
        private RecordSchema schema;
        private FlowFileOutcome outcome;
        private boolean routed;

        private Pending(final FlowFile flowFile, final String endpoint) {
            this.flowFile = flowFile;
            this.endpoint = endpoint;
        }
    }

    /** Requests queued per slot before the trigger stops reading and writes out answers instead. */
    static final int READ_AHEAD_SLOTS = 2;

    private final ProcessSession session;
    private final ComponentLog logger;
    private final Settings settings;
    private final Function<FlowFile, Target> targets;
    private final PredictionDispatcher dispatcher;
    private final Counters counters;
    private final Router router;
    private final List<Pending> pendings = new ArrayList<>();
    private final Map<String, RequestBatcher> batchers = new LinkedHashMap<>();
    private final BlockingQueue<Runnable> completions = new LinkedBlockingQueue<>();
    private int unrouted;
    private int outstandingRequests;

    ScoringTrigger(final ProcessSession session, final ComponentLog logger, final Settings settings, final Function<FlowFile, Target> targets,
                   final PredictionDispatcher dispatcher, final Counters counters, final Router router) {
        this.session = session;
        this.logger = logger;
        this.settings = settings;
        this.targets = targets;
        this.dispatcher = dispatcher;
        this.counters = counters;
        this.router = router;
    }

    /**
     * Scores {@code flowFiles} and routes every one of them; returns when all are routed. Before each FlowFile, a
     * trigger whose processor already has {@link #READ_AHEAD_SLOTS} requests per slot waiting writes out answers
     * instead of reading: that keeps every slot busy and no more, because every record read ahead is held in memory
     * until answered, and a trigger that read all of its FlowFiles first would hold tens of thousands of them
     * through every garbage collection.
     */
    void run(final List<FlowFile> flowFiles) throws InterruptedException {
        for (final FlowFile flowFile : flowFiles) {
            // Only a trigger with requests of its own out can wait: the queue may be full of other tasks' requests,
            // and nothing would then ever arrive on this trigger's completions.
            while (outstandingRequests > 0 && dispatcher.waiting() >= READ_AHEAD_SLOTS * dispatcher.maxConcurrent()) {
                completions.take().run();
            }
            prepare(flowFile);
            while (true) {
                final Runnable completion = completions.poll();
                if (completion == null) {
                    break;
                }
                completion.run();
            }
        }
        batchers.values().forEach(RequestBatcher::flush);
        while (unrouted > 0 || outstandingRequests > 0) {
            completions.take().run();
        }
    }

    private void prepare(final FlowFile flowFile) {
        final Target target;
        try {
            target = targets.apply(flowFile);
        } catch (final IllegalArgumentException | ProcessException e) {
            reject(new Pending(flowFile, null), "INVALID_CONFIGURATION", e.getMessage());
            return;
        }
        final Pending pending = new Pending(flowFile, target.endpoint());
        pendings.add(pending);
        unrouted++;
        try {
            RecordFlowFiles.read(session, flowFile, settings.readerFactory(), logger, (record, readSchema) -> {
                pending.schema = readSchema;
                pending.records.add(record);
            });
        } catch (final IOException e) {
            // UnreadableContentException, or a reader that fails while inferring its schema (a JSON syntax error
            // is an IOException to Jackson): either way this FlowFile cannot be scored, and the others can.
            reject(pending, "UNREADABLE_CONTENT", e.getMessage());
            return;
        }
        if (pending.schema != null) {
            final Optional<String> problem = settings.predictionPath().problemWith(pending.schema);
            if (problem.isPresent()) {
                reject(pending, "INVALID_PREDICTION_PATH", problem.get());
                return;
            }
        }
        final RequestBatcher batcher = batchers.computeIfAbsent(target.batchKey(), key -> new RequestBatcher(
                target.endpoint(), target.parameters(), settings.maxBatchSize(), settings.maxRequestBytes(), this::send));
        final int records = pending.records.size();
        final Value[] instances = new Value[records];
        final int[] sizes = new int[records];
        for (int i = 0; i < records; i++) {
            try {
                instances[i] = settings.instances().build(pending.records.get(i));
            } catch (final UnconvertibleValueException e) {
                reject(pending, "UNCONVERTIBLE_VALUE", "Record " + (i + 1) + ": " + e.getMessage());
                return;
            }
            sizes[i] = RequestBatcher.instanceBytes(instances[i]);
            if (batcher.isOversize(sizes[i])) {
                reject(pending, "OVERSIZE_RECORD", "Record " + (i + 1) + " makes a request of " + batcher.singletonRequestBytes(sizes[i])
                        + " bytes on its own, over Max Request Size of " + settings.maxRequestBytes() + " bytes");
                return;
            }
        }
        pending.outcome = new FlowFileOutcome(records);
        final int owner = pendings.size() - 1;
        for (int i = 0; i < records; i++) {
            batcher.add(instances[i], sizes[i], new InstanceRef(owner, i));
        }
        if (records == 0) {
            route(pending);
        }
    }

    private void send(final Batch batch) {
        int previous = -1;
        for (final InstanceRef ref : batch.refs()) {
            if (ref.owner() != previous) {
                pendings.get(ref.owner()).outcome.requestFormed();
                previous = ref.owner();
            }
        }
        outstandingRequests++;
        dispatcher.submit(batch.request(), outcome -> completions.add(() -> apply(batch, outcome)));
    }

    private void apply(final Batch batch, final PredictionDispatcher.Outcome outcome) {
        outstandingRequests--;
        session.adjustCounter(counters.requests(), outcome.attempts(), false);
        if (outcome.retries() > 0) {
            session.adjustCounter(counters.retries(), outcome.retries(), false);
        }
        RequestFailure failure = outcome.failure();
        final PredictResponse response = outcome.response();
        if (response != null && response.getPredictionsCount() != batch.size()) {
            failure = RequestFailure.countMismatch(response.getPredictionsCount(), batch.size());
        }
        if (failure != null) {
            session.adjustCounter(counters.failures(), 1, false);
            logger.warn("Prediction request of {} instances failed after {} attempt(s): {} {}", batch.size(), outcome.attempts(), failure.code(), failure.message());
            final Map<Integer, Integer> failedPerOwner = new LinkedHashMap<>();
            for (final InstanceRef ref : batch.refs()) {
                failedPerOwner.merge(ref.owner(), 1, Integer::sum);
            }
            for (final Map.Entry<Integer, Integer> entry : failedPerOwner.entrySet()) {
                final Pending pending = pendings.get(entry.getKey());
                pending.outcome.failed(entry.getValue(), failure);
                routeIfComplete(pending);
            }
            return;
        }
        session.adjustCounter(counters.instances(), batch.size(), false);
        final String deployed = response.getDeployedModelId();
        final String version = response.getModelVersionId();
        int previous = -1;
        for (int i = 0; i < batch.size(); i++) {
            final InstanceRef ref = batch.refs().get(i);
            final Pending pending = pendings.get(ref.owner());
            pending.outcome.predicted(ref.index(), response.getPredictions(i), deployed, version);
            if (previous != -1 && previous != ref.owner()) {
                routeIfComplete(pendings.get(previous));
            }
            previous = ref.owner();
        }
        routeIfComplete(pendings.get(previous));
    }

    private void routeIfComplete(final Pending pending) {
        if (!pending.routed && pending.outcome.isComplete()) {
            route(pending);
        }
    }

    private void reject(final Pending pending, final String code, final String message) {
        if (!pendings.contains(pending)) {
            pendings.add(pending);
            unrouted++;
        }
        pending.outcome = new FlowFileOutcome(0);
        pending.outcome.rejectWhole(new RequestFailure(code, message, false, null));
        route(pending);
    }

    private void route(final Pending pending) {
        pending.routed = true;
        unrouted--;
        final FlowFileOutcome outcome = pending.outcome;
        final Route route = outcome.route();
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(ScoreVertexAI.ATTR_REQUEST_COUNT, String.valueOf(outcome.requests()));
        if (route == Route.SUCCESS) {
            try {
                pending.flowFile = writePredictions(pending);
            } catch (final RuntimeException e) {
                // A writer that cannot take the predictions (say, an Avro schema that forbids the new field).
                logger.error("Could not write the predictions of {}", pending.flowFile, e);
                outcome.rejectWhole(new RequestFailure("WRITE_FAILED", e.getMessage(), false, null));
                routeFailure(pending, attributes, Route.FAILURE);
                return;
            }
            attributes.put(ScoreVertexAI.ATTR_DEPLOYED_MODEL_ID, outcome.deployedModelIds());
            attributes.put(ScoreVertexAI.ATTR_MODEL_VERSION_ID, outcome.modelVersionIds());
            pending.flowFile = session.putAllAttributes(pending.flowFile, attributes);
            session.getProvenanceReporter().invokeRemoteProcess(pending.flowFile, settings.transitUriPrefix() + pending.endpoint,
                    "Scored " + outcome.records() + " records with deployed model " + outcome.deployedModelIds());
            router.success(pending.flowFile);
        } else {
            routeFailure(pending, attributes, route);
        }
        pending.records = null;
    }

    private void routeFailure(final Pending pending, final Map<String, String> attributes, final Route route) {
        final RequestFailure failure = pending.outcome.failure();
        attributes.put(ScoreVertexAI.ATTR_ERROR_CODE, failure.code());
        attributes.put(ScoreVertexAI.ATTR_ERROR_MESSAGE, failure.message() == null ? "" : failure.message());
        final FlowFile flowFile = session.putAllAttributes(pending.flowFile, attributes);
        if (route == Route.RETRY) {
            router.retry(session.penalize(flowFile));
        } else {
            logger.error("Routing {} to failure: {} {}", flowFile, failure.code(), failure.message());
            router.failure(flowFile);
        }
        pending.records = null;
    }

    private FlowFile writePredictions(final Pending pending) {
        final FlowFileOutcome outcome = pending.outcome;
        final int records = outcome.records();
        DataType type = null;
        for (int i = 0; i < records; i++) {
            type = ValueDecoder.merge(type, ValueDecoder.typeOf(outcome.prediction(i)));
        }
        final DataType predictionType = ValueDecoder.orString(type);
        final RecordSchema inputSchema = pending.schema != null ? pending.schema : new org.apache.nifi.serialization.SimpleRecordSchema(List.of());
        final RecordSchema outputSchema = settings.predictionPath().outputSchema(inputSchema, predictionType);
        final List<Record> input = pending.records;
        return RecordFlowFiles.write(session, pending.flowFile, settings.writerFactory(), outputSchema, logger, writer -> {
            for (int i = 0; i < records; i++) {
                final Object prediction = ValueDecoder.decode(outcome.prediction(i), predictionType);
                writer.write(settings.predictionPath().withPrediction(input.get(i), outputSchema, prediction));
            }
        });
    }
}
