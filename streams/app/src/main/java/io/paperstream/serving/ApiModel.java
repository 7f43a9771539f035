package io.paperstream.serving;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the serving API and of the live stream: plain records that Jackson writes
 * (instants as ISO-8601 text) and reads back when one instance asks another.
 */
public final class ApiModel {

    private ApiModel() {}

    /** All-time count of one topic ({@code GET /api/topics}, SSE {@code count}). */
    public record TopicCountView(String topic, String label, long primaryCount, long anyCount) {}

    /** The answer of {@code GET /api/topics}. */
    public record TopicsView(List<TopicCountView> topics) {}

    /** Count of a topic in one window. */
    public record WindowCountView(Instant windowStart, Instant windowEnd, long primaryCount, long anyCount) {}

    /** The answer of {@code GET /api/topics/{id}/windows}: every window start from {@code from} to {@code to}, zeros included. */
    public record TopicWindowsView(
            String topic, String label, Instant from, Instant to, List<WindowCountView> windows) {}

    /** Papers with a keyphrase in one closed window. */
    public record KeywordWindowView(Instant windowStart, Instant windowEnd, long count) {}

    /** The answer of {@code GET /api/keywords/{phrase}/windows}: every window start from {@code from} to {@code to}, zeros included. */
    public record KeywordWindowsView(String keyphrase, Instant from, Instant to, List<KeywordWindowView> windows) {}

    /** A closed window's final count of one topic (SSE {@code window}). */
    public record ClosedWindowView(
            String topic, String label, Instant windowStart, Instant windowEnd, long primaryCount, long anyCount) {}

    /** A rising topic or keyphrase of one closed window (SSE {@code trend} and {@code keyword}). */
    public record TrendView(
            String key,
            String label,
            Instant windowStart,
            Instant windowEnd,
            long count,
            double baseline,
            double score,
            int rank,
            int baselineWindows) {}

    /**
     * The answer of {@code GET /api/trends}: the risers of one closed window by rank; window and
     * trends are empty when no window has closed yet.
     */
    public record TrendsView(String kind, Instant windowStart, Instant windowEnd, List<TrendView> trends) {}

    /** A closed window with its papers and its risers of one kind by rank. */
    public record WindowTrendsView(
            Instant windowStart, Instant windowEnd, long papersInWindow, List<TrendView> trends) {}

    /**
     * The answer of {@code GET /api/trends/history}: every closed window starting from {@code from} to {@code to},
     * oldest first; {@code from} and {@code to} are null before any window closed.
     */
    public record TrendHistoryView(String kind, Instant from, Instant to, List<WindowTrendsView> windows) {}

    /**
     * One topic on the timeline: its count in each window of the timeline (papers with it as primary or any
     * topic), and the windows in which it was reported rising.
     */
    public record TopicTimelineView(
            String topic, String label, List<Long> anyCounts, List<Long> primaryCounts, List<TrendView> rising) {}

    /**
     * The answer of {@code GET /api/timeline}: the window starts from {@code from} to {@code to} and every topic
     * with a paper in them, most papers first; each topic's counts follow {@code windows}.
     */
    public record TimelineView(Instant from, Instant to, List<Instant> windows, List<TopicTimelineView> topics) {}

    /** A topic of a paper, with the classifier's score, the terms that scored and the source categories that weighed. */
    public record PaperTopicView(
            String id, String label, double score, List<String> evidence, List<String> categories) {}

    /** A classified paper in full ({@code GET /api/papers/{id}}). */
    public record PaperView(
            String id,
            String title,
            @JsonProperty("abstract") String abstractText,
            List<String> authors,
            List<String> categories,
            Instant publishedAt,
            Instant ingestedAt,
            String source,
            String url,
            String arxivId,
            List<String> urls,
            List<String> codeUrls,
            boolean codeReleased,
            boolean dataReleased,
            int wordCount,
            List<String> keyphrases,
            String primaryTopic,
            List<PaperTopicView> topics,
            String taxonomyVersion) {}

    /** A topic chip of a paper in a list. */
    public record TopicChipView(String id, String label) {}

    /** A paper as listed ({@code GET /api/papers}, SSE {@code paper}): no abstract. */
    public record PaperSummaryView(
            String id,
            String title,
            String url,
            List<String> codeUrls,
            Instant publishedAt,
            Instant ingestedAt,
            String primaryTopic,
            List<TopicChipView> topics,
            List<String> keyphrases) {}

    /**
     * The answer of {@code GET /api/papers}: the matching papers, most recently published first; {@code nextCursor}
     * asks for the next page ({@code cursor=}), null when this page is the last.
     */
    public record PapersView(List<PaperSummaryView> papers, String nextCursor) {}

    /** A paper as shown in a digest. */
    public record DigestPaperView(String id, String title, String url, String codeUrl) {}

    /** A rising topic or keyphrase of a digest with its representative papers. */
    public record DigestEntryView(
            String key,
            String label,
            long count,
            double baseline,
            double score,
            int rank,
            List<DigestPaperView> papers) {}

    /** A closed window's digest ({@code GET /api/digest/latest}, SSE {@code digest}). */
    public record DigestView(
            String day,
            Instant windowStart,
            Instant windowEnd,
            long papersInWindow,
            List<DigestEntryView> topics,
            List<DigestEntryView> keyphrases,
            List<TrendingPaperView> trendingPapers) {}

    /** A paper of the trending ranking. */
    public record TrendingPaperView(
            int rank,
            String id,
            String title,
            String topic,
            String topicLabel,
            double score,
            long upvotesGain,
            long starsGain,
            String url,
            String codeUrl) {}

    /**
     * The answer of {@code GET /api/papers/trending}: the latest ranking by engagement velocity ({@code computedAt}
     * null and no papers before any).
     */
    public record TrendingPapersView(Instant computedAt, Instant horizonStart, List<TrendingPaperView> papers) {}

    /** Every error answer: a stable code ({@code not_found}, {@code bad_request}, {@code unavailable}, ...) and a sentence. */
    public record ErrorView(String error, String message) {}

    /** The answer of {@code /health} and {@code /ready}. */
    public record StatusView(String status, String state, String reason) {}
}
