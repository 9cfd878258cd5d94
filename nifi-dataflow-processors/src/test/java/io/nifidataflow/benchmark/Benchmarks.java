package io.nifidataflow.benchmark;

import io.nifidataflow.clickstream.GenerateClickstreamBenchmark;
import io.nifidataflow.enrich.EnrichEventBenchmark;
import io.nifidataflow.enrich.EnrichOutputFloor;
import io.nifidataflow.record.JsonServices;
import io.nifidataflow.record.PassThroughRecords;
import io.nifidataflow.record.ReadOnlyRecords;
import io.nifidataflow.vertex.ScoreVertexAIBenchmark;
import io.nifidataflow.window.AggregateWindowBenchmark;
import io.nifidataflow.window.WindowMemoryFootprint;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

/**
 * Records per second of each processor over the same generated clickstream, and the ratio to the plain
 * JsonTreeReader -> JsonRecordSetWriter pass-through measured in the same run. Every case runs in the same
 * nifi-mock harness, so harness overhead is shared and the ratios compare the processors themselves.
 *
 * <p>Run: {@code ./mvnw -q -Pbenchmark -pl nifi-dataflow-processors verify -DskipTests}
 * (options through {@code -Dbenchmark.args="--records 200000 --rounds 5 --only Enrich"}).</p>
 */
public final class Benchmarks {

    static final String BASELINE = "baseline: JsonTreeReader -> JsonRecordSetWriter";
    static final String READ_ONLY = "read-only baseline: JsonTreeReader, counting records";
    private static final String RESULT = "benchmark-result\t";

    private Benchmarks() {
    }

    /** Every case, baselines first. A processor adds its own case here. */
    static List<BenchmarkCase> cases() {
        final List<BenchmarkCase> cases = new ArrayList<>(List.of(
                new PassThroughCase(),
                new ReadOnlyCase(),
                new GenerateClickstreamBenchmark(),
                new EnrichOutputFloor(),
                new EnrichEventBenchmark()));
        cases.addAll(AggregateWindowBenchmark.cases());
        cases.add(new ScoreVertexAIBenchmark());
        return cases;
    }

    public static void main(final String[] args) throws Exception {
        final Options options = Options.parse(args);
        if (options.windowMemoryKeys > 0) {
            WindowMemoryFootprint.main(new String[] {String.valueOf(options.windowMemoryKeys)});
            return;
        }
        if (options.caseIndex >= 0) {
            measureInThisJvm(cases().get(options.caseIndex), options);
            return;
        }
        System.out.printf(Locale.ROOT, "Dataset: %,d generated clickstream records in JSON FlowFiles of 1,000; %d warm-up and %d measured rounds;"
                        + " each case in a JVM of its own, %d pass%s over the cases (%s, %d cores); per second of %s%n",
                options.records, options.warmups, options.rounds, options.passes, options.passes == 1 ? "" : "es", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                options.cpuTime ? "process CPU time" : "wall time");

        final List<BenchmarkCase> cases = cases();
        final List<Integer> selected = new ArrayList<>();
        for (int index = 0; index < cases.size(); index++) {
            final String name = cases.get(index).name();
            final boolean isBaseline = name.equals(BASELINE) || name.equals(READ_ONLY);
            if (isBaseline || options.only == null || name.contains(options.only)) {
                selected.add(index);
            }
        }
        // A shared machine speeds up and slows down over minutes. Each pass measures every case once, baselines
        // first, so a case's ratios compare it with baselines measured minutes apart at most; the medians over
        // passes are what is reported.
        final Map<Integer, List<Pass>> passes = new LinkedHashMap<>();
        for (int pass = 0; pass < options.passes; pass++) {
            final Map<Integer, String[]> results = new LinkedHashMap<>();
            for (final int index : selected) {
                results.put(index, fork(index, args));
            }
            double baseline = Double.NaN;
            double readOnly = Double.NaN;
            for (final Map.Entry<Integer, String[]> result : results.entrySet()) {
                final String name = cases.get(result.getKey()).name();
                final double perSecond = Double.parseDouble(result.getValue()[0]);
                baseline = name.equals(BASELINE) ? perSecond : baseline;
                readOnly = name.equals(READ_ONLY) ? perSecond : readOnly;
            }
            for (final Map.Entry<Integer, String[]> result : results.entrySet()) {
                final double perSecond = Double.parseDouble(result.getValue()[0]);
                passes.computeIfAbsent(result.getKey(), key -> new ArrayList<>())
                        .add(new Pass(perSecond, perSecond / baseline, perSecond / readOnly, result.getValue()[1]));
            }
        }
        for (final Map.Entry<Integer, List<Pass>> entry : passes.entrySet()) {
            final List<Pass> measured = entry.getValue();
            System.out.println(String.format(Locale.ROOT, "%-62s %,14.0f records/s   %5.2fx baseline   %4.0f%% of read-only%s",
                    cases.get(entry.getKey()).name(), median(measured, Pass::perSecond), median(measured, Pass::toBaseline),
                    100 * median(measured, Pass::toReadOnly),
                    measured.size() > 1 ? "   (passes: " + measured.stream()
                            .map(pass -> String.format(Locale.ROOT, "%,.0f", pass.perSecond())).collect(Collectors.joining(", ")) + ")" : ""));
            for (final Pass pass : measured) {
                if (!pass.report().isEmpty()) {
                    System.out.println("    " + pass.report());
                }
            }
        }
    }

    /** One case measured in one pass, with its ratios to the baselines of the same pass. */
    private record Pass(double perSecond, double toBaseline, double toReadOnly, String report) {
    }

