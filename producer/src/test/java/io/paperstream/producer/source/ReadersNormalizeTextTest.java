package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every reader gives titles and abstracts as people read them, whatever wrapping and LaTeX its format carries, and
 * keeps the source's text beside them; ids are made from the source's text, as before.
 */
class ReadersNormalizeTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReaderOptions OPTIONS = new ReaderOptions(1 << 20, 2025);

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theArxivSnapshotsWrappedHyphenBrokenAndLatexTextReadsAsText() {
        // Step 1: a snapshot line as arXiv writes it: the title wrapped as newline + two spaces, the abstract
        // wrapped flush left with its paragraphs indented by two spaces
        String title = "Graph neural networks for the prediction of molecular structure-\n"
                + "  property relationships in Schr{\\\"o}dinger--Poisson systems";
        String abstractText = "  We learn structure-\nproperty maps \\emph{without} labels and reach 93.3\\% of the\n"
                + "accuracy of DFT~\\cite{kohn} at $O(n^{2})$ cost---a 10--100x speed-up for\n"
                + "G\\\"odel's \\'etude.\n"
                + "  Code and data: https://github.com/example/a~b--c.\n";
        ObjectNode line = JSON.createObjectNode()
                .put("id", "2405.00042")
                .put("title", title)
                .put("abstract", abstractText)
                .put("categories", "cs.LG physics.chem-ph");

        // Step 2: read it
        ReadAll all = ReadAll.of(new ArxivJsonlReader(bytes(line.toString()), Origin.stdin(), OPTIONS));

        // Step 3: the text as people read it, the snapshot's text kept
        PaperRecord paper = all.papers.get(0);
        assertThat(paper.title())
                .isEqualTo("Graph neural networks for the prediction of molecular structure-property relationships in "
                        + "Schrödinger–Poisson systems");
        assertThat(paper.abstractText())
                .isEqualTo("We learn structure-property maps without labels and reach 93.3% of the accuracy of DFT "
                        + "\\cite{kohn} at $O(n^{2})$ cost—a 10–100x speed-up for Gödel's étude.\n\n"
                        + "Code and data: https://github.com/example/a~b--c.");
        assertThat(paper.originalTitle()).isEqualTo(title);
        assertThat(paper.originalAbstract()).isEqualTo(abstractText);
        assertThat(paper.id()).isEqualTo("2405.00042");
    }

    @Test
    void theDailyPapersWrappedHyphenBrokenAndLatexTextReadsAsText() {
        String title = "Structure-\nProperty Prediction with \\textbf{Graph} Transformers";
        String summary =
                "We predict structure-\nproperty relationships of molecules with Schr\\\"odinger-informed graph\n"
                        + "transformers, gaining 5.3\\% on QM9~\\cite{qm9}.\n\nOur code: https://github.com/example/spp.";
        ObjectNode entry = JSON.createObjectNode();
        entry.putObject("paper").put("id", "2410.99003").put("title", title).put("summary", summary);

        ReadAll all = ReadAll.of(new HfDailyReader(bytes("[" + entry + "]"), Origin.stdin(), OPTIONS));

        PaperRecord paper = all.papers.get(0);
        assertThat(paper.title()).isEqualTo("Structure-Property Prediction with Graph Transformers");
        assertThat(paper.abstractText())
                .isEqualTo(
                        "We predict structure-property relationships of molecules with Schrödinger-informed graph "
                                + "transformers, gaining 5.3% on QM9 \\cite{qm9}.\n\nOur code: https://github.com/example/spp.");
        assertThat(paper.originalTitle()).isEqualTo(title);
        assertThat(paper.originalAbstract()).isEqualTo(summary);
        assertThat(paper.id()).isEqualTo("2410.99003");
    }

    @Test
    void theTrendingPagesLatexAndWrappedAbstractReadAsText() {
        String title = "Re$^3$Dial: Retrieve, Reorganize and Rescale Dialogue Corpus";
        String abstractText = "We reach 93.3\\% of the state-of-the-art~ISR with large language models~(LLMs)\n"
                + "(\\eg GPT-4) -- at (~10x) lower cost and a hyphen-\nbroken line.";
        String page = "new\n\nSubscribe\n\nMar 14\n\n" + title + "\n\n" + abstractText + "\n";

        ReadAll all = ReadAll.of(new TrendingPageReader(bytes(page), Origin.stdin(), OPTIONS));

        PaperRecord paper = all.papers.get(0);
        assertThat(paper.title()).isEqualTo(title);
        assertThat(paper.originalTitle())
                .as("math stays as written: nothing to normalize")
                .isNull();
        assertThat(paper.abstractText())
                .isEqualTo("We reach 93.3% of the state-of-the-art ISR with large language models (LLMs) "
                        + "(e.g. GPT-4) – at (~10x) lower cost and a hyphen-broken line.");
        assertThat(paper.originalAbstract()).isEqualTo(abstractText);
        assertThat(paper.id()).as("made from the page's text").isEqualTo(PaperId.of(null, title, abstractText));
    }
}
