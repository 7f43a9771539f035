package io.paperstream.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseAutomatonTest {

    // tokens: 0 mixture, 1 of, 2 expert, 3 language, 4 model, 5 large
    private final PhraseAutomaton automaton = PhraseAutomaton.of(
            List.of(new int[] {0, 1, 2}, new int[] {2}, new int[] {3, 4}, new int[] {5, 3, 4}, new int[] {4}));

    /** The longest phrase ending at each token, or -1. */
    private List<Integer> matches(int... tokens) {
        List<Integer> out = new ArrayList<>();
        int state = PhraseAutomaton.START;
        for (int token : tokens) {
            state = automaton.step(state, token);
            out.add(automaton.longestMatch(state));
        }
        return out;
    }

    @Test
    void reportsTheLongestPhraseEndingAtEachToken() {
        assertThat(matches(0, 1, 2)).containsExactly(-1, -1, 0);
        assertThat(matches(5, 3, 4)).containsExactly(-1, -1, 3);
        assertThat(matches(3, 4)).containsExactly(-1, 2);
    }

    @Test
    void followsFailureLinksIntoOverlappingPhrases() {
        // "large large language model": the second "large" restarts the long phrase
        assertThat(matches(5, 5, 3, 4)).containsExactly(-1, -1, -1, 3);
        // "mixture mixture of expert"
        assertThat(matches(0, 0, 1, 2)).containsExactly(-1, -1, -1, 0);
        // "mixture of model": the partial phrase fails, the single-token phrase still matches
        assertThat(matches(0, 1, 4)).containsExactly(-1, -1, 4);
    }

    @Test
    void unknownTokensRestart() {
        assertThat(matches(0, -1, 1, 2)).containsExactly(-1, -1, -1, 1);
        assertThat(automaton.phraseLength(3)).isEqualTo(3);
    }

    @Test
    void rejectsEmptyPhrasesAndNegativeIds() {
        assertThatThrownBy(() -> PhraseAutomaton.of(List.of(new int[0]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhraseAutomaton.of(List.<int[]>of(new int[] {1, -2})))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
