package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArxivJsonlReaderTest {

    private static final Origin SAMPLE = new Origin("arxiv-sample.jsonl", "file:/samples/arxiv-sample.jsonl", true);

    private static ReadAll read(byte[] bytes) {
        return ReadAll.of(
                new ArxivJsonlReader(new ByteArrayInputStream(bytes), SAMPLE, new ReaderOptions(1 << 20, 2025)));
    }

    @Test
    void readsEveryGoodLineAndReportsEveryBadOneWithItsLine() {
        ReadAll all = read(Samples.bytes(Samples.ARXIV_JSONL));

        assertThat(all.papers)
                .extracting(PaperRecord::id)
                .containsExactly("2403.01234", "hep-th/9901001", "2401.00001", "2312.04567");
        assertThat(all.messages()).hasSize(3);
        assertThat(all.messages().get(0)).startsWith("arxiv-sample.jsonl:4: invalid JSON: ");
        assertThat(all.messages().get(1))
                .isEqualTo("arxiv-sample.jsonl:5: empty abstract for title 'A Paper Without Its Abstract'");
        assertThat(all.messages().get(2)).isEqualTo("arxiv-sample.jsonl:7: expected a JSON object, found array");
    }

    @Test
    void unwrapsTitleAndAbstractKeepsTheSnapshotsTextAndMapsTheMetadata() {
        PaperRecord paper = read(Samples.bytes(Samples.ARXIV_JSONL)).papers.get(0);

        assertThat(paper.title()).isEqualTo("Sparse Routing for Streaming Abstract Classification");
        assertThat(paper.originalTitle()).isEqualTo("Sparse Routing for\n  Streaming Abstract Classification");
        assertThat(paper.abstractText())
                .isEqualTo("We route each incoming abstract to a small set of topic experts "
                        + "and show that sparse routing keeps classification linear in the text length.");
        assertThat(paper.originalAbstract())
                .isEqualTo("  We route each incoming abstract to a small set of topic experts "
                        + "and show that\nsparse routing keeps classification linear in the text length.\n");
        assertThat(paper.authors()).containsExactly("Ada Example", "Brook Sample", "Chen Placeholder Jr");
        assertThat(paper.categories()).containsExactly("cs.CL", "cs.LG");
        assertThat(paper.links())
                .containsExactly("https://arxiv.org/abs/2403.01234", "https://doi.org/10.1234/example.2024.001");
        assertThat(paper.sourceTime()).as("first version's creation").isEqualTo("2024-03-04T17:02:11Z");
        assertThat(paper.revision())
                .as("the last version")
                .isEqualTo(new PaperRecord.Revision(2, Instant.parse("2024-03-12T09:00:00Z")));
        assertThat(paper.updatedAt()).isEqualTo("2024-03-12T09:00:00Z");
        assertThat(paper.format()).isEqualTo(SourceFormat.ARXIV_JSONL);
        assertThat(paper.location().uri()).isEqualTo("file:/samples/arxiv-sample.jsonl#L1");
    }

    @Test
    void oldStyleIdsAuthorStringsAndUpdateDates() {
        List<PaperRecord> papers = read(Samples.bytes(Samples.ARXIV_JSONL)).papers;

        PaperRecord old = papers.get(1);
        assertThat(old.authors()).containsExactly("Dana Former", "Eli Latter");
        assertThat(old.sourceTime()).isEqualTo(Instant.parse("1999-01-01T12:30:00Z"));
        assertThat(old.links()).containsExactly("https://arxiv.org/abs/hep-th/9901001");
        PaperRecord updated = papers.get(2);
        assertThat(updated.sourceTime())
                .as("update_date when no version has a time")
                .isEqualTo(Instant.parse("2024-01-15T00:00:00Z"));
        assertThat(updated.location().line()).isEqualTo(6);
        PaperRecord linked = papers.get(3);
        assertThat(linked.id()).as("arXiv id from the link in the abstract").isEqualTo("2312.04567");
        assertThat(linked.sourceTime()).isNull();
        assertThat(linked.revision()).as("no versions").isNull();
        assertThat(linked.authors()).containsExactly("Solo Author");
    }

    @Test
    void anOverlongLineIsReportedAndTheNextLineRead() {
        String good = "{\"id\":\"2403.00001\",\"title\":\"T\",\"abstract\":\"A.\"}";
        String overlong = "{\"id\":\"2403.00002\",\"title\":\"T\",\"abstract\":\"" + "a".repeat(5000) + "\"}";
        byte[] bytes = (overlong + "\n" + good + "\n").getBytes(StandardCharsets.UTF_8);

        ReadAll all = ReadAll.of(
                new ArxivJsonlReader(new ByteArrayInputStream(bytes), SAMPLE, new ReaderOptions(1000, 2025)));

        assertThat(all.papers).extracting(PaperRecord::id).containsExactly("2403.00001");
        assertThat(all.messages())
                .singleElement()
                .asString()
                .startsWith("arxiv-sample.jsonl:1: line of " + overlong.length()
                        + " bytes is longer than the limit of 1000 bytes");
    }
}
