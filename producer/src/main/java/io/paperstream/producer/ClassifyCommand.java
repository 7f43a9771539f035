package io.paperstream.producer;

import io.paperstream.classify.Taxonomy;
import io.paperstream.classify.TaxonomyException;
import io.paperstream.producer.source.BadRecord;
import io.paperstream.producer.source.PaperReader;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.ReadResult;
import io.paperstream.producer.source.ReaderOptions;
import io.paperstream.producer.source.SourceFormat;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code paperstream classify}: runs the streams application's enrichment and classifier offline
 * ({@link OfflinePipeline}) on papers from files or standard input and writes one JSON object per
 * paper to standard output, in input order ({@link ClassifiedPaperJson}). Registered as a
 * subcommand of the top-level CLI; {@link #main} runs it on its own.
 */
@Command(
        name = "classify",
        sortOptions = false,
        usageHelpAutoWidth = true,
        headerHeading = "%n",
        description = {
            "Enriches and classifies research papers exactly as the streams application does, without Kafka, "
                    + "and writes one JSON object per paper to standard output (JSON Lines, UTF-8), in input order.",
            "",
            "Each line has: id, title (exactly as in the input), primary (taxonomy id), topics (the assigned "
                    + "topics, primary first, each with id, score and evidence: the terms that scored), urls, "
                    + "codeUrls, arxivId (null when unknown), codeReleased, dataReleased, keyphrases, words "
                    + "(of the abstract), taxonomyVersion and location (file:line in the input).",
            "",
            "Inputs as for produce: trending-page text, arXiv metadata JSON Lines or Hugging Face daily-papers "
                    + "JSON, from files or standard input (-). Bad records are reported on standard error with "
                    + "file and line, and skipped.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every paper read was classified",
            "1:bad records were skipped, or standard output could not be written",
            "2:invalid command line, unreadable input file or invalid taxonomy"
        })
public final class ClassifyCommand implements Callable<Integer> {

    /** Every paper read was classified. */
    public static final int EXIT_OK = 0;
    /** Bad records were skipped, or the output could not be written. */
    public static final int EXIT_INCOMPLETE = 1;
    /** Invalid command line, unreadable input file or invalid taxonomy. */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    private CommandSpec spec;

    @Mixin
    private InputFiles inputFiles;

    @Option(
            names = "--taxonomy",
            paramLabel = "FILE",
            description = "Taxonomy JSON file to classify with (default: the built-in taxonomy).")
    private Path taxonomy;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    private boolean help;

    private final InputStream stdin;
    private final OutputStream stdout;
    private final Clock clock;

    /** The command as the CLI runs it: standard input, standard output (as bytes, so the JSON is UTF-8 whatever the locale). */
    public ClassifyCommand() {
        this(System.in, new FileOutputStream(FileDescriptor.out), Clock.systemUTC());
    }

    /**
     * The command with its surroundings given, for embedding and tests.
     *
     * @param stdin what {@code -} reads
     * @param stdout where the JSON Lines go; flushed, never closed
     * @param clock the wall clock (the year of trending-page dates without one)
     */
    public ClassifyCommand(InputStream stdin, OutputStream stdout, Clock clock) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.clock = clock;
    }

    /** Runs {@code classify} on its own. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ClassifyCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return classify(err);
        } catch (UsageError e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        } finally {
            err.flush();
        }
    }

    private int classify(PrintWriter err) throws UsageError {
        Optional<SourceFormat> sourceFormat = inputFiles.format();
        if (inputFiles.names().isEmpty()) {
            throw new UsageError("No input: name files or - for standard input (see --help)");
        }
        inputFiles.checkStdinOnce();
        ReaderOptions options = new ReaderOptions(
                ReaderOptions.DEFAULT_MAX_LINE_BYTES,
                clock.instant().atZone(ZoneOffset.UTC).getYear());
        List<Input> inputs = inputFiles.inputs(sourceFormat, options, () -> Input.stdin(stdin, sourceFormat, options));
        OfflinePipeline pipeline = pipeline();
        Counts counts = new Counts();
        try {
            ClassifiedPaperJson out = new ClassifiedPaperJson(stdout);
            for (Input input : inputs) {
                classifyInput(input, pipeline, out, counts, err);
            }
        } catch (SinkException e) {
            err.println("classify: " + e.getMessage());
            return EXIT_INCOMPLETE;
        }
        err.println("classify: classified " + counts.classified + ", skipped " + counts.skipped);
        return counts.skipped == 0 ? EXIT_OK : EXIT_INCOMPLETE;
    }

    /** Papers classified and bad records skipped so far. */
    private static final class Counts {
        long classified;
        long skipped;
    }

    private void classifyInput(
            Input input, OfflinePipeline pipeline, ClassifiedPaperJson out, Counts counts, PrintWriter err)
            throws SinkException {
        EventTimes times = EventTimes.fromSource(null, clock);
        try (PaperReader reader = input.open()) {
            for (Optional<ReadResult> item = reader.next(); item.isPresent(); item = reader.next()) {
                if (item.get() instanceof BadRecord bad) {
                    err.println(bad.message());
                    counts.skipped++;
                } else {
                    PaperRecord paper = (PaperRecord) item.get();
                    out.write(
                            pipeline.classify(paper, times.next(paper), clock.instant()),
                            paper.location().toString());
                    counts.classified++;
                }
            }
        } catch (IOException e) {
            err.println(input.name() + ": cannot read: " + e.getMessage());
            counts.skipped++;
        }
    }

    private OfflinePipeline pipeline() throws UsageError {
        try {
            return taxonomy == null
                    ? OfflinePipeline.withDefaultTaxonomy()
                    : new OfflinePipeline(Taxonomy.load(taxonomy));
        } catch (TaxonomyException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
