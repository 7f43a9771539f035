package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.Jazzer;
import io.paperstream.producer.source.SourceFormat;
import io.paperstream.stack.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coverage-guided fuzzing with Jazzer (libFuzzer for the JVM): the trending-page reader, the arXiv JSON Lines reader,
 * the daily-papers JSON reader and our Avro deserializer run 100,000 inputs each (the deserializer, ten times as fast,
 * 500,000), which libFuzzer makes by mutating seeds of the real corpus ({@link FuzzSeeds}), steered towards new
 * branches by the coverage of the code under test that Jazzer instruments (the readers with Jackson's parser below
 * them; the serde and registry client with Avro's decoder). Each target ({@link FuzzTargets}) checks the property the
 * seeded fuzz checks ({@link SourceReaderProperty}, {@link DeserializerProperty}): an unexpected exception, a broken
 * property or an input that takes {@value #INPUT_TIMEOUT_SECONDS} s is a finding, written to a crash file. The
 * seeded fuzz ({@link ReaderFuzzIT}, {@link DeserializerFuzzIT}) tries the damage we thought of; this one finds
 * inputs that reach branches it misses.
 *
 * <p>Each target runs in a child JVM ({@link ChildJvm}) with Jazzer's standalone driver on this JVM's classpath, a
 * fixed libFuzzer seed and a limit on its fuzzing time, as many at once as there are cores (each fuzzes on one);
 * its seeds, the inputs it adds, crash files, reproducers and output ({@code jazzer.log}, with the command line at
 * its top) are in {@code target/it-data/jazzer/<target>/}. The same command with a crash file in place of the two
 * corpus directories runs that input again. No broker is needed.
 */
class CoverageGuidedFuzzIT {

    /** Inputs per reader target. */
    private static final int READER_RUNS = 100_000;
    /** Inputs of the deserializer target: it runs about ten times as many a second as a reader. */
    private static final int PAYLOAD_RUNS = 500_000;
    /** Longest trending-page input: one or two papers of the page (longer ones only slow the runs down). */
    private static final int PAGE_MAX_LENGTH = 4096;
    /** Longest JSON input: a file of three papers. */
    private static final int JSON_MAX_LENGTH = 8192;
    /** Longest payload: the largest event of the corpus is under 3 KiB. */
    private static final int PAYLOAD_MAX_LENGTH = 4096;
    /**
     * One input taking this long is a finding: a reader whose time grows faster than its input (a few KiB take
     * milliseconds), with room for a loaded machine.
     */
    private static final int INPUT_TIMEOUT_SECONDS = 30;
    /** libFuzzer stops after this much fuzzing, the runs done or not. */
    private static final Duration FUZZING_LIMIT = Duration.ofSeconds(150);
    /** A child is killed when it has not ended this long after the fuzzing limit: JVM start, seeds, shutdown. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(90);
    /** Targets fuzzed at once: libFuzzer runs the inputs on one thread. */
    private static final int AT_ONCE =
            Math.min(Target.values().length, Runtime.getRuntime().availableProcessors());

    private static final String PRODUCER_SOURCES = "io.paperstream.producer.source.**";
    private static final String JACKSON_PARSER = "com.fasterxml.jackson.core.**";

    private static final Pattern DONE = Pattern.compile("^Done (\\d+) runs in (\\d+) second", Pattern.MULTILINE);
    private static final Pattern FINAL_STATUS =
            Pattern.compile("^#\\d+\\s+DONE\\s+cov: (\\d+) ft: \\d+ corp: (\\d+)/", Pattern.MULTILINE);
    private static final Pattern EXECS_PER_SECOND =
            Pattern.compile("^stat::average_exec_per_sec:\\s*(\\d+)", Pattern.MULTILINE);
    private static final Pattern NEW_UNITS = Pattern.compile("^stat::new_units_added:\\s*(\\d+)", Pattern.MULTILINE);
    private static final List<String> FINDING_PREFIXES = List.of("crash-", "timeout-", "oom-", "slow-unit-", "leak-");

    private static final Logger LOG = LoggerFactory.getLogger(CoverageGuidedFuzzIT.class);

    private static ExecutorService fuzzing;
    private static Map<Target, Future<Run>> fuzzRuns;

    /**
     * A fuzz target: its class and arguments, the code Jazzer instruments and hooks for it, its longest input, its runs
     * and its seeds.
     */
    enum Target {
        TRENDING_PAGE_READER(
                FuzzTargets.SourceReader.class,
                SourceFormat.TRENDING_PAGE.id(),
                List.of(PRODUCER_SOURCES),
                PAGE_MAX_LENGTH,
                READER_RUNS,
                directory -> FuzzSeeds.trendingPages(directory, PAGE_MAX_LENGTH)),
        ARXIV_JSON_LINES_READER(
                FuzzTargets.SourceReader.class,
                SourceFormat.ARXIV_JSONL.id(),
                List.of(PRODUCER_SOURCES, JACKSON_PARSER),
                JSON_MAX_LENGTH,
                READER_RUNS,
                FuzzSeeds::arxivJsonLines),
        HF_DAILY_READER(
                FuzzTargets.SourceReader.class,
                SourceFormat.HF_DAILY.id(),
                List.of(PRODUCER_SOURCES, JACKSON_PARSER),
                JSON_MAX_LENGTH,
                READER_RUNS,
                FuzzSeeds::hfDaily),
        DESERIALIZER(
                FuzzTargets.Deserializer.class,
                "",
                List.of("io.paperstream.serde.**", "io.paperstream.registry.**", "org.apache.avro.**"),
                PAYLOAD_MAX_LENGTH,
                PAYLOAD_RUNS,
                FuzzSeeds::payloads);

        private final Class<?> targetClass;
        private final String targetArguments;
        private final List<String> instrumented;
        private final int maxLength;
        private final int runs;
        private final Consumer<Path> seeds;

        Target(
                Class<?> targetClass,
                String targetArguments,
                List<String> instrumented,
                int maxLength,
                int runs,
                Consumer<Path> seeds) {
            this.targetClass = targetClass;
            this.targetArguments = targetArguments;
            this.instrumented = instrumented;
            this.maxLength = maxLength;
            this.runs = runs;
            this.seeds = seeds;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How a child ended: its exit code (empty when it was killed) and the time from its start. */
    private record Run(Path directory, ChildJvm jazzer, Optional<Integer> exitCode, Duration wallTime) {}

    /** What libFuzzer reports at the end of a run. */
    private record Outcome(long runs, long seconds, long execsPerSecond, long coverage, long corpus, long newInputs) {}

    @BeforeAll
    static void startFuzzing() {
        fuzzing = Executors.newFixedThreadPool(AT_ONCE);
        fuzzRuns = new EnumMap<>(Target.class);
        for (Target target : Target.values()) {
            fuzzRuns.put(target, fuzzing.submit(() -> fuzz(target)));
        }
    }

    @AfterAll
    static void stopFuzzing() {
        // interrupts the runs still waiting for their child, which kill it
        fuzzing.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void runsItsInputsWithoutAFinding(Target target) throws InterruptedException, ExecutionException, TimeoutException {
        // the worst case: every target before this one ran to its time limit
        Duration wait = FUZZING_LIMIT.plus(EXIT_GRACE).multipliedBy(Target.values().length);
        Run run = fuzzRuns.get(target).get(wait.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.exitCode())
                .as(
                        "%s ended within %d s; %s",
                        target.id(),
                        FUZZING_LIMIT.plus(EXIT_GRACE).toSeconds(),
                        run.jazzer().logTailMessage())
                .isPresent();
        assertThat(run.exitCode().get())
                .as(
                        "Jazzer's exit code: a finding of %s: %s; %s",
                        target.id(), findings(run.directory()), run.jazzer().logTailMessage())
                .isZero();

        Outcome outcome = outcome(read(run.jazzer().logFile()));
        LOG.info(
                "{}: {} runs in {} s of fuzzing ({} exec/s), {} s from the JVM's start to its end; coverage {}, "
                        + "corpus {} inputs ({} new); no finding",
                target.id(),
                outcome.runs(),
                outcome.seconds(),
                outcome.execsPerSecond(),
                run.wallTime().toSeconds(),
                outcome.coverage(),
                outcome.corpus(),
                outcome.newInputs());
        assertThat(outcome.runs())
                .as("inputs run of %s; %s", target.id(), run.jazzer().logTailMessage())
                .isGreaterThanOrEqualTo(target.runs);
        assertThat(outcome.newInputs())
                .as("inputs libFuzzer kept for new coverage of %s", target.id())
                .isPositive();
    }

    /** Writes the target's seeds and fuzzes it in a child JVM until it ends or is killed at the time limit. */
    private static Run fuzz(Target target) {
        Path directory = ItDirectories.fresh("jazzer/" + target.id());
        Path seeds = directory.resolve("seeds");
        target.seeds.accept(seeds);
        long started = System.nanoTime();
        ChildJvm jazzer = ChildJvm.startMain(
                "jazzer-" + target.id(),
                Jazzer.class.getName(),
                jazzerArguments(target, directory, seeds),
                List.of("-Xmx1g", "-Djava.io.tmpdir=" + directory, "-Dpaperstream.corpus=" + Corpus.path()),
                directory,
                directory.resolve("jazzer.log"));
        Optional<Integer> exitCode = jazzer.awaitExit(FUZZING_LIMIT.plus(EXIT_GRACE));
        if (exitCode.isEmpty()) {
            jazzer.kill();
        }
        return new Run(directory, jazzer, exitCode, Duration.ofNanos(System.nanoTime() - started));
    }

    private static List<String> jazzerArguments(Target target, Path directory, Path seeds) {
        Path corpus = createDirectory(directory.resolve("corpus"));
        List<String> arguments = new ArrayList<>(List.of(
                "--target_class=" + target.targetClass.getName(),
                "--target_args=" + target.targetArguments,
                "--instrumentation_includes=" + String.join(File.pathSeparator, target.instrumented),
                // Jazzer's hooks (comparisons, sanitizers) on the same code only: hooking every class loaded, our
                // tests' and AssertJ's among them, costs seconds of start-up and steers nowhere useful
                "--custom_hook_includes=" + String.join(File.pathSeparator, target.instrumented),
                "--reproducer_path=" + directory,
                "-runs=" + target.runs,
                "-seed=" + FuzzRun.DEFAULT_SEED,
                "-max_len=" + target.maxLength,
                "-timeout=" + INPUT_TIMEOUT_SECONDS,
                "-max_total_time=" + FUZZING_LIMIT.toSeconds(),
                "-print_final_stats=1",
                "-artifact_prefix=" + directory + File.separator));
        // libFuzzer adds the inputs it keeps to the first directory and only reads the others
        arguments.add(corpus.toString());
        arguments.add(seeds.toString());
        return arguments;
    }

    private static Outcome outcome(String output) {
        Matcher done = find(DONE, output);
        Matcher status = find(FINAL_STATUS, output);
        return new Outcome(
                Long.parseLong(done.group(1)),
                Long.parseLong(done.group(2)),
                Long.parseLong(find(EXECS_PER_SECOND, output).group(1)),
                Long.parseLong(status.group(1)),
                Long.parseLong(status.group(2)),
                Long.parseLong(find(NEW_UNITS, output).group(1)));
    }

    /** The line of libFuzzer's summary that {@code pattern} matches (each comes once, at the end). */
    private static Matcher find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        assertThat(matcher.find())
                .as("a line matching %s in Jazzer's output", pattern)
                .isTrue();
        return matcher;
    }

    /** The crash, timeout and out-of-memory files libFuzzer wrote, for the failure message. */
    private static String findings(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<String> findings = files.filter(file -> FINDING_PREFIXES.stream()
                            .anyMatch(file.getFileName().toString()::startsWith))
                    .map(Path::toString)
                    .sorted()
                    .toList();
            return findings.isEmpty() ? "no crash file" : "crash file " + String.join(", ", findings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static Path createDirectory(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    private static String read(Path log) {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
