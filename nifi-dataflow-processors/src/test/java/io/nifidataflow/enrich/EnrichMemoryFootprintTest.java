package io.nifidataflow.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sizing claim, checked in a JVM of its own: a million ids and a million users fit in a 512 MB heap. */
class EnrichMemoryFootprintTest {

    @Test
    void aMillionIdsAndAMillionUsersFitInA512MegabyteHeap() throws Exception {
        final String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        final Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                EnrichMemoryFootprint.class.getName(), "1000000", "1000000"))
                .redirectErrorStream(true)
                .start();
        final boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        System.out.print(output);
        assertTrue(finished, "the measurement did not finish: " + output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("1,000,000 remembered ids") && output.contains("1,000,000 tracked users"), output);
    }
}
