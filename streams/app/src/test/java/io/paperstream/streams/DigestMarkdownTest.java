package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestEntry;
import io.paperstream.avro.DigestPaper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestMarkdownTest {

    private static final Instant START = Instant.parse("2026-03-14T00:00:00Z");
    private static final Instant END = Instant.parse("2026-03-15T00:00:00Z");

    @Test
    void rendersRisingTopicsAndKeyphrasesWithTheirPapers() {
        DigestPaper miniPlm = new DigestPaper("2410.17215", "MiniPLM: Knowledge Distillation for Pre-Training Language Models",
                "https://arxiv.org/abs/2410.17215", "https://github.com/thu-coai/MiniPLM");
        DigestPaper noLinks = new DigestPaper("h:1f2e", "A paper without links", null, null);
        DailyDigest digest = new DailyDigest("2026-03-14", START, END, 42L,
                List.of(new DigestEntry("efficiency", "Training and inference efficiency", 9L, 2.25, 4.1, 1, List.of(miniPlm, noLinks))),
                List.of(new DigestEntry("knowledge distillation", "knowledge distillation", 5L, 0.4, 3.5, 1, List.of(miniPlm))));

        String markdown = DigestMarkdown.render(digest);

        assertThat(markdown).isEqualTo("""
                # Trending papers, 2026-03-14

                42 papers published from 2026-03-14 00:00 to 2026-03-15 00:00 UTC.

                ## Rising topics

                | Rank | Topic | Papers | Expected | Score |
                |---:|---|---:|---:|---:|
                | 1 | Training and inference efficiency (`efficiency`) | 9 | 2.3 | 4.1 |

                ### 1. Training and inference efficiency

                - [MiniPLM: Knowledge Distillation for Pre-Training Language Models](https://arxiv.org/abs/2410.17215) · [code](https://github.com/thu-coai/MiniPLM)
                - A paper without links

                ## Rising keyphrases

                | Rank | Keyphrase | Papers | Expected | Score |
                |---:|---|---:|---:|---:|
                | 1 | knowledge distillation | 5 | 0.4 | 3.5 |

                ### 1. knowledge distillation

                - [MiniPLM: Knowledge Distillation for Pre-Training Language Models](https://arxiv.org/abs/2410.17215) · [code](https://github.com/thu-coai/MiniPLM)
                """);
    }

    @Test
    void saysSoWhenNothingRose() {
        DailyDigest quiet = new DailyDigest("2026-03-14", START, END, 1L, List.of(), List.of());

        assertThat(DigestMarkdown.render(quiet))
                .contains("1 paper published")
                .contains("## Rising topics\n\nNothing rose clearly above its usual level in this window.\n")
                .contains("## Rising keyphrases\n\nNothing rose clearly above its usual level in this window.\n");
    }

    @Test
    void titlesCannotBreakTheMarkdown() {
        assertThat(DigestMarkdown.escape("A|B [x](y) *bold* `code`\nnext"))
                .isEqualTo("A\\|B \\[x\\](y) \\*bold\\* \\`code\\` next");
    }
}
