package io.paperstream.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.classify.TrendingCorpus;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalizer on every title and abstract of the shared real corpus. */
class TextNormalizerCorpusTest {

    private static List<String> corpusTexts() {
        List<String> texts = new ArrayList<>();
        for (TrendingCorpus.Paper paper : TrendingCorpus.papers()) {
            texts.add(paper.title());
            texts.add(paper.abstractText());
        }
        return texts;
    }

    @Test
    void everyTitleAndAbstractNormalizesIdempotentlyWithoutWrapsOrLostText() {
        List<String> texts = corpusTexts();
        int changed = 0;
        for (String text : texts) {
            String normalized = TextNormalizer.normalize(text);
            if (normalized != text) {
                changed++;
            }

            assertThat(TextNormalizer.normalize(normalized)).as(text).isEqualTo(normalized);
            assertThat(normalized.replace("\n\n", "")).as(text).doesNotContain("\n", "\r", "  ");
            assertThat(normalized).as(text).isEqualTo(normalized.strip());
            assertThat(isSubsequence(lettersAndDigits(withoutCommandNames(text)), lettersAndDigits(normalized)))
                    .as(
                            "every letter and digit of %s outside LaTeX command names is kept, in order: %s",
                            text, normalized)
                    .isTrue();
            assertThat(lettersAndDigits(normalized).length())
                    .as("no letters added beyond the command names: %s", normalized)
                    .isLessThanOrEqualTo(lettersAndDigits(text).length());
            assertThat(normalized.chars().filter(c -> c == '$').count())
                    .as("math delimiters of %s", text)
                    .isEqualTo(text.chars().filter(c -> c == '$').count());
        }
        assertThat(texts).hasSizeGreaterThan(200);
        assertThat(changed).as("texts with LaTeX escapes, ties or dashes").isBetween(10, texts.size() / 4);
    }

    @Test
    void theCorpusMathAndEscapesComeOutAsPeopleReadThem() {
        String all = String.join(
                "\n\n", corpusTexts().stream().map(TextNormalizer::normalize).toList());

        assertThat(all)
                .contains("Re$^3$Dial", "93.3% and 74.3%", "(e.g. GPT-4)", "(~10x fewer", "state-of-the-art ISR");
        assertThat(all).doesNotContain("\\%", "~ISR", " -- ");
    }

    /** The text without the names of LaTeX commands ({@code \emph}), whose letters the normalizer may drop. */
    private static String withoutCommandNames(String text) {
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                int end = LatexCharacters.endOfName(text, i + 1);
                i = end > i + 1 ? end - 1 : i;
            } else {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** Letters (without their accents) and digits, in order. */
    private static String lettersAndDigits(String text) {
        StringBuilder kept = new StringBuilder();
        for (char c : Normalizer.normalize(text, Normalizer.Form.NFD).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static boolean isSubsequence(String part, String whole) {
        int at = 0;
        for (int i = 0; i < whole.length() && at < part.length(); i++) {
            if (whole.charAt(i) == part.charAt(at)) {
                at++;
            }
        }
        return at == part.length();
    }
}
