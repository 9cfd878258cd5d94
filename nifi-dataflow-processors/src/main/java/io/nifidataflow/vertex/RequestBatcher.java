package io.nifidataflow.vertex;

import com.google.cloud.aiplatform.v1.PredictRequest;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Packs instances into PredictRequests for one endpoint and one set of parameters, whatever FlowFile each came
 * from, so that small FlowFiles still make full requests. A request closes, and goes to the sink, as soon as it
 * holds Max Batch Size instances, or when one more instance would take the serialized PredictRequest over Max
 * Request Size bytes.
 *
 * <p>The size is exact, not estimated: a request is its endpoint and parameters plus, per instance, the field
 * tag, the length prefix and the instance; {@link #instanceBytes} computes that share as protobuf does.</p>
 */
public final class RequestBatcher {

    /** An instance's place: the owner (the FlowFile) and the record's position in it. */
    public record InstanceRef(int owner, int index) {
    }

    /** A request ready to send, and which record each of its instances came from, in order. */
    public record Batch(PredictRequest request, List<InstanceRef> refs) {
        public int size() {
            return refs.size();
        }
    }

    private final String endpoint;
    private final Value parameters;
    private final int maxInstances;
    private final long maxBytes;
    private final long overheadBytes;
    private final Consumer<Batch> sink;

    private List<Value> instances = new ArrayList<>();
    private List<InstanceRef> refs = new ArrayList<>();
    private long bytes;

    /**
     * @param endpoint     the endpoint resource name of every request
     * @param parameters   the parameters of every request, or null for none
     * @param maxInstances most instances per request
     * @param maxBytes     most bytes of a serialized request
     * @param sink         receives each request as it closes
     */
    public RequestBatcher(final String endpoint, final Value parameters, final int maxInstances, final long maxBytes, final Consumer<Batch> sink) {
        if (maxInstances < 1) {
            throw new IllegalArgumentException("Max Batch Size must be at least 1");
        }
        this.endpoint = endpoint;
        this.parameters = parameters;
        this.maxInstances = maxInstances;
        this.maxBytes = maxBytes;
        this.sink = sink;
        this.overheadBytes = emptyRequest().getSerializedSize();
        this.bytes = overheadBytes;
    }

    /** The bytes an instance adds to a serialized PredictRequest. */
    public static int instanceBytes(final Value instance) {
        return CodedOutputStream.computeMessageSize(PredictRequest.INSTANCES_FIELD_NUMBER, instance);
    }

    /** True when a request holding only this instance would still exceed Max Request Size. */
    public boolean isOversize(final int instanceBytes) {
        return overheadBytes + instanceBytes > maxBytes;
    }

    /** The size of a request holding only an instance of {@code instanceBytes}: for the reason an instance is refused. */
    public long singletonRequestBytes(final int instanceBytes) {
        return overheadBytes + instanceBytes;
    }

    /** @throws IllegalArgumentException for an {@linkplain #isOversize oversize} instance, which no request can carry */
    public void add(final Value instance, final int instanceBytes, final InstanceRef ref) {
        if (isOversize(instanceBytes)) {
            throw new IllegalArgumentException("An instance of " + instanceBytes + " bytes makes a request of "
                    + singletonRequestBytes(instanceBytes) + " bytes, over the limit of " + maxBytes);
        }
        if (!instances.isEmpty() && bytes + instanceBytes > maxBytes) {
            flush();
        }
        instances.add(instance);
        refs.add(ref);
        bytes += instanceBytes;
        // A full request goes at once: held back, it would wait for the next record, which may be a FlowFile away.
        if (instances.size() == maxInstances) {
            flush();
        }
    }

    /** Sends the open request, if it holds any instance. */
    public void flush() {
        if (instances.isEmpty()) {
            return;
        }
        final PredictRequest.Builder request = PredictRequest.newBuilder().setEndpoint(endpoint).addAllInstances(instances);
        if (parameters != null) {
            request.setParameters(parameters);
        }
        final Batch batch = new Batch(request.build(), List.copyOf(refs));
        instances = new ArrayList<>();
        refs = new ArrayList<>();
        bytes = overheadBytes;
        sink.accept(batch);
    }

    /** Bytes of the open request when serialized. */
    public long openRequestBytes() {
        return bytes;
    }

    private PredictRequest emptyRequest() {
        final PredictRequest.Builder request = PredictRequest.newBuilder().setEndpoint(endpoint);
        if (parameters != null) {
            request.setParameters(parameters);
        }
        return request.build();
    }
}
