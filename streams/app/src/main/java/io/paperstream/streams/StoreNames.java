package io.paperstream.streams;

import java.util.List;

/**
 * The name of every state store of the application, in one place: the stages that build the
 * stores and the serving layer that queries them both read them here. Store names are part of the
 * application's identity (changelog topics are named after them): renaming one loses its state.
 */
public final class StoreNames {

    /** Count changes summed per topic and slice of event time until the next flush (classify stage's tasks). */
    public static final String TOPIC_DELTA_BUFFER = "topic-delta-buffer";
    /** All-time count per topic (count stage). */
    public static final String TOPIC_COUNTS = "topic-counts";
    /** Count per topic per window, final on window close (count stage). */
    public static final String TOPIC_WINDOW_COUNTS = "topic-window-counts";
    /** How far each raw partition's changes reached, which closes the count stage's windows. */
    public static final String TOPIC_WINDOW_SOURCES = "topic-window-sources";
    /** Papers sighted per open window (trends stage). */
    public static final String TREND_WINDOW_PAPERS = "trend-window-papers";
    /** Exponentially weighted baseline of every topic and keyphrase (trends stage). */
    public static final String TREND_BASELINES = "trend-baselines";
    /** The first window the application closed, from which every key's history is counted (trends stage). */
    public static final String TREND_HISTORY = "trend-history";
    /** Papers per keyphrase in each closed window, kept for the window retention (trends stage, one partition). */
    public static final String KEYPHRASE_WINDOW_COUNTS = "keyphrase-window-counts";
    /** Engagement observations of each paper observed within the horizon, by paper id (classify stage's tasks). */
    public static final String TRENDING_HISTORIES = "trending-histories";
    /** Card and engagement of each paper with engagement within the horizon (trending stage, one partition). */
    public static final String TRENDING_CANDIDATES = "trending-candidates";
    /** The last ranking written to papers.trending, under {@code latest} (trending stage, one partition). */
    public static final String TRENDING_RANKING = "trending-ranking";
    /**
     * Current version of every classified paper, by paper id (classify stage: dedupe and revisions read it, the
     * trending stage takes cards from it, the serving API answers from it). Named when only the API read it;
     * the name stays, as renaming a store loses its state.
     */
    public static final String SERVED_PAPERS = "served-papers";
    /** Rising topics of each closed window, by window start and rank (serving stage, one partition). */
    public static final String SERVED_TOPIC_TRENDS = "served-topic-trends";
    /** Rising keyphrases of each closed window, by window start and rank (serving stage, one partition). */
    public static final String SERVED_KEYWORD_TRENDS = "served-keyword-trends";
    /** Digest of each closed window, by window start (serving stage, one partition). */
    public static final String SERVED_DIGESTS = "served-digests";

    /** Every store the serving API queries: {@code /ready} checks them all. */
    public static final List<String> QUERIED = List.of(
            SERVED_PAPERS,
            TOPIC_COUNTS,
            TOPIC_WINDOW_COUNTS,
            KEYPHRASE_WINDOW_COUNTS,
            SERVED_TOPIC_TRENDS,
            SERVED_KEYWORD_TRENDS,
            SERVED_DIGESTS,
            TRENDING_RANKING);

    /** The window stores among {@link #QUERIED}; the others are key-value stores. */
    public static final List<String> WINDOWED = List.of(TOPIC_WINDOW_COUNTS, KEYPHRASE_WINDOW_COUNTS);

    private StoreNames() {}
}
