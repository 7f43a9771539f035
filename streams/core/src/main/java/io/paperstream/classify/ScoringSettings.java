package io.paperstream.classify;

/**
 * How topic scores are turned into a primary topic and secondary topics.
 *
 * @param titleWeight factor on a term's weight when it occurs in the title
 * @param primaryMinimum below this best score the paper gets the taxonomy's fallback topic
 * @param secondaryRelative a secondary topic needs at least this share of the best score
 * @param secondaryMinimum and at least this absolute score (a passing mention is not enough)
 * @param maxTopics most topics assigned to one paper, primary included
 */
public record ScoringSettings(
        double titleWeight, double primaryMinimum, double secondaryRelative, double secondaryMinimum, int maxTopics) {}
