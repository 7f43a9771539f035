package io.paperstream.streams;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestEntry;
import io.paperstream.avro.DigestPaper;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicTrend;
import io.paperstream.avro.TrendingPaper;
import io.paperstream.trends.TrendScore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Turns the scored risers of a closed window into the records of trends.topics, trends.keywords and digests.daily. */
final class TrendRecords {

    private TrendRecords() {}

    static TopicTrend topicTrend(TrendScore score, long windowStart, long windowEnd) {
        return TopicTrend.newBuilder()
                .setTopic(score.key())
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setCount(score.count())
                .setBaseline(score.baseline())
                .setScore(score.score())
                .setRank(score.rank())
                .setBaselineWindows(score.baselineWindows())
                .build();
    }

    static KeywordTrend keywordTrend(TrendScore score, long windowStart, long windowEnd) {
        return KeywordTrend.newBuilder()
                .setKeyphrase(score.key())
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setCount(score.count())
                .setBaseline(score.baseline())
                .setScore(score.score())
                .setRank(score.rank())
                .setBaselineWindows(score.baselineWindows())
                .build();
    }

    /** The ISO date (UTC) of the day a window starts in: the key of its digest. */
    static String day(long windowStart) {
        return Instant.ofEpochMilli(windowStart)
                .atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .toString();
    }

    /** The digest of a window, laid out as {@code layout} says, from its papers and its rising topics and keyphrases. */
    static DailyDigest digest(
            long windowStart,
            long windowEnd,
            WindowPapers papers,
            List<TrendScore> topics,
            List<TrendScore> keyphrases,
            List<TrendingPaper> trendingPapers,
            DigestLayout layout) {
        int shown = layout.papersPerEntry();
        List<DigestEntry> topicEntries = topics.stream()
                .limit(layout.topN())
                .map(t -> entry(t, layout.topicLabel().apply(t.key()), papers.representativesOfTopic(t.key(), shown)))
                .toList();
        List<DigestEntry> keyphraseEntries = keyphrases.stream()
                .limit(layout.topN())
                .map(k -> entry(k, k.key(), papers.representativesOfKeyphrase(k.key(), shown)))
                .toList();
        return DailyDigest.newBuilder()
                .setDay(day(windowStart))
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setPapersInWindow(papers.size())
                .setTopics(topicEntries)
                .setKeyphrases(keyphraseEntries)
                .setTrendingPapers(trendingPapers)
                .build();
    }

    private static DigestEntry entry(TrendScore score, String label, List<PaperSighting> representatives) {
        List<DigestPaper> shown = representatives.stream()
                .map(p -> DigestPaper.newBuilder()
                        .setId(p.paperId())
                        .setTitle(p.title())
                        .setUrl(p.url())
                        .setCodeUrl(p.codeUrl())
                        .build())
                .toList();
        return DigestEntry.newBuilder()
                .setKey(score.key())
                .setLabel(label)
                .setCount(score.count())
                .setBaseline(score.baseline())
                .setScore(score.score())
                .setRank(score.rank())
                .setPapers(shown)
                .build();
    }
}
