package io.nifidataflow.local.cli;

import io.nifidataflow.local.api.NiFiApiException;
import io.nifidataflow.local.api.NiFiRestClient;
import io.nifidataflow.local.api.ProcessorType;
import io.nifidataflow.local.flow.FlowDefinition;
import io.nifidataflow.local.pipeline.DailyMetrics;
import io.nifidataflow.local.pipeline.LocalPipeline;
import io.nifidataflow.local.pipeline.PipelineStatus;
import io.nifidataflow.local.pipeline.SampleRecommendation;
import io.nifidataflow.local.runtime.LocalNiFi;
import io.nifidataflow.local.runtime.LocalNiFiSettings;
import io.nifidataflow.local.runtime.NiFiHome;
import io.nifidataflow.local.runtime.WorkDirectory;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The README's main command, started by {@code ./run-local.sh}: a real NiFi with the clickstream demo
 * (or another flow) running, its UI address, and a live status table until Ctrl-C.
 */
public final class RunLocal {

    /**
     * Flows that write files take their target from a parameter of this name; unless the user sets it,
     * it points into the work directory, so that a run leaves nothing elsewhere.
     */
    public static final String OUTPUT_DIRECTORY_PARAMETER = "Output Directory";
    static final Duration SERVICES_TIMEOUT = Duration.ofSeconds(60);
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_FAILURE = 1;

    private final RunLocalOptions options;
    private final PrintStream out;
    private volatile boolean stopping;

