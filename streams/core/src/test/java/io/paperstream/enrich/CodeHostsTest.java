package io.paperstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeHostsTest {

    @Test
    void repositoriesOnCodeHostsAreCode() {
        assertThat(CodeHosts.isCodeRepository("https://github.com/thu-coai/MiniPLM"))
                .isTrue();
        assertThat(CodeHosts.isCodeRepository("https://www.github.com/owner")).isTrue();
        assertThat(CodeHosts.isCodeRepository("https://gitlab.com/group/project/-/tree/main"))
                .isTrue();
        assertThat(CodeHosts.isCodeRepository("https://bitbucket.org/team/repo"))
                .isTrue();
        assertThat(CodeHosts.isCodeRepository("https://codeberg.org/u/r")).isTrue();
        assertThat(CodeHosts.isCodeRepository("https://huggingface.co/LLMQ")).isTrue();
        assertThat(CodeHosts.isCodeRepository("https://hf.co/datasets/math-ai/TemplateGSM"))
                .isTrue();
    }

    @Test
    void projectPagesAndSitePagesAreNotCode() {
        assertThat(CodeHosts.isCodeRepository("https://kartik-3004.github.io/PETALface/"))
                .isFalse();
        assertThat(CodeHosts.isCodeRepository("https://github.com")).isFalse();
        assertThat(CodeHosts.isCodeRepository("https://github.com/features/copilot"))
                .isFalse();
        assertThat(CodeHosts.isCodeRepository("https://huggingface.co/papers/2401.01234"))
                .isFalse();
        assertThat(CodeHosts.isCodeRepository("https://aka.ms/elate/")).isFalse();
        assertThat(CodeHosts.isCodeRepository("not a url")).isFalse();
    }

    @Test
    void huggingFaceDatasetsAreDatasetRepositories() {
        assertThat(CodeHosts.isDatasetRepository("https://huggingface.co/datasets/Infi-MM/InfiMM-WebMath-40B"))
                .isTrue();
        assertThat(CodeHosts.isDatasetRepository("https://huggingface.co/datasets"))
                .isFalse();
        assertThat(CodeHosts.isDatasetRepository("https://huggingface.co/LLMQ")).isFalse();
        assertThat(CodeHosts.isDatasetRepository("https://github.com/a/datasets"))
                .isFalse();
    }
}
