package io.paperstream.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    /** Tokens, with "|" for a clause boundary, "||" for a sentence end and "<url>" for a skipped URL. */
    private static List<String> scan(String text) {
        List<String> out = new ArrayList<>();
        Tokenizer.scan(text, new TokenSink() {
            @Override
            public void token(char[] buffer, int length) {
                out.add(length == Tokenizer.OVERLONG ? "<long>" : new String(buffer, 0, length));
            }

            @Override
            public void boundary(boolean sentenceEnd) {
                out.add(sentenceEnd ? "||" : "|");
            }

            @Override
            public void url() {
                out.add("<url>");
            }
        });
        return out;
    }

    @Test
    void lowerCasesAndMakesRegularPluralsSingular() {
        assertThat(scan("Large Language Models (LLMs) answer queries in tasks"))
                .containsExactly("large", "language", "model", "|", "llm", "|", "answer", "query", "in", "task");
    }

    @Test
    void keepsWordsWhoseFinalSIsNotAPlural() {
        assertThat(scan("analysis of corpus loss across classes and approaches"))
                .containsExactly("analysis", "of", "corpus", "loss", "across", "class", "and", "approach");
    }

    @Test
    void joinsHyphensAfterCommonPrefixesAndSplitsOtherHyphens() {
        assertThat(scan("pre-training pretraining multi-modal vision-language fine-tuning"))
                .containsExactly("pretraining", "pretraining", "multimodal", "vision", "language", "finetuning");
    }

    @Test
    void reportsSentenceEndsApartFromClauseBoundaries() {
        assertThat(scan("a, b. c; d")).containsExactly("a", "|", "b", "||", "c", "||", "d");
    }

    @Test
    void skipsUrlsIncludingMalformedOnes() {
        assertThat(
                        scan(
                                "code at https://github.com/vision_transformer and https;//github.com/x www.example.org/a done"))
                .containsExactly("code", "at", "<url>", "and", "<url>", "<url>", "done");
        assertThat(scan("the HTTP protocol")).containsExactly("the", "http", "protocol");
    }

    @Test
    void handlesNonAsciiLettersAndOverlongTokens() {
        assertThat(scan("Ünïcode naïve")).containsExactly("ünïcode", "naïve");
        assertThat(scan("x".repeat(Tokenizer.MAX_TOKEN_LENGTH + 5) + " y")).containsExactly("<long>", "y");
        assertThat(scan(null)).isEmpty();
    }
}
