package io.nifidataflow.local.docker;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker/ cannot run here (no Docker). What can be checked is: the compose file's syntax and interpolation with
 * docker-compose's own validator when it is installed (Debian's docker-compose package), and that the images
 * start what this repository builds.
 */
class DockerFilesTest {

    static final Path DOCKER = Path.of("..", "docker");
    private static final Map<String, String> CREDENTIALS = Map.of("NIFI_USERNAME", "admin",
            "NIFI_PASSWORD", "a-password-of-20-chars", "NIFI_SENSITIVE_PROPS_KEY", "a-key-of-at-least-12");

    @Test
    void composeFileIsValidForDockerCompose() throws Exception {
        final Result result = compose(CREDENTIALS);

        assertEquals(0, result.exitCode(), result.output());
        for (final String expected : List.of("nifi:", "registry:", "prediction-server:", "127.0.0.1:8443:8443",
                "apache/nifi-registry:2.3.0", "SINGLE_USER_CREDENTIALS_USERNAME: admin", "network_mode: service:nifi")) {
            assertTrue(result.output().contains(expected), expected + " in\n" + result.output());
        }
    }

    @Test
    void composeRefusesToStartNiFiWithoutCredentialsFromTheEnvironment() throws Exception {
        final Result result = compose(Map.of("NIFI_USERNAME", "admin"));

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("NIFI_PASSWORD"), result.output());
    }

    @Test
    void nifiImageAddsOurNarToTheAutoloadDirectoryOfTheOfficialImage() throws IOException {
        final String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));

        assertTrue(dockerfile.contains("FROM apache/nifi:${NIFI_VERSION}"), dockerfile);
        assertTrue(dockerfile.contains("ARG NIFI_VERSION=2."), dockerfile);
        assertTrue(dockerfile.contains("nifi-dataflow-nar/target/nifi-dataflow-nar-") && dockerfile.contains("/opt/nifi/nifi-current/nar_extensions/"),
                dockerfile);
    }

    @Test
    void predictionServerImageRunsThePredictorMainOnTheRunLocalClasspath() throws Exception {
        final String dockerfile = Files.readString(DOCKER.resolve("prediction-server.Dockerfile"));
        final String main = "io.nifidataflow.local.predictor.LocalPredictionServerMain";

        assertTrue(dockerfile.contains(main), dockerfile);
        Class.forName(main).getMethod("main", String[].class);
        assertTrue(dockerfile.contains("nifi-dataflow-local/target/launcher-lib/"), "the dependencies run-local uses");
        final String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<outputDirectory>${project.build.directory}/launcher-lib</outputDirectory>"), "the pom still fills launcher-lib");
    }

    private static Result compose(final Map<String, String> environment) throws Exception {
        final boolean installed = System.getenv("PATH") != null && List.of(System.getenv("PATH").split(":")).stream()
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "docker-compose")));
        assumeTrue(installed, "docker-compose is not on the PATH: compose.yaml not validated (apt-get install docker-compose)");
        final ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", DOCKER.resolve("compose.yaml").toString(), "config")
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("NIFI_"));
        builder.environment().putAll(environment);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker-compose config finished");
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
