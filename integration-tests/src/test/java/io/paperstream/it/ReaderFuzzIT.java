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
import io.paperstream.producer.source.SourceFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the producer's source readers — trending-page text, arXiv JSON Lines, Hugging Face daily-papers JSON —
 * opened through {@link PaperReaders#open} as the {@code produce} command opens them, with inputs made mostly from
 * the real corpus and damaged in structure and in bytes ({@link SourceFuzzInputs}). 80,000 inputs in all.
 *
 * <p>The property: whatever the bytes, a reader yields papers and bad records only, and then ends; no exception
 * escapes except an {@link IOException} where the bytes really cannot be read (a damaged gzip stream; every other
 * input is in memory). Every paper has a non-blank title and abstract, a canonical id and a line; a trending-page
 * paper's title and abstract are text of the input, never made up. The statistics check that the inputs reach
 * both sides, papers and bad records, in a good share of the tries.
 *
 * <p>A *IT run by failsafe although it needs no broker: it belongs with the proof of issue 4, and takes about a
 * minute, too long for the quick unit-test phase.
 */
class ReaderFuzzIT {

    private static final Origin ORIGIN = Origin.file(Path.of("fuzz-input"));
    /** A decompressed gzip stream can be up to about a thousand times its compressed size. */
    private static final int GZIP_EXPANSION = 1100;

    @Property(tries = 30_000)
    void trendingPageReaderYieldsOnlyPapersAndBadRecords(@ForAll("trendingPages") ReaderInput input) {
        readsOnlyPapersAndBadRecords(input);
    }

    @Property(tries = 25_000)
    void arxivJsonLinesReaderYieldsOnlyPapersAndBadRecords(@ForAll("arxivJsonLines") ReaderInput input) {
        readsOnlyPapersAndBadRecords(input);
    }

    @Property(tries = 25_000)
    void hfDailyReaderYieldsOnlyPapersAndBadRecords(@ForAll("hfDaily") ReaderInput input) {
        readsOnlyPapersAndBadRecords(input);
    }

    @Provide
    Arbitrary<ReaderInput> trendingPages() {
        return SourceFuzzInputs.trendingPages();
    }

    @Provide
    Arbitrary<ReaderInput> arxivJsonLines() {
        return SourceFuzzInputs.arxivJsonLines();
    }

    @Provide
    Arbitrary<ReaderInput> hfDaily() {
        return SourceFuzzInputs.hfDaily();
    }

    private static void readsOnlyPapersAndBadRecords(ReaderInput input) {
        List<ReadResult> results = new ArrayList<>();
        // every item consumes at least one byte of the (decompressed) input: more items means a reader that never ends
        long maxItems = 1 + (long) input.bytes().length * (input.gzip() ? GZIP_EXPANSION : 1);
        try (PaperReader reader = PaperReaders.open(input.format(), new ByteArrayInputStream(input.bytes()), ORIGIN,
                input.options())) {
            for (Optional<ReadResult> item = reader.next(); item.isPresent(); item = reader.next()) {
                results.add(item.get());
                assertThat((long) results.size()).as("items from %d bytes", input.bytes().length).isLessThanOrEqualTo(maxItems);
            }
        } catch (IOException e) {
            assertThat(input.gzip()).as("an IOException from bytes in memory that are not gzip: %s", e).isTrue();
            Statistics.label("yield").collect("unreadable gzip stream");
            return;
        }
        results.forEach(result -> check(result, input));
        long papers = results.stream().filter(PaperRecord.class::isInstance).count();
        long bad = results.size() - papers;
        Statistics.label("yield").collect((papers > 0 ? "papers" : "no papers") + (bad > 0 ? ", bad records" : ""));
        Statistics.label("yield").coverage(coverage -> {
            coverage.checkQuery(values -> values.get(0).toString().startsWith("papers")).percentage(p -> p > 20);
            coverage.checkQuery(values -> values.get(0).toString().endsWith("bad records")).percentage(p -> p > 20);
        });
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
