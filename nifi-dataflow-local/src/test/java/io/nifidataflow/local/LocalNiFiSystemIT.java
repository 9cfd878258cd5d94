package io.nifidataflow.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidataflow.local.api.Connection;
import io.nifidataflow.local.api.Counter;
import io.nifidataflow.local.api.NiFiRestClient;
import io.nifidataflow.local.api.Poll;
import io.nifidataflow.local.api.Processor;
import io.nifidataflow.local.api.ProcessorType;
import io.nifidataflow.local.api.QueuedFlowFile;
import io.nifidataflow.local.flow.FlowDefinition;
import io.nifidataflow.local.nar.DataflowNar;
import io.nifidataflow.local.nar.NarArchive;
import io.nifidataflow.local.runtime.LocalNiFi;
import io.nifidataflow.local.runtime.LocalNiFiSettings;
import io.nifidataflow.local.runtime.NiFiHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local runtime end to end: a real NiFi 2.3.0 assembled from Maven Central loads our NAR, runs the
 * clickstream demo flow, and goes away without a trace. One NiFi serves all tests of this class; they
 * run in order and the last one shuts it down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalNiFiSystemIT {

    private static final String GENERATE_CLICKSTREAM = "io.nifidataflow.clickstream.GenerateClickstream";
    private static final Path DEMO_FLOW = Path.of(System.getProperty("nifi.local.flow.templates", "../flow-templates"))
            .resolve("ecommerce").resolve("clickstream-demo.json");
    private static final List<String> CLICKSTREAM_FIELDS = List.of("event_id", "event_type", "event_time", "user_id",
            "product_id", "category", "price", "quantity", "search_query", "device", "country");
    private static final Instant START_TIME = Instant.parse("2026-01-01T00:00:00Z");
    private static final int RECORDS_PER_FLOWFILE = 50;
    private static final int FLOWFILES_TO_READ = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ObjectMapper mapper = new ObjectMapper();
    private LocalNiFi nifi;
    private NiFiRestClient client;
    /** The FlowFiles of the first run of the demo flow, to compare the second run with. */
    private List<QueuedFlowFile> firstRun;

    @BeforeAll
    void startNiFi() throws Exception {
        final Path work = Path.of(System.getProperty("nifi.local.test.work", "target/it-work")).resolve("system-it");
        nifi = LocalNiFi.start(LocalNiFiSettings.of(NiFiHome.locate(), work));
        client = new NiFiRestClient(nifi.apiUri());
        System.out.printf("Local NiFi started in %d ms: %s%n", nifi.startupTime().toMillis(), nifi);
    }

    @AfterAll
    void stopNiFi() throws Exception {
        if (client != null) {
            client.close();
        }
        if (nifi != null) {
            nifi.close();
        }
    }

    @Test
    @Order(1)
    void nifiLoadsEveryProcessorOfOurNar() throws Exception {
        final Set<String> packaged;
        try (NarArchive nar = new NarArchive(DataflowNar.locate())) {
            packaged = new TreeSet<>(DataflowNar.processorTypes(nar));
        }
        final List<ProcessorType> ours = client.processorTypes().stream()
                .filter(type -> DataflowNar.GROUP.equals(type.bundleGroup()))
                .toList();

        assertTrue(packaged.contains(GENERATE_CLICKSTREAM), "packaged processors: " + packaged);
        assertEquals(packaged, ours.stream().map(ProcessorType::type).collect(Collectors.toCollection(TreeSet::new)),
                "our processors in /nifi-api/flow/processor-types" + System.lineSeparator() + nifi.applicationLogTail(20));
        for (final ProcessorType type : ours) {
            assertEquals(DataflowNar.ARTIFACT, type.bundleArtifact(), type.type() + " bundle");
            assertFalse(type.description().isBlank(), type.type() + " has no description in NiFi");
        }
    }

    @Test
    @Order(2)
    void demoFlowQueuesClickstreamRecordsWithTheDocumentedFields() throws Exception {
        firstRun = runDemoFlow("first run");

        assertEquals(FLOWFILES_TO_READ, firstRun.size());
        for (final QueuedFlowFile flowFile : firstRun) {
            final JsonNode records = mapper.readTree(flowFile.content());
            assertTrue(records.isArray(), "a FlowFile holds one JSON array of records");
            assertEquals(RECORDS_PER_FLOWFILE, records.size(), "records in FlowFile " + flowFile.uuid());
            assertEquals(Integer.toString(RECORDS_PER_FLOWFILE), flowFile.attribute("record.count"));
            assertEquals("application/json", flowFile.attribute("mime.type"));
            for (final JsonNode record : records) {
                final List<String> fields = new ArrayList<>();
                record.fieldNames().forEachRemaining(fields::add);
                assertEquals(CLICKSTREAM_FIELDS, fields, "fields of " + record);
                final Instant eventTime = Instant.parse(record.get("event_time").asText());
                assertFalse(eventTime.isBefore(START_TIME), "event_time " + eventTime + " is before the Start Time");
            }
        }
    }

    @Test
    @Order(3)
    void sameSeedAndStartTimeGiveTheSameRecords() throws Exception {
        final List<QueuedFlowFile> secondRun = runDemoFlow("second run");

        for (int i = 0; i < FLOWFILES_TO_READ; i++) {
            assertArrayEquals(firstRun.get(i).content(), secondRun.get(i).content(), "content of FlowFile " + i);
        }
    }

    @Test
    @Order(4)
    void closingStopsNiFiAndEverythingItStarted() throws Exception {
        final ProcessHandle process = nifi.processHandle();
        final Set<ProcessHandle> family = new LinkedHashSet<>(process.descendants().toList());
        family.add(process);

        nifi.close();

        for (final ProcessHandle member : family) {
            assertFalse(member.isAlive(), "process " + member.pid() + " is still alive");
        }
        final HttpRequest request = HttpRequest.newBuilder(nifi.apiUri().resolve("/nifi-api/flow/about"))
                .timeout(Duration.ofSeconds(5)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThrows(ConnectException.class, () -> http.send(request, HttpResponse.BodyHandlers.discarding()));
        }
    }

    /**
     * Imports the demo flow with a fixed Seed and Start Time, runs it until enough FlowFiles are
     * queued, stops it, checks the record counter against the queue and reads the oldest FlowFiles.
     */
    private List<QueuedFlowFile> runDemoFlow(final String run) throws Exception {
        final FlowDefinition flow = FlowDefinition.read(DEMO_FLOW)
                .withParameterContextName("Clickstream Demo (" + run + ")")
                .withParameters(Map.of(
                        "Seed", "20260101",
                        "Start Time", START_TIME.toString(),
                        "Events per Second", "0",
                        "Records per FlowFile", Integer.toString(RECORDS_PER_FLOWFILE)));
        final String groupId = client.importFlow("root", flow.name() + " (" + run + ")", flow.toBytes());
        final Processor generator = client.processors(groupId).stream()
                .filter(processor -> GENERATE_CLICKSTREAM.equals(processor.type()))
                .findFirst().orElseThrow(() -> new AssertionError("the demo flow has no " + GENERATE_CLICKSTREAM));
        final Connection events = client.connections(groupId).stream()
                .filter(connection -> connection.sourceId().equals(generator.id()))
                .findFirst().orElseThrow(() -> new AssertionError("GenerateClickstream has no outgoing connection"));
        assertEquals(List.of("success"), events.relationships());

        client.enableControllerServices(groupId, TIMEOUT);
        client.startProcessGroup(groupId, TIMEOUT);
        Poll.until(FLOWFILES_TO_READ + " FlowFiles queued after " + generator.name(), TIMEOUT,
                () -> queued(groupId, events.id()) >= FLOWFILES_TO_READ ? Optional.of(true) : Optional.empty(),
                () -> nifi.applicationLogTail(20));
        client.stopProcessGroup(groupId, TIMEOUT);

        final long queued = queued(groupId, events.id());
        assertEquals(queued * RECORDS_PER_FLOWFILE, eventsGenerated(generator.id()),
                "the processor's Events Generated counter against the records queued in " + queued + " FlowFiles");
        return client.queues().read(events.id(), FLOWFILES_TO_READ, TIMEOUT);
    }

    private long queued(final String groupId, final String connectionId) {
        return client.status(groupId).connections().stream()
                .filter(connection -> connection.id().equals(connectionId))
                .mapToLong(connection -> connection.flowFilesQueued())
                .sum();
    }

    private long eventsGenerated(final String processorId) {
        return client.counters().stream()
                .filter(counter -> counter.belongsTo(processorId) && counter.name().equals("Events Generated"))
                .mapToLong(Counter::value)
                .sum();
    }
}
