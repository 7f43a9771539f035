package io.paperstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArxivIdsTest {

    @Test
    void takesTheIdItselfWithoutVersion() {
        assertThat(ArxivIds.find("2401.01234v3", List.of(), null)).contains("2401.01234");
        assertThat(ArxivIds.find("arXiv:2312.12345", List.of(), null)).contains("2312.12345");
        assertThat(ArxivIds.find("hep-th/9901001v2", List.of(), null)).contains("hep-th/9901001");
        assertThat(ArxivIds.normalize("ARXIV:1706.03762V7")).contains("1706.03762");
    }

    @Test
    void findsItInALinkWhenTheIdIsNotOne() {
        assertThat(ArxivIds.find(
                        "3f2a9c", List.of("https://github.com/x/y", "https://arxiv.org/pdf/2406.01234v2.pdf"), null))
                .contains("2406.01234");
        assertThat(ArxivIds.find(null, List.of("https://arxiv.org/abs/cs.CL/0101001"), null))
                .contains("cs.cl/0101001");
        assertThat(ArxivIds.find(null, List.of("https://huggingface.co/papers/2501.00001"), null))
                .contains("2501.00001");
    }

    @Test
    void findsAnArxivMentionInTheText() {
        assertThat(ArxivIds.find(null, List.of(), "Extends our earlier work (arXiv:2310.54321v1) to video."))
                .contains("2310.54321");
        assertThat(ArxivIds.find(null, List.of(), "see arXiv 2310.54321")).contains("2310.54321");
    }

    @Test
    void searchesTitleAndAbstractAsOneText() {
        assertThat(ArxivIds.find(null, List.of(), "Video results", "Extends arXiv:2310.54321 to video."))
                .contains("2310.54321");
        // title and abstract are joined by a newline, which the mention may span
        assertThat(ArxivIds.find(null, List.of(), "Extending arXiv", "2310.54321 to video"))
                .contains("2310.54321");
        assertThat(ArxivIds.find(null, List.of(), "Video results", "Version 2310.54321."))
                .isEmpty();
        assertThat(ArxivIds.find(null, List.of(), null, null)).isEmpty();
    }

    @Test
    void findsNothingWithoutAnArxivReference() {
        assertThat(ArxivIds.find(
                        "title-hash-1", List.of("https://github.com/a/2401.01234"), "version 2401.01234 of the code"))
                .isEmpty();
        assertThat(ArxivIds.find(null, List.of(), null)).isEmpty();
    }
}
