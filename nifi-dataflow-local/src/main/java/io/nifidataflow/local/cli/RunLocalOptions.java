package io.nifidataflow.local.cli;

import io.nifidataflow.local.runtime.LocalNiFiSettings;
import io.nifidataflow.local.runtime.NiFiHome;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code run-local.sh}. Relative paths are resolved against the working
 * directory, which the script sets to the repository root.
 */
record RunLocalOptions(Path flow, Path workDirectory, Path nifiHome, Map<String, String> parameters,
                       Duration statusInterval, String maxHeap, boolean help) {

    static final Path DEFAULT_FLOW = Path.of("flow-templates", "ecommerce", "recommendations-local.json");
    static final Path DAILY_BATCH_FLOW = Path.of("flow-templates", "daily-batch", "daily-batch.json");
    /** The flow's cron runs daily at 01:00; run locally, it lists the generated day within seconds. */
    static final String DAILY_BATCH_SCHEDULE = "0/15 * * * * ?";
    static final Path DEFAULT_WORK_DIRECTORY = Path.of("work", "local-nifi");
    static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(5);

    static final String USAGE = """
            Usage: ./run-local.sh [options]

            Starts a local Apache NiFi with this project's NAR, imports a flow, enables its controller
            services, starts it and prints its status until Ctrl-C, which stops the flow and NiFi.

            Options:
              --flow FILE          flow definition to import (NiFi's "Download flow definition" JSON)
                                   default: %s
              --daily-batch        run %s over a generated day of JSON Lines files instead,
                                   listed every 15 s (Schedule=%s)
              --param NAME=VALUE   set a parameter of the flow's parameter context; repeatable.
                                   An "Output Directory" parameter defaults to <work dir>/output.
              --work-dir DIR       everything of this run: configuration, repositories, logs, output;
                                   emptied at start. default: %s
              --nifi-home DIR      the NiFi assembled by the build. default: %s
              --interval SECONDS   how often to print the status. default: %d
              --heap SIZE          NiFi's maximum heap, e.g. 2g. default: %s
              --help               print this text
            """.formatted(DEFAULT_FLOW, DAILY_BATCH_FLOW, DAILY_BATCH_SCHEDULE, DEFAULT_WORK_DIRECTORY, NiFiHome.DEFAULT_LOCATION,
            DEFAULT_STATUS_INTERVAL.toSeconds(), LocalNiFiSettings.DEFAULT_MAX_HEAP);

    RunLocalOptions {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** @throws IllegalArgumentException with a message fit for the user, for unknown or incomplete options */
    static RunLocalOptions parse(final List<String> arguments) {
        Path flow = DEFAULT_FLOW;
        Path workDirectory = DEFAULT_WORK_DIRECTORY;
        Path nifiHome = NiFiHome.DEFAULT_LOCATION;
        final Map<String, String> parameters = new LinkedHashMap<>();
        Duration interval = DEFAULT_STATUS_INTERVAL;
        String heap = LocalNiFiSettings.DEFAULT_MAX_HEAP;
        boolean help = false;
        boolean dailyBatch = false;

        for (int i = 0; i < arguments.size(); i++) {
            final String option = arguments.get(i);
            switch (option) {
                case "--help", "-h" -> help = true;
                case "--daily-batch" -> dailyBatch = true;
                case "--flow" -> flow = Path.of(value(arguments, ++i, option));
                case "--work-dir" -> workDirectory = Path.of(value(arguments, ++i, option));
                case "--nifi-home" -> nifiHome = Path.of(value(arguments, ++i, option));
                case "--param" -> {
                    final String assignment = value(arguments, ++i, option);
                    final int equals = assignment.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--param takes NAME=VALUE, got \"" + assignment + "\"");
                    }
                    parameters.put(assignment.substring(0, equals), assignment.substring(equals + 1));
                }
                case "--interval" -> interval = Duration.ofSeconds(positive(value(arguments, ++i, option), option));
                case "--heap" -> heap = heapSize(value(arguments, ++i, option));
                default -> throw new IllegalArgumentException("Unknown option \"" + option + "\". Try --help.");
            }
        }
        if (dailyBatch) {
            flow = DAILY_BATCH_FLOW;
            parameters.putIfAbsent("Schedule", DAILY_BATCH_SCHEDULE);
        }
        return new RunLocalOptions(flow, workDirectory, nifiHome, parameters, interval, heap, help);
    }

    private static String value(final List<String> arguments, final int index, final String option) {
        if (index >= arguments.size() || arguments.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value. Try --help.");
        }
        return arguments.get(index);
    }

    private static long positive(final String value, final String option) {
        try {
            final long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (final NumberFormatException ignored) {
            // reported below, with the option's name
        }
        throw new IllegalArgumentException(option + " takes a positive whole number, got \"" + value + "\"");
    }

    private static String heapSize(final String value) {
        if (!value.matches("\\d+[kKmMgG]")) {
            throw new IllegalArgumentException("--heap takes a size such as 512m or 2g, got \"" + value + "\"");
        }
        return value;
    }
}
