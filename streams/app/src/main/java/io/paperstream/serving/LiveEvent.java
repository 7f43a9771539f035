package io.paperstream.serving;

/**
 * One update of the live stream ({@code GET /api/stream}): the Server-Sent Events event name and
 * its data, an {@link ApiModel} record.
 *
 * @param type one of the constants below
 * @param data what changed
 */
public record LiveEvent(String type, Object data) {

    /** A new or revised paper: {@link ApiModel.PaperSummaryView}. */
    public static final String PAPER = "paper";
    /** A topic's all-time count changed: {@link ApiModel.TopicCountView}. */
    public static final String COUNT = "count";
    /** A window closed with its final count of a topic: {@link ApiModel.ClosedWindowView}. */
    public static final String WINDOW = "window";
    /** A rising topic of a closed window: {@link ApiModel.TrendView}. */
    public static final String TOPIC_TREND = "trend";
    /** A rising keyphrase of a closed window: {@link ApiModel.TrendView}. */
    public static final String KEYWORD_TREND = "keyword";
    /** A closed window's digest, after its trends: {@link ApiModel.DigestView}. */
    public static final String DIGEST = "digest";
}
