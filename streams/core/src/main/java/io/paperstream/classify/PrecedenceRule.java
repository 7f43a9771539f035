package io.paperstream.classify;

import java.util.List;

/**
 * A rule for choosing the primary topic when several apply (taxonomy.md "Choosing the primary
 * topic"): {@code topic} becomes primary instead of the current primary, if that is one of
 * {@code over}, once its score reaches both {@code ratio} times the best score of the paper and
 * {@code minimum}. Rules apply in the order the taxonomy lists them, each to the primary the
 * previous ones left. {@code "*"} in {@code over} stands for any topic.
 *
 * @param topic id of the topic that takes precedence
 * @param over ids of the topics it takes precedence over, or {@code ["*"]}
 * @param ratio minimum share of the paper's best topic score
 * @param minimum minimum absolute score (0 when absent: then only the taxonomy's primaryMinimum applies)
 */
public record PrecedenceRule(String topic, List<String> over, double ratio, Double minimum) {

    /** Stands for every topic in {@link #over()}. */
    public static final String ANY = "*";

    public PrecedenceRule {
        over = over == null ? List.of() : List.copyOf(over);
        minimum = minimum == null ? 0.0 : minimum;
    }

    /** Whether this rule may replace a primary topic with id {@code primary}. */
    public boolean appliesOver(String primary) {
        return !primary.equals(topic) && (over.contains(ANY) || over.contains(primary));
    }
}
