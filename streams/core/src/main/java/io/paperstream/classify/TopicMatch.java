package io.paperstream.classify;

import java.util.List;

/**
 * One topic the classifier assigned to a paper: how strongly it matched, and on which terms.
 *
 * @param id taxonomy id of the topic
 * @param score classifier score, higher is stronger (sum of the weights of the matched terms,
 *              title matches weighted more, repeated terms with diminishing returns)
 * @param evidence the matched terms that scored for the topic, strongest first: why the paper got it
 */
public record TopicMatch(String id, double score, List<String> evidence) {

    public TopicMatch {
        evidence = List.copyOf(evidence);
    }
}
