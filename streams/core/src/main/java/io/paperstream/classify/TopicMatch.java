package io.paperstream.classify;

import java.util.List;

/**
 * One topic the classifier assigned to a paper: how strongly it matched, and on which terms.
 *
 * @param id taxonomy id of the topic
 * @param score classifier score, higher is stronger (sum of the weights of the matched terms,
 *              title matches weighted more, repeated terms with diminishing returns, scaled by
 *              the weights of the paper's mapped categories)
 * @param evidence the matched terms that scored for the topic, strongest first: why the paper got it
 * @param categories the paper's source categories that weighed for the topic through the
 *     taxonomy's category mapping, in the paper's order; empty when none did
 */
public record TopicMatch(String id, double score, List<String> evidence, List<String> categories) {

    public TopicMatch {
        evidence = List.copyOf(evidence);
        categories = List.copyOf(categories);
    }
}
