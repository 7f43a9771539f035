package io.paperstream.classify;

import java.util.List;
import java.util.Map;

/**
 * One research area of a {@link Taxonomy}: its stable id, a display name, the scope it covers,
 * and the weighted vocabulary whose occurrences in a paper's title and abstract are its evidence.
 *
 * @param id stable id used in records, keys and dashboards, e.g. {@code "nlp"}
 * @param name display name
 * @param scope what the topic covers, in words
 * @param terms words and phrases with their weight; a negative weight is evidence against the topic
 * @param contextTerms terms that only count near a cue word (e.g. "dataset" near "introduce")
 * @param categories source categories (arXiv's {@code cs.CV}, or {@code q-bio.*} for a whole archive)
 *     with a weight: a paper listed in one has the topic's text score scaled by 1 + weight (a prior
 *     the text can outweigh; it never creates a topic the text gives no evidence for)
 */
public record ResearchTopic(
        String id,
        String name,
        String scope,
        Map<String, Double> terms,
        List<ContextTerms> contextTerms,
        Map<String, Double> categories) {

    public ResearchTopic {
        terms = terms == null ? Map.of() : Taxonomy.orderedCopy(terms);
        contextTerms = contextTerms == null ? List.of() : List.copyOf(contextTerms);
        categories = categories == null ? Map.of() : Taxonomy.orderedCopy(categories);
    }
}
