package io.paperstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void isSha256OfNormalizedTitleNewlineAbstract() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest("mixture of experts\nsparse models scale.".getBytes(StandardCharsets.UTF_8));
        assertThat(ContentHash.of("  Mixture of   Experts ", "Sparse\tmodels\n scale."))
                .isEqualTo(HexFormat.of().formatHex(digest))
                .hasSize(64);
    }

    @Test
    void ignoresCaseSpacingAndCompatibilityForms() {
        String hash = ContentHash.of("Efficient LLMs", "We study ﬁne-tuning.");
        assertThat(ContentHash.of("EFFICIENT  llms", " we study fine-tuning. ")).isEqualTo(hash);
        assertThat(ContentHash.of("Efficient LLMs", "We study fine-tuning!")).isNotEqualTo(hash);
        // the separator keeps title and abstract apart
        assertThat(ContentHash.of("a b", "c")).isNotEqualTo(ContentHash.of("a", "b c"));
        assertThat(ContentHash.of(null, null)).isEqualTo(ContentHash.of("", " "));
    }
}
