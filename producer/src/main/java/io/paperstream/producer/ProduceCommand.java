package io.paperstream.producer;

import io.paperstream.classify.Taxonomy;
import io.paperstream.classify.TaxonomyException;
import io.paperstream.producer.replay.EngagementSeries;
import io.paperstream.producer.replay.GroundTruth;
import io.paperstream.producer.replay.Replay;
import io.paperstream.producer.replay.ReplayGenerator;
import io.paperstream.producer.source.ArxivHarvester;
import io.paperstream.producer.source.BadRecord;
import io.paperstream.producer.source.HarvestPages;
import io.paperstream.producer.source.HarvestState;
import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.PaperReader;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.PoliteHttp;
import io.paperstream.producer.source.ReadResult;
import io.paperstream.producer.source.ReaderOptions;
import io.paperstream.producer.source.SourceFormat;
import io.paperstream.producer.source.StopSignal;
import io.paperstream.settings.ConnectionSettings;
import io.paperstream.settings.Setting;
import io.paperstream.settings.SettingsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code paperstream produce}: reads research papers from files, standard input or the
 * Hugging Face daily-papers API and sends each as a {@code PaperAbstract} event (Avro,
 * Confluent wire format) to Kafka, keyed by paper id. Registered as a subcommand of the
 * top-level CLI; {@link #main} runs it on its own.
 */
@Command(
        name = "produce",
        sortOptions = false,
        usageHelpAutoWidth = true,
        headerHeading = "%n",
        description = {
            "Reads research papers and sends each as a PaperAbstract event (Avro, Confluent wire format) "
                    + "to Kafka, keyed by paper id (the arXiv id when known, else h: and a hash of the title).",
            "",
            "Inputs: trending-page text (the Hugging Face trending page: header, date line, then "
                    + "title / blank / abstract / blank), arXiv metadata JSON Lines, or Hugging Face "
                    + "daily-papers JSON (/api/daily_papers), from files, standard input (-) or --url; or "
                    + "arXiv live: its Atom API (--arxiv-query), its RSS and Atom new-submission feeds "
                    + "(--arxiv-rss, --arxiv-atom) and OAI-PMH (--arxiv-oai); saved arXiv Atom, RSS and OAI-PMH "
                    + "files are read too. Bad records are reported with file (or URL) and line, counted and skipped.",
            "",
            "The upvotes, GitHub stars and comments of Hugging Face daily papers go to --engagement-topic "
                    + "as PaperEngagement events keyed by paper id, one with each paper; with --poll, one more "
                    + "each time a paper's figures change (the paper itself is sent once).",
            "",
            "With --generate the input papers are the pool of a deterministic replay over simulated "
                    + "days, with injected bursts (see 'Replay with injected bursts' below).",
            ""
        },
        footerHeading = "%nConfiguration (each layer overrides the ones before it):%n",
        footer = {
            "  1. defaults: bootstrap.servers " + ConnectionSettings.DEFAULT_BOOTSTRAP_SERVERS + ",",
            "     schema.registry.url " + ConnectionSettings.DEFAULT_SCHEMA_REGISTRY_URL + ",",
            "     enable.idempotence=true, acks=all, compression.type=lz4, linger.ms=20,",
            "     batch.size=131072",
            "  2. --producer-config FILE: any Kafka producer property, plus the serde's",
            "     schema.registry.url, auto.register.schemas, use.latest.version,",
            "     basic.auth.credentials.source and basic.auth.user.info",
            "  3. environment variables KAFKA_<NAME>: the property <name> in lower case",
            "     with _ read as '.', __ as '-' and ___ as '_'; for example",
            "     KAFKA_LINGER_MS=5 sets linger.ms, KAFKA_SCHEMA_REGISTRY_URL sets",
            "     schema.registry.url. Names that are no producer or serde property",
            "     (KAFKA_HEAP_OPTS, KAFKA_OPTS) are ignored.",
            "  4. PAPERSTREAM_BOOTSTRAP_SERVERS and PAPERSTREAM_SCHEMA_REGISTRY_URL",
            "  5. --bootstrap-servers and --schema-registry-url",
            "",
            "Event time (publishedAt) is the source's: the trending page's date line",
            "(with --year), arXiv's first version or update_date, Hugging Face's",
            "publishedAt; else --event-time; else the time of reading. With --spread D",
            "the i-th of n papers gets start + D*i/n, start being --event-time or the",
            "first paper's time.",
            "",
            "Replay with injected bursts (--generate): the input papers are classified",
            "once, as the streams application does. Each topic's base rate is",
            "--papers-per-day times its share of the input's primary topics; every",
            "simulated day, each topic gets a Poisson number of papers at its rate, drawn",
            "from the input papers of that topic without repeats where the input has",
            "enough. Each paper is a copy of an input paper under a new id g:<seed>:<n>",
            "with source 'generator'; a day's papers are shuffled and published evenly",
            "over the day, so event times ascend. A burst SPEC is",
            "  topic:<id>@<day>+<days>x<multiplier>      e.g. topic:vision@10+2x4",
            "  keyphrase:<phrase>@<day>+<days>x<multiplier>",
            "                                 e.g. 'keyphrase:mixture of experts@12+1x3'",
            "Day 0 is --start; on days <day> to <day>+<days>-1 a topic burst multiplies",
            "the topic's rate, a keyphrase burst adds papers having the keyphrase (as",
            "keyphrase extraction writes it: lower case) until their rate is <multiplier>",
            "times its base rate. After the last day ONE closing event follows, published",
            "at the end of the last day plus --window-grace: the streams application",
            "closes a window only when event time passes its end plus its grace, so",
            "without it the last day would never be reported. It closes the windows of",
            "trends and digests (one partition); the per-topic windows of",
            "topics.windowed close per partition, so with several partitions some of",
            "them wait for later papers. With --start at 00:00 UTC the simulated days",
            "are the one-day windows. The same options and input give the same events;",
            "--ground-truth FILE writes the bursts with their windows and injected",
            "papers as JSON.",
            "",
            "Engagement (--generate --engagement): every replayed paper is observed",
            "every 6 hours for 3 days after its publication (until the end of the last",
            "day), its cumulative upvotes, GitHub stars and comments growing by Poisson",
            "increments at its own rates: a share of papers (--rising-share) rises fast",
            "(40-120 upvotes a day), the rest slowly (about 3 a day). Observations go",
            "to --engagement-topic in time order among the papers; --engagement-truth",
            "FILE writes the rising papers, the ground truth of trending papers.",
            "",
            "Harvesting arXiv: each round reads --arxiv-query (newest first, --max-results",
            "per round), then the feeds, then OAI-PMH (following resumption tokens); with",
            "--poll a round starts every DURATION. Only papers not sent before to the topic",
            "are sent, and a new version of a paper sent before is sent again under its id",
            "(a revision; publishedAt stays its first version's, updatedAt is the new",
            "one's). What was sent and each harvest's position are saved after every page",
            "(once its papers are delivered) in paperstream.arxiv.state.dir/<topic>.json,",
            "so a restart sends nothing twice; an OAI-PMH harvest goes on from its token.",
            "Requests are spaced by paperstream.arxiv.request.interval (3s), a 503 or 429",
            "is retried after its Retry-After (paperstream.arxiv.retries times), and the",
            "User-Agent names paperstream, its version and paperstream.arxiv.contact.",
            "Base URLs: paperstream.arxiv.api.url, .feed.url, .oai.url. Settings come",
            "from --producer-config or PAPERSTREAM_ARXIV_* variables.",
            "",
            "Durations: 500ms, 30s, 5m, 2h, 7d or ISO-8601 (PT30S).",
            "Instants: 2025-03-14T09:00:00Z, or 2025-03-14 (start of day, UTC)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every paper read was sent",
            "1:bad records were skipped, or sending failed or stopped early",
            "2:invalid command line, unreadable input file, or unusable producer configuration",
            "3:Kafka broker or schema registry not reachable, or the topic is missing"
        })
public final class ProduceCommand implements Callable<Integer> {

    /** Every paper read was sent. */
    public static final int EXIT_OK = 0;
    /** Bad records were skipped, or sending failed or stopped early. */
    public static final int EXIT_INCOMPLETE = 1;
    /** Invalid command line, unreadable input file, or unusable producer configuration. */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
    /** Broker or registry not reachable, or topic missing. */
    public static final int EXIT_UNAVAILABLE = 3;

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final Duration HTTP_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Mixin
    private InputFiles inputFiles;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description =
                    "Read Hugging Face daily-papers JSON from this URL, e.g. https://huggingface.co/api/daily_papers.")
    private URI url;

    @Option(
            names = "--poll",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Fetch --url (or harvest arXiv) again at this interval, sending only papers not sent before,"
                    + " until stopped (Ctrl-C).")
    private Duration poll;

    @Option(
            names = "--max-polls",
            paramLabel = "N",
            description = "Stop after N fetches of --url or arXiv harvest rounds (default: 1 without --poll, unlimited"
                    + " with it).")
    private Long maxPolls;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: " + ConnectionSettings.DEFAULT_BOOTSTRAP_SERVERS + ").")
    private String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            paramLabel = "URL",
            description = "Confluent-compatible schema registry (default: "
                    + ConnectionSettings.DEFAULT_SCHEMA_REGISTRY_URL + ").")
    private String schemaRegistryUrl;

    @Option(
            names = {"-t", "--topic"},
            paramLabel = "TOPIC",
            defaultValue = "papers.raw",
            description = "Topic to write (default: ${DEFAULT-VALUE}).")
    private String topic;

    @Option(
            names = "--engagement-topic",
            paramLabel = "TOPIC",
            defaultValue = "papers.engagement",
            description = "Topic to write engagement observations (upvotes, GitHub stars, comments of Hugging Face "
                    + "daily papers, and of --generate --engagement) to (default: ${DEFAULT-VALUE}).")
    private String engagementTopic;

    @Option(
            names = "--producer-config",
            paramLabel = "FILE",
            description = "Kafka-style properties file with producer (and serde) properties.")
    private Path producerConfig;

    @Option(
            names = "--year",
            paramLabel = "YEAR",
            description = "Year of trending-page dates without one, such as 'Mar 14' (default: the current year).")
    private Integer year;

    @Option(
            names = "--event-time",
            paramLabel = "INSTANT",
            converter = InstantConverter.class,
            description = "Event time of papers whose source has none; with --spread, the replay's start.")
    private Instant eventTime;

    @Option(
            names = "--spread",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Spread the papers' event times evenly over this much simulated time (a replay).")
    private Duration spread;

    @Option(names = "--rate", paramLabel = "N", description = "Send at most N records per second.")
    private Double rate;

    @Option(
            names = "--dry-run",
            description = "Do not connect to Kafka: print each event as one JSON line on standard output.")
    private boolean dryRun;

    @Option(names = "--fail-fast", description = "Stop at the first bad record instead of skipping it.")
    private boolean failFast;

    @Option(
            names = "--max-line-bytes",
            paramLabel = "BYTES",
            defaultValue = "" + ReaderOptions.DEFAULT_MAX_LINE_BYTES,
            description =
                    "Longest line (or JSON string) read; longer ones are reported and skipped (default: ${DEFAULT-VALUE}).")
    private int maxLineBytes;

    @Option(
            names = "--check-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "5s",
            description =
                    "How long to wait for the broker and the registry before sending (default: ${DEFAULT-VALUE}).")
    private Duration checkTimeout;

    @Option(
            names = "--close-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "30s",
            description = "How long to wait at the end for outstanding deliveries (default: ${DEFAULT-VALUE}).")
    private Duration closeTimeout;

    @ArgGroup(exclusive = false, validate = false, heading = "%nHarvesting arXiv (see below):%n")
    private ArxivOptions arxiv = new ArxivOptions();

    @ArgGroup(exclusive = false, validate = false, heading = "%nReplay with injected bursts (see below):%n")
    private ReplayOptions replay = new ReplayOptions();

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    private boolean help;

    private final Map<String, String> environment;
    private final InputStream stdin;
    private final Clock clock;

    /** The command as the CLI runs it: the process environment, standard input and the system clock. */
    public ProduceCommand() {
        this(System.getenv(), System.in, Clock.systemUTC());
    }

    /**
     * The command with its surroundings given, for embedding and tests.
     *
     * @param environment the environment variables consulted
     * @param stdin what {@code -} reads
     * @param clock the wall clock (ingestion time, default year)
     */
    public ProduceCommand(Map<String, String> environment, InputStream stdin, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.stdin = stdin;
        this.clock = clock;
    }

    /** Runs {@code produce} on its own. */
    public static void main(String[] args) {
        // the Kafka clients log every retry on a missing broker; the command says it in one sentence
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        }
        System.exit(new CommandLine(new ProduceCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return produce(err);
        } catch (UsageError e) {
            err.println(e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
    }

    private int produce(PrintWriter err) throws UsageError {
        Optional<SourceFormat> sourceFormat = inputFiles.format();
        ReaderOptions readerOptions = readerOptions();
        validateCombinations(sourceFormat);
        validateReplayOptions();
        StopSignal stop = new StopSignal();
        List<Path> spooled = new ArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread shutdownHook = new Thread(
                () -> {
                    stop.stop();
                    awaitQuietly(finished, closeTimeout.plusSeconds(5));
                },
                "paperstream-produce-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            ProducerSettings settings = settings();
            AtomicReference<PaperSink> sinkOnceMade = new AtomicReference<>();
            List<Input> inputs = arxiv.any()
                    ? List.of(arxivInput(
                            settings,
                            readerOptions,
                            stop,
                            () -> sinkOnceMade.get().flush()))
                    : inputs(sourceFormat, readerOptions, stop, spooled);
            Map<String, Object> config = settings.kafkaProducerConfig();
            Optional<GeneratedReplay> generated = replay.generate ? Optional.of(generate(inputs)) : Optional.empty();
            generated.ifPresent(g -> warnIfPastNow(g.replay(), err));
            if (!dryRun) {
                Optional<String> unavailable = unavailable(config, sourceFormat);
                if (unavailable.isPresent()) {
                    err.println(unavailable.get());
                    err.flush();
                    return EXIT_UNAVAILABLE;
                }
            }
            ProduceRun.EventFactory events;
            if (generated.isPresent()) {
                inputs = List.of(replayInput(generated.get()));
                events = (paper, ingestedAt) ->
                        PaperEvents.toEvent(paper, ReplayGenerator.SOURCE, paper.sourceTime(), ingestedAt);
            } else {
                EventTimes times = eventTimes(inputs);
                events = (paper, ingestedAt) -> PaperEvents.toEvent(paper, times.next(paper), ingestedAt);
            }
            PaperSink sink = dryRun ? new JsonLinesSink(spec.commandLine().getOut()) : kafkaSink(config);
            sinkOnceMade.set(sink);
            ProduceRun.Settings runSettings =
                    new ProduceRun.Settings(failFast, rate == null ? 0 : rate, PROGRESS_INTERVAL, closeTimeout);
            ProduceRun.Result result = new ProduceRun(inputs, events, sink, runSettings, stop, err, clock).run();
            return result.clean() ? EXIT_OK : EXIT_INCOMPLETE;
        } finally {
            finished.countDown();
            removeQuietly(shutdownHook);
            spooled.forEach(ProduceCommand::deleteQuietly);
        }
    }

    private ReaderOptions readerOptions() throws UsageError {
        if (maxLineBytes < 1) {
            throw new UsageError("--max-line-bytes must be positive");
        }
        return new ReaderOptions(
                maxLineBytes,
                year != null ? year : clock.instant().atZone(ZoneOffset.UTC).getYear());
    }

    private void validateCombinations(Optional<SourceFormat> sourceFormat) throws UsageError {
        List<String> names = inputFiles.names();
        long sources = (names.isEmpty() ? 0 : 1) + (url == null ? 0 : 1) + (arxiv.any() ? 1 : 0);
        if (sources == 0) {
            throw new UsageError(
                    "No input: name files, - for standard input, --url, or an arXiv source such as --arxiv-rss (see --help)");
        }
        if (sources > 1) {
            throw new UsageError("Give files, --url or arXiv sources (--arxiv-*), one of them");
        }
        if (arxiv.any() && (spread != null || replay.generate)) {
            throw new UsageError("arXiv harvests send papers as they come: without --spread or --generate");
        }
        if (arxiv.any() && sourceFormat.isPresent()) {
            throw new UsageError("arXiv sources know their format: leave --format out");
        }
        inputFiles.checkStdinOnce();
        if (url != null && sourceFormat.filter(f -> f != SourceFormat.HF_DAILY).isPresent()) {
            throw new UsageError(
                    "--url reads Hugging Face daily-papers JSON: leave --format out or set it to hf-daily");
        }
        if (poll != null && url == null && !arxiv.any()) {
            throw new UsageError("--poll needs --url or an arXiv source");
        }
        if (poll != null && (poll.isNegative() || poll.isZero())) {
            throw new UsageError("--poll must be a positive duration");
        }
        if (spread != null && url != null) {
            throw new UsageError("--spread needs files or standard input: a URL's content can change between reads");
        }
        if (spread != null && (spread.isNegative() || spread.isZero())) {
            throw new UsageError("--spread must be a positive duration");
        }
        if (rate != null && !(rate > 0)) {
            throw new UsageError("--rate must be a positive number of records per second");
        }
    }

    private void validateReplayOptions() throws UsageError {
        if (!replay.generate) {
            ParseResult parsed = spec.commandLine().getParseResult();
            for (ArgGroupSpec group : spec.argGroups()) {
                if (group.typeInfo().getType() != ReplayOptions.class) {
                    continue;
                }
                for (OptionSpec option : group.options()) {
                    if (parsed.hasMatchedOption(option)) {
                        throw new UsageError(option.longestName() + " needs --generate");
                    }
                }
            }
            return;
        }
        if (url != null) {
            throw new UsageError("--generate replays papers from files or standard input, not --url");
        }
        if (spread != null || eventTime != null) {
            throw new UsageError("--generate sets event times itself: use --start and --days instead of "
                    + (spread != null ? "--spread" : "--event-time"));
        }
        if (!replay.engagement && (replay.engagementTruth != null || parsed("--rising-share"))) {
            throw new UsageError(
                    (replay.engagementTruth != null ? "--engagement-truth" : "--rising-share") + " needs --engagement");
        }
        try {
            replay.settings();
            replay.engagementSettings();
        } catch (IllegalArgumentException e) {
            throw new UsageError("Invalid replay: " + e.getMessage());
        }
    }

    private boolean parsed(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private List<Input> inputs(
            Optional<SourceFormat> sourceFormat, ReaderOptions options, StopSignal stop, List<Path> spooled)
            throws UsageError {
        if (url != null) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(HTTP_CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            long polls = maxPolls != null ? maxPolls : poll == null ? 1 : 0;
            return List.of(Input.url(url, poll == null ? Duration.ZERO : poll, polls, http, stop, options));
        }
        return inputFiles.inputs(
                sourceFormat,
                options,
                () -> spread == null
                        ? Input.stdin(stdin, sourceFormat, options)
                        : Input.file(spool(spooled), Origin.stdin(), sourceFormat, options));
    }

    /** The arXiv harvests asked for, politely, on the state of what this topic was sent (in memory for a dry run). */
    private Input arxivInput(
            ProducerSettings settings, ReaderOptions options, StopSignal stop, ArxivHarvester.Delivery delivery)
            throws UsageError {
        List<HarvestPages> harvests = arxiv.harvests(
                URI.create(settings.get(ProducerSettings.ARXIV_API_URL)),
                URI.create(settings.get(ProducerSettings.ARXIV_FEED_URL)),
                URI.create(settings.get(ProducerSettings.ARXIV_OAI_URL)),
                settings.get(ProducerSettings.ARXIV_PAGE_SIZE));
        Path stateFile = Path.of(settings.get(ProducerSettings.ARXIV_STATE_DIR)).resolve(topic + ".json");
        HarvestState state;
        try {
            state = dryRun ? HarvestState.inMemory() : HarvestState.load(stateFile);
        } catch (IOException e) {
            throw new UsageError("Cannot read the arXiv harvest state: " + e.getMessage());
        }
        PoliteHttp http = new PoliteHttp(
                HttpClient.newBuilder()
                        .connectTimeout(HTTP_CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build(),
                new PoliteHttp.Manners(
                        settings.get(ProducerSettings.ARXIV_REQUEST_INTERVAL),
                        settings.get(ProducerSettings.ARXIV_RETRIES),
                        settings.get(ProducerSettings.ARXIV_RETRY_MAX_WAIT),
                        userAgent(settings.get(ProducerSettings.ARXIV_CONTACT))),
                stop,
                clock);
        long rounds = maxPolls != null ? maxPolls : poll == null ? 1 : 0;
        ArxivHarvester.Schedule schedule = new ArxivHarvester.Schedule(
                poll == null ? Duration.ZERO : poll, rounds, settings.get(ProducerSettings.ARXIV_MAX_PAGES));
        return Input.arxiv(() -> new ArxivHarvester(harvests, http, state, delivery, schedule, stop, options));
    }

    /** {@code paperstream/<version>}, with {@code (mailto:<contact>)} or {@code (+<url>)} when a contact is set. */
    static String userAgent(String contact) {
        String tool = "paperstream/" + version();
        if (contact == null || contact.isBlank()) {
            return tool;
        }
        return tool + (contact.contains("://") ? " (+" : " (mailto:") + contact.strip() + ")";
    }

    private static String version() {
        Properties build = new Properties();
        try (InputStream in = ProduceCommand.class.getResourceAsStream("producer.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // the version is only named in the User-Agent
        }
        return build.getProperty("version", "dev");
    }

    /** A planned replay, and the bad records met while reading its pool (they are reported when the run starts). */
    private record GeneratedReplay(Replay replay, List<BadRecord> poolProblems) {}

    /** Warns when {@code planned} runs past now: the pipeline takes papers published that far ahead as dead letters. */
    private void warnIfPastNow(Replay planned, PrintWriter err) {
        Instant closing = planned.settings().closingTime();
        if (closing.isAfter(clock.instant())) {
            err.println("Warning: the replay runs to " + closing + ", after now: paperstream stream sends the papers"
                    + " published more than paperstream.event-time.max-ahead (55m by default) after its clock to the"
                    + " dead-letter topic. An earlier --start or fewer --days keeps them all.");
            err.flush();
        }
    }

    /** Reads the inputs as the replay's pool, classifies it and plans the replay. */
    private GeneratedReplay generate(List<Input> inputs) throws UsageError {
        List<PaperRecord> pool = new ArrayList<>();
        List<BadRecord> problems = new ArrayList<>();
        for (Input input : inputs) {
            try (PaperReader reader = input.open()) {
                for (Optional<ReadResult> item = reader.next(); item.isPresent(); item = reader.next()) {
                    if (item.get() instanceof PaperRecord paper) {
                        pool.add(paper);
                    } else if (item.get() instanceof BadRecord bad) {
                        problems.add(bad);
                    }
                }
            } catch (IOException e) {
                throw new UsageError("Cannot read " + input.name() + ": " + e.getMessage());
            }
        }
        if (pool.isEmpty()) {
            throw new UsageError("--generate found no papers to replay in its input"
                    + (problems.isEmpty()
                            ? ""
                            : "; the first bad record: " + problems.get(0).message()));
        }
        OfflinePipeline pipeline;
        try {
            pipeline = replay.taxonomy == null
                    ? OfflinePipeline.withDefaultTaxonomy()
                    : new OfflinePipeline(Taxonomy.load(replay.taxonomy));
        } catch (TaxonomyException e) {
            throw new UsageError(e.getMessage());
        }
        Instant now = clock.instant();
        ReplayGenerator generator = new ReplayGenerator(pool, paper -> pipeline.classify(paper, now, now));
        try {
            return new GeneratedReplay(generator.generate(replay.settings()), problems);
        } catch (IllegalArgumentException e) {
            throw new UsageError("Invalid --burst: " + e.getMessage());
        }
    }

    /** Whether the run can send engagement: it reads Hugging Face daily papers or generates engagement. */
    /** Why the papers' topic, the engagement topic when this run sends engagement, or the registry cannot be used. */
    private Optional<String> unavailable(Map<String, Object> config, Optional<SourceFormat> sourceFormat) {
        return BrokerCheck.problem(config, topic, checkTimeout)
                .or(() -> sendsEngagement(sourceFormat)
                        ? BrokerCheck.problem(config, engagementTopic, checkTimeout)
                        : Optional.empty())
                .or(() -> RegistryCheck.problem(config, checkTimeout));
    }

    /** The generated replay as the run's input, with its engagement series under --engagement; truths written. */
    private Input replayInput(GeneratedReplay generated) throws UsageError {
        Replay plan = generated.replay();
        writeGroundTruth(plan.groundTruth());
        Optional<EngagementSeries> engagement = replay.engagement
                ? Optional.of(new EngagementSeries(plan, replay.engagementSettings()))
                : Optional.empty();
        if (engagement.isPresent()) {
            writeEngagementTruth(engagement.get());
        }
        return Input.replay(generated.poolProblems(), plan, engagement);
    }

    private boolean sendsEngagement(Optional<SourceFormat> sourceFormat) {
        return url != null
                || replay.engagement
                || sourceFormat.filter(f -> f == SourceFormat.HF_DAILY).isPresent();
    }

    private void writeEngagementTruth(EngagementSeries engagement) throws UsageError {
        if (replay.engagementTruth == null) {
            return;
        }
        try (OutputStream out = Files.newOutputStream(replay.engagementTruth)) {
            engagement.writeJson(out);
        } catch (IOException e) {
            throw new UsageError(
                    "Cannot write --engagement-truth file " + replay.engagementTruth + ": " + e.getMessage());
        }
    }

    private void writeGroundTruth(GroundTruth truth) throws UsageError {
        if (replay.groundTruth == null) {
            return;
        }
        try (OutputStream out = Files.newOutputStream(replay.groundTruth)) {
            truth.writeJson(out);
        } catch (IOException e) {
            throw new UsageError("Cannot write --ground-truth file " + replay.groundTruth + ": " + e.getMessage());
        }
    }

    /** Copies standard input to a temporary file, because a spread replay reads its input twice. */
    private Path spool(List<Path> spooled) throws UsageError {
        try {
            Path copy = Files.createTempFile("paperstream-stdin-", ".spool");
            spooled.add(copy);
            Files.copy(stdin, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UsageError("Cannot buffer standard input for --spread: " + e.getMessage());
        }
    }

    private ProducerSettings settings() throws UsageError {
        if (producerConfig != null && !Files.isReadable(producerConfig)) {
            throw new UsageError("Cannot read --producer-config file: " + producerConfig);
        }
        Map<String, String> options = new LinkedHashMap<>();
        putIfGiven(options, ProducerSettings.BOOTSTRAP_SERVERS, bootstrapServers);
        putIfGiven(options, ProducerSettings.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        try {
            return ProducerSettings.load(producerConfig, environment, options);
        } catch (SettingsException e) {
            throw new UsageError("Invalid producer settings: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UsageError("Cannot read --producer-config file " + producerConfig + ": "
                    + e.getCause().getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageError("Cannot read --producer-config file " + producerConfig + ": " + e.getMessage());
        }
    }

    /** A blank option counts as not given: the layers below it stay in force. */
    private static void putIfGiven(Map<String, String> options, Setting<String> setting, String value) {
        if (value != null && !value.isBlank()) {
            options.put(setting.name(), value);
        }
    }

    private EventTimes eventTimes(List<Input> inputs) {
        if (spread == null) {
            return EventTimes.fromSource(eventTime, clock);
        }
        return EventTimes.spread(eventTime, spread, countPapers(inputs), clock);
    }

    /** The first pass of a spread replay: how many papers there are (bad records are reported in the second). */
    private static long countPapers(List<Input> inputs) {
        long count = 0;
        for (Input input : inputs) {
            try (PaperReader reader = input.open()) {
                for (Optional<ReadResult> item = reader.next(); item.isPresent(); item = reader.next()) {
                    if (item.get() instanceof PaperRecord) {
                        count++;
                    }
                }
            } catch (IOException e) {
                // reported when the second pass reads the input
            }
        }
        return count;
    }

    private PaperSink kafkaSink(Map<String, Object> config) throws UsageError {
        String servers = String.valueOf(config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        try {
            return new KafkaPaperSink(
                    new KafkaProducer<String, SpecificRecord>(config), topic, engagementTopic, servers);
        } catch (KafkaException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new UsageError("Cannot create the Kafka producer: " + root.getMessage());
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running: it waits for this run to finish
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }
}
