package io.nifidataflow.vertex;

import com.google.protobuf.Value;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What became of the records of one FlowFile, whose records may travel in several requests shared with other
 * FlowFiles. The FlowFile is the unit of routing: it goes to success when every record got a prediction, to
 * retry when some did not and every problem was a retryable code whose retries ran out, and to failure when any
 * problem was not retryable. Every record is resolved exactly once, by a prediction or by the failure of its
 * request; a second resolution is a bug, and throws.
 */
public final class FlowFileOutcome {

    public enum Route { SUCCESS, FAILURE, RETRY }

    private final Value[] predictions;
    private int unresolved;
    private RequestFailure firstFailure;
    private RequestFailure firstNonRetryable;
    private final Set<String> deployedModelIds = new LinkedHashSet<>();
    private final Set<String> modelVersionIds = new LinkedHashSet<>();
    private int requests;

    public FlowFileOutcome(final int records) {
        this.predictions = new Value[records];
        this.unresolved = records;
    }

    public int records() {
        return predictions.length;
    }

    /** A request carrying records of this FlowFile was formed (retries of it do not count). */
    public void requestFormed() {
        requests++;
    }

    public int requests() {
        return requests;
    }

    public void predicted(final int index, final Value prediction, final String deployedModelId, final String modelVersionId) {
        if (predictions[index] != null) {
            throw new IllegalStateException("Record " + index + " was predicted twice");
        }
        predictions[index] = prediction;
        unresolved--;
        if (deployedModelId != null && !deployedModelId.isEmpty()) {
            deployedModelIds.add(deployedModelId);
        }
        if (modelVersionId != null && !modelVersionId.isEmpty()) {
            modelVersionIds.add(modelVersionId);
        }
    }

    /** {@code count} records of this FlowFile were in a request that ended with {@code failure}. */
    public void failed(final int count, final RequestFailure failure) {
        if (count > unresolved) {
            throw new IllegalStateException(count + " records failed but only " + unresolved + " were unresolved");
        }
        unresolved -= count;
        note(failure);
    }

    /** The FlowFile cannot be scored at all (unreadable, an oversize record, ...): all of it goes to failure. */
    public void rejectWhole(final RequestFailure reason) {
        unresolved = 0;
        note(reason);
    }

    private void note(final RequestFailure failure) {
        if (firstFailure == null) {
            firstFailure = failure;
        }
        if (!failure.retryable() && firstNonRetryable == null) {
            firstNonRetryable = failure;
        }
    }

    public boolean isComplete() {
        return unresolved == 0;
    }

    public Route route() {
        if (!isComplete()) {
            throw new IllegalStateException(unresolved + " records are still unresolved");
        }
        if (firstFailure == null) {
            return Route.SUCCESS;
        }
        return firstNonRetryable != null ? Route.FAILURE : Route.RETRY;
    }

    /** The failure that decided the route: the first non-retryable one, else the first; null on success. */
    public RequestFailure failure() {
        return firstNonRetryable != null ? firstNonRetryable : firstFailure;
    }

    /** The prediction of record {@code index}; all are set on success. */
    public Value prediction(final int index) {
        return predictions[index];
    }

    /** Comma-separated when requests of one FlowFile were answered by different deployments (a traffic split). */
    public String deployedModelIds() {
        return String.join(",", deployedModelIds);
    }

    public String modelVersionIds() {
        return String.join(",", modelVersionIds);
    }
}
