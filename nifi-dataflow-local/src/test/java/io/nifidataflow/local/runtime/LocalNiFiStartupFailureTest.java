package io.nifidataflow.local.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the launcher says when NiFi cannot start; no real NiFi needed. */
@Timeout(60)
class LocalNiFiStartupFailureTest {

    @TempDir
    Path temp;

    @Test
    void reportsTheExitAndTheTailOfTheConsoleWhenNiFiDiesDuringStartup() throws Exception {
        final NiFiHome brokenHome = homeWithEmptyJars();
        final LocalNiFiSettings settings = LocalNiFiSettings.of(brokenHome, temp.resolve("work"))
                .withStartupTimeout(Duration.ofSeconds(30));

        final NiFiStartupException failure = assertThrows(NiFiStartupException.class, () -> LocalNiFi.start(settings));

        assertTrue(failure.getMessage().contains("NiFi exited with code"), failure.getMessage());
        assertTrue(failure.getMessage().contains(LocalNiFi.MAIN_CLASS), "the JVM's complaint is quoted: " + failure.getMessage());
    }

    @Test
    void refusesAHomeWithoutTheAssembly() {
        final NiFiHome empty = new NiFiHome(temp.resolve("nothing-here"));

        final IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> LocalNiFi.start(LocalNiFiSettings.of(empty, temp.resolve("work"))));

        assertTrue(failure.getMessage().contains("./mvnw"), "says how to build it: " + failure.getMessage());
    }

    @Test
    void startsNiFiOnTheLaunchersOwnJavaWithNiFisMainClassAndLoopbackManagement() throws Exception {
        final NiFiHome home = homeWithEmptyJars();
        final WorkDirectory work = new WorkDirectory(temp.resolve("work"));

        final List<String> command = LocalNiFi.command(LocalNiFiSettings.of(home, work.root()), work, 40123);

        assertTrue(command.contains(LocalNiFiSettings.currentJavaCommand().toString()), command.toString());
        assertEquals(LocalNiFi.MAIN_CLASS, command.getLast());
        assertTrue(command.contains("-Dorg.apache.nifi.management.server.address=127.0.0.1:40123"), command.toString());
        assertTrue(command.contains("-Dnifi.properties.file.path=" + work.nifiProperties()), command.toString());
        assertTrue(command.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), command.toString());
        assertEquals(home.lib().resolve("*").toString(), command.get(command.indexOf("-cp") + 1));
    }

    /** Passes the launcher's layout check, but the JVM finds no NiFi class in it. */
    private NiFiHome homeWithEmptyJars() throws Exception {
        final NiFiHome home = new NiFiHome(temp.resolve("home"));
        Files.createDirectories(home.lib());
        Files.createDirectories(home.extensions());
        Files.createFile(home.lib().resolve("nifi-runtime-2.3.0.jar"));
        Files.createFile(home.lib().resolve("nifi-framework-nar-2.3.0.nar"));
        return home;
    }
}
