package io.paperstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.classify.TrendingCorpus;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnricherTest {

    private final Enricher enricher = new Enricher();

    @Test
    void enrichesARealPaper() {
        TrendingCorpus.Paper paper = TrendingCorpus.papers().stream()
                .filter(p -> p.title().startsWith("Unified Pre-training with Pseudo Texts"))
                .findFirst()
                .orElseThrow();
        Enrichment enrichment = enricher.enrich("2401.00001v2", paper.title(), paper.abstractText(), List.of());

        assertThat(enrichment.urls()).containsExactly("https://github.com/ZhiyinShao-H/UniPT");
        assertThat(enrichment.codeUrls()).containsExactly("https://github.com/ZhiyinShao-H/UniPT");
        assertThat(enrichment.arxivId()).isEqualTo("2401.00001");
        assertThat(enrichment.codeReleased()).isTrue();
        assertThat(enrichment.dataReleased()).isTrue();
        assertThat(enrichment.wordCount()).isEqualTo(223);
        assertThat(enrichment.keyphrases()).contains("text-to-image person re-identification");
        assertThat(enrichment.contentHash()).isEqualTo(ContentHash.of(paper.title(), paper.abstractText()));
    }

    @Test
    void mergesTheSourceLinksAfterTheAbstractUrls() {
        Enrichment enrichment = enricher.enrich(
                "hash-1",
                "A title",
                "Code: https://github.com/a/b. See also https://project.example.org.",
                List.of("https://arxiv.org/abs/2405.01234v1", "https://github.com/a/b/"));

        assertThat(enrichment.urls())
                .containsExactly(
                        "https://github.com/a/b", "https://project.example.org", "https://arxiv.org/abs/2405.01234v1");
        assertThat(enrichment.codeUrls()).containsExactly("https://github.com/a/b");
        assertThat(enrichment.arxivId()).isEqualTo("2405.01234");
        assertThat(enrichment.codeReleased()).isTrue();
        assertThat(enrichment.dataReleased()).isFalse();
    }

    @Test
    void aDatasetRepositoryReleasesDataNotCode() {
        Enrichment enrichment =
                enricher.enrich(null, "t", "Our corpus is at https://huggingface.co/datasets/o/c", null);
        assertThat(enrichment.codeUrls()).containsExactly("https://huggingface.co/datasets/o/c");
        assertThat(enrichment.dataReleased()).isTrue();
        assertThat(enrichment.codeReleased()).isFalse();
        assertThat(enrichment.arxivId()).isNull();
    }

    @Test
    void countsWordsAndToleratesEmptyInput() {
        assertThat(Enricher.wordCount("Knowledge distillation (KD) is - widely used;  3.5x faster."))
                .isEqualTo(8);
        Enrichment empty = enricher.enrich(null, null, null, null);
        assertThat(empty.urls()).isEmpty();
        assertThat(empty.wordCount()).isZero();
        assertThat(empty.keyphrases()).isEmpty();
        assertThat(empty.codeReleased()).isFalse();
        assertThat(empty.contentHash()).hasSize(64);
    }
}
