package io.paperstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.producer.source.ArxivFeedServer;
import io.paperstream.producer.source.Corpus;
import io.paperstream.producer.source.Samples;
import io.paperstream.text.TextNormalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProduceCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);

    /** One execution of the command: its exit code and what it wrote. */
    private record Run(int exitCode, String out, String err) {

        List<JsonNode> events() throws IOException {
            List<JsonNode> events = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    events.add(JSON.readTree(line));
                }
            }
            return events;
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(InputStream stdin, String... args) {
        return run(Map.of(), stdin, args);
    }

    private static Run run(Map<String, String> environment, InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ProduceCommand(environment, stdin, CLOCK));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    @Test
    void aDryRunHarvestsAnArxivFeedFromTheSettingsUrlAndSavesNoState(@TempDir Path state) throws IOException {
        try (ArxivFeedServer server = new ArxivFeedServer()) {
            Map<String, String> environment = Map.of(
                    "PAPERSTREAM_ARXIV_FEED_URL", server.base(),
                    "PAPERSTREAM_ARXIV_REQUEST_INTERVAL", "0ms",
                    "PAPERSTREAM_ARXIV_STATE_DIR", state.toString());

            Run run = run(environment, InputStream.nullInputStream(), "--dry-run", "--arxiv-rss", "cs.CL");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ProduceCommand.EXIT_INCOMPLETE);
            assertThat(run.events()).extracting(e -> e.get("id").asText()).containsExactly("2412.00004", "2412.00001");
            assertThat(run.events().get(1).get("updatedAt").asText()).isEqualTo("2024-12-17T05:00:00Z");
            assertThat(run.err()).contains(server.base() + "/rss/cs.CL:50: entry 3 (2412.00005): empty abstract");
            assertThat(server.requests())
                    .extracting(ArxivFeedServer.Request::pathAndQuery)
                    .containsExactly("/rss/cs.CL");
            assertThat(state).isEmptyDirectory();
        }
    }

    @Test
    void arxivSourcesRefuseWhatTheyCannotDo() {
        assertThat(run("--dry-run", "--arxiv-rss", "cs.CL", "--generate").errLines())
                .containsExactly("arXiv harvests send papers as they come: without --spread or --generate");
        assertThat(run("--dry-run", "--arxiv-rss", "cs.CL", "x").errLines())
                .containsExactly("Give files, --url or arXiv sources (--arxiv-*), one of them");
        assertThat(run("--dry-run", "--arxiv-query", "cat:cs.CL", "--oai-set", "cs")
                        .errLines())
                .containsExactly("--oai-set, --oai-from and --oai-until need --arxiv-oai");
        assertThat(run("--dry-run", "--arxiv-rss", "cs CL").errLines())
                .containsExactly("Not an arXiv category: 'cs CL' (examples: cs.CL, math.AG, hep-th)");
        assertThat(run("--dry-run", "--arxiv-oai", "--oai-metadata", "oai_dc").errLines())
                .containsExactly("--oai-metadata must be arXivRaw or arXiv, not 'oai_dc'");
    }

    @Test
    void dryRunPrintsTheCorpusAsOneJsonLinePerPaperInInputOrder() throws IOException {
        Run run = run("--dry-run", Corpus.path().toString());

        assertThat(run.exitCode()).isZero();
        List<JsonNode> events = run.events();
        assertThat(events).hasSize(Corpus.PAPERS);
        assertThat(events).extracting(e -> e.get("title").asText()).containsExactlyElementsOf(Corpus.titles());
        assertThat(events)
                .extracting(e -> e.get("abstract").asText())
                .containsExactlyElementsOf(Corpus.abstracts().stream()
                        .map(TextNormalizer::normalize)
                        .toList());
        assertThat(events)
                .extracting(e -> e.has("originalAbstract") ? e.get("originalAbstract") : e.get("abstract"))
                .extracting(JsonNode::asText)
                .as("the file's text, kept where normalizing changed it")
                .containsExactlyElementsOf(Corpus.abstracts());
        assertThat(events).noneMatch(e -> e.has("originalTitle"));
        JsonNode first = events.get(0);
        assertThat(first.get("id").asText()).matches("h:[0-9a-f]{16}");
        assertThat(first.get("publishedAt").asText()).isEqualTo("2026-03-14T00:00:00Z");
        assertThat(first.get("source").asText()).isEqualTo("trending-page");
        assertThat(first.get("sourceUri").asText()).startsWith("file:/").endsWith("trending-papers.txt#L11");
        assertThat(first.get("authors").isArray()).isTrue();
        assertThat(first.get("categories").isArray()).isTrue();
        assertThat(first.get("links").isArray()).isTrue();
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("produce: read 116, sent 116, skipped 0, failed 0 in ");
    }

    @Test
    void yearAndSpreadGiveAReplaysEventTimes() throws IOException {
        Run run = run("--dry-run", "--year", "2024", Corpus.path().toString());
        Run spread = run(
                "--dry-run",
                "--spread",
                "116h",
                "--event-time",
                "2025-01-01",
                Corpus.path().toString());

        assertThat(run.events())
                .allSatisfy(e -> assertThat(e.get("publishedAt").asText()).isEqualTo("2024-03-14T00:00:00Z"));
        List<JsonNode> events = spread.events();
        for (int i = 0; i < events.size(); i++) {
            assertThat(Instant.parse(events.get(i).get("publishedAt").asText()))
                    .isEqualTo(Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofHours(i)));
        }
    }

    @Test
    void readsStandardInputWithAutoDetectionAndSpreadsIt() throws IOException {
        byte[] jsonl = Samples.bytes(Samples.ARXIV_JSONL);

        Run run = run(new ByteArrayInputStream(jsonl), "--dry-run", "--spread", "4d", "-");

        assertThat(run.exitCode()).as("the sample has bad lines").isEqualTo(ProduceCommand.EXIT_INCOMPLETE);
        List<JsonNode> events = run.events();
        assertThat(events)
                .extracting(e -> e.get("id").asText())
                .containsExactly("2403.01234", "hep-th/9901001", "2401.00001", "2312.04567");
        assertThat(events)
                .extracting(e -> e.get("publishedAt").asText())
                .containsExactly(
                        "2024-03-04T17:02:11Z", "2024-03-05T17:02:11Z", "2024-03-06T17:02:11Z", "2024-03-07T17:02:11Z");
        assertThat(events.get(0).get("sourceUri").asText()).isEqualTo("stdin#L1");
        assertThat(events.get(0).get("source").asText()).isEqualTo("arxiv-jsonl");
        assertThat(events.get(0).get("categories")).extracting(JsonNode::asText).containsExactly("cs.CL", "cs.LG");
        assertThat(run.errLines()).hasSize(4);
        assertThat(run.errLines().get(0)).startsWith("stdin:4: invalid JSON");
        assertThat(run.errLines().get(3)).startsWith("produce: read 4, sent 4, skipped 3, failed 0");
    }

    @Test
    void badRecordsAreReportedWithFileAndLineAndMakeTheExitCodeNonZero(@TempDir Path dir) throws IOException {
        Path damaged = dir.resolve("damaged.txt");
        List<String> lines = Corpus.lines();
        lines.set(Corpus.abstractLine(3) - 1, "");
        Files.write(damaged, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));

        Run run = run("--dry-run", damaged.toString());

        assertThat(run.exitCode()).isEqualTo(ProduceCommand.EXIT_INCOMPLETE);
        assertThat(run.events()).hasSize(Corpus.PAPERS - 1);
        assertThat(run.errLines())
                .containsExactly(
                        damaged + ":" + Corpus.abstractLine(3) + ": empty abstract for title '"
                                + Corpus.titles().get(3) + "'",
                        run.errLines().get(1));
        assertThat(run.errLines().get(1)).startsWith("produce: read 115, sent 115, skipped 1, failed 0");
    }

    @Test
    void failFastStopsAtTheFirstBadRecord(@TempDir Path dir) throws IOException {
        Path damaged = dir.resolve("damaged.txt");
        List<String> lines = Corpus.lines();
        lines.set(Corpus.abstractLine(3) - 1, "");
        Files.write(damaged, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));

        Run run = run("--dry-run", "--fail-fast", damaged.toString());

        assertThat(run.exitCode()).isEqualTo(ProduceCommand.EXIT_INCOMPLETE);
        assertThat(run.events()).hasSize(3);
        assertThat(run.errLines()).hasSize(3);
        assertThat(run.errLines().get(1)).isEqualTo("Stopped at the first bad record (--fail-fast)");
        assertThat(run.errLines().get(2)).startsWith("produce: read 3, sent 3, skipped 1, failed 0");
    }

    @Test
    void readsSeveralInputsInOrderAndPacesToTheRate() throws IOException {
        long start = System.nanoTime();
        Run run = run(
                "--dry-run",
                "--rate",
                "20",
                "--format",
                "hf-daily",
                Samples.path(Samples.HF_DAILY_JSON).toString(),
                "--input",
                Samples.path(Samples.HF_DAILY_JSON).toString());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        List<JsonNode> papers = run.events().stream().filter(e -> e.has("id")).toList();
        assertThat(papers).hasSize(6);
        assertThat(papers.get(0).get("links").get(0).asText()).isEqualTo("https://huggingface.co/papers/2410.99001");
        assertThat(elapsed).as("6 records at 20/s").isGreaterThanOrEqualTo(Duration.ofMillis(240));
    }

    @Test
    void eachDailyPaperIsFollowedByItsEngagementFigures() throws IOException {
        Path sample = Samples.path(Samples.HF_DAILY_JSON);
        Run run = run("--dry-run", "--format", "hf-daily", sample.toString());

        List<JsonNode> events = run.events();
        assertThat(events.get(0).get("id").asText()).isEqualTo("2410.99001");
        JsonNode figures = events.get(1);
        assertThat(figures.get("paperId").asText()).isEqualTo("2410.99001");
        assertThat(figures.get("source").asText()).isEqualTo("hf-daily");
        assertThat(figures.get("upvotes").asLong()).isEqualTo(12);
        assertThat(figures.get("comments").asLong()).isEqualTo(2);
        assertThat(figures.has("githubStars")).as("the sample does not say").isFalse();
        assertThat(figures.get("observedAt").asText()).isEqualTo(CLOCK.instant().toString());
        assertThat(figures.get("sourceUri").asText()).endsWith("hf-daily-sample.json#L2");
        long papers = events.stream().filter(e -> e.has("id")).count();
        long observations = events.stream().filter(e -> e.has("paperId")).count();
        assertThat(papers + observations).isEqualTo(events.size());
        assertThat(run.errLines().get(run.errLines().size() - 1))
                .startsWith("produce: read " + papers + ", sent " + events.size() + ",");
    }

    @Test
    void generateWithEngagementSendsTheObservationsAmongThePapersAndWritesTheRisingPapers(@TempDir Path dir)
            throws IOException {
        Path truth = dir.resolve("engagement.json");
        String[] args = {
            "--dry-run",
            "--generate",
            "--days",
            "4",
            "--papers-per-day",
            "50",
            "--seed",
            "3",
            "--start",
            "2026-02-01",
            "--engagement",
            "--rising-share",
            "0.1",
            "--engagement-truth",
            truth.toString(),
            Corpus.path().toString()
        };

        Run first = run(args);

        assertThat(first.exitCode()).isZero();
        assertThat(run(args).out()).isEqualTo(first.out());
        List<JsonNode> events = first.events();
        List<JsonNode> observations =
                events.stream().filter(e -> e.has("paperId")).toList();
        Set<String> papers = events.stream()
                .filter(e -> e.has("id"))
                .map(e -> e.get("id").asText())
                .collect(Collectors.toSet());
        assertThat(observations).isNotEmpty().allSatisfy(o -> {
            assertThat(papers).contains(o.get("paperId").asText());
            assertThat(o.get("source").asText()).isEqualTo("generator");
            assertThat(o.get("observedAt").asText()).startsWith("2026-02-0");
        });
        JsonNode rising = JSON.readTree(truth.toFile()).get("risingPapers");
        assertThat(rising).isNotEmpty();
        Set<String> observed =
                observations.stream().map(o -> o.get("paperId").asText()).collect(Collectors.toSet());
        assertThat(rising)
                .allSatisfy(
                        paper -> assertThat(observed).contains(paper.get("id").asText()));

        Run without = run(
                "--dry-run",
                "--generate",
                "--rising-share",
                "0.2",
                Corpus.path().toString());
        assertThat(without.exitCode()).isEqualTo(ProduceCommand.EXIT_USAGE);
        assertThat(without.err()).contains("--rising-share needs --engagement");
        Run badShare = run(
                "--dry-run",
                "--generate",
                "--engagement",
                "--rising-share",
                "2",
                Corpus.path().toString());
        assertThat(badShare.err()).contains("the rising share must be from 0 to 1, got 2.0");
    }

    @Test
    void anUnknownFileIsOneSentenceAndExitCodeTwo() {
        Run run = run("--dry-run", "no-such-papers.txt");

        assertThat(run.exitCode()).isEqualTo(ProduceCommand.EXIT_USAGE);
        assertThat(run.errLines()).containsExactly("No such file: no-such-papers.txt");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void invalidOptionCombinationsAreOneSentenceEach() {
        assertThat(run("--dry-run").errLines())
                .containsExactly(
                        "No input: name files, - for standard input, --url, or an arXiv source such as --arxiv-rss (see --help)");
        assertThat(run("--dry-run", "--format", "csv", "x").errLines())
                .containsExactly(
                        "Unknown --format 'csv': use trending-page, arxiv-jsonl, hf-daily, arxiv-atom, arxiv-rss, arxiv-oai or auto");
        assertThat(run("--dry-run", "--poll", "5m", "x").errLines())
                .containsExactly("--poll needs --url or an arXiv source");
        assertThat(run("--dry-run", "--url", "http://127.0.0.1:1/x", "--spread", "1d")
                        .errLines())
                .containsExactly("--spread needs files or standard input: a URL's content can change between reads");
        assertThat(run("--dry-run", "--url", "http://127.0.0.1:1/x", "--format", "arxiv-jsonl")
                        .errLines())
                .containsExactly(
                        "--url reads Hugging Face daily-papers JSON: leave --format out or set it to hf-daily");
        assertThat(run("--dry-run", "--rate", "0", "x").exitCode()).isEqualTo(ProduceCommand.EXIT_USAGE);
        Run missingConfig = run(
                "--dry-run",
                "--producer-config",
                "no-such.properties",
                Corpus.path().toString());
        assertThat(missingConfig.exitCode()).isEqualTo(ProduceCommand.EXIT_USAGE);
        assertThat(missingConfig.errLines()).containsExactly("Cannot read --producer-config file: no-such.properties");
    }

    @Test
    void anUnknownPaperstreamKeyInTheProducerConfigIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("producer.properties"), "paperstream.linger.ms=5\n");

        Run run = run(
                "--dry-run",
                "--producer-config",
                config.toString(),
                Corpus.path().toString());

        assertThat(run.exitCode()).isEqualTo(ProduceCommand.EXIT_USAGE);
        assertThat(run.errLines())
                .containsExactly(
                        "Invalid producer settings: unknown setting paperstream.linger.ms (in " + config + ")");
    }

    @Test
    void dryRunOutputIsAsciiJsonThatKeepsEveryCharacter() throws IOException {
        String title = "Café Σ-Attention for 日本語 Papers";
        String page = "Mar 14\n\n" + title + "\n\nAn abstract with naïve “quotes” and emoji \uD83D\uDE80.\n";

        Run run = run(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)), "--dry-run", "-");

        assertThat(run.out()).matches("\\p{ASCII}*");
        assertThat(run.events()).singleElement().satisfies(e -> {
            assertThat(e.get("title").asText()).isEqualTo(title);
            assertThat(e.get("abstract").asText()).endsWith("naïve “quotes” and emoji \uD83D\uDE80.");
        });
    }

    @Test
    void aBrokerThatIsNotThereIsOneSentenceAndExitCodeThree() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();

        Run run = run(
                "--bootstrap-servers",
                "127.0.0.1:" + closedPort,
                "--check-timeout",
                "1s",
                Corpus.path().toString());

        assertThat(run.exitCode()).isEqualTo(ProduceCommand.EXIT_UNAVAILABLE);
        assertThat(run.errLines())
                .containsExactly("Kafka broker at 127.0.0.1:" + closedPort
                        + " is not reachable (is the stack running? ./paperstream stack start)");
        assertThat(run.out()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void helpDocumentsTheEnvironmentRule() {
        Run run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "KAFKA_LINGER_MS=5 sets linger.ms",
                        "PAPERSTREAM_BOOTSTRAP_SERVERS",
                        "--producer-config",
                        "--dry-run",
                        "Exit codes:");
    }

    @Test
    void helpShowsTheProducerDefaultsThatTakeEffect() {
        Map<String, Object> defaults = ProducerSettings.of(Map.of()).kafkaProducerConfig();
        String help = run("--help").out();

        for (String key : List.of("enable.idempotence", "acks", "compression.type", "linger.ms", "batch.size")) {
            assertThat(help).contains(key + "=" + defaults.get(key));
        }
        assertThat(help)
                .contains("bootstrap.servers " + defaults.get("bootstrap.servers"))
                .contains("schema.registry.url " + defaults.get("schema.registry.url"));
    }

    @Test
    void generateReplaysTheInputOverSimulatedDaysAndGivesTheSameBytesEveryTime(@TempDir Path dir) throws IOException {
        Path truth = dir.resolve("ground-truth.json");
        String[] args = {
            "--dry-run",
            "--generate",
            "--days",
            "6",
            "--papers-per-day",
            "20",
            "--seed",
            "7",
            "--start",
            "2026-02-01",
            "--burst",
            "topic:multimodal@2+2x4",
            "--burst",
            "keyphrase:large language model@4+1x5",
            "--ground-truth",
            truth.toString(),
            Corpus.path().toString()
        };

        Run first = run(args);
        Run second = run(args);

        assertThat(first.exitCode()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        JsonNode groundTruth = JSON.readTree(truth.toFile());
        List<JsonNode> events = first.events();
        assertThat(events).hasSize(groundTruth.get("events").get("total").asInt());
        for (int n = 0; n < events.size(); n++) {
            JsonNode event = events.get(n);
            assertThat(event.get("id").asText()).isEqualTo("g:7:" + n);
            assertThat(event.get("source").asText()).isEqualTo("generator");
            assertThat(event.get("title").asText()).isIn(Corpus.titles());
            assertThat(event.get("sourceUri").asText()).contains("trending-papers.txt#L");
            if (n > 0) {
                assertThat(Instant.parse(event.get("publishedAt").asText()))
                        .isAfter(Instant.parse(
                                events.get(n - 1).get("publishedAt").asText()));
            }
        }
        assertThat(events.get(0).get("publishedAt").asText()).startsWith("2026-02-01T");
        assertThat(events.get(events.size() - 1).get("publishedAt").asText())
                .as("the closing event: after the last day plus the window grace")
                .isEqualTo("2026-02-07T01:00:00Z");
        assertThat(groundTruth.get("bursts"))
                .extracting(b -> b.get("spec").asText())
                .containsExactly("topic:multimodal@2+2x4", "keyphrase:large language model@4+1x5");
        assertThat(groundTruth.get("bursts").get(0).get("windowStart").asText()).isEqualTo("2026-02-03T00:00:00Z");
        assertThat(first.errLines())
                .singleElement()
                .asString()
                .startsWith("produce: read " + events.size() + ", sent " + events.size() + ", skipped 0, failed 0");
    }

    @Test
    void generateWarnsWhenItsReplayRunsPastNowAndSendsItAll() throws IOException {
        // the test clock is 2026-06-01T10:00Z: the replay's last day and grace end on 2026-06-03T01:00Z
        Run run = run(
                "--dry-run",
                "--generate",
                "--days",
                "5",
                "--start",
                "2026-05-29",
                Corpus.path().toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.errLines().get(0))
                .isEqualTo("Warning: the replay runs to 2026-06-03T01:00:00Z, after now: paperstream stream sends the"
                        + " papers published more than paperstream.event-time.max-ahead (55m by default) after its"
                        + " clock to the dead-letter topic. An earlier --start or fewer --days keeps them all.");
        assertThat(run.events())
                .last()
                .satisfies(closing ->
                        assertThat(closing.get("publishedAt").asText()).isEqualTo("2026-06-03T01:00:00Z"));
        assertThat(run.errLines().get(1)).contains("sent " + run.events().size() + ",");
    }

    @Test
    void generateReportsTheBadRecordsOfItsInputAndReplaysTheRest() throws IOException {
        Path sample = Samples.path(Samples.ARXIV_JSONL);

        Run run = run("--dry-run", "--generate", "--days", "3", sample.toString());

        assertThat(run.exitCode()).isEqualTo(ProduceCommand.EXIT_INCOMPLETE);
        assertThat(run.errLines().get(0)).startsWith(sample + ":4: invalid JSON");
        assertThat(run.errLines().get(1)).startsWith(sample + ":5: empty abstract");
        assertThat(run.errLines().get(3)).contains("skipped 3");
        assertThat(run.events())
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("title").asText())
                        .isIn(
                                "Sparse Routing for Streaming Abstract Classification",
                                        "A Toy Model of Compact Extra Dimensions",
                                "Only an Update Date", "Found Through Its Link"));
    }

    @Test
    void replayOptionsNeedGenerateAndABadReplayIsOneSentence() {
        String corpus = Corpus.path().toString();

        Run days = run("--dry-run", "--days", "5", corpus);
        Run unknownTopic = run("--dry-run", "--generate", "--burst", "topic:astrology@1+1x3", corpus);
        Run malformed = run("--dry-run", "--generate", "--burst", "vision@1+1x3", corpus);
        Run tooLate = run("--dry-run", "--generate", "--days", "5", "--burst", "topic:vision@4+2x3", corpus);
        Run spread = run("--dry-run", "--generate", "--spread", "2d", corpus);
        Run url = run("--dry-run", "--generate", "--url", "http://127.0.0.1:9/api/daily_papers");

        assertThat(List.of(days, unknownTopic, malformed, tooLate, spread, url)).allSatisfy(r -> {
            assertThat(r.exitCode()).isEqualTo(ProduceCommand.EXIT_USAGE);
            assertThat(r.out()).isEmpty();
        });
        assertThat(days.err()).contains("--days needs --generate");
        assertThat(unknownTopic.err())
                .contains("no paper of the pool has the primary topic 'astrology'", "'multimodal' (");
        assertThat(malformed.err()).contains("'vision@1+1x3' is not a burst");
        assertThat(tooLate.err()).contains("ends after the last day (day 4)");
        assertThat(spread.err()).contains("use --start and --days instead of --spread");
        assertThat(url.err()).contains("not --url");
    }
}
