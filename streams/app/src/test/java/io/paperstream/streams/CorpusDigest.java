package io.paperstream.streams;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.PaperEngagement;
import io.paperstream.classify.TrendingCorpus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A daily digest made by the whole application ({@link PipelineTopology} in {@link PipelineDriver}) from the
 * real corpus: every paper published on one day, that day then closed by a later paper. The history is that one
 * day, so the trend thresholds are lowered to let the day's largest topics and keyphrases rise. Three of its
 * papers gain upvotes or stars during the day, so the digest has trending papers.
 */
public final class CorpusDigest {

    /** The corpus's day. */
    public static final Instant DAY = Instant.parse("2026-03-14T00:00:00Z");

    private CorpusDigest() {}

    /** The digest of {@link #DAY}, as digests.daily holds it. */
    public static DailyDigest ofOneDay() {
        Map<String, String> lowThresholds = Map.of(
                StreamsSettings.TRENDS_MIN_BASELINE_WINDOWS.name(), "0",
                StreamsSettings.TRENDS_MIN_COUNT.name(), "3",
                StreamsSettings.TRENDS_MIN_SCORE.name(), "1");
        try (PipelineDriver pipeline = PipelineDriver.full(lowThresholds)) {
            List<TrendingCorpus.Paper> corpus = TestPapers.CORPUS;
            for (int i = 0; i < corpus.size(); i++) {
                // arXiv-style ids, as papers from arXiv sources have: the digest links their abstract pages
                String id = String.format(Locale.ROOT, "2603.%05d", i + 1);
                pipeline.pipeRaw(TestPapers.paperAbstract(id, corpus.get(i), DAY.plus(Duration.ofMinutes(10L * i))));
            }
            engage(pipeline, "2603.00001", 40, 0);
            engage(pipeline, "2603.00002", 12, 0);
            engage(pipeline, "2603.00003", 0, 25);
            // past the day's end plus the grace: the day's window closes
            pipeline.pipeRaw(TestPapers.paperAbstract("closing", corpus.get(0), DAY.plus(Duration.ofHours(26))));
            List<DailyDigest> digests = pipeline.digests().readValuesToList();
            if (digests.size() != 1) {
                throw new AssertionError("expected the digest of one day, got " + digests.size());
            }
            return digests.get(0);
        }
    }

    /** A paper observed without engagement at 20:00, then with {@code upvotes} and {@code stars} at 22:00. */
    private static void engage(PipelineDriver pipeline, String id, long upvotes, long stars) {
        for (long[] observation : new long[][] {{20, 0, 0}, {22, upvotes, stars}}) {
            pipeline.pipeEngagement(PaperEngagement.newBuilder()
                    .setPaperId(id)
                    .setSource("hf-daily")
                    .setObservedAt(DAY.plus(Duration.ofHours(observation[0])))
                    .setUpvotes(observation[1])
                    .setGithubStars(observation[2])
                    .build());
        }
    }
}
