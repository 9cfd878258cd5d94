package io.nifidataflow.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifidataflow.local.api.Connection;
import io.nifidataflow.local.api.Counter;
import io.nifidataflow.local.api.NiFiApiException;
import io.nifidataflow.local.api.NiFiRestClient;
import io.nifidataflow.local.api.Poll;
import io.nifidataflow.local.api.Processor;
import io.nifidataflow.local.api.ProcessorType;
import io.nifidataflow.local.api.QueuedFlowFile;
import io.nifidataflow.local.cli.RunLocal;
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

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
    private static final String PUT_FILE = "org.apache.nifi.processors.standard.PutFile";
    private static final String LOCAL_STANDARD_NAR = "nifi-dataflow-local-standard-nar";
    /** What users of NiFi expect to find; nifi-standard-nar has them, and so must its local stand-in. */
    private static final List<String> STANDARD_PROCESSORS = List.of(PUT_FILE,
            "org.apache.nifi.processors.standard.ListenHTTP",
            "org.apache.nifi.processors.standard.PartitionRecord",
            "org.apache.nifi.processors.standard.PutDatabaseRecord",
            "org.apache.nifi.processors.standard.ConvertRecord",
            "org.apache.nifi.processors.standard.InvokeHTTP");
    private static final Path DEMO_FLOW = RunningNiFi.flowTemplate("ecommerce", "clickstream-demo.json");
    private static final List<String> CLICKSTREAM_FIELDS = List.of("event_id", "event_type", "event_time", "user_id",
            "product_id", "category", "price", "quantity", "search_query", "device", "country");
    private static final Instant START_TIME = Instant.parse("2026-01-01T00:00:00Z");
    private static final int RECORDS_PER_FLOWFILE = 50;
    private static final int FLOWFILES_TO_READ = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ObjectMapper mapper = new ObjectMapper();
    private LocalNiFi nifi;
    private NiFiRestClient client;
    /** The content of the files the first run of the demo flow wrote, to compare the second run with. */
    private Set<String> writtenByFirstRun = Set.of();

    @BeforeAll
    void startNiFi() throws Exception {
        final Path work = RunningNiFi.workDirectory("system-it");
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
    void nifiOffersTheStandardProcessorsFromTheLocalStandardNar() {
        final Map<String, ProcessorType> types = client.processorTypes().stream()
                .collect(Collectors.toMap(ProcessorType::type, type -> type, (first, second) -> first));

        for (final String expected : STANDARD_PROCESSORS) {
            final ProcessorType type = types.get(expected);
            assertNotNull(type, expected + " is not available" + System.lineSeparator() + nifi.applicationLogTail(20));
            assertEquals(LOCAL_STANDARD_NAR, type.bundleArtifact(), expected + " bundle");
        }
    }

    @Test
    @Order(3)
    void demoFlowWritesFilesOfClickstreamRecordsWithTheDocumentedFields() throws Exception {
        final Path output = nifi.workDirectory().output().resolve("demo");
        final DemoRun run = startDemoFlow("files", demoFlow().withParameters(Map.of(RunLocal.OUTPUT_DIRECTORY_PARAMETER, output.toString())));
        Poll.until(FLOWFILES_TO_READ + " files in " + output, TIMEOUT,
                () -> OutputFiles.files(output).size() >= FLOWFILES_TO_READ ? Optional.of(true) : Optional.empty(),
                () -> nifi.applicationLogTail(20));
        client.stopProcessGroup(run.groupId(), TIMEOUT);

        final List<Path> files = OutputFiles.files(output);
        for (final Path file : files) {
            assertClickstreamRecords(Files.readAllBytes(file), file.toString());
        }
        writtenByFirstRun = new HashSet<>();
        for (final Path file : files) {
            writtenByFirstRun.add(Files.readString(file));
        }
        assertEquals((files.size() + queued(run)) * RECORDS_PER_FLOWFILE, eventsGenerated(run.generatorId()),
                "Events Generated against the records in " + files.size() + " files and the FlowFiles still queued");
    }

    @Test
    @Order(4)
    void queuedRecordsReadBackThroughTheRestApiEqualTheFilesOfARunWithTheSameSeed() throws Exception {
        final DemoRun run = startDemoFlow("queue", demoFlow().withProcessorsDisabled(PUT_FILE));
        Poll.until(FLOWFILES_TO_READ + " FlowFiles queued before the disabled PutFile", TIMEOUT,
                () -> queued(run) >= FLOWFILES_TO_READ ? Optional.of(true) : Optional.empty(),
                () -> nifi.applicationLogTail(20));
        client.stopProcessGroup(run.groupId(), TIMEOUT);

        final List<QueuedFlowFile> flowFiles = client.queues().read(run.eventsConnectionId(), FLOWFILES_TO_READ, TIMEOUT);

        assertEquals(FLOWFILES_TO_READ, flowFiles.size());
        for (final QueuedFlowFile flowFile : flowFiles) {
            assertClickstreamRecords(flowFile.content(), "FlowFile " + flowFile.uuid());
            assertEquals(Integer.toString(RECORDS_PER_FLOWFILE), flowFile.attribute("record.count"));
            assertEquals("application/json", flowFile.attribute("mime.type"));
            assertTrue(writtenByFirstRun.contains(new String(flowFile.content(), StandardCharsets.UTF_8)),
                    "FlowFile " + flowFile.uuid() + " (position " + flowFile.position() + ") differs from every file of the first run");
        }
        assertEquals(queued(run), client.queues().drop(run.eventsConnectionId(), TIMEOUT));
        assertEquals(0, queued(run), "queue after dropping its FlowFiles");
    }

    @Test
    @Order(5)
    void startingAGroupWithAnInvalidProcessorFailsNamingItAndWhy() throws IOException {
        final FlowDefinition flow = demoFlow().withParameters(Map.of("Records per FlowFile", "many"));
        final FlowDefinition unique = flow.withParameterContextName(flow.parameterContextName() + " (invalid)");
        final String groupId = client.importFlow("root", flow.name() + " (invalid)", unique.toBytes());
        client.enableControllerServices(groupId, TIMEOUT);

        final NiFiApiException failure = assertThrows(NiFiApiException.class, () -> client.startProcessGroup(groupId, TIMEOUT));

        final Processor generator = client.processors(groupId).stream()
                .filter(processor -> GENERATE_CLICKSTREAM.equals(processor.type())).findFirst().orElseThrow();
        assertTrue(failure.getMessage().contains("invalid processors: "), failure.getMessage());
        assertTrue(failure.getMessage().contains(generator.name()), failure.getMessage());
        assertTrue(failure.getMessage().contains("Records per FlowFile"), failure.getMessage());
        assertEquals("INVALID", generator.validationStatus());
        assertTrue(client.processors(groupId).stream().noneMatch(processor -> "RUNNING".equals(processor.state())),
                "the group is stopped again after the failed start: " + client.processors(groupId));
    }

    @Test
    @Order(6)
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

    /** The demo flow with a fixed Seed and Start Time, generating as fast as possible, in small FlowFiles. */
    private static FlowDefinition demoFlow() throws IOException {
        return FlowDefinition.read(DEMO_FLOW).withParameters(Map.of(
                "Seed", "20260101",
                "Start Time", START_TIME.toString(),
                "Events per Second", "0",
                "Records per FlowFile", Integer.toString(RECORDS_PER_FLOWFILE)));
    }

    /** Imports the flow as a new group with a parameter context of its own, enables its services and starts it. */
    private DemoRun startDemoFlow(final String run, final FlowDefinition flow) {
        final FlowDefinition unique = flow.withParameterContextName(flow.parameterContextName() + " (" + run + ")");
        final String groupId = client.importFlow("root", flow.name() + " (" + run + ")", unique.toBytes());
        final Processor generator = client.processors(groupId).stream()
                .filter(processor -> GENERATE_CLICKSTREAM.equals(processor.type()))
                .findFirst().orElseThrow(() -> new AssertionError("the demo flow has no " + GENERATE_CLICKSTREAM));
        final Connection events = client.connections(groupId).stream()
                .filter(connection -> connection.sourceId().equals(generator.id()))
                .findFirst().orElseThrow(() -> new AssertionError("GenerateClickstream has no outgoing connection"));
        assertEquals(List.of("success"), events.relationships());

        client.enableControllerServices(groupId, TIMEOUT);
        client.startProcessGroup(groupId, TIMEOUT);
        return new DemoRun(groupId, generator.id(), events.id());
    }

    private void assertClickstreamRecords(final byte[] content, final String source) throws IOException {
        final JsonNode records = mapper.readTree(content);
        assertTrue(records.isArray(), source + " holds one JSON array of records");
        assertEquals(RECORDS_PER_FLOWFILE, records.size(), "records in " + source);
        for (final JsonNode record : records) {
            final List<String> fields = new ArrayList<>();
            record.fieldNames().forEachRemaining(fields::add);
            assertEquals(CLICKSTREAM_FIELDS, fields, "fields of " + record + " in " + source);
            final Instant eventTime = Instant.parse(record.get("event_time").asText());
            assertFalse(eventTime.isBefore(START_TIME), "event_time " + eventTime + " is before the Start Time");
        }
    }

    private long queued(final DemoRun run) {
        return client.status(run.groupId()).connections().stream()
                .filter(connection -> connection.id().equals(run.eventsConnectionId()))
                .mapToLong(connection -> connection.flowFilesQueued())
                .sum();
    }

    private long eventsGenerated(final String processorId) {
        return client.counters().stream()
                .filter(counter -> counter.belongsTo(processorId) && counter.name().equals("Events Generated"))
                .mapToLong(Counter::value)
                .sum();
    }

    /** One imported copy of the demo flow. */
    private record DemoRun(String groupId, String generatorId, String eventsConnectionId) {
    }
}
