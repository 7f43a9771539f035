package io.paperstream.enrich;

import io.paperstream.text.TokenSink;
import io.paperstream.text.TokenVocabulary;
import io.paperstream.text.Tokenizer;
import java.util.Map;

/**
 * Detects statements that a paper's code or data is (or will be) released: "code is available
 * at ...", "code and models are publicly available", "we release our code", "the dataset will be
 * released", "Code: https://...". One pass over the tokens of the abstract, sentence by sentence:
 *
 * <ul>
 *   <li>a release verb (release, publish, share, open-sourcing) followed by a code or data noun;
 *   <li>a code or data noun followed by a form of "be" and then an availability word
 *       (available, released, public, accessible, found, open-sourced);
 *   <li>a code or data noun shortly followed by a URL, or by "available" and a URL.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ReleaseStatements {

    /** What the abstract says is released. */
    public record Released(boolean code, boolean data) {}

    private static final int CODE = 1;
    private static final int DATA = 2;
    private static final int BE = 4;
    private static final int AVAILABLE = 8;
    private static final int RELEASE_VERB = 16;

    /** Parts of every availability word, release verb and URL, in any capitalization they start a sentence with. */
    private static final String[] TRIGGERS = {
        "vailab", "ublic", "ublis", "ccessib", "ound", "ownload", "ourc", "hare", "haring", "eleas", "ttp", "TTP",
        "ww.", "WW."
    };

    private static final int VERB_TO_NOUN = 10;
    private static final int NOUN_TO_AVAILABLE = 10;
    private static final int NOUN_TO_URL = 3;

    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("code", CODE),
            Map.entry("implementation", CODE),
            Map.entry("codebase", CODE),
            Map.entry("toolkit", CODE),
            Map.entry("toolbox", CODE),
            Map.entry("software", CODE),
            Map.entry("dataset", DATA),
            Map.entry("data", DATA),
            Map.entry("benchmark", DATA),
            Map.entry("corpus", DATA),
            Map.entry("corpora", DATA),
            Map.entry("annotation", DATA),
            Map.entry("is", BE),
            Map.entry("are", BE),
            Map.entry("be", BE),
            Map.entry("been", BE),
            Map.entry("available", AVAILABLE),
            Map.entry("public", AVAILABLE),
            Map.entry("publicly", AVAILABLE),
            Map.entry("accessible", AVAILABLE),
            Map.entry("found", AVAILABLE),
            Map.entry("downloadable", AVAILABLE),
            Map.entry("sourced", AVAILABLE),
            Map.entry("opensourced", AVAILABLE),
            Map.entry("shared", AVAILABLE),
            Map.entry("released", AVAILABLE | RELEASE_VERB),
            Map.entry("release", RELEASE_VERB),
            Map.entry("releasing", RELEASE_VERB),
            Map.entry("publish", RELEASE_VERB),
            Map.entry("share", RELEASE_VERB),
            Map.entry("sharing", RELEASE_VERB),
            Map.entry("sourcing", RELEASE_VERB),
            Map.entry("opensource", RELEASE_VERB));

    private final TokenVocabulary vocabulary;
    private final int[] classOfToken;

    public ReleaseStatements() {
        TokenVocabulary.Builder builder = new TokenVocabulary.Builder();
        int[] classes = new int[WORDS.size()];
        WORDS.forEach((word, wordClass) -> classes[builder.add(word)] = wordClass);
        vocabulary = builder.build();
        classOfToken = classes;
    }

    /** What {@code abstractText} says is released; null text releases nothing. */
    public Released find(String abstractText) {
        int from = abstractText == null ? -1 : firstReleaseSentence(abstractText);
        if (from < 0) {
            return new Released(false, false);
        }
        Scan scan = new Scan();
        Tokenizer.scan(from == 0 ? abstractText : abstractText.substring(from), scan);
        return new Released(scan.code, scan.data);
    }

    /**
     * Where the first sentence that can state a release starts, or -1 when none can. Every rule
     * needs an availability word, a release verb or a URL in the sentence, and the scan forgets
     * everything at a sentence end, so the sentences before are skipped (usually all but the last).
     */
    static int firstReleaseSentence(String text) {
        int first = -1;
        for (String trigger : TRIGGERS) {
            int at = text.indexOf(trigger);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        int start = first;
        while (start > 0 && ".!?;".indexOf(text.charAt(start - 1)) < 0) {
            start--;
        }
        return start;
    }

    /** Positions of the last words of each kind in the current sentence; -1 when none. */
    private final class Scan implements TokenSink {
        boolean code;
        boolean data;
        private int position;
        private final int[] lastNoun = {-1, -1};
        private int lastBe = -1;
        private int lastAvailable = -1;
        private int lastVerb = -1;

        @Override
        public void token(char[] buffer, int length) {
            int id = vocabulary.idOf(buffer, length);
            int wordClass = id < 0 ? 0 : classOfToken[id];
            if ((wordClass & (CODE | DATA)) != 0) {
                int kind = (wordClass & CODE) != 0 ? 0 : 1;
                if (lastVerb >= 0 && position - lastVerb <= VERB_TO_NOUN) {
                    released(kind);
                }
                lastNoun[kind] = position;
            }
            if ((wordClass & BE) != 0) {
                lastBe = position;
            }
            if ((wordClass & AVAILABLE) != 0) {
                for (int kind = 0; kind < 2; kind++) {
                    if (lastNoun[kind] >= 0
                            && lastBe > lastNoun[kind]
                            && position - lastNoun[kind] <= NOUN_TO_AVAILABLE) {
                        released(kind);
                    }
                }
                lastAvailable = position;
            }
            if ((wordClass & RELEASE_VERB) != 0) {
                lastVerb = position;
            }
            position++;
        }

        @Override
        public void url() {
            for (int kind = 0; kind < 2; kind++) {
                boolean nounJustBefore = lastNoun[kind] >= 0 && position - lastNoun[kind] <= NOUN_TO_URL;
                boolean availableAt =
                        lastNoun[kind] >= 0 && lastAvailable > lastNoun[kind] && position - lastAvailable <= 2;
                if (nounJustBefore || availableAt) {
                    released(kind);
                }
            }
            position++;
        }

        @Override
        public void boundary(boolean sentenceEnd) {
            if (sentenceEnd) {
                lastNoun[0] = -1;
                lastNoun[1] = -1;
                lastBe = -1;
                lastAvailable = -1;
                lastVerb = -1;
            }
        }

        private void released(int kind) {
            if (kind == 0) {
                code = true;
            } else {
                data = true;
            }
        }
    }
}
