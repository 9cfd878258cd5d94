package io.nifidataflow.local.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads and empties connection queues. Both go through NiFi's asynchronous requests: create, poll
 * until finished, and always delete the request so that NiFi can release it.
 */
public final class FlowFileQueues {

    private final NiFiHttp http;

    FlowFileQueues(final NiFiHttp http) {
        this.http = http;
    }

    /**
     * The FlowFiles at the head of a queue, oldest first, with attributes and content. NiFi lists at
     * most 100 FlowFiles per request, so {@code max} above 100 returns 100.
     */
    public List<QueuedFlowFile> read(final String connectionId, final int max, final Duration timeout) {
        final String requests = "/flowfile-queues/" + connectionId + "/listing-requests";
        final JsonNode created = http.post(requests, http.mapper().createObjectNode()).path("listingRequest");
        final String requestPath = requests + "/" + Json.text(created, "id");
        try {
            final JsonNode listing = awaitFinished(requestPath, "listingRequest", "the listing of queue " + connectionId, timeout);
            final List<QueuedFlowFile> flowFiles = new ArrayList<>();
            for (final JsonNode summary : Json.elements(listing.path("flowFileSummaries"))) {
                if (flowFiles.size() == max) {
                    break;
                }
                flowFiles.add(fetch(connectionId, summary));
            }
            return flowFiles;
        } finally {
            http.delete(requestPath);
        }
    }

    /** Empties a queue and returns how many FlowFiles were dropped. */
    public long drop(final String connectionId, final Duration timeout) {
        final String requests = "/flowfile-queues/" + connectionId + "/drop-requests";
        final JsonNode created = http.post(requests, http.mapper().createObjectNode()).path("dropRequest");
        final String requestPath = requests + "/" + Json.text(created, "id");
        try {
            final JsonNode drop = awaitFinished(requestPath, "dropRequest", "emptying queue " + connectionId, timeout);
            if (!Json.text(drop, "failureReason").isEmpty()) {
                throw new NiFiApiException("Emptying queue " + connectionId + " failed: " + Json.text(drop, "failureReason"));
            }
            return Json.number(drop, "droppedCount");
        } finally {
            http.delete(requestPath);
        }
    }

    private QueuedFlowFile fetch(final String connectionId, final JsonNode summary) {
        final String uuid = Json.text(summary, "uuid");
        final String flowFilePath = "/flowfile-queues/" + connectionId + "/flowfiles/" + uuid;
        final JsonNode flowFile = http.get(flowFilePath).path("flowFile");
        final byte[] content = http.getBytes(flowFilePath + "/content");
        return new QueuedFlowFile(uuid, Json.number(summary, "position"), Json.number(summary, "size"),
                Json.textMap(flowFile.path("attributes")), content);
    }

    private JsonNode awaitFinished(final String requestPath, final String entityField, final String what,
                                   final Duration timeout) {
        final AtomicReference<JsonNode> last = new AtomicReference<>();
        return Poll.until(what + " to finish", timeout, () -> {
            final JsonNode request = http.get(requestPath).path(entityField);
            last.set(request);
            return request.path("finished").asBoolean(false) ? Optional.of(request) : Optional.empty();
        }, () -> "Last state: " + (last.get() == null ? "none" : Json.text(last.get(), "state")));
    }
}
