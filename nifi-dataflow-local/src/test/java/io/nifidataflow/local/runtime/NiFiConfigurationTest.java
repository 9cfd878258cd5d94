package io.nifidataflow.local.runtime;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NiFiConfigurationTest {

    @TempDir
    Path temp;

    private NiFiHome home;
    private WorkDirectory work;

    @BeforeEach
    void setUp() {
        home = new NiFiHome(temp.resolve("nifi home"));
        work = new WorkDirectory(temp.resolve("work"));
    }

    @Test
    void servesPlainHttpOnLoopbackOnlyOnTheGivenPort() {
        final Map<String, String> properties = new NiFiConfiguration(home, work, 18443).nifiProperties();

        assertEquals("127.0.0.1", properties.get("nifi.web.http.host"));
        assertEquals("18443", properties.get("nifi.web.http.port"));
        assertEquals("", properties.get("nifi.web.https.host"));
        assertEquals("", properties.get("nifi.web.https.port"));
        assertEquals("", properties.get("nifi.security.user.authorizer"));
        assertEquals("", properties.get("nifi.security.user.login.identity.provider"));
        assertEquals("false", properties.get("nifi.remote.input.http.enabled"));
    }

    @Test
    void readsNarsFromTheHomeAndWritesEverythingElseIntoTheWorkDirectory() {
        final Map<String, String> properties = new NiFiConfiguration(home, work, 8080).nifiProperties();

        assertEquals(home.lib().toString(), properties.get("nifi.nar.library.directory"));
        assertEquals(home.extensions().toString(), properties.get("nifi.nar.library.autoload.directory"));
        properties.forEach((key, value) -> {
            final boolean isPath = value.startsWith(temp.toString());
            if (isPath && !key.startsWith("nifi.nar.library.")) {
                assertTrue(Path.of(value).startsWith(work.root()), key + " = " + value + " is outside the work directory");
            }
        });
        assertEquals(work.flowConfiguration().toString(), properties.get("nifi.flow.configuration.file"));
        assertTrue(properties.get("nifi.content.repository.directory.default").startsWith(work.root().toString()));
    }

    @Test
    void generatesADifferentSensitivePropertiesKeyForEachRun() {
        final String first = new NiFiConfiguration(home, work, 8080).nifiProperties().get("nifi.sensitive.props.key");
        final String second = new NiFiConfiguration(home, work, 8080).nifiProperties().get("nifi.sensitive.props.key");

        assertTrue(first.length() >= 12, "NiFi refuses keys shorter than 12 characters");
        assertNotEquals(first, second);
    }

    @Test
    void writtenPropertiesReadBackUnchangedEvenWithSpacesAndBackslashesInPaths() throws Exception {
        final NiFiHome oddHome = new NiFiHome(temp.resolve("odd\\home: ü"));
        final NiFiConfiguration configuration = new NiFiConfiguration(oddHome, work, 8080, "0123456789abcdef");

        configuration.write();

        final Properties read = new Properties();
        try (Reader reader = Files.newBufferedReader(work.nifiProperties(), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            read.load(reader);
        }
        configuration.nifiProperties().forEach((key, value) -> assertEquals(value, read.getProperty(key), key));
        assertEquals(configuration.nifiProperties().size(), read.size());
    }

    @Test
    void logsToAFileInTheWorkDirectoryAndKeepsStateThere() throws Exception {
        new NiFiConfiguration(home, work, 8080).write();

        final String logback = Files.readString(work.logbackConfiguration());
        assertTrue(logback.contains("<file>" + work.applicationLog() + "</file>"), logback);
        final String state = Files.readString(work.stateManagementConfiguration());
        assertTrue(state.contains(work.state().resolve("local").toString()), state);
        assertTrue(state.contains("<id>" + NiFiConfiguration.LOCAL_STATE_PROVIDER_ID + "</id>"), state);
    }
}
