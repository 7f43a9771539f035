package io.paperstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.classify.TrendingCorpus;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkExtractorTest {

    private final LinkExtractor links = new LinkExtractor();

    @Test
    void repairsTheMalformedLinksOfTheRealCorpus() {
        String corpus = TrendingCorpus.text();
        List<String> urls = links.extract(corpus);

        assertThat(urls)
                // "https;//github.com/ZhiyinShao-H/UniPT." in the corpus
                .contains("https://github.com/ZhiyinShao-H/UniPT")
                // "available at~https://github.com/Zplusdragon/PLIP" (a LaTeX non-breaking space)
                .contains("https://github.com/Zplusdragon/PLIP")
                // "(https://github.com/microsoft/SCGLab and https://github.com/beyondguo/genius)"
                .contains("https://github.com/microsoft/SCGLab", "https://github.com/beyondguo/genius")
                // trailing full stop dropped, inner dots kept
                .contains(
                        "https://github.com/showlab/datacentric.vlp",
                        "https://github.com/RUCAIBox/JiuZhang3.0",
                        "https://xiongweiwu.github.io/foodseg103.html",
                        "https://huggingface.co/LLMQ");
        // "https://llm-stacking.github.io/{https://llm-stacking.github.io/}." counts once
        assertThat(urls).filteredOn(u -> u.contains("llm-stacking")).containsExactly("https://llm-stacking.github.io/");
        assertThat(urls)
                .allSatisfy(url -> assertThat(url)
                        .matches("https?://[a-z0-9.-]+\\.[a-z]+(/.*)?")
                        .doesNotEndWith(".")
                        .doesNotEndWith(")")
                        .doesNotContain("{", "}", ";//", " "));
        assertThat(urls).doesNotHaveDuplicates().hasSize(53);
    }

    @Test
    void repairsMistypedSchemeSeparators() {
        assertThat(links.extract(
                        "a https;//github.com/x b https: //gitlab.com/y c http//example.org/z d https:/hf.co/m"))
                .containsExactly(
                        "https://github.com/x", "https://gitlab.com/y", "http://example.org/z", "https://hf.co/m");
    }

    @Test
    void readsLatexAndMarkdownLinksOnce() {
        assertThat(links.extract("see \\url{https://github.com/a/b}.")).containsExactly("https://github.com/a/b");
        assertThat(links.extract("\\href{https://github.com/a/b}{https://github.com/a/b}"))
                .containsExactly("https://github.com/a/b");
        assertThat(links.extract("code: https://github.com/x}{https://github.com/x}"))
                .containsExactly("https://github.com/x");
        assertThat(links.extract("[https://github.com/a/b](https://github.com/a/b)"))
                .containsExactly("https://github.com/a/b");
        assertThat(links.extract("https://github.com/my\\_repo/x\\%20y"))
                .containsExactly("https://github.com/my_repo/x%20y");
    }

    @Test
    void stripsTrailingPunctuationButKeepsBalancedParentheses() {
        assertThat(links.extract(
                        "(code: https://github.com/a/b), data: https://hf.co/datasets/c/d; and https://e.org/f!"))
                .containsExactly("https://github.com/a/b", "https://hf.co/datasets/c/d", "https://e.org/f");
        assertThat(links.extract("https://en.wikipedia.org/wiki/Mixture_(probability)."))
                .containsExactly("https://en.wikipedia.org/wiki/Mixture_(probability)");
    }

    @Test
    void addsAMissingSchemeAndLowerCasesTheHost() {
        assertThat(links.extract(
                        "Visit www.Example.org/Page or github.com/Owner/Repo, or HTTPS://GitHub.com/Owner/Repo/"))
                .containsExactly("https://www.example.org/Page", "https://github.com/Owner/Repo");
    }

    @Test
    void deduplicatesAcrossTextsInOrderOfAppearance() {
        assertThat(links.extract(
                        List.of("first https://b.org/x then https://a.org/y", "https://a.org/y/ https://c.org")))
                .containsExactly("https://b.org/x", "https://a.org/y", "https://c.org");
    }

    @Test
    void ignoresWhatIsNotALink() {
        assertThat(links.extract(
                        "the HTTP protocol, https:// alone, http://localhost, xhttps://a.org, www. and e.g. 3.0"))
                .isEmpty();
        assertThat(links.extract((CharSequence) null)).isEmpty();
    }
}
