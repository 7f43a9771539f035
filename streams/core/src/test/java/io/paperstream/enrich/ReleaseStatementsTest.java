package io.paperstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReleaseStatementsTest {

    private final ReleaseStatements statements = new ReleaseStatements();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The code is available at our project page.",
                "Code and models are publicly available.",
                "We release our code and model weights.",
                "The source code and model weights shall be released.",
                "Our implementation will be made open-sourced.",
                "Code: https://example.org/x",
                "Codes at https://github.com/x/y.",
            })
    void codeReleaseStatements(String text) {
        assertThat(statements.find(text).code()).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "We release the largest public Chinese high-quality video-language dataset named Youku-mPLUG.",
                "The dataset and annotation guidelines are publicly available.",
                "Our benchmark will be released upon acceptance.",
                "We release our data at https://huggingface.co/datasets/a/b.",
            })
    void dataReleaseStatements(String text) {
        assertThat(statements.find(text).data()).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Existing methods are trained on publicly available datasets.",
                "We collect code reviews from open-source projects.",
                "There are few publicly available databases of high quality.",
                "We evaluate on data. It is available to few.",
                "LLaMA3 models have recently been released and achieve impressive performance.",
            })
    void mentionsThatAreNotReleases(String text) {
        ReleaseStatements.Released released = statements.find(text);
        assertThat(released.code() || released.data()).as(text).isFalse();
    }

    @Test
    void bothAtOnceAndNothingInNull() {
        assertThat(statements.find("The code, dataset and weights will be released at https://github.com/x/y."))
                .isEqualTo(new ReleaseStatements.Released(true, true));
        assertThat(statements.find(null)).isEqualTo(new ReleaseStatements.Released(false, false));
    }
}
