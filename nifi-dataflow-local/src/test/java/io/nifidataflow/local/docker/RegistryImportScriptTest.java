package io.nifidataflow.local.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker/import-flows-to-registry.sh against a stand-in for the part of NiFi Registry's REST API it uses (bucket and
 * flow listing and creation, and versions/import, as BucketResource and BucketFlowResource define them). It proves
 * the script's requests and bookkeeping, not a real Registry's answers: that needs Docker, which this machine lacks.
 */
class RegistryImportScriptTest {

    private static final Path SCRIPT = DockerFilesTest.DOCKER.resolve("import-flows-to-registry.sh");
    private static final Path TEMPLATES = Path.of("..", "flow-templates");
    private static final Pattern FLOWS = Pattern.compile("/nifi-registry-api/buckets/([^/]+)/flows");
    private static final Pattern IMPORT = Pattern.compile("/nifi-registry-api/buckets/([^/]+)/flows/([^/]+)/versions/import");

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, String> buckets = new LinkedHashMap<>();            // id -> name
    private final Map<String, Map<String, String>> flows = new LinkedHashMap<>(); // bucket id -> flow id -> name
    private final Map<String, List<byte[]>> versions = new TreeMap<>();          // bucket/flow name -> imported bodies
    private final List<String> comments = new ArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/nifi-registry-api/buckets", this::handle);
        server.start();
    }

    @AfterEach
    void stopRegistry() {
        server.stop(0);
    }

    @Test
    void importsABucketPerFolderAndAFlowPerFileAndAddsVersionsOnTheNextRun() throws Exception {
        final Map<String, TreeSet<String>> expected = new TreeMap<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            files.filter(file -> file.toString().endsWith(".json")).forEach(file -> expected
                    .computeIfAbsent(file.getParent().getFileName().toString(), bucket -> new TreeSet<>())
                    .add(file.getFileName().toString().replaceAll("\\.json$", "")));
        }

        final String first = run();
        final String second = run();

        assertEquals(expected.keySet(), new TreeSet<>(buckets.values()), first);
        for (final Map.Entry<String, String> bucket : buckets.entrySet()) {
            assertEquals(expected.get(bucket.getValue()), new TreeSet<>(flows.get(bucket.getKey()).values()), bucket.getValue());
        }
        for (final Map.Entry<String, TreeSet<String>> bucket : expected.entrySet()) {
            for (final String flow : bucket.getValue()) {
                final List<byte[]> imported = versions.get(bucket.getKey() + "/" + flow);
                assertEquals(2, imported.size(), "one version per run of " + bucket.getKey() + "/" + flow);
                final byte[] file = Files.readAllBytes(TEMPLATES.resolve(bucket.getKey()).resolve(flow + ".json"));
                assertArrayEquals(file, imported.get(0), "the file is sent as it is");
                assertTrue(second.contains("imported " + bucket.getKey() + "/" + flow + " as version 2"), second);
            }
        }
        assertTrue(comments.stream().allMatch(comment -> comment.startsWith("imported from flow-templates/")), comments.toString());
    }

    private String run() throws Exception {
        assumeTrue(onPath("curl") && onPath("python3") && onPath("bash"), "the script needs bash, curl and python3");
        final Process process = new ProcessBuilder("bash", SCRIPT.toString(), "http://127.0.0.1:" + server.getAddress().getPort(), TEMPLATES.toString())
                .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the script finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static boolean onPath(final String command) {
        final String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":")).anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }

    private void handle(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getPath();
        final String method = exchange.getRequestMethod();
        final byte[] body = exchange.getRequestBody().readAllBytes();
        final Matcher imports = IMPORT.matcher(path);
        final Matcher flowList = FLOWS.matcher(path);
        synchronized (this) {
            if (path.equals("/nifi-registry-api/buckets") && method.equals("GET")) {
                respond(exchange, 200, list(buckets));
            } else if (path.equals("/nifi-registry-api/buckets") && method.equals("POST")) {
                final String id = "bucket-" + (buckets.size() + 1);
                buckets.put(id, mapper.readTree(body).path("name").asText());
                flows.put(id, new LinkedHashMap<>());
                respond(exchange, 200, mapper.createObjectNode().put("identifier", id).put("name", buckets.get(id)));
            } else if (imports.matches() && method.equals("POST")) {
                assertEquals("application/json", exchange.getRequestHeaders().getFirst("Content-Type"));
                final JsonNode snapshot = mapper.readTree(body);
                assertTrue(snapshot.has("flowContents"), "a flow definition");
                comments.add(exchange.getRequestHeaders().getFirst("Comments"));
                final String key = buckets.get(imports.group(1)) + "/" + flows.get(imports.group(1)).get(imports.group(2));
                final List<byte[]> imported = versions.computeIfAbsent(key, k -> new ArrayList<>());
                imported.add(body);
                final ObjectNode created = mapper.createObjectNode();
                created.putObject("snapshotMetadata").put("version", imported.size());
                respond(exchange, 201, created);
            } else if (flowList.matches() && method.equals("GET")) {
                respond(exchange, 200, list(flows.get(flowList.group(1))));
            } else if (flowList.matches() && method.equals("POST")) {
                final Map<String, String> bucketFlows = flows.get(flowList.group(1));
                final String id = flowList.group(1) + "-flow-" + (bucketFlows.size() + 1);
                bucketFlows.put(id, mapper.readTree(body).path("name").asText());
                respond(exchange, 200, mapper.createObjectNode().put("identifier", id).put("name", bucketFlows.get(id)));
            } else {
                respond(exchange, 404, mapper.createObjectNode().put("message", method + " " + path));
            }
        }
    }

    private ArrayNode list(final Map<String, String> items) {
        final ArrayNode array = mapper.createArrayNode();
        items.forEach((id, name) -> array.addObject().put("identifier", id).put("name", name));
        return array;
    }

    private void respond(final HttpExchange exchange, final int status, final JsonNode json) throws IOException {
        final byte[] bytes = mapper.writeValueAsBytes(json);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
