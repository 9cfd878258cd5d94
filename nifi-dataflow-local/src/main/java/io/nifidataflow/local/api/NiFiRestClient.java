package io.nifidataflow.local.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The part of NiFi's REST API that running a flow from the command line or a test needs. Calls that
 * NiFi completes asynchronously (enabling services, starting and stopping) wait for their effect, with
 * a timeout, so that callers can rely on the state after the call returns.
 */
public final class NiFiRestClient implements AutoCloseable {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long a processor may report INVALID after a change: two runs of NiFi's background validation, every 5 s. */
    static final Duration VALIDATION_GRACE = Duration.ofSeconds(10);

    private final NiFiHttp http;
    private final FlowFileQueues queues;
    /** Identifies this client in the revisions NiFi keeps per component. */
    private final String clientId = UUID.randomUUID().toString();

    /** @param apiUri the REST API root, e.g. {@code http://127.0.0.1:8080/nifi-api} */
    public NiFiRestClient(final URI apiUri) {
        this(apiUri, DEFAULT_REQUEST_TIMEOUT);
    }

    public NiFiRestClient(final URI apiUri, final Duration requestTimeout) {
        this.http = new NiFiHttp(apiUri, requestTimeout, new ObjectMapper());
        this.queues = new FlowFileQueues(http);
    }

    public FlowFileQueues queues() {
        return queues;
    }

    /** The version NiFi reports about itself, e.g. {@code 2.3.0}. */
    public String nifiVersion() {
        return Json.text(http.get("/flow/about").path("about"), "version");
    }

    /** Every processor type NiFi has loaded, from every NAR. */
    public List<ProcessorType> processorTypes() {
        return Json.elements(http.get("/flow/processor-types").path("processorTypes")).stream()
                .map(type -> new ProcessorType(Json.text(type, "type"), Json.text(type.path("bundle"), "group"),
                        Json.text(type.path("bundle"), "artifact"), Json.text(type.path("bundle"), "version"),
                        Json.text(type, "description")))
                .toList();
    }

    /**
     * Imports a flow definition (the JSON of "Download flow definition") as a new process group,
     * creating its parameter contexts.
     *
     * @return the id of the new process group
     */
    public String importFlow(final String parentGroupId, final String groupName, final byte[] flowDefinition) {
        final MultipartBody body = new MultipartBody()
                .field("groupName", groupName)
                .field("positionX", "0")
                .field("positionY", "0")
                .field("clientId", clientId)
                .file("file", groupName + ".json", "application/json", flowDefinition);
        final JsonNode group = http.postMultipart("/process-groups/" + segment(parentGroupId) + "/process-groups/upload", body);
        final String id = Json.text(group, "id");
        if (id.isEmpty()) {
            throw new NiFiApiException("NiFi accepted the flow upload but returned no process group id: " + group);
        }
        return id;
    }

    /** Processors of the group and of all groups inside it. */
    public List<Processor> processors(final String groupId) {
        final JsonNode entities = http.get("/process-groups/" + segment(groupId) + "/processors?includeDescendantGroups=true");
        return Json.elements(entities.path("processors")).stream()
                .map(entity -> entity.path("component"))
                .map(component -> new Processor(Json.text(component, "id"), Json.text(component, "name"),
                        Json.text(component, "type"), Json.text(component, "state"),
                        Json.text(component, "validationStatus"), Json.texts(component.path("validationErrors")),
                        Json.textMap(component.path("config").path("properties")),
                        component.path("extensionMissing").asBoolean(false)))
                .toList();
    }

    /** Controller services of the group and of all groups inside it. */
    public List<ControllerService> controllerServices(final String groupId) {
        final JsonNode entities = http.get("/flow/process-groups/" + segment(groupId)
                + "/controller-services?includeAncestorGroups=false&includeDescendantGroups=true");
        return Json.elements(entities.path("controllerServices")).stream()
                .map(entity -> entity.path("component"))
                .map(component -> new ControllerService(Json.text(component, "id"), Json.text(component, "name"),
                        Json.text(component, "type"), Json.text(component, "state"),
                        Json.text(component, "validationStatus"), Json.texts(component.path("validationErrors"))))
                .toList();
    }

    /** Connections directly inside the group. */
    public List<Connection> connections(final String groupId) {
        final JsonNode entities = http.get("/process-groups/" + segment(groupId) + "/connections");
        return Json.elements(entities.path("connections")).stream()
                .map(entity -> entity.path("component"))
                .map(component -> new Connection(Json.text(component, "id"), Json.text(component, "name"),
                        Json.text(component.path("source"), "id"), Json.text(component.path("source"), "name"),
                        Json.text(component.path("source"), "type"),
                        Json.text(component.path("destination"), "id"), Json.text(component.path("destination"), "name"),
                        Json.text(component.path("destination"), "type"),
                        Json.texts(component.path("selectedRelationships"))))
                .toList();
    }

