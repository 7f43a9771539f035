package io.paperstream.text;

import static io.paperstream.text.TextNormalizer.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextNormalizerTest {

    /** A snapshot title as the arXiv metadata file has it (issue 14). */
    private static final String WRAPPED_TITLE =
            "Graph neural networks for the prediction of molecular structure-\n  property relationships";

    /** An abstract in arXiv's own layout: flush-left wraps, a new paragraph indented by two spaces. */
    private static final String ARXIV_LAYOUT_ABSTRACT = "  We study the G\\\"odel number of\n"
            + "next-to-leading order terms. The results hold.\n"
            + "  A second paragraph starts here and\n"
            + "wraps once.\n";

    @Test
    void unwrapsAHardWrappedTitleAndJoinsTheWordBrokenAfterItsHyphen() {
        assertThat(normalize(WRAPPED_TITLE))
                .isEqualTo("Graph neural networks for the prediction of molecular structure-property relationships");
    }

    @Test
    void aWrapAfterAHyphenKeepsTheSpaceWhenNoWordGoesOn() {
        assertThat(normalize("trade -\n  offs")).isEqualTo("trade - offs");
        assertThat(normalize("first-\n  and second-order methods")).isEqualTo("first- and second-order methods");
        assertThat(normalize("pre-\n  or post-training")).isEqualTo("pre- or post-training");
        assertThat(normalize("state-of-the-\n  art")).isEqualTo("state-of-the-art");
        assertThat(normalize("up to 3-\n  4 times")).isEqualTo("up to 3-4 times");
    }

    @Test
    void everyWrapOfATextWrappedWithIndentedLinesIsAWrapEvenAfterASentenceEnd() {
        String wrapped = "We propose a method. It is fast.\n  Experiments show gains. We release\n  code.";

        assertThat(normalize(wrapped))
                .isEqualTo("We propose a method. It is fast. Experiments show gains. We release code.");
    }

    @Test
    void arxivsOwnLayoutKeepsItsIndentedParagraphs() {
        assertThat(normalize(ARXIV_LAYOUT_ABSTRACT))
                .isEqualTo("We study the Gödel number of next-to-leading order terms. The results hold.\n\n"
                        + "A second paragraph starts here and wraps once.");
    }

    @Test
    void aBlankLineIsAParagraphBreakKeptAsOneBlankLine() {
        assertThat(normalize("First paragraph\n  ends here.\n\n\n   Second one.\r\n\r\nThird."))
                .isEqualTo("First paragraph ends here.\n\nSecond one.\n\nThird.");
    }

    @Test
    void collapsesWhitespaceRunsAndTrims() {
        assertThat(normalize(" \t A  b\u00a0\u00a0c\td \n")).isEqualTo("A b c d");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "G{\\\"o}del|Gödel",
                "G\\\"odel|Gödel",
                "G\\\"{o}del|Gödel",
                "Schr\\\"{o}dinger|Schrödinger",
                "Poincar\\'e|Poincaré",
                "Poincar{\\'e}|Poincaré",
                "Poincar\\'{e}|Poincaré",
                "\\`a la carte|à la carte",
                "h\\^otel|hôtel",
                "Espa\\~na|España",
                "Fran\\c{c}ois|François",
                "Fran\\c cois|François",
                "\\v{S}ekrst and Dvo\\v{r}\\'ak|Šekrst and Dvořák",
                "Erd\\H{o}s|Erdős",
                "Stra\\ss e|Straße",
                "Stra{\\ss}e|Straße",
                "Sm\\o rgrav and {\\O}stergaard|Smørgrav and Østergaard",
                "\\AA{}ngstr\\\"om and \\aa|Ångström and å",
                "na\\\"{\\i}ve and Ma\\'{\\i}a|naïve and Maía",
                "\\L{}ukasz|Łukasz",
            })
    void turnsLatexAccentsAndLettersIntoUnicode(String latex, String unicode) {
        assertThat(normalize(latex)).isEqualTo(unicode);
    }

    @Test
    void turnsDashesIntoEnAndEmDashesButKeepsOptionsAndRules() {
        assertThat(normalize("pages 10--20 and benchmarks -- here---there"))
                .isEqualTo("pages 10–20 and benchmarks – here—there");
        assertThat(normalize("run it with --fast and ---- a rule")).isEqualTo("run it with --fast and ---- a rule");
        assertThat(normalize("a well-known fact")).isEqualTo("a well-known fact");
    }

    @Test
    void replacesTextStylesByTheirText() {
        assertThat(normalize("an \\emph{important} and \\textbf{bold} \\textit{claim} in \\texttt{code}"))
                .isEqualTo("an important and bold claim in code");
        assertThat(normalize("\\mathrm{BLEU} of {\\em nested \\textbf{x}} and {\\bf y}"))
                .isEqualTo("BLEU of nested x and y");
    }

    @Test
    void tiesTwoWordsWithAPlainSpaceButKeepsATildeForAboutAndRanges() {
        assertThat(normalize("Fig.~3 of large language models~(LLMs) at~https://github.com/a/b"))
                .isEqualTo("Fig. 3 of large language models (LLMs) at https://github.com/a/b");
        assertThat(normalize("(~10x fewer), 5.5 ~ 221.3X faster and 2~3% better"))
                .isEqualTo("(~10x fewer), 5.5 ~ 221.3X faster and 2~3% better");
        assertThat(normalize("within 10~ms")).isEqualTo("within 10 ms");
    }

    @Test
    void unescapesPercentAndAmpersandAndExpandsTheUsualAbbreviations() {
        assertThat(normalize("93.3\\% on R\\&D, \\eg GPT-4 \\ie a model, snake\\_case \\#1"))
                .isEqualTo("93.3% on R&D, e.g. GPT-4 i.e. a model, snake_case #1");
    }

    @Test
    void leavesMathIntact() {
        String math = "Re$^3$Dial costs $O(n \\log n)$ -- with $\\tilde{x}~\\textbf{y}$, $$\\sum_{i} x_i--y$$ and "
                + "\\(a--b\\) or \\[\\emph{c}\\]";

        assertThat(normalize(math))
                .isEqualTo("Re$^3$Dial costs $O(n \\log n)$ – with $\\tilde{x}~\\textbf{y}$, $$\\sum_{i} x_i--y$$ and "
                        + "\\(a--b\\) or \\[\\emph{c}\\]");
    }

    @Test
    void aWrapInsideMathBecomesOneSpace() {
        assertThat(normalize("where $a +\n  b$ holds")).isEqualTo("where $a + b$ holds");
    }

    @Test
    void dollarsThatCannotDelimitMathAreText() {
        assertThat(normalize("costs $5 and $10 -- or \\$3")).isEqualTo("costs $5 and $10 – or \\$3");
        assertThat(normalize("a lone $ sign -- here")).isEqualTo("a lone $ sign – here");
        assertThat(normalize("an unclosed $$x -- and \\(y -- z")).isEqualTo("an unclosed $$x – and \\(y – z");
    }

    @Test
    void keepsUrlsAsWritten() {
        assertThat(normalize("see https://example.org/~user/a--b and www.x.org/~y--z."))
                .isEqualTo("see https://example.org/~user/a--b and www.x.org/~y--z.");
        assertThat(normalize("code at \\url{https://github.com/a/b~c}"))
                .isEqualTo("code at \\url{https://github.com/a/b~c}");
        assertThat(normalize("\\emph{https://x.org/a} done")).isEqualTo("https://x.org/a done");
    }

    @Test
    void leavesUnbalancedBracesAndUnknownCommandsAsTheyAre() {
        assertThat(normalize("an \\emph{unclosed group -- and G_{stack} with \\cite{x} and \\sim 3"))
                .isEqualTo("an \\emph{unclosed group – and G_{stack} with \\cite{x} and \\sim 3");
        assertThat(normalize("\\sim~3 and \\v~c and \\\"\\o{} stay")).isEqualTo("\\sim~3 and \\v~c and \\\"ø stay");
        assertThat(normalize("close } and {\\\"o and \\\"{} and \\c{} and \\"))
                .isEqualTo("close } and {ö and \\\"{} and \\c{} and \\");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "MiniPLM: Knowledge Distillation for Pre-Training Language Models",
                "A title with $x_1$ math, a {brace} and a URL https://a.org/b",
                "",
                "Gödel, Escher, Bach",
            })
    void textWithNothingToNormalizeComesBackAsTheSameString(String text) {
        assertThat(normalize(text)).isSameAs(text);
    }

    @Test
    void nullStaysNull() {
        assertThat(normalize(null)).isNull();
    }

    @Test
    void isIdempotent() {
        List<String> texts = List.of(
                WRAPPED_TITLE,
                ARXIV_LAYOUT_ABSTRACT,
                "G{\\\"o}del -- Poincar\\'e\n  \\emph{x}~y, (~10x) $a\n  b$ \\$5 and\n\n  more---text.",
                "an \\emph{unclosed {group -- $ lone \\( and \\textbf{ok} {\\em a \\bf b}");
        for (String text : texts) {
            String once = normalize(text);
            assertThat(normalize(once)).as(text).isEqualTo(once);
        }
    }

    @Test
    void isTotalAndIdempotentOnArbitraryText() {
        String alphabet = "ab \n\t\\{}$~-\"'`^cvHuo()[]%&.,1";
        Random random = new Random(14);
        for (int round = 0; round < 20_000; round++) {
            char[] text = new char[random.nextInt(40)];
            for (int k = 0; k < text.length; k++) {
                text[k] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String input = new String(text);
            String once = normalize(input);
            assertThat(normalize(once)).as(input).isEqualTo(once);
        }
    }

    @Test
    void takesLinearTimeOnPathologicalInput() {
        String openers = "$a \\( \\[ $$ \\emph{ {\\em x ".repeat(20_000);
        String dashes = "-\n  ".repeat(50_000);

        long start = System.nanoTime();
        normalize(openers);
        normalize(dashes);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis)
                .as("milliseconds for two inputs of 500k and 200k characters")
                .isLessThan(2_000);
    }
}
