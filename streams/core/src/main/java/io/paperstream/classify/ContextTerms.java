package io.paperstream.classify;

import java.util.Map;

/**
 * Terms of a topic that count only in context. With {@code near}, an occurrence counts when a word
 * of that cue group occurs within the group's window of tokens, in the same sentence: "dataset"
 * is evidence of a data contribution next to "introduce" or "construct", not in "evaluated on three
 * datasets". With {@code anywhereInTitle}, every occurrence in the title counts (a title naming a
 * "Dataset" or "Benchmark" announces one); without {@code near}, such terms count only in the title.
 *
 * @param near name of a cue group of the taxonomy, or null
 * @param anywhereInTitle whether occurrences in the title count without a cue (absent: false)
 * @param terms words and phrases with their weight
 */
public record ContextTerms(String near, Boolean anywhereInTitle, Map<String, Double> terms) {

    public ContextTerms {
        anywhereInTitle = Boolean.TRUE.equals(anywhereInTitle);
        terms = terms == null ? Map.of() : Taxonomy.orderedCopy(terms);
    }
}
