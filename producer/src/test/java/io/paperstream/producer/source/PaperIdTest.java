package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaperIdTest {

    @Test
    void normalizesArxivIdsInEverySpelling() {
        assertThat(PaperId.normalizeArxivId("2410.17215")).contains("2410.17215");
        assertThat(PaperId.normalizeArxivId("2410.17215v3")).contains("2410.17215");
        assertThat(PaperId.normalizeArxivId(" arXiv:2410.17215v1 ")).contains("2410.17215");
        assertThat(PaperId.normalizeArxivId("https://arxiv.org/abs/2410.17215v2"))
                .contains("2410.17215");
        assertThat(PaperId.normalizeArxivId("http://arxiv.org/pdf/0704.0001v1.pdf"))
                .contains("0704.0001");
        assertThat(PaperId.normalizeArxivId("hep-th/9901001")).contains("hep-th/9901001");
        assertThat(PaperId.normalizeArxivId("HEP-TH/9901001v2")).contains("hep-th/9901001");
        assertThat(PaperId.normalizeArxivId("math.gt/0309136")).contains("math.GT/0309136");
    }

    @Test
    void rejectsWhatIsNoArxivId() {
        assertThat(PaperId.normalizeArxivId(null)).isEmpty();
        assertThat(PaperId.normalizeArxivId("")).isEmpty();
        assertThat(PaperId.normalizeArxivId("not-an-arxiv-id")).isEmpty();
        assertThat(PaperId.normalizeArxivId("2410.172")).isEmpty();
        assertThat(PaperId.normalizeArxivId("2410.1721599")).isEmpty();
        assertThat(PaperId.normalizeArxivId("hep-th/99010")).isEmpty();
    }

    @Test
    void findsTheArxivIdOfALinkInText() {
        assertThat(PaperId.findArxivLink("See https://arxiv.org/abs/2312.04567v2 and our code."))
                .contains("2312.04567");
        assertThat(PaperId.findArxivLink("pdf at arxiv.org/pdf/hep-th/9901001."))
                .contains("hep-th/9901001");
        assertThat(PaperId.findArxivLink("Code at https://github.com/thu-coai/MiniPLM."))
                .isEmpty();
        assertThat(PaperId.findArxivLink("arXiv:2312.04567 is cited, not linked"))
                .isEmpty();
    }

    @Test
    void idIsTheSourceIdElseALinkedIdElseTheTitleHash() {
        assertThat(PaperId.of("2403.01234v2", "T", "see arxiv.org/abs/2312.04567"))
                .isEqualTo("2403.01234");
        assertThat(PaperId.of(null, "T", "see arxiv.org/abs/2312.04567")).isEqualTo("2312.04567");
        assertThat(PaperId.of("junk", "T", "no link")).isEqualTo(PaperId.ofTitle("T"));
    }

    @Test
    void titleHashIsStableAndIgnoresCaseWidthPunctuationAndSpacing() {
        String id = PaperId.ofTitle("MiniPLM: Knowledge Distillation for Pre-Training Language Models");

        assertThat(id).matches("h:[0-9a-f]{16}");
        assertThat(PaperId.ofTitle("miniplm knowledge distillation for pretraining language models"))
                .isEqualTo(id);
        assertThat(PaperId.ofTitle("  MiniPLM —  Knowledge\tDistillation for Pre-Training, Language Models!  "))
                .isEqualTo(id);
        assertThat(PaperId.ofTitle("ＭｉｎｉＰＬＭ: Knowledge Distillation for Pre-Training Language Models"))
                .as("full-width letters fold under NFKC")
                .isEqualTo(id);
        assertThat(PaperId.ofTitle("MiniPLM: Knowledge Distillation for Fine-Tuning Language Models"))
                .isNotEqualTo(id);
    }

    @Test
    void titleHashIsTheDocumentedDigest() {
        // sha256("re3dial retrieve reorganize") — fixed here so that a change of the rule cannot go unnoticed
        assertThat(PaperId.normalizeTitle("Re$^3$Dial: Retrieve,  Reorganize"))
                .isEqualTo("re3dial retrieve reorganize");
        assertThat(PaperId.ofTitle("Re$^3$Dial: Retrieve,  Reorganize"))
                .isEqualTo("h:" + sha256Hex("re3dial retrieve reorganize").substring(0, 16));
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
