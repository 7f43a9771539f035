package io.paperstream.bench;

import io.paperstream.producer.ProducerSettings;
import io.paperstream.settings.Setting;
import io.paperstream.stack.Distribution;
import io.paperstream.stack.StackTopics;
import io.paperstream.streams.StreamsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One {@code paperstream bench} run against a broker and a registry: every step of {@link BenchPlan} in turn,
 * each alone on the machine, under names of its own ({@code paperstream-bench-<time>...}), printing progress as
 * it goes and the figures at the end.
 */
public final class BenchRun {

    /** What the names of every run start with. */
    public static final String PREFIX = "paperstream-bench-";

    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern PRODUCE_SUMMARY =
            Pattern.compile("produce: read \\d+, sent (\\d+), .*\\(([\\d.]+) records/s\\)");
    /** The most payloads ProducerPerformance is given to draw from. */
    private static final long MAX_PAYLOADS = 100_000;
    /**
     * The most records of the broker's warm-up: a broker started just before the run compiles its hot paths during
     * the first measured step, which read up to a quarter slower than the same step on a warm broker.
     */
    private static final long WARM_UP_RECORDS = 200_000;

    private final BenchPlan plan;
    private final PaperstreamLauncher paperstream;
    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final String id;
    private final Path directory;
    private final PrintWriter out;

    /**
     * @param baseDirectory where the run keeps its files (logs, payloads, state), in a directory named for it
     */
    public BenchRun(
            BenchPlan plan,
            PaperstreamLauncher paperstream,
            String bootstrapServers,
            String schemaRegistryUrl,
            Path baseDirectory,
            Clock clock,
            PrintWriter out) {
        this.plan = plan;
        this.paperstream = paperstream;
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.id = PREFIX + STARTED.format(clock.instant());
        this.directory = baseDirectory.resolve(id);
        this.out = out;
    }

    public String id() {
        return id;
    }

