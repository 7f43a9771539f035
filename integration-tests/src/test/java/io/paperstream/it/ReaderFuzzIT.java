package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.it.SourceFuzzInputs.ReaderInput;
import io.paperstream.producer.source.BadRecord;
import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.PaperId;
import io.paperstream.producer.source.PaperReader;
import io.paperstream.producer.source.PaperReaders;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.ReadResult;
import io.paperstream.producer.source.ReaderOptions;
import io.paperstream.producer.source.SourceFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the producer's source readers — trending-page text, arXiv JSON Lines, Hugging Face daily-papers JSON —
 * opened through {@link PaperReaders#open} as the {@code produce} command opens them, with inputs made mostly from
 * the real corpus and damaged in structure and in bytes ({@link SourceFuzzInputs}). 80,000 inputs in all by
 * default.
 *
 * <p>The property: whatever the bytes, a reader yields papers and bad records only, and then ends; no exception
 * escapes except an {@link IOException} where the bytes really cannot be read (a damaged gzip stream; every other
 * input is in memory). Every paper has a non-blank title and abstract, a canonical id and a line; a trending-page
 * paper's title and abstract are text of the input, never made up. Each property runs its inputs through
 * {@link FuzzRun} (seeded, reproducible by seed and input index); the tallied outcomes check that every input ran
 * through the assertions and that the inputs reach both sides, papers and bad records, in a good share of the tries.
 * One example keeps a regression too slow for short random inputs to show: a long whitespace run among arXiv authors.
 *
 * <p>A *IT run by failsafe although it needs no broker: it belongs with the proof of issue 4, and takes one to two
 * minutes, too long for the quick unit-test phase.
 */
class ReaderFuzzIT {

    private static final Origin ORIGIN = Origin.file(Path.of("fuzz-input"));
    /** A decompressed gzip stream can be up to about a thousand times its compressed size. */
    private static final int GZIP_EXPANSION = 1100;

    private static final int TRENDING_PAGE_INPUTS = 30_000;
    private static final int ARXIV_INPUTS = 25_000;
    private static final int HF_DAILY_INPUTS = 25_000;
    /** A whitespace run far longer than any real one, far shorter than the line limit. */
    private static final int LONG_RUN = 200_000;
    private static final Duration LONG_RUN_LIMIT = Duration.ofSeconds(10);

    @Test
    void trendingPageReaderYieldsOnlyPapersAndBadRecords() {
        readsOnlyPapersAndBadRecords("trendingPage", TRENDING_PAGE_INPUTS, SourceFuzzInputs.trendingPages());
    }

    @Test
    void arxivJsonLinesReaderYieldsOnlyPapersAndBadRecords() {
        readsOnlyPapersAndBadRecords("arxivJsonLines", ARXIV_INPUTS, SourceFuzzInputs.arxivJsonLines());
    }

    @Test
    void hfDailyReaderYieldsOnlyPapersAndBadRecords() {
        readsOnlyPapersAndBadRecords("hfDaily", HF_DAILY_INPUTS, SourceFuzzInputs.hfDaily());
    }

    /**
     * A regression found while writing this fuzz: the arXiv reader split {@code authors} with a regex that tried
     * every position inside a whitespace run, quadratic in the run (80,000 spaces took a minute; a 1 MiB line
     * would take hours). Random inputs are too short to show it, so it has an example of its own.
     */
    @Test
    void aLongWhitespaceRunAmongArxivAuthorsReadsInLinearTime() throws Exception {
        // a run inside a name: a run next to a comma or an "and" is one separator, matched once
        String longName = "Ada" + " ".repeat(LONG_RUN) + "Lovelace";
        String line = "{\"id\":\"2410.17215\",\"title\":\"T\",\"abstract\":\"A\",\"authors\":\"" + longName
                + ", Alan Turing and Grace Hopper\"}\n";
        ReaderInput input = new ReaderInput("long whitespace run", line.getBytes(StandardCharsets.UTF_8),
                Optional.of(SourceFormat.ARXIV_JSONL),
                new ReaderOptions(ReaderOptions.DEFAULT_MAX_LINE_BYTES, Corpus.YEAR));
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "long-run-reader");
            // a regex cannot be interrupted: a thread still splitting after the limit must not keep the JVM alive
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<ReadResult> results = reader.submit(() -> readAll(input))
                    .get(LONG_RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(results).singleElement().isInstanceOfSatisfying(PaperRecord.class, paper -> assertThat(
                    paper.authors()).containsExactly(longName, "Alan Turing", "Grace Hopper"));
        } catch (TimeoutException e) {
            throw new AssertionError("reading " + LONG_RUN + " spaces among the authors took longer than "
                    + LONG_RUN_LIMIT.toSeconds() + " s", e);
        } finally {
            reader.shutdownNow();
        }
    }

    private static void readsOnlyPapersAndBadRecords(String property, int defaultInputs,
            Generator<ReaderInput> inputs) {
        FuzzRun.Outcomes yields = FuzzRun.check(property, defaultInputs, inputs, ReaderFuzzIT::yieldOf,
                ReaderInput::firstHalf);
        assertThat(yields.inputs()).as("inputs read and checked").isEqualTo(FuzzRun.inputs(defaultInputs));
        assertThat(yields.percentage(outcome -> outcome.startsWith("papers"))).as("share of inputs with papers: %s", yields)
                .isGreaterThan(10);
        assertThat(yields.percentage(outcome -> outcome.endsWith("bad records")))
                .as("share of inputs with bad records: %s", yields).isGreaterThan(20);
    }

    /** Checks what the reader yields for the input; returns what it yielded, for the statistics. */
    private static String yieldOf(ReaderInput input) {
        List<ReadResult> results;
        try {
            results = readAll(input);
        } catch (IOException e) {
            assertThat(input.gzip()).as("an IOException from bytes in memory that are not gzip: %s", e).isTrue();
            return "unreadable gzip stream";
        }
        results.forEach(result -> check(result, input));
        long papers = results.stream().filter(PaperRecord.class::isInstance).count();
        long bad = results.size() - papers;
        return (papers > 0 ? "papers" : "no papers") + (bad > 0 ? ", bad records" : "");
    }

    /** Everything the reader yields, as the produce command opens it. */
    private static List<ReadResult> readAll(ReaderInput input) throws IOException {
        List<ReadResult> results = new ArrayList<>();
        // every item consumes at least one byte of the (decompressed) input: more items means a reader that never ends
        long maxItems = 1 + (long) input.bytes().length * (input.gzip() ? GZIP_EXPANSION : 1);
        try (PaperReader reader = PaperReaders.open(input.format(), new ByteArrayInputStream(input.bytes()), ORIGIN,
                input.options())) {
            for (Optional<ReadResult> item = reader.next(); item.isPresent(); item = reader.next()) {
                results.add(item.get());
                assertThat((long) results.size()).as("items from %d bytes", input.bytes().length)
                        .isLessThanOrEqualTo(maxItems);
            }
        }
        return results;
    }

    private static void check(ReadResult result, ReaderInput input) {
        if (result instanceof BadRecord bad) {
            assertThat(bad.reason()).isNotBlank();
            assertThat(bad.location().line()).isNotNegative();
            return;
        }
        PaperRecord paper = (PaperRecord) result;
        assertThat(paper.title()).isNotBlank();
        assertThat(paper.abstractText()).isNotBlank();
        assertThat(paper.location().line()).isPositive();
        input.format().ifPresent(format -> assertThat(paper.format()).isEqualTo(format));
        if (paper.id().startsWith(PaperId.TITLE_HASH_PREFIX)) {
            assertThat(paper.id()).matches("h:[0-9a-f]{16}");
        } else {
            assertThat(PaperId.normalizeArxivId(paper.id())).as("the id is a canonical arXiv id").contains(paper.id());
        }
        if (paper.format() == SourceFormat.TRENDING_PAGE && !input.gzip()) {
            // line ends are the only bytes that are not text
            String text = new String(input.bytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            assertThat(text).as("the input holds the title").contains(paper.title());
            assertThat(text).as("the input holds the abstract").contains(paper.abstractText());
        }
    }
}
