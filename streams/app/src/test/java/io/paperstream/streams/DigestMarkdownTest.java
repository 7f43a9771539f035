package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestEntry;
import io.paperstream.avro.DigestPaper;
import io.paperstream.avro.TrendingPaper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestMarkdownTest {

    private static final Instant START = Instant.parse("2026-03-14T00:00:00Z");
    private static final Instant END = Instant.parse("2026-03-15T00:00:00Z");

    @Test
    void rendersRisingTopicsKeyphrasesAndTrendingPapersWithTheirLinks() {
        DigestPaper miniPlm = DigestPaper.newBuilder()
                .setId("2410.17215")
                .setTitle("MiniPLM: Knowledge Distillation for Pre-Training Language Models")
                .setUrl("https://arxiv.org/abs/2410.17215")
                .setCodeUrl("https://github.com/thu-coai/MiniPLM")
                .build();
        DigestPaper noLinks = DigestPaper.newBuilder()
                .setId("h:1f2e")
                .setTitle("A paper without links")
                .setUrl(null)
                .setCodeUrl(null)
                .build();
        DigestEntry efficiency = DigestEntry.newBuilder()
                .setKey("efficiency")
                .setLabel("Training and inference efficiency")
                .setCount(9L)
                .setBaseline(2.25)
                .setScore(4.1)
                .setRank(1)
                .setPapers(List.of(miniPlm, noLinks))
                .build();
        DigestEntry distillation = DigestEntry.newBuilder()
                .setKey("knowledge distillation")
                .setLabel("knowledge distillation")
                .setCount(5L)
                .setBaseline(0.4)
                .setScore(3.5)
                .setRank(1)
                .setPapers(List.of(miniPlm))
                .build();
        DailyDigest digest = digest(42L)
                .setTopics(List.of(efficiency))
                .setKeyphrases(List.of(distillation))
                .setTrendingPapers(List.of(TrendingPaper.newBuilder()
                        .setRank(1)
                        .setPaperId("2410.17215")
                        .setTitle(miniPlm.getTitle())
                        .setPrimaryTopic("efficiency")
                        .setScore(41.25)
                        .setUpvotesGain(30)
                        .setStarsGain(12)
                        .setUrl(miniPlm.getUrl())
                        .setCodeUrl(miniPlm.getCodeUrl())
                        .build()))
                .build();

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

                ## Trending papers

                | Rank | Paper | Topic | Upvotes gained | Stars gained | Score |
                |---:|---|---|---:|---:|---:|
                | 1 | [MiniPLM: Knowledge Distillation for Pre-Training Language Models](https://arxiv.org/abs/2410.17215) · [code](https://github.com/thu-coai/MiniPLM) | `efficiency` | 30 | 12 | 41.3 |
                """);
    }

    @Test
    void saysSoWhenNothingRose() {
        DailyDigest quiet =
                digest(1L).setTopics(List.of()).setKeyphrases(List.of()).build();

        assertThat(DigestMarkdown.render(quiet))
                .contains("1 paper published")
                .contains("## Rising topics\n\nNothing rose clearly above its usual level in this window.\n")
                .contains("## Rising keyphrases\n\nNothing rose clearly above its usual level in this window.\n")
                .contains(
                        "## Trending papers\n\nNo paper gained upvotes or stars within the trending horizon before the window's end.\n");
    }

    @Test
    void titlesCannotBreakTheMarkdown() {
        assertThat(DigestMarkdown.escape("A|B [x](y) *bold* `code`\nnext"))
                .isEqualTo("A\\|B \\[x\\](y) \\*bold\\* \\`code\\` next");
    }

    /** The digest of the test's window with {@code papersInWindow} papers, its entries still to set. */
    private static DailyDigest.Builder digest(long papersInWindow) {
        return DailyDigest.newBuilder()
                .setDay("2026-03-14")
                .setWindowStart(START)
                .setWindowEnd(END)
                .setPapersInWindow(papersInWindow);
    }
}