    /** Enables every controller service in the group and its descendants, and waits until all are enabled. */
    public void enableControllerServices(final String groupId, final Duration timeout) {
        activateControllerServices(groupId, "ENABLED", timeout);
    }

    public void disableControllerServices(final String groupId, final Duration timeout) {
        activateControllerServices(groupId, "DISABLED", timeout);
    }

    /**
     * Starts every processor of the group and waits until all of them run. An invalid processor is left
     * "starting" by NiFi until it turns valid, which for a misconfigured one is never: once one has stayed
     * invalid for {@link #VALIDATION_GRACE} the group is stopped again and the call fails, naming it and why.
     * The grace exists because NiFi validates asynchronously: a processor can report the verdict it got
     * before its connections were added. Disabled processors are not checked: NiFi never revalidates
     * them, so their status is whatever it was at import.
     */
    public void startProcessGroup(final String groupId, final Duration timeout) {
        schedule(groupId, "RUNNING");
        final AtomicReference<List<Processor>> last = new AtomicReference<>(List.of());
        final Map<String, Long> invalidSince = new HashMap<>();
        Poll.until("all processors of group " + groupId + " to run", timeout, () -> {
            final List<Processor> processors = processors(groupId);
            last.set(processors);
            final List<Processor> missing = processors.stream().filter(Processor::extensionMissing).toList();
            if (!missing.isEmpty()) {
                throw stopAfterFailedStart(groupId, "NiFi has no NAR for "
                        + missing.stream().map(p -> p.name() + " (" + p.type() + ")").collect(Collectors.joining(", ")));
            }
            final long now = System.nanoTime();
            final List<Processor> invalid = processors.stream()
                    .filter(processor -> !"DISABLED".equals(processor.state()))
                    .filter(processor -> "INVALID".equals(processor.validationStatus())).toList();
            invalidSince.keySet().retainAll(invalid.stream().map(Processor::id).collect(Collectors.toSet()));
            invalid.forEach(processor -> invalidSince.putIfAbsent(processor.id(), now));
            final List<Processor> stillInvalid = invalid.stream()
                    .filter(processor -> now - invalidSince.get(processor.id()) >= VALIDATION_GRACE.toNanos()).toList();
            if (!stillInvalid.isEmpty()) {
                throw stopAfterFailedStart(groupId, "invalid processors: " + describe(stillInvalid));
            }
            final boolean allRunning = processors.stream()
                    .allMatch(processor -> "RUNNING".equals(processor.state()) || "DISABLED".equals(processor.state()));
            return allRunning ? Optional.of(processors) : Optional.empty();
        }, () -> "Not running: " + describe(last.get().stream().filter(p -> !"RUNNING".equals(p.state())).toList()));
    }

    /** Unschedules the group whose start failed, so that no part of it runs on, and says why it failed. */
    private NiFiApiException stopAfterFailedStart(final String groupId, final String reason) {
        schedule(groupId, "STOPPED");
        return new NiFiApiException("Cannot start group " + groupId + ": " + reason);
    }

    /** Stops every processor of the group and waits until none of them has a task still running. */
    public void stopProcessGroup(final String groupId, final Duration timeout) {
        schedule(groupId, "STOPPED");
        final AtomicReference<ProcessGroupStatus> last = new AtomicReference<>();
        Poll.until("all processors of group " + groupId + " to stop", timeout, () -> {
            final ProcessGroupStatus status = status(groupId);
            last.set(status);
            final boolean idle = status.processors().stream()
                    .allMatch(processor -> !"Running".equals(processor.runStatus()) && processor.activeThreadCount() == 0);
            return idle ? Optional.of(status) : Optional.empty();
        }, () -> "Still busy: " + last.get().processors().stream()
                .filter(processor -> processor.activeThreadCount() > 0 || "Running".equals(processor.runStatus()))
                .map(ProcessorStatus::name).collect(Collectors.joining(", ")));
    }

    /**
     * Stops one processor and waits until it has no task running, e.g. a source, so that the rest of the
     * flow can drain what it produced.
     */
    public void stopProcessor(final String processorId, final Duration timeout) {
        setRunStatus(processorId, "STOPPED", timeout);
    }

    /**
     * Sets one processor {@code RUNNING} or {@code STOPPED} and waits until NiFi reports that state; a stopped
     * processor must also have no task left running.
     */
    public void setRunStatus(final String processorId, final String state, final Duration timeout) {
        final JsonNode current = http.get("/processors/" + segment(processorId));
        final ObjectNode request = http.mapper().createObjectNode();
        request.set("revision", current.path("revision"));
        request.put("state", state);
        http.put("/processors/" + segment(processorId) + "/run-status", request);
        Poll.until("processor " + processorId + " to be " + state, timeout, () -> {
            final JsonNode entity = http.get("/processors/" + segment(processorId));
            final boolean settled = state.equals(entity.path("component").path("state").asText())
                    && ("RUNNING".equals(state) || entity.path("status").path("aggregateSnapshot").path("activeThreadCount").asInt() == 0);
            return settled ? Optional.of(true) : Optional.empty();
        }, () -> "processor " + processorId + " is not " + state + " yet");
    }