    RunLocal(final RunLocalOptions options, final PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(final String[] args) {
        final RunLocalOptions options;
        try {
            options = RunLocalOptions.parse(List.of(args));
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.help()) {
            System.out.print(RunLocalOptions.USAGE);
            return;
        }
        final RunLocal command = new RunLocal(options, System.out);
        try {
            command.run();
        } catch (final IOException | NiFiApiException | IllegalArgumentException | IllegalStateException e) {
            command.fail(e.getMessage());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reports a failure and exits non-zero, unless Ctrl-C is being handled: then the failure is just
     * NiFi going away under a request, and System.exit would block on the running shutdown hooks.
     */
    private void fail(final String message) {
        if (stopping) {
            out.println("Stopped.");
            return;
        }
        System.err.println();
        System.err.println("run-local failed: " + message);
        System.exit(EXIT_FAILURE);
    }

    void run() throws IOException, InterruptedException {
        final NiFiHome home = new NiFiHome(options.nifiHome()).verify();
        final LocalNiFiSettings settings = LocalNiFiSettings.of(home, options.workDirectory()).withMaxHeap(options.maxHeap());
        final FlowDefinition flow = loadFlow(new WorkDirectory(settings.workDirectory()));
        final FlowDefinition template = flow;

        // On Ctrl-C, LocalNiFi's shutdown hook stops the flow and NiFi; this one tells this thread that
        // errors from now on are expected, and keeps the JVM alive until it has reported, so that the
        // last lines are not cut off.
        final Thread runner = Thread.currentThread();
        final Thread awaitReport = new Thread(() -> {
            stopping = true;
            joinQuietly(runner, settings.shutdownTimeout().plus(STOP_TIMEOUT));
        }, "run-local-await-report");
        Runtime.getRuntime().addShutdownHook(awaitReport);
        try {
            runFlow(template, home, settings);
        } finally {
            removeShutdownHook(awaitReport);
        }
    }

    private void runFlow(final FlowDefinition template, final NiFiHome home, final LocalNiFiSettings settings)
            throws IOException, InterruptedException {
        out.printf("Starting Apache NiFi %s from %s%n", home.nifiVersion(), home.directory());
        out.printf("  work directory: %s%n", settings.workDirectory().toAbsolutePath().normalize());
        final long launched = System.nanoTime();
        try (LocalNiFi nifi = LocalNiFi.start(settings);
             NiFiRestClient client = new NiFiRestClient(nifi.apiUri());
             LocalPipeline pipeline = LocalPipeline.needs(template)
                     ? LocalPipeline.prepare(template, options.parameters(), nifi.workDirectory().root()) : null) {
            out.printf(Locale.ROOT, "NiFi %s started in %.1f s (pid %d)%n", client.nifiVersion(),
                    nifi.startupTime().toMillis() / 1000.0, nifi.pid());
            final FlowDefinition flow = pipeline == null ? template : pipeline.flow();
            if (pipeline != null && pipeline.predictor() != null) {
                out.printf("Local prediction server on %s; lookups, warehouse and recommendations in %s%n",
                        pipeline.predictor().apiEndpoint(), pipeline.directory());
            }
            if (pipeline != null && pipeline.input() != null) {
                out.printf("Generated a day of user activity in %s; lookups and warehouse in %s%n", pipeline.input(), pipeline.directory());
            }
            requireInstalled(flow, client);

            final String groupId = client.importFlow("root", flow.name(), flow.toBytes());
            nifi.beforeStop(() -> stopFlow(client, groupId));
            client.enableControllerServices(groupId, SERVICES_TIMEOUT);
            client.startProcessGroup(groupId, START_TIMEOUT);

            out.println();
            out.printf(Locale.ROOT, "Flow \"%s\" running %.1f s after launch.%n", flow.name(), (System.nanoTime() - launched) / 1e9);
            out.printf("  NiFi UI:  %s%n", nifi.uiUri());
            out.printf("  NiFi log: %s%n", nifi.workDirectory().applicationLog());
            final String output = flow.parameters().get(OUTPUT_DIRECTORY_PARAMETER);
            if (output != null) {
                out.printf("  Output:   %s%n", output);
            }
            if (pipeline != null) {
                out.printf("  Warehouse (JSON Lines, one folder per table): %s%n", pipeline.warehouse());
                out.printf("    query: duckdb -c \"SELECT product_id, sum(purchases) FROM read_json_auto('%s/trending_products/*') GROUP BY 1 ORDER BY 2 DESC LIMIT 10\"%n",
                        pipeline.warehouse());
                out.printf("       or: cat %s/enriched_events/* | jq -c '{user_id, event_type, product_id, customer}' | head%n", pipeline.warehouse());
                if (pipeline.recommendations() != null) {
                    out.printf("  Recommendations: %s%n", pipeline.recommendations());
                }
                if (pipeline.input() != null) {
                    out.printf("  Daily metrics: %s/daily_product_metrics and %s/daily_category_metrics%n", pipeline.warehouse(), pipeline.warehouse());
                }
            }
            out.println("Press Ctrl-C to stop the flow and NiFi.");
            out.println();
            printStatusUntilStopped(nifi, client, groupId, pipeline);
        }
        out.println("NiFi stopped; the work directory stays for inspection until the next run.");
    }

    private FlowDefinition loadFlow(final WorkDirectory work) throws IOException {
        final FlowDefinition template = FlowDefinition.read(options.flow());
        final Map<String, String> parameters = new LinkedHashMap<>();
        if (template.parameters().containsKey(OUTPUT_DIRECTORY_PARAMETER)) {
            parameters.put(OUTPUT_DIRECTORY_PARAMETER, work.output().toString());
        }
        if (!LocalPipeline.needs(template)) {
            parameters.putAll(options.parameters()); // LocalPipeline applies them, with what it prepares
        }
        return parameters.isEmpty() ? template : template.withParameters(parameters);
    }

    /** NiFi imports a flow with unknown processor types as "ghost" components; say clearly what is missing instead. */
    private static void requireInstalled(final FlowDefinition flow, final NiFiRestClient client) {
        final Set<String> installed = client.processorTypes().stream().map(ProcessorType::type).collect(Collectors.toSet());
        final List<String> missing = flow.processorTypes().stream().filter(type -> !installed.contains(type)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Flow \"" + flow.name() + "\" uses processors this NiFi does not have: "
                    + missing + ". Are their NARs in the extensions directory?");
        }
    }

    private void printStatusUntilStopped(final LocalNiFi nifi, final NiFiRestClient client, final String groupId,
                                         final LocalPipeline pipeline) throws InterruptedException {
        PipelineStatus previous = null;
        while (!stopping && nifi.isAlive()) {
            try {
                final List<io.nifidataflow.local.api.Counter> counters = client.counters();
                out.println(StatusTable.render(client.status(groupId), counters, LocalTime.now()));
                if (pipeline != null && pipeline.input() != null) {
                    out.println(DailyMetrics.summary(pipeline.warehouse()));
                    out.println();
                } else if (pipeline != null) {
                    final PipelineStatus current = PipelineStatus.of(counters, System.nanoTime());
                    out.println(current.render(previous));
                    previous = current;
                    SampleRecommendation.newest(pipeline.recommendations()).ifPresent(out::println);
                    out.println();
                }
            } catch (final NiFiApiException e) {
                if (stopping) {
                    break;
                }
                out.println("Status unavailable: " + e.getMessage());
            }
            Thread.sleep(options.statusInterval());
        }
        if (!stopping && !nifi.isAlive()) {
            throw new IllegalStateException("NiFi exited unexpectedly." + System.lineSeparator() + nifi.applicationLogTail(30));
        }
    }

    private static void joinQuietly(final Thread thread, final Duration timeout) {
        try {
            thread.join(timeout);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeShutdownHook(final Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException alreadyShuttingDown) {
            // The JVM is exiting and runs the hook: nothing to undo.
        }
    }

    private void stopFlow(final NiFiRestClient client, final String groupId) {
        stopping = true;
        out.println();
        out.println("Stopping the flow...");
        final long started = System.nanoTime();
        client.stopProcessGroup(groupId, STOP_TIMEOUT);
        out.printf(Locale.ROOT, "Flow stopped after %.1f s; stopping NiFi...%n", (System.nanoTime() - started) / 1e9);
    }
}