    private static double median(final List<Pass> passes, final ToDoubleFunction<Pass> value) {
        return median(passes.stream().mapToDouble(value).toArray());
    }

    public static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /**
     * Runs one case in a new JVM with this JVM's options. As in JMH's forks, no case inherits the JIT profile of
     * another: code they share (the JSON reader and writer) is compiled for each case as if it ran alone, which a
     * single JVM running the cases one after another would not do for any case but the first.
     */
    private static String[] fork(final int index, final String[] args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Benchmarks.class.getName());
        command.addAll(Arrays.asList(args));
        command.add("--case");
        command.add(Integer.toString(index));
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("Case " + cases().get(index).name() + " failed; its output: " + output);
        }
        output.lines().filter(line -> !line.startsWith(RESULT)).forEach(System.out::println);
        final String last = output.lines().filter(line -> line.startsWith(RESULT)).reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("Case " + cases().get(index).name() + " printed no result: " + output));
        return last.substring(RESULT.length()).split("\t", 2);
    }

    /** Measures one case and prints its rate and report on one line, for {@link #fork}. */
    private static void measureInThisJvm(final BenchmarkCase benchmark, final Options options) throws Exception {
        final BenchmarkData data = BenchmarkData.generate(options.records, 1_000);
        final double perSecond;
        final String report;
        try {
            perSecond = measure(benchmark, data, options);
            report = benchmark.report(perSecond, data);
        } finally {
            benchmark.close();
        }
        System.out.println(RESULT + perSecond + "\t" + report.replace('\n', ' '));
    }

    private static double measure(final BenchmarkCase benchmark, final BenchmarkData data, final Options options) throws Exception {
        final TestRunner runner = benchmark.createRunner();
        benchmark.beforeRounds(data);
        final double[] rates = new double[options.rounds];
        for (int round = -options.warmups; round < options.rounds; round++) {
            final double rate = runRound(benchmark, runner, data, round == -options.warmups || benchmark.reschedulesEachRound(), options.cpuTime);
            if (round >= 0) {
                rates[round] = rate;
            }
            benchmark.afterRound(runner);
        }
        Arrays.sort(rates);
        return rates[rates.length / 2];
    }

    /**
     * Records per second of wall time, or with {@code cpuTime} per second of this JVM's CPU time (all threads, GC
     * included): the figure to use on a machine that other work shares, since it does not count time spent waiting.
     */
    private static double runRound(final BenchmarkCase benchmark, final TestRunner runner, final BenchmarkData data, final boolean first,
                                   final boolean cpuTime) {
        runner.clearTransferState();
        runner.clearProvenanceEvents();
        if (!benchmark.isSource()) {
            data.flowFiles().forEach(runner::enqueue);
        }
        final long start = cpuTime ? processCpuNanos() : System.nanoTime();
        // @OnScheduled runs once, before the first round; the processor then stays scheduled across rounds.
        runner.run(data.flowFiles().size(), false, first);
        final long elapsed = (cpuTime ? processCpuNanos() : System.nanoTime()) - start;
        final long records = benchmark.isSource() ? producedRecords(runner) : data.records();
        if (!benchmark.isSource() && runner.getQueueSize().getObjectCount() != 0) {
            throw new IllegalStateException(benchmark.name() + " left input unprocessed");
        }
        return records / (elapsed / 1e9);
    }

    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long producedRecords(final TestRunner runner) {
        long records = 0;
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship("success")) {
            records += Long.parseLong(flowFile.getAttribute("record.count"));
        }
        return records;
    }

    /** A JSON reader and writer pair as users configure them: infer the schema, write what was read. */
    public static TestRunner runnerWithJsonServices(final Class<? extends org.apache.nifi.processor.Processor> processor) throws Exception {
        return JsonServices.addTo(TestRunners.newTestRunner(processor));
    }

    private static final class PassThroughCase implements BenchmarkCase {
        @Override
        public String name() {
            return BASELINE;
        }

        @Override
        public TestRunner createRunner() throws Exception {
            final TestRunner runner = runnerWithJsonServices(PassThroughRecords.class);
            runner.setProperty(PassThroughRecords.READER, "reader");
            runner.setProperty(PassThroughRecords.WRITER, "writer");
            return runner;
        }
    }

    private static final class ReadOnlyCase implements BenchmarkCase {
        @Override
        public String name() {
            return READ_ONLY;
        }

        @Override
        public TestRunner createRunner() throws Exception {
            final TestRunner runner = runnerWithJsonServices(ReadOnlyRecords.class);
            runner.setProperty(ReadOnlyRecords.READER, "reader");
            return runner;
        }
    }

    private record Options(int records, int warmups, int rounds, String only, int windowMemoryKeys, boolean cpuTime, int caseIndex, int passes) {
        static Options parse(final String[] args) {
            int records = 200_000;
            int warmups = 3;
            int rounds = 5;
            String only = null;
            int windowMemoryKeys = 0;
            boolean cpuTime = false;
            int caseIndex = -1;
            int passes = 3;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--records" -> records = Integer.parseInt(args[++i]);
                    case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--only" -> only = args[++i];
                    case "--window-memory" -> windowMemoryKeys = Integer.parseInt(args[++i]);
                    case "--cpu-time" -> cpuTime = true;
                    case "--case" -> caseIndex = Integer.parseInt(args[++i]);
                    case "--passes" -> passes = Integer.parseInt(args[++i]);
                    case "" -> { }
                    default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; use --records N --warmups N --rounds N --passes N --only TEXT --cpu-time --window-memory KEYS");
                }
            }
            return new Options(records, warmups, rounds, only, windowMemoryKeys, cpuTime, caseIndex, passes);
        }
    }
}
