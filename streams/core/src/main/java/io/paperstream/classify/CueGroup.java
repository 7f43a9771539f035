package io.paperstream.classify;

import java.util.List;

/**
 * A named set of single cue words that {@link ContextTerms} require nearby.
 *
 * @param window how many tokens before or after a context term a cue word may be
 * @param words the cue words (each one token, e.g. "introduce", "construct", "release")
 */
public record CueGroup(int window, List<String> words) {

    public CueGroup {
        words = words == null ? List.of() : List.copyOf(words);
    }
}
