package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paperstream.text.TextNormalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrendingPageReaderCorpusTest {

    @Test
    void readsAll116PapersOfTheCorpusByteExact() throws IOException {
        ReadAll all;
        try (InputStream in = Files.newInputStream(Corpus.path())) {
            all = ReadAll.of(new TrendingPageReader(in, Origin.file(Corpus.path()), new ReaderOptions(1 << 20, 2025)));
        }

        assertThat(all.bad).isEmpty();
        assertThat(all.papers).hasSize(Corpus.PAPERS);
        assertThat(all.titles()).containsExactlyElementsOf(Corpus.titles());
        assertThat(all.papers.stream().map(PaperRecord::abstractText))
                .containsExactlyElementsOf(Corpus.abstracts().stream()
                        .map(TextNormalizer::normalize)
                        .toList());
        for (int i = 0; i < Corpus.PAPERS; i++) {
            PaperRecord paper = all.papers.get(i);
            String sourceAbstract = paper.originalAbstract() != null ? paper.originalAbstract() : paper.abstractText();
            assertThat(paper.originalTitle())
                    .as("the corpus titles have nothing to normalize")
                    .isNull();
            assertThat(paper.title().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(Corpus.titles().get(i).getBytes(StandardCharsets.UTF_8));
            assertThat(sourceAbstract.getBytes(StandardCharsets.UTF_8))
                    .as("the file's abstract, kept when normalizing changed it")
                    .isEqualTo(Corpus.abstracts().get(i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void firstAndLastPapersAreTheKnownOnes() {
        ReadAll all = ReadAll.trendingPage(Corpus.bytes());

        PaperRecord first = all.papers.get(0);
        assertThat(first.title()).isEqualTo("MiniPLM: Knowledge Distillation for Pre-Training Language Models");
        assertThat(first.abstractText())
                .startsWith("Knowledge distillation (KD) is widely used")
                .endsWith("Our model, code, and data are available at https://github.com/thu-coai/MiniPLM.");
        PaperRecord last = all.papers.get(Corpus.PAPERS - 1);
        assertThat(last.title())
                .isEqualTo(
                        "Qwen-Audio: Advancing Universal Audio Understanding via Unified Large-Scale Audio-Language Models");
        assertThat(last.abstractText()).endsWith("supporting various audio-central scenarios.");
        assertThat(all.titles())
                .contains("Re$^3$Dial: Retrieve, Reorganize and Rescale Dialogue Corpus for "
                        + "Long-Turn Open-Domain Dialogue Pre-training");
    }

    @Test
    void eachPaperCarriesItsTitleLineThePageDateAndATitleHashId() {
        ReadAll all = ReadAll.trendingPage(Corpus.bytes());

        IntStream.range(0, Corpus.PAPERS).forEach(i -> {
            PaperRecord paper = all.papers.get(i);
            assertThat(paper.location().line()).isEqualTo(Corpus.titleLine(i));
            assertThat(paper.location().uri()).isEqualTo("file:/corpus/trending-papers.txt#L" + Corpus.titleLine(i));
            assertThat(paper.sourceTime()).isEqualTo(Instant.parse("2025-03-14T00:00:00Z"));
            assertThat(paper.format()).isEqualTo(SourceFormat.TRENDING_PAGE);
            assertThat(paper.id()).matches("h:[0-9a-f]{16}").isEqualTo(PaperId.ofTitle(paper.title()));
            assertThat(paper.authors()).isEmpty();
        });
        assertThat(all.papers.stream().map(PaperRecord::id).distinct()).hasSize(Corpus.PAPERS);
    }

    @Test
    void crlfLineEndsAByteOrderMarkAndAFinalNewlineChangeNothing() {
        ReadAll plain = ReadAll.trendingPage(Corpus.bytes());
        String crlf = "\uFEFF" + Corpus.text().replace("\n", "\r\n") + "\r\n";

        ReadAll variant = ReadAll.trendingPage(crlf.getBytes(StandardCharsets.UTF_8));

        assertThat(variant.bad).isEmpty();
        assertThat(variant.papers).isEqualTo(plain.papers);
    }

    @Test
    void readsLazilyWithoutWaitingForTheRestOfAHugeInput() throws IOException {
        byte[] corpus = Corpus.bytes();
        CountingEndlessInput in = new CountingEndlessInput(corpus);

        try (TrendingPageReader reader = new TrendingPageReader(in, ReadAll.PAGE, new ReaderOptions(1 << 20, 2025))) {
            Optional<ReadResult> first = reader.next();

            assertThat(first).get().isInstanceOf(PaperRecord.class);
            assertThat(((PaperRecord) first.get()).title()).startsWith("MiniPLM");
            assertThat(in.served).as("bytes read for the first paper").isLessThanOrEqualTo(128 * 1024L);
        }
    }

    @Test
    void theYearOptionDatesThePage() {
        ReadAll all = ReadAll.of(new TrendingPageReader(
                new ByteArrayInputStream(Corpus.bytes()), ReadAll.PAGE, new ReaderOptions(1 << 20, 2024)));

        assertThat(all.papers).allSatisfy(p -> assertThat(p.sourceTime()).isEqualTo("2024-03-14T00:00:00Z"));
    }

    @Test
    void aDateLineBetweenPapersStartsANewDay() {
        String page = "Mar 14\n\nFirst Title\n\nFirst abstract.\n\nMarch 15, 2023\n\nSecond Title\n\nSecond abstract.";

        ReadAll all = ReadAll.trendingPage(page.getBytes(StandardCharsets.UTF_8));

        assertThat(all.bad).isEmpty();
        assertThat(all.papers)
                .extracting(PaperRecord::sourceTime)
                .containsExactly(Instant.parse("2025-03-14T00:00:00Z"), Instant.parse("2023-03-15T00:00:00Z"));
    }

    @Test
    void unknownHeaderLinesBeforeTheDateAreSkippedToo() {
        String page = "Trending Papers\n\nnew\n\nDaily picks\n\nMar 14\n\nOnly Title\n\nOnly abstract.";

        ReadAll all = ReadAll.trendingPage(page.getBytes(StandardCharsets.UTF_8));

        assertThat(all.bad).isEmpty();
        assertThat(all.titles()).containsExactly("Only Title");
    }

    @Test
    void aTitleFollowedDirectlyByItsAbstractIsStillOnePaper() {
        String page = "Mar 14\n\nGlued Title\nIts abstract, without the blank line.\n\nNext Title\n\nNext abstract.\n";

        ReadAll all = ReadAll.trendingPage(page.getBytes(StandardCharsets.UTF_8));

        assertThat(all.bad).isEmpty();
        assertThat(all.papers)
                .extracting(PaperRecord::title, PaperRecord::abstractText)
                .containsExactly(
                        tuple("Glued Title", "Its abstract, without the blank line."),
                        tuple("Next Title", "Next abstract."));
    }

    /** The corpus, then 'x' bytes without end, counting what was served. */
    private static final class CountingEndlessInput extends InputStream {
        private final byte[] head;
        long served;

        CountingEndlessInput(byte[] head) {
            this.head = head;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            read(one, 0, 1);
            return one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                long at = served + i;
                b[off + i] = at < head.length ? head[(int) at] : at == head.length ? (byte) '\n' : (byte) 'x';
            }
            served += len;
            return len;
        }
    }
}
