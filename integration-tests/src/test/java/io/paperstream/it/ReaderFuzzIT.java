package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.it.SourceFuzzInputs.ReaderInput;
import io.paperstream.producer.source.PaperReaders;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.ReadResult;
import io.paperstream.producer.source.ReaderOptions;
import io.paperstream.producer.source.SourceFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * <p>The property ({@link SourceReaderProperty}): whatever the bytes, a reader yields papers and bad records only, and
 * then ends, with no exception but an {@code IOException} from a damaged gzip stream. Each property runs its inputs
 * through {@link FuzzRun} (seeded, reproducible by seed and input index); the tallied outcomes check that every input
 * ran through the assertions and that the inputs reach both sides, papers and bad records, in a good share of the
 * tries. One example keeps a regression too slow for short random inputs to show: a long whitespace run among arXiv
 * authors.
 *
 * <p>A *IT run by failsafe although it needs no broker: it belongs with the proof of issue 4, and takes one to two
 * minutes, too long for the quick unit-test phase.
 */
class ReaderFuzzIT {

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
        ReaderInput input = new ReaderInput(
                "long whitespace run",
                line.getBytes(StandardCharsets.UTF_8),
                Optional.of(SourceFormat.ARXIV_JSONL),
                new ReaderOptions(ReaderOptions.DEFAULT_MAX_LINE_BYTES, Corpus.YEAR));
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "long-run-reader");
            // a regex cannot be interrupted: a thread still splitting after the limit must not keep the JVM alive
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<ReadResult> results = reader.submit(() -> SourceReaderProperty.readAll(input))
                    .get(LONG_RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(results)
                    .singleElement()
                    .isInstanceOfSatisfying(
                            PaperRecord.class,
                            paper -> assertThat(paper.authors())
                                    .containsExactly(longName, "Alan Turing", "Grace Hopper"));
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "reading " + LONG_RUN + " spaces among the authors took longer than " + LONG_RUN_LIMIT.toSeconds()
                            + " s",
                    e);
        } finally {
            reader.shutdownNow();
        }
    }

    private static void readsOnlyPapersAndBadRecords(
            String property, int defaultInputs, Generator<ReaderInput> inputs) {
        FuzzRun.Outcomes yields =
                FuzzRun.check(property, defaultInputs, inputs, SourceReaderProperty::yieldOf, ReaderInput::firstHalf);
        assertThat(yields.inputs()).as("inputs read and checked").isEqualTo(FuzzRun.inputs(defaultInputs));
        assertThat(yields.percentage(outcome -> outcome.startsWith("papers")))
                .as("share of inputs with papers: %s", yields)
                .isGreaterThan(10);
        assertThat(yields.percentage(outcome -> outcome.endsWith("bad records")))
                .as("share of inputs with bad records: %s", yields)
                .isGreaterThan(20);
    }
}
