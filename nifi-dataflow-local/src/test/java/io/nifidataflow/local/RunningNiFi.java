package io.nifidataflow.local;

import io.nifidataflow.local.api.Connection;
import io.nifidataflow.local.api.Counter;
import io.nifidataflow.local.api.NiFiApiException;
import io.nifidataflow.local.api.NiFiRestClient;
import io.nifidataflow.local.api.Processor;
import io.nifidataflow.local.runtime.LocalNiFi;
import io.nifidataflow.local.runtime.LocalNiFiSettings;
import io.nifidataflow.local.runtime.NiFiHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A local NiFi started for one system test, with the look-ups those tests share: components by type or name,
 * queue depths, records queued, counters, run status and View State of one processor, all through
 * {@link NiFiRestClient}. Failures to find a component are assertion errors.
 */
public final class RunningNiFi implements AutoCloseable {

    private final LocalNiFi nifi;
    private final NiFiRestClient client;
    private final Duration timeout;

    private RunningNiFi(final LocalNiFi nifi, final Duration timeout) {
        this.nifi = nifi;
        this.timeout = timeout;
        this.client = new NiFiRestClient(nifi.apiUri());
    }

    /** Starts NiFi in {@link #workDirectory}{@code (workName)}; polls wait up to {@code timeout}. */
    public static RunningNiFi start(final String workName, final Duration timeout) throws Exception {
        return new RunningNiFi(LocalNiFi.start(LocalNiFiSettings.of(NiFiHome.locate(), workDirectory(workName))), timeout);
    }

    /** {@code target/it-work/<workName>}, or the same under {@code nifi.local.test.work}: one per system test class. */
    public static Path workDirectory(final String workName) {
        return Path.of(System.getProperty("nifi.local.test.work", "target/it-work")).resolve(workName);
    }

    /**
     * A flow definition of {@code flow-templates/}, e.g. {@code flowTemplate("ecommerce", "trending-products.json")}:
     * under {@code nifi.local.flow.templates}, which the build sets, or {@code ../flow-templates} from an IDE.
     */
    public static Path flowTemplate(final String bucket, final String file) {
        return Path.of(System.getProperty("nifi.local.flow.templates", "../flow-templates")).resolve(bucket).resolve(file);
    }

    public LocalNiFi nifi() {
        return nifi;
    }

    public NiFiRestClient client() {
        return client;
    }

    public Processor processor(final String groupId, final String type) {
        return client.processors(groupId).stream().filter(processor -> type.equals(processor.type())).findFirst()
                .orElseThrow(() -> new AssertionError("the flow has no " + type));
    }

    public Connection connection(final String groupId, final String name) {
        return client.connections(groupId).stream().filter(connection -> name.equals(connection.name())).findFirst()
                .orElseThrow(() -> new AssertionError("the flow has no connection " + name));
    }

    /** FlowFiles queued in the named connection. */
    public long queued(final String groupId, final String connectionName) {
        final String id = connection(groupId, connectionName).id();
        return client.status(groupId).connections().stream().filter(c -> c.id().equals(id)).mapToLong(c -> c.flowFilesQueued()).sum();
    }

    /** Records ({@code record.count} summed) in every FlowFile queued in the named connection. */
    public long recordsQueued(final String groupId, final String connectionName) {
        return recordsQueued(groupId, connectionName, Integer.MAX_VALUE);
    }

    /** Records ({@code record.count} summed) in at most {@code maxFlowFiles} FlowFiles queued in the named connection. */
    public long recordsQueued(final String groupId, final String connectionName, final int maxFlowFiles) {
        final long flowFiles = queued(groupId, connectionName);
        return client.queues().read(connection(groupId, connectionName).id(), (int) Math.min(maxFlowFiles, flowFiles), timeout).stream()
                .mapToLong(flowFile -> Long.parseLong(flowFile.attribute("record.count"))).sum();
    }

    /** The named counter of one component, 0 when it has not counted yet. */
    public long counter(final String componentId, final String name) {
        return client.counters().stream().filter(c -> c.belongsTo(componentId) && c.name().equals(name)).mapToLong(Counter::value).sum();
    }

    /**
     * Starts ({@code RUNNING}) or stops ({@code STOPPED}) one processor and waits until it is in that state; on a
     * timeout the failure carries the tail of NiFi's log, which says why a processor would not start or stop.
     */
    public void setRunStatus(final String processorId, final String state) {
        try {
            client.setRunStatus(processorId, state, timeout);
        } catch (final NiFiApiException e) {
            throw new AssertionError(e.getMessage() + System.lineSeparator() + nifi.applicationLogTail(20), e);
        }
    }

    /** The processor's LOCAL state, as NiFi's "View State" shows it. */
    public Map<String, String> localState(final String processorId) {
        return client.localState(processorId);
    }

    @Override
    public void close() throws Exception {
        client.close();
        nifi.close();
    }
}