    /** The processor's LOCAL state, as NiFi's "View State" shows it. */
    public Map<String, String> localState(final String processorId) {
        final Map<String, String> state = new LinkedHashMap<>();
        for (final JsonNode entry : http.get("/processors/" + segment(processorId) + "/state").path("componentState").path("localState").path("state")) {
            state.put(entry.path("key").asText(), entry.path("value").asText());
        }
        return state;
    }

    /** Run status and traffic of the group's processors and connections, including nested groups. */
    public ProcessGroupStatus status(final String groupId) {
        final JsonNode snapshot = http.get("/flow/process-groups/" + segment(groupId) + "/status?recursive=true")
                .path("processGroupStatus").path("aggregateSnapshot");
        final List<ProcessorStatus> processors = new ArrayList<>();
        final List<ConnectionStatus> connections = new ArrayList<>();
        collectStatus(snapshot, processors, connections);
        return new ProcessGroupStatus(Json.text(snapshot, "id"), Json.text(snapshot, "name"), processors, connections,
                Json.number(snapshot, "flowFilesQueued"), Json.number(snapshot, "bytesQueued"));
    }

    /** All counters of this NiFi, e.g. the records a processor has written since start-up. */
    public List<Counter> counters() {
        return Json.elements(http.get("/counters").path("counters").path("aggregateSnapshot").path("counters")).stream()
                .map(counter -> new Counter(Json.text(counter, "context"), Json.text(counter, "name"),
                        Json.number(counter, "valueCount")))
                .toList();
    }

    private void activateControllerServices(final String groupId, final String state, final Duration timeout) {
        final ObjectNode request = http.mapper().createObjectNode().put("id", groupId).put("state", state);
        http.put("/flow/process-groups/" + segment(groupId) + "/controller-services", request);
        final AtomicReference<List<ControllerService>> last = new AtomicReference<>(List.of());
        Poll.until("the controller services of group " + groupId + " to be " + state, timeout, () -> {
            final List<ControllerService> services = controllerServices(groupId);
            last.set(services);
            return services.stream().allMatch(service -> state.equals(service.state())) ? Optional.of(services) : Optional.empty();
        }, () -> "Not " + state + ": " + last.get().stream().filter(service -> !state.equals(service.state()))
                .map(service -> service.name() + " (" + service.state() + ", " + service.validationStatus() + " "
                        + service.validationErrors() + ")")
                .collect(Collectors.joining("; ")));
    }

    private void schedule(final String groupId, final String state) {
        final ObjectNode request = http.mapper().createObjectNode().put("id", groupId).put("state", state);
        http.put("/flow/process-groups/" + segment(groupId), request);
    }

    private static void collectStatus(final JsonNode group, final List<ProcessorStatus> processors,
                                      final List<ConnectionStatus> connections) {
        for (final JsonNode entity : group.path("processorStatusSnapshots")) {
            final JsonNode processor = entity.path("processorStatusSnapshot");
            processors.add(new ProcessorStatus(Json.text(processor, "id"), Json.text(processor, "groupId"),
                    Json.text(processor, "name"), Json.text(processor, "type"), Json.text(processor, "runStatus"),
                    Json.number(processor, "flowFilesIn"), Json.number(processor, "bytesIn"),
                    Json.number(processor, "flowFilesOut"), Json.number(processor, "bytesOut"),
                    (int) Json.number(processor, "activeThreadCount")));
        }
        for (final JsonNode entity : group.path("connectionStatusSnapshots")) {
            final JsonNode connection = entity.path("connectionStatusSnapshot");
            connections.add(new ConnectionStatus(Json.text(connection, "id"), Json.text(connection, "name"),
                    Json.text(connection, "sourceId"), Json.text(connection, "sourceName"),
                    Json.text(connection, "destinationId"), Json.text(connection, "destinationName"),
                    Json.number(connection, "flowFilesQueued"), Json.number(connection, "bytesQueued"),
                    (int) Json.number(connection, "percentUseCount"), (int) Json.number(connection, "percentUseBytes")));
        }
        for (final JsonNode child : group.path("processGroupStatusSnapshots")) {
            collectStatus(child.path("processGroupStatusSnapshot"), processors, connections);
        }
    }

    private static String describe(final List<Processor> processors) {
        return processors.stream()
                .map(processor -> processor.name() + " (" + processor.state() + ", " + processor.validationStatus()
                        + (processor.validationErrors().isEmpty() ? "" : " " + processor.validationErrors()) + ")")
                .collect(Collectors.joining("; "));
    }

    private static String segment(final String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
