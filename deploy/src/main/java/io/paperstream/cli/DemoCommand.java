package io.paperstream.cli;

import io.paperstream.app.PaperstreamApp;
import io.paperstream.classify.ResearchTopic;
import io.paperstream.classify.Taxonomy;
import io.paperstream.demo.DemoReplay;
import io.paperstream.demo.DemoRun;
import io.paperstream.demo.TrendResults;
import io.paperstream.demo.TrendResultsReader;
import io.paperstream.demo.TrendTable;
import io.paperstream.producer.replay.GroundTruth;
import io.paperstream.producer.replay.InjectedBurst;
import io.paperstream.producer.replay.Replay;
import io.paperstream.producer.replay.ReplaySettings;
import io.paperstream.settings.Setting;
import io.paperstream.stack.LocalStackConfig;
import io.paperstream.stack.StackState;
import io.paperstream.stack.StackTopics;
import io.paperstream.streams.DigestMarkdown;
import io.paperstream.streams.PipelineTopology;
import io.paperstream.streams.StreamsSettings;
import io.paperstream.waits.Waits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionEvaluationListener;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.EvaluatedCondition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code paperstream demo}: the whole pipeline on this machine in one command. Starts the local stack (or uses
 * the one running from the data directory), runs the streams application in this process under a fresh
 * application id and fresh topics, replays the sample papers over simulated days, closes the last day, waits for
 * the trends, digests and counts, prints them, and stops the application; the stack keeps running.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole pipeline locally and prints what is trending: starts the local stack (or uses the one "
                    + "already running from the data directory), runs the streams application in this process, "
                    + "replays the sample papers over " + DemoReplay.DAYS + " simulated days, waits for the results "
                    + "and prints the rising topics and keyphrases per day, the latest digest and the all-time "
                    + "topic counts.",
            "Each run uses its own application id and topics (paperstream-demo-<time>.*); the next run deletes "
                    + "them. The stack keeps running afterwards: stop it with `paperstream stack stop`."
        })
public final class DemoCommand implements Callable<Integer> {

    /** Rising topics and rising keyphrases shown per day. */
    private static final int RISERS_PER_DAY = 3;

    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    private DataDirectoryOption dataDirectory;