    /** Runs every step and returns the figures. */
    public BenchReport run() throws Exception {
        Files.createDirectories(directory);
        String rawTopic = id + ".papers.raw";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> earlier =
                    StackTopics.deleteEarlierRuns(admin, topic -> topic.startsWith(PREFIX) && !topic.startsWith(id));
            if (!earlier.isEmpty()) {
                step("deleted the " + earlier.size() + " topics of earlier bench runs");
            }
            createTopics(admin, List.of(rawTopic, id + ".perf", id + ".warm-up"));
            Path payloads = writePayloads();
            KafkaPerfTools tools = new KafkaPerfTools(directory, plan.stepTimeout());
            long warmUp = Math.min(plan.papers(), WARM_UP_RECORDS);
            step("warming the broker up, not measured: Kafka ProducerPerformance, " + warmUp
                    + " records in transactions to " + id + ".warm-up");
            tools.warmUpBroker(bootstrapServers, id + ".warm-up", warmUp, payloads, producerProperties());
            step("paperstream produce --generate: about " + plan.papers() + " papers to " + rawTopic);
            Throughput produce = produce(rawTopic);
            long papers = produce.records();
            step("Kafka ProducerPerformance: " + papers + " records drawn from the payloads to " + id + ".perf");
            Throughput producerLimit =
                    tools.produce(bootstrapServers, id + ".perf", papers, payloads, producerProperties());
            step("Kafka ConsumerPerformance: reading " + rawTopic);
            Throughput consumerLimit = tools.consume(bootstrapServers, rawTopic, papers);
            List<BenchReport.StreamsResult> streams = new ArrayList<>();
            LatencyProbe.Result latency = null;
            OptionalDouble restoreSeconds = OptionalDouble.empty();
            for (int threads : plan.threads()) {
                Drain passThrough = passThrough(admin, rawTopic, threads);
                Map<String, String> settings = pipelineSettings(rawTopic, threads);
                try (StreamsProcesses pipeline = new StreamsProcesses(
                        paperstream.mainClass(),
                        List.of("stream"),
                        serving(),
                        settings,
                        plan.instances(),
                        plan.streamsJvmOptions(),
                        directory)) {
                    step("paperstream stream (" + BenchReport.threadCount(threads) + "): draining " + rawTopic);
                    Drain drain = Drain.measure(pipeline, admin, rawTopic, plan.stepTimeout(), true, out);
                    JvmMemory memory = JvmMemory.of(pipeline.first().pid());
                    StateSize state =
                            StateSize.of(pipeline.stateDirectories(), admin, pipeline.applicationId(), ADMIN_TIMEOUT);
                    streams.add(new BenchReport.StreamsResult(
                            threads, plan.instances(), passThrough, drain, memory, state));
                    if (latency == null) {
                        latency = latency(rawTopic, settings);
                        restoreSeconds = restore(pipeline, admin);
                    }
                }
            }
            return new BenchReport(
                    id, machine(), papers, producerLimit, consumerLimit, produce, streams, latency, restoreSeconds);
        }
    }

    private void step(String what) {
        out.println("== " + what);
        out.flush();
    }

    private void createTopics(Admin admin, List<String> names) throws Exception {
        short replication = StreamsSettings.of(plan.settings())
                .get(StreamsSettings.KAFKA_TOPIC_REPLICATION)
                .shortValue();
        admin.createTopics(names.stream()
                        .map(name -> new NewTopic(name, plan.partitions(), replication))
                        .toList())
                .all()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * ProducerPerformance's payloads: the events of a replay of the same input over the same days as produce
     * --dry-run prints them, one JSON object a line, at most {@value #MAX_PAYLOADS} (the tool holds them all in
     * memory and draws each record's payload from them at random; every replayed paper is a copy of an input
     * paper, so a sample has the sizes of the whole).
     */
    private Path writePayloads() throws IOException {
        Path payloads = directory.resolve("payloads.jsonl");
        step("generating ProducerPerformance's payloads from " + plan.input());
        double papersPerDay = Math.min(plan.papersPerDay(), (double) MAX_PAYLOADS / plan.days());
        StringWriter err = new StringWriter();
        try (Writer file = Files.newBufferedWriter(payloads, StandardCharsets.UTF_8)) {
            int exitCode = paperstream
                    .commandLine()
                    .get()
                    .setOut(new PrintWriter(file))
                    .setErr(new PrintWriter(err))
                    .execute(produceArguments(papersPerDay, List.of("--dry-run")));
            if (exitCode != 0) {
                throw new BenchException("produce --dry-run failed (exit code " + exitCode + "): "
                        + err.toString().strip());
            }
        }
        return payloads;
    }

    private String[] produceArguments(double papersPerDay, List<String> more) {
        List<String> arguments = new ArrayList<>(List.of(
                "produce",
                "--generate",
                "--input",
                plan.input().toString(),
                "--days",
                Long.toString(plan.days()),
                "--papers-per-day",
                String.format(Locale.ROOT, "%.3f", papersPerDay)));
        arguments.addAll(more);
        return arguments.toArray(String[]::new);
    }

    /** produce's own settings, the ones ProducerPerformance is given too. */
    private Map<String, String> producerProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        ProducerSettings.of(Map.of()).kafkaProducerConfig().forEach((key, value) -> {
            if (!key.contains("serializer")
                    && !ProducerSettings.SERDE_KEYS.contains(key)
                    && !key.equals("client.id")
                    && !key.equals(ProducerSettings.BOOTSTRAP_SERVERS.name())) {
                props.put(key, String.valueOf(value));
            }
        });
        return props;
    }

    private Throughput produce(String rawTopic) {
        String[] arguments = produceArguments(
                plan.papersPerDay(),
                List.of(
                        "--bootstrap-servers",
                        bootstrapServers,
                        "--schema-registry-url",
                        schemaRegistryUrl,
                        "--topic",
                        rawTopic));
        String output =
                ChildOutput.of("produce", paperstream.mainClass(), List.of(arguments), directory, plan.stepTimeout());
        Matcher summary = PRODUCE_SUMMARY.matcher(output);
        if (!summary.find()) {
            throw new BenchException("produce printed no summary; its output:\n" + ChildOutput.tail(output));
        }
        return new Throughput(Long.parseLong(summary.group(1)), Double.parseDouble(summary.group(2)));
    }

    private Drain passThrough(Admin admin, String rawTopic, int threads) throws Exception {
        String name = id + "-pass-through-t" + threads;
        createTopics(admin, List.of(name + ".papers"));
        try (StreamsProcesses app = new StreamsProcesses(
                PassThroughApp.class.getName(),
                List.of("--to", name + ".papers"),
                false,
                applicationSettings(name, rawTopic, threads),
                plan.instances(),
                plan.streamsJvmOptions(),
                directory)) {
            step("pass-through Streams app (" + BenchReport.threadCount(threads) + "): draining " + rawTopic);
            return Drain.measure(app, admin, rawTopic, plan.stepTimeout(), false, out);
        }
    }

    /** The pipeline of one thread count: its own application id and output topics, reading the run's raw papers. */
    private Map<String, String> pipelineSettings(String rawTopic, int threads) {
        String name = id + "-pipeline-t" + threads;
        Map<String, String> settings = applicationSettings(name, rawTopic, threads);
        settings.put(StreamsSettings.KAFKA_TOPIC_PARTITIONS.name(), Integer.toString(plan.partitions()));
        for (Setting<String> topic : StreamsSettings.KAFKA_TOPIC_NAMES) {
            settings.put(topic.name(), name + "." + topic.defaultValue());
        }
        settings.put(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS.name(), rawTopic);
        return settings;
    }

    /**
     * Seconds from a start with wiped state to ready, asked over HTTP or, without it, over JMX; empty when neither can
     * tell (no HTTP API and a JRE without the attach API).
     */
    private OptionalDouble restore(StreamsProcesses pipeline, Admin admin) throws Exception {
        if (!pipeline.readinessKnown()) {
            step("restore: not measured: " + StreamsSettings.HTTP_ENABLED.name()
                    + "=false, and this JVM has no attach API to read the pipeline's state over JMX");
            return OptionalDouble.empty();
        }
        step("restore: the pipeline restarted with its state directories wiped");
        return OptionalDouble.of(pipeline.restoreFromChangelogs(admin, plan.stepTimeout()));
    }

    /**
     * Whether the pipeline serves its HTTP API (and with it the search index): unless the plan's settings turn it off,
     * as an instance that only feeds the topics would run.
     */
    private boolean serving() {
        return StreamsSettings.of(plan.settings()).get(StreamsSettings.HTTP_ENABLED);
    }

    /** What both Streams applications of a thread count are given: the plan's settings, then their own. */
    private Map<String, String> applicationSettings(String applicationId, String rawTopic, int threads) {
        Map<String, String> settings = new LinkedHashMap<>(plan.settings());
        settings.put(StreamsSettings.APPLICATION_ID.name(), applicationId);
        settings.put(StreamsSettings.BOOTSTRAP_SERVERS.name(), bootstrapServers);
        settings.put(StreamsSettings.SCHEMA_REGISTRY_URL.name(), schemaRegistryUrl);
        settings.put(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS.name(), rawTopic);
        settings.put(StreamsSettings.NUM_STREAM_THREADS.name(), Integer.toString(threads));
        return settings;
    }

    private LatencyProbe.Result latency(String rawTopic, Map<String, String> settings) throws InterruptedException {
        step(String.format(
                Locale.ROOT,
                "latency: %.0f papers/s into the running pipeline, %d s of warm-up then %d s measured",
                plan.latencyRate(),
                plan.latencyWarmUp().toSeconds(),
                plan.latency().toSeconds()));
        LatencyProbe probe = new LatencyProbe(
                bootstrapServers,
                schemaRegistryUrl,
                rawTopic,
                settings.get(StreamsSettings.KAFKA_TOPIC_CLASSIFIED_PAPERS.name()),
                settings.get(StreamsSettings.KAFKA_TOPIC_TOPIC_COUNTS.name()));
        return probe.run(plan.latencyRate(), plan.latencyWarmUp(), plan.latency());
    }

    private BenchReport.Machine machine() {
        return new BenchReport.Machine(
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Distribution.kafkaVersion(),
                bootstrapServers);
    }
}
