package io.paperstream.cli;

import io.paperstream.bench.BenchException;
import io.paperstream.bench.BenchPlan;
import io.paperstream.bench.BenchReport;
import io.paperstream.bench.BenchRun;
import io.paperstream.bench.PaperstreamLauncher;
import io.paperstream.demo.DemoReplay;
import io.paperstream.stack.LocalStackConfig;
import io.paperstream.stack.StackState;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code paperstream bench}: paperstream's speed against Kafka's own limits, measured side by side in one run on
 * one broker, so that the figures are ratios that mean the same on any machine.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measures paperstream against Kafka's own limits, side by side in one run: Kafka's ProducerPerformance and "
                    + "ConsumerPerformance on the same papers (the limit), paperstream produce, a pass-through Kafka "
                    + "Streams app with the pipeline's Streams settings (the Streams limit) and the full pipeline, "
                    + "per stream-thread count; then the latency from a paper's send to papers.classified and to "
                    + "topics.counts at a fixed rate, the pipeline's heap after GC and RSS, and the time to restore "
                    + "its state from the changelogs after wiping it.",
            "Runs on the local stack (started when not running, and left running) unless --bootstrap-servers is "
                    + "given. It warms the broker up first (ProducerPerformance in transactions, up to 200,000 "
                    + "records, not measured), so that a freshly started broker's JIT does not slow the first step. "
                    + "Each run has its own topics and applications (paperstream-bench-<time>*); the next run "
                    + "deletes them. Prints a table with the ratios and writes every figure as JSON.",
            ""
        })
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    private DataDirectoryOption dataDirectory;

    @Option(
            names = "--input",
            paramLabel = "FILE",
            description = "Papers to generate the replay from, in any format produce reads "
                    + "(default: the sample papers paperstream ships).")
    private Path input;

    @Option(
            names = "--papers",
            paramLabel = "N",
            defaultValue = "200000",
            description = "About how many papers to replay (default: ${DEFAULT-VALUE}).")
    private long papers;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "4",
            description =
                    "Partitions of the raw papers topic and of every topic of the run (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(
            names = "--threads",
            paramLabel = "N",
            split = ",",
            defaultValue = "1,2",
            description =
                    "Stream thread counts to run the pass-through and the pipeline with (default: ${DEFAULT-VALUE}).")
    private List<Integer> threads;

    @Option(
            names = "--instances",
            paramLabel = "N",
            defaultValue = "1",
            description = "Instances of each Streams application, each its own JVM (default: ${DEFAULT-VALUE}).")
    private int instances;

    @Option(
            names = "--latency-rate",
            paramLabel = "PAPERS_PER_SECOND",
            defaultValue = "1000",
            description = "The fixed rate of the latency probe (default: ${DEFAULT-VALUE}).")
    private double latencyRate;

    @Option(
            names = "--latency-seconds",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "How long the latency probe sends and measures (default: ${DEFAULT-VALUE}).")
    private int latencySeconds;

    @Option(
            names = "--latency-warm-up-seconds",
            paramLabel = "SECONDS",
            defaultValue = "5",
            description = "How long the latency probe sends at its rate before it measures, so that it measures "
                    + "the steady state (0: no warm-up; default: ${DEFAULT-VALUE}).")
    private int latencyWarmUpSeconds;

    @Option(
            names = "--step-timeout",
            paramLabel = "SECONDS",
            defaultValue = "1800",
            description = "The longest any one step may take (default: ${DEFAULT-VALUE}).")
    private int stepTimeoutSeconds;

    @Option(
            names = "--streams-jvm-option",
            paramLabel = "OPTION",
            description = "A JVM option of both Streams applications' processes, e.g. -Xmx512m (repeatable).")
    private List<String> streamsJvmOptions = new ArrayList<>();

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "A setting of both Streams applications, as `stream --set` takes it (repeatable).")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "SERVERS",
            description = "Measure against this cluster instead of the local stack (needs --schema-registry-url).")
    private String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            paramLabel = "URL",
            description = "The schema registry of --bootstrap-servers.")
    private String schemaRegistryUrl;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "Where to write the figures (default: bench/<run>.json in the data directory).")
    private Path json;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        Path directory = dataDirectory.resolve();
        String servers = bootstrapServers;
        String registry = schemaRegistryUrl;
        if (servers == null) {
            StackState stack = RunningStack.useOrStart(LocalStackConfig.defaults(directory), out);
            servers = stack.bootstrapServers();
            registry = stack.schemaRegistryUrl();
        }
        Path benchDirectory = directory.resolve("bench");
        BenchPlan plan = new BenchPlan(
                input != null ? input.toAbsolutePath() : samplePapers(benchDirectory),
                papers,
                partitions,
                threads,
                instances,
                latencyRate,
                Duration.ofSeconds(latencyWarmUpSeconds),
                Duration.ofSeconds(latencySeconds),
                Duration.ofSeconds(stepTimeoutSeconds),
                streamsJvmOptions,
                settings);
        BenchRun run = new BenchRun(
                plan,
                new PaperstreamLauncher(PaperstreamCli.class.getName(), PaperstreamCli::commandLine),
                servers,
                registry,
                benchDirectory,
                Clock.systemUTC(),
                out);
        BenchReport report;
        try {
            report = run.run();
        } catch (BenchException e) {
            spec.commandLine().getErr().println("paperstream: bench " + run.id() + ": " + e.getMessage());
            return PaperstreamCli.EXIT_FAILURE;
        }
        Path file = json != null ? json : benchDirectory.resolve(run.id() + ".json");
        report.writeJson(file);
        out.println();
        out.print(report.table());
        out.println();
        out.println("figures written to " + file);
        out.flush();
        return 0;
    }

    private void validate() {
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new ParameterException(
                    spec.commandLine(), "--bootstrap-servers and --schema-registry-url go together");
        }
        Map<String, Double> counts = Map.of(
                "--papers", (double) papers,
                "--partitions", (double) partitions,
                "--instances", (double) instances,
                "--latency-rate", latencyRate,
                "--latency-seconds", (double) latencySeconds,
                "--step-timeout", (double) stepTimeoutSeconds);
        counts.entrySet().stream()
                .filter(option -> option.getValue() <= 0)
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst()
                .ifPresent(option -> {
                    throw new ParameterException(spec.commandLine(), option + " must be positive");
                });
        if (latencyWarmUpSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--latency-warm-up-seconds must not be negative");
        }
        if (threads.isEmpty() || threads.stream().anyMatch(n -> n < 1)) {
            throw new ParameterException(spec.commandLine(), "--threads must list positive thread counts");
        }
        if (input != null && !Files.isReadable(input)) {
            throw new ParameterException(spec.commandLine(), "--input " + input + ": no such readable file");
        }
    }

    /** The sample papers paperstream ships, as a file produce can read. */
    private static Path samplePapers(Path directory) throws IOException {
        Path file = directory.resolve("sample-papers.txt");
        Files.createDirectories(directory);
        try (InputStream sample = DemoReplay.class.getResourceAsStream(DemoReplay.SAMPLE_PAPERS)) {
            if (sample == null) {
                throw new IllegalStateException(
                        "the sample papers are missing from the build: " + DemoReplay.SAMPLE_PAPERS);
            }
            Files.copy(sample, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
