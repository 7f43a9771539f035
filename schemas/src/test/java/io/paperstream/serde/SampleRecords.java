package io.paperstream.serde;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestEntry;
import io.paperstream.avro.DigestPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicScore;
import io.paperstream.avro.TopicTrend;
import io.paperstream.avro.TopicWindowCount;
import io.paperstream.avro.TrendingPaper;
import io.paperstream.avro.TrendingPapers;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** One realistic instance of every generated record type, built around a real paper of the corpus. */
final class SampleRecords {

    static final Instant PUBLISHED = Instant.parse("2024-10-22T17:59:41Z");
    static final Instant INGESTED = Instant.parse("2025-03-14T08:15:02.123Z");
    static final Instant WINDOW_START = Instant.parse("2025-03-14T00:00:00Z");
    static final Instant WINDOW_END = Instant.parse("2025-03-15T00:00:00Z");

    private SampleRecords() {}

    /** Every generated record type with a sample, nested types included. */
    static List<SpecificRecord> all() {
        CorpusPapers.Paper paper = CorpusPapers.first();
        return List.of(
                paperAbstract(paper),
                enrichedPaper(paper),
                classifiedPaper(paper),
                topicScore(),
                topicCount(),
                topicWindowCount(),
                topicTrend(),
                keywordTrend(),
                dailyDigest(paper),
                digestEntry(paper),
                digestPaper(paper),
                paperEngagement(),
                trendingPaper(paper),
                trendingPapers(paper));
    }

    static PaperAbstract paperAbstract(CorpusPapers.Paper paper) {
        return PaperAbstract.newBuilder()
                .setId("2410.17215")
                .setTitle(paper.title())
                .setAbstract$(paper.abstractText())
                .setAuthors(
                        List.of("Yuxian Gu", "Hao Zhou", "Fandong Meng", "Jie Zhou", "Minlie Huang", "Zoë Ångström"))
                .setCategories(List.of("cs.CL", "cs.LG"))
                .setLinks(List.of("https://arxiv.org/abs/2410.17215", "https://github.com/thu-coai/MiniPLM"))
                .setSource("trending-page")
                .setSourceUri("file:/work/shared/corpus/trending-papers.txt#L11")
                .setPublishedAt(PUBLISHED)
                .setIngestedAt(INGESTED)
                .build();
    }

    static EnrichedPaper enrichedPaper(CorpusPapers.Paper paper) {
        return EnrichedPaper.newBuilder()
                .setPaper(paperAbstract(paper))
                .setUrls(List.of("https://github.com/thu-coai/MiniPLM"))
                .setCodeUrls(List.of("https://github.com/thu-coai/MiniPLM"))
                .setArxivId("2410.17215")
                .setCodeReleased(true)
                .setDataReleased(true)
                .setWordCount(paper.abstractText().split("\\s+").length)
                .setKeyphrases(List.of("knowledge distillation", "pre-training", "student language models"))
                .setContentHash("9f2c1e7a4b8d03f6")
                .build();
    }

    static TopicScore topicScore() {
        return TopicScore.newBuilder()
                .setId("nlp.language-models")
                .setScore(7.25)
                .setEvidence(List.of("language models", "pre-training", "distillation"))
                .build();
    }

    static ClassifiedPaper classifiedPaper(CorpusPapers.Paper paper) {
        return ClassifiedPaper.newBuilder()
                .setPaper(enrichedPaper(paper))
                .setPrimaryTopic("nlp.language-models")
                .setTopics(List.of(
                        topicScore(),
                        TopicScore.newBuilder()
                                .setId("ml.efficiency")
                                .setScore(3.5)
                                .setEvidence(List.of("computation"))
                                .build()))
                .setTaxonomyVersion("2025.03")
                .build();
    }

    static TopicCount topicCount() {
        return TopicCount.newBuilder()
                .setTopic("nlp.language-models")
                .setPrimaryCount(41)
                .setAnyCount(63)
                .build();
    }

    static TopicWindowCount topicWindowCount() {
        return TopicWindowCount.newBuilder()
                .setTopic("cv.medical-imaging")
                .setWindowStart(WINDOW_START)
                .setWindowEnd(WINDOW_END)
                .setPrimaryCount(4)
                .setAnyCount(6)
                .setFinal$(false)
                .build();
    }

    static TopicTrend topicTrend() {
        return TopicTrend.newBuilder()
                .setTopic("nlp.language-models")
                .setWindowStart(WINDOW_START)
                .setWindowEnd(WINDOW_END)
                .setCount(17)
                .setBaseline(6.4)
                .setScore(2.81)
                .setRank(1)
                .setBaselineWindows(7)
                .build();
    }

    static KeywordTrend keywordTrend() {
        return KeywordTrend.newBuilder()
                .setKeyphrase("knowledge distillation")
                .setWindowStart(WINDOW_START)
                .setWindowEnd(WINDOW_END)
                .setCount(5)
                .setBaseline(1.2)
                .setScore(3.9)
                .setRank(2)
                .setBaselineWindows(7)
                .build();
    }

    static DigestPaper digestPaper(CorpusPapers.Paper paper) {
        return DigestPaper.newBuilder()
                .setId("2410.17215")
                .setTitle(paper.title())
                .setUrl("https://arxiv.org/abs/2410.17215")
                .setCodeUrl(null)
                .build();
    }

    static DigestEntry digestEntry(CorpusPapers.Paper paper) {
        return DigestEntry.newBuilder()
                .setKey("nlp.language-models")
                .setLabel("Language models")
                .setCount(17)
                .setBaseline(6.4)
                .setScore(2.81)
                .setRank(1)
                .setPapers(List.of(digestPaper(paper)))
                .build();
    }

    static DailyDigest dailyDigest(CorpusPapers.Paper paper) {
        return DailyDigest.newBuilder()
                .setDay("2025-03-14")
                .setWindowStart(WINDOW_START)
                .setWindowEnd(WINDOW_END)
                .setPapersInWindow(116)
                .setTopics(List.of(digestEntry(paper)))
                .setKeyphrases(List.of(DigestEntry.newBuilder()
                        .setKey("knowledge distillation")
                        .setLabel("knowledge distillation")
                        .setCount(5)
                        .setBaseline(1.2)
                        .setScore(3.9)
                        .setRank(1)
                        .setPapers(List.of())
                        .build()))
                .build();
    }

    static PaperEngagement paperEngagement() {
        return PaperEngagement.newBuilder()
                .setPaperId("2410.17215")
                .setSource("hf-daily")
                .setObservedAt(INGESTED)
                .setUpvotes(42L)
                .setGithubStars(310L)
                .setComments(null)
                .setSourceUri("https://huggingface.co/api/daily_papers")
                .build();
    }

    static TrendingPaper trendingPaper(CorpusPapers.Paper paper) {
        return TrendingPaper.newBuilder()
                .setRank(1)
                .setPaperId("2410.17215")
                .setTitle(paper.title())
                .setPrimaryTopic("nlp.language-models")
                .setScore(87.5)
                .setUpvotesGain(60)
                .setStarsGain(40)
                .setUrl("https://arxiv.org/abs/2410.17215")
                .setCodeUrl("https://github.com/thu-coai/MiniPLM")
                .build();
    }

    static TrendingPapers trendingPapers(CorpusPapers.Paper paper) {
        return TrendingPapers.newBuilder()
                .setComputedAt(WINDOW_END)
                .setHorizonStart(WINDOW_START)
                .setPapers(List.of(trendingPaper(paper)))
                .build();
    }
}