    @Mixin
    private StackOptions stackOptions;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            defaultValue = "90",
            description = "How long to wait for the results after the replay (default: ${DEFAULT-VALUE}).")
    private int waitSeconds;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        quietStreamsLogging();
        long startedNanos = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        Path directory = dataDirectory.resolve();
        StackState stack = RunningStack.useOrStart(stackOptions.config(directory), out);
        try {
            return run(stack, directory, startedNanos, out);
        } finally {
            out.printf(
                    "%nThe local stack keeps running (Kafka %s, schema registry %s).%n",
                    stack.bootstrapServers(), stack.schemaRegistryUrl());
            out.println("Stop it with: ./paperstream stack stop" + dataDirectoryArgument(directory));
            out.flush();
        }
    }

    private int run(StackState stack, Path directory, long startedNanos, PrintWriter out) throws Exception {
        Clock clock = Clock.systemUTC();
        DemoRun run = DemoRun.startingNow(clock);
        StreamsSettings settings =
                run.settings(stack.bootstrapServers(), stack.schemaRegistryUrl(), directory.resolve("demo-state"));
        removeEarlierRuns(run, stack.bootstrapServers(), out);
        PaperstreamApp app = new PaperstreamApp(settings);
        int exitCode;
        try {
            exitCode = runPipeline(app, run, settings, clock, out);
        } finally {
            app.close();
            KafkaStreams streams = app.streams();
            if (streams != null) {
                // the run's state stores are of no use to a later run, which has its own application id
                streams.cleanUp();
            }
        }
        if (exitCode == 0) {
            out.printf(
                    Locale.ROOT,
                    "%nDemo done in %.0f s. This run's topics, %s.*, stay until the next demo; its"
                            + " latest digest again:%n  ./paperstream digest %s%n",
                    (System.nanoTime() - startedNanos) / 1e9,
                    run.id(),
                    digestArguments(settings));
        }
        return exitCode;
    }

    private int runPipeline(PaperstreamApp app, DemoRun run, StreamsSettings settings, Clock clock, PrintWriter out)
            throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        app.start();
        if (!app.awaitRunning(RUNNING_TIMEOUT)) {
            return fail(
                    err,
                    "the streams application did not start within " + RUNNING_TIMEOUT.toSeconds() + " s (it is "
                            + app.state() + ")");
        }
        out.println("streams application " + run.id() + " running in this process");
        out.flush();
        Replay replay = DemoReplay.plan(settings.get(StreamsSettings.WINDOW_GRACE), clock);
        describe(replay.groundTruth(), out);
        long sendingNanos = System.nanoTime();
        long sent = DemoReplay.send(
                replay,
                settings.get(StreamsSettings.BOOTSTRAP_SERVERS),
                settings.get(StreamsSettings.SCHEMA_REGISTRY_URL),
                settings.get(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS),
                clock);
        out.printf(
                Locale.ROOT,
                "sent %d papers to %s in %.1f s, last the closing event (published %s) that" + " closes the last day%n",
                sent,
                settings.get(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS),
                (System.nanoTime() - sendingNanos) / 1e9,
                replay.groundTruth().closingEventAt());
        out.flush();
        TrendResults results = awaitResults(app, settings, sent, out);
        if (!complete(results, sent)) {
            return fail(
                    err,
                    String.format(
                            Locale.ROOT,
                            "the results were not complete within %d s: %d of %d"
                                    + " days closed, %d of %d papers counted (papers that failed are in %s)",
                            waitSeconds,
                            results.windowsClosed(),
                            DemoReplay.DAYS,
                            results.papersCounted(),
                            sent,
                            settings.get(StreamsSettings.KAFKA_TOPIC_DEAD_LETTERS)));
        }
        print(results, settings, out);
        return 0;
    }

    /** Deletes the topics of earlier demo runs, so that demo runs do not pile up on the broker. */
    private static void removeEarlierRuns(DemoRun run, String bootstrapServers, PrintWriter out) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> earlier = StackTopics.deleteEarlierRuns(admin, run::isEarlierRunTopic);
            if (!earlier.isEmpty()) {
                out.println("deleted the " + earlier.size() + " topics of earlier demo runs");
                out.flush();
            }
        }
    }

    private static void describe(GroundTruth truth, PrintWriter out) {
        ReplaySettings replay = truth.settings();
        out.printf(
                Locale.ROOT,
                "replaying the %d sample papers over %d simulated days, %s to %s (seed %d, about %.0f"
                        + " papers a day, %d base and %d injected by bursts):%n",
                truth.poolPapers(),
                replay.days(),
                day(replay.dayStart(0)),
                day(replay.dayStart(replay.days() - 1)),
                replay.seed(),
                replay.papersPerDay(),
                truth.baseEvents(),
                truth.injectedEvents());
        for (InjectedBurst burst : truth.bursts()) {
            Instant lastDay = burst.windowEnd().minus(Duration.ofDays(1));
            out.printf(
                    Locale.ROOT,
                    "  burst %-36s %s%s: +%d papers%n",
                    burst.spec(),
                    day(burst.windowStart()),
                    lastDay.equals(burst.windowStart()) ? "" : " to " + day(lastDay),
                    burst.injected());
        }
        out.flush();
    }

    private static String day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Reads the output topics until every day closed and every paper is counted, or the wait is over. */
    private TrendResults awaitResults(
            PaperstreamApp app, StreamsSettings settings, long expectedPapers, PrintWriter out) {
        try (TrendResultsReader reader = new TrendResultsReader(settings, ADMIN_TIMEOUT)) {
            try {
                Waits.await("every day closed and every paper counted")
                        .atMost(Duration.ofSeconds(waitSeconds))
                        .pollInterval(Duration.ZERO)
                        .conditionEvaluationListener(new ProgressReport(reader, expectedPapers, out))
                        .until(() -> {
                            reader.poll(Duration.ofMillis(200));
                            return complete(reader.results(), expectedPapers) || !isAlive(app);
                        });
            } catch (ConditionTimeoutException e) {
                // the caller tells what is missing
            }
            return reader.results();
        }
    }

    /** Prints how far the results are, every {@link #PROGRESS_INTERVAL} of the wait for them. */
    private static final class ProgressReport implements ConditionEvaluationListener<Boolean> {

        private final TrendResultsReader reader;
        private final long expectedPapers;
        private final PrintWriter out;
        private long nextReportMillis = PROGRESS_INTERVAL.toMillis();

        ProgressReport(TrendResultsReader reader, long expectedPapers, PrintWriter out) {
            this.reader = reader;
            this.expectedPapers = expectedPapers;
            this.out = out;
        }

        @Override
        public void conditionEvaluated(EvaluatedCondition<Boolean> condition) {
            long elapsedMillis = condition.getElapsedTimeInMS();
            if (elapsedMillis < nextReportMillis) {
                return;
            }
            TrendResults results = reader.results();
            out.printf(
                    Locale.ROOT,
                    "waiting for the results (%.0f s): %d of %d days closed, %d of %d papers" + " counted%n",
                    elapsedMillis / 1e3,
                    results.windowsClosed(),
                    DemoReplay.DAYS,
                    results.papersCounted(),
                    expectedPapers);
            out.flush();
            nextReportMillis = elapsedMillis + PROGRESS_INTERVAL.toMillis();
        }
    }

    private static boolean complete(TrendResults results, long expectedPapers) {
        return results.windowsClosed() >= DemoReplay.DAYS && results.papersCounted() >= expectedPapers;
    }

    private static boolean isAlive(PaperstreamApp app) {
        KafkaStreams.State state = app.state();
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING;
    }

    private static void print(TrendResults results, StreamsSettings settings, PrintWriter out) {
        Taxonomy taxonomy = PipelineTopology.taxonomy(settings);
        TrendTable table = new TrendTable(
                id -> name(taxonomy, id), RISERS_PER_DAY, settings.get(StreamsSettings.TRENDS_MIN_BASELINE_WINDOWS));
        out.println();
        out.println("Rising per simulated day (top " + RISERS_PER_DAY + " topics and keyphrases; score = (count - "
                + "baseline) / sqrt(max(variance, baseline) + 1) against each key's own earlier days)");
        out.println();
        out.print(table.risers(results));
        out.println();
        out.println("Latest digest (as `paperstream digest` prints it):");
        out.println();
        results.latestDigest().ifPresent(digest -> out.print(DigestMarkdown.render(digest)));
        out.println();
        out.println("All-time topic counts (" + results.papersCounted() + " papers, the closing event included):");
        out.println();
        out.print(table.counts(results));
        out.flush();
    }

    private static String name(Taxonomy taxonomy, String topicId) {
        ResearchTopic topic = taxonomy.topic(topicId);
        return topic == null ? topicId : topic.name();
    }

    /** The options of {@code paperstream digest} that read this run's digests from this stack. */
    private static String digestArguments(StreamsSettings settings) {
        StreamsSettings defaults = StreamsSettings.defaults();
        StringBuilder arguments = new StringBuilder();
        for (Setting<String> setting : List.of(
                StreamsSettings.BOOTSTRAP_SERVERS,
                StreamsSettings.SCHEMA_REGISTRY_URL,
                StreamsSettings.KAFKA_TOPIC_DIGESTS)) {
            if (!settings.get(setting).equals(defaults.get(setting))) {
                arguments
                        .append(arguments.length() == 0 ? "" : " ")
                        .append("--set ")
                        .append(setting.name())
                        .append('=')
                        .append(settings.get(setting));
            }
        }
        return arguments.toString();
    }

    private static String dataDirectoryArgument(Path directory) {
        return directory.equals(
                        LocalStackConfig.defaultDataDirectory().toAbsolutePath().normalize())
                ? ""
                : " --data-dir " + directory;
    }

    private static int fail(PrintWriter err, String sentence) {
        err.println("paperstream: " + sentence);
        err.flush();
        return PaperstreamCli.EXIT_FAILURE;
    }

    /**
     * Keeps the in-process application's own log lines (its topology, every state change, every closed window) out
     * of the demo's output, unless the user set a level for them; warnings still show.
     */
    private static void quietStreamsLogging() {
        String key = "org.slf4j.simpleLogger.log.io.paperstream.streams";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }
}
