package io.nifidataflow.local.runtime;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration files of a local NiFi: a minimal {@code nifi.properties}, a state management
 * configuration and a logback configuration. Single user, plain HTTP on the loopback interface, no
 * authorizer and no login provider: NiFi then lets every request through, which is what a developer
 * machine needs and why nothing may listen on another interface.
 */
public final class NiFiConfiguration {

    static final String LOCAL_STATE_PROVIDER_ID = "local-provider";

    private final NiFiHome home;
    private final WorkDirectory work;
    private final int httpPort;
    private final String sensitivePropertiesKey;

    public NiFiConfiguration(final NiFiHome home, final WorkDirectory work, final int httpPort) {
        this(home, work, httpPort, randomKey());
    }

    NiFiConfiguration(final NiFiHome home, final WorkDirectory work, final int httpPort, final String sensitivePropertiesKey) {
        this.home = home;
        this.work = work;
        this.httpPort = httpPort;
        this.sensitivePropertiesKey = sensitivePropertiesKey;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Writes all configuration files into {@link WorkDirectory#conf()}. */
    public void write() throws IOException {
        Files.createDirectories(work.conf());
        writeProperties(work.nifiProperties(), nifiProperties());
        Files.writeString(work.stateManagementConfiguration(), stateManagementXml(), StandardCharsets.UTF_8);
        Files.writeString(work.logbackConfiguration(), logbackXml(), StandardCharsets.UTF_8);
    }

    /** The content of {@code nifi.properties}, in file order. */
    public Map<String, String> nifiProperties() {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put("nifi.flow.configuration.file", path(work.flowConfiguration()));
        properties.put("nifi.flow.configuration.archive.enabled", "false");
        properties.put("nifi.flowcontroller.autoResumeState", "true");
        properties.put("nifi.flowcontroller.graceful.shutdown.period", "10 sec");
        properties.put("nifi.flowservice.writedelay.interval", "500 ms");
        properties.put("nifi.administrative.yield.duration", "30 sec");
        properties.put("nifi.bored.yield.duration", "10 millis");
        properties.put("nifi.queue.backpressure.count", "10000");
        properties.put("nifi.queue.backpressure.size", "1 GB");

        // NARs are read from the shared home but unpacked per run: runs never race on an unpack directory.
        properties.put("nifi.nar.library.directory", path(home.lib()));
        properties.put("nifi.nar.library.autoload.directory", path(home.extensions()));
        properties.put("nifi.nar.working.directory", path(work.nifiWork("nar")));
        properties.put("nifi.upload.working.directory", path(work.nifiWork("uploads")));
        properties.put("nifi.web.jetty.working.directory", path(work.nifiWork("jetty")));
        properties.put("nifi.nar.persistence.provider.implementation", "org.apache.nifi.nar.StandardNarPersistenceProvider");
        properties.put("nifi.nar.persistence.provider.properties.directory", path(work.repository("nar")));
        properties.put("nifi.asset.manager.implementation", "org.apache.nifi.asset.StandardAssetManager");
        properties.put("nifi.asset.manager.properties.directory", path(work.repository("assets")));

        properties.put("nifi.state.management.configuration.file", path(work.stateManagementConfiguration()));
        properties.put("nifi.state.management.provider.local", LOCAL_STATE_PROVIDER_ID);
        properties.put("nifi.state.management.embedded.zookeeper.start", "false");
        properties.put("nifi.database.directory", path(work.repository("database")));

        properties.put("nifi.flowfile.repository.implementation", "org.apache.nifi.controller.repository.WriteAheadFlowFileRepository");
        properties.put("nifi.flowfile.repository.wal.implementation", "org.apache.nifi.wali.SequentialAccessWriteAheadLog");
        properties.put("nifi.flowfile.repository.directory", path(work.repository("flowfile")));
        properties.put("nifi.flowfile.repository.checkpoint.interval", "20 secs");
        properties.put("nifi.swap.manager.implementation", "org.apache.nifi.controller.FileSystemSwapManager");
        properties.put("nifi.queue.swap.threshold", "20000");
        properties.put("nifi.content.repository.implementation", "org.apache.nifi.controller.repository.FileSystemRepository");
        properties.put("nifi.content.repository.directory.default", path(work.repository("content")));
        properties.put("nifi.content.repository.archive.enabled", "false");
        // In-memory provenance and status history: a local run is disposable, and the disk stays quiet.
        properties.put("nifi.provenance.repository.implementation", "org.apache.nifi.provenance.VolatileProvenanceRepository");
        properties.put("nifi.provenance.repository.buffer.size", "10000");
        properties.put("nifi.components.status.repository.implementation",
                "org.apache.nifi.controller.status.history.VolatileComponentStatusRepository");
        properties.put("nifi.components.status.repository.buffer.size", "1440");
        properties.put("nifi.components.status.snapshot.frequency", "1 min");

        properties.put("nifi.remote.input.secure", "false");
        properties.put("nifi.remote.input.http.enabled", "false");
        properties.put("nifi.remote.input.socket.port", "");

        properties.put("nifi.web.http.host", "127.0.0.1");
        properties.put("nifi.web.http.port", Integer.toString(httpPort));
        properties.put("nifi.web.https.host", "");
        properties.put("nifi.web.https.port", "");
        properties.put("nifi.web.jetty.threads", "50");
        properties.put("nifi.web.max.content.size", "");
        properties.put("nifi.web.request.timeout", "60 secs");

        properties.put("nifi.sensitive.props.key", sensitivePropertiesKey);
        properties.put("nifi.sensitive.props.algorithm", "NIFI_PBKDF2_AES_GCM_256");
        properties.put("nifi.security.user.authorizer", "");
        properties.put("nifi.security.user.login.identity.provider", "");
        properties.put("nifi.cluster.is.node", "false");
        return properties;
    }

    String stateManagementXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <stateManagement>
                  <local-provider>
                    <id>%s</id>
                    <class>org.apache.nifi.controller.state.providers.local.WriteAheadLocalStateProvider</class>
                    <property name="Directory">%s</property>
                    <property name="Always Sync">false</property>
                    <property name="Partitions">4</property>
                    <property name="Checkpoint Interval">2 mins</property>
                  </local-provider>
                </stateManagement>
                """.formatted(LOCAL_STATE_PROVIDER_ID, xmlText(path(work.state().resolve("local"))));
    }

    /** Everything goes to a file in the work directory; the console of the launcher stays for the status table. */
    String logbackXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration scan="false">
                  <contextListener class="ch.qos.logback.classic.jul.LevelChangePropagator">
                    <resetJUL>true</resetJUL>
                  </contextListener>
                  <appender name="APP_FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder>
                      <pattern>%%date %%level [%%thread] %%logger{40} %%msg%%n</pattern>
                    </encoder>
                  </appender>
                  <logger name="org.apache.nifi" level="INFO"/>
                  <logger name="org.apache.nifi.processors" level="WARN"/>
                  <logger name="org.apache.nifi.controller.repository.StandardProcessSession" level="WARN"/>
                  <logger name="org.eclipse.jetty" level="WARN"/>
                  <logger name="org.springframework" level="WARN"/>
                  <logger name="org.glassfish.jersey" level="ERROR"/>
                  <!-- One line per REST request otherwise: the status table polls every few seconds. -->
                  <logger name="org.apache.nifi.web.security" level="WARN"/>
                  <logger name="org.apache.nifi.web.server.RequestLog" level="WARN"/>
                  <root level="INFO">
                    <appender-ref ref="APP_FILE"/>
                  </root>
                </configuration>
                """.formatted(xmlText(path(work.applicationLog())));
    }

    private static void writeProperties(final Path file, final Map<String, String> properties) throws IOException {
        // Properties.store escapes backslashes and colons, which keeps Windows paths intact.
        final Properties escaped = new Properties();
        final StringBuilder content = new StringBuilder("# Written by nifi-dataflow-local for one local run\n");
        for (final Map.Entry<String, String> entry : properties.entrySet()) {
            escaped.clear();
            escaped.setProperty(entry.getKey(), entry.getValue());
            content.append(storedLine(escaped));
        }
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    }

    private static String storedLine(final Properties single) {
        try (Writer writer = new StringWriter()) {
            single.store(writer, null);
            final String stored = writer.toString();
            // store() starts with a date comment line; keep only the property line.
            return stored.substring(stored.indexOf('\n') + 1);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(final Path path) {
        return path.toAbsolutePath().toString();
    }

    private static String xmlText(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String randomKey() {
        final byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
