package io.paperstream.classify;

import io.paperstream.text.PhraseAutomaton;
import io.paperstream.text.TokenVocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link Taxonomy} turned into the structures the classifier's hot path reads: a vocabulary of
 * every term and cue token, one Aho–Corasick automaton over all term phrases, and per phrase its
 * postings (topic, weight, required cue group), and the topic weights of source categories.
 * Immutable; shared by all classifier calls.
 */
final class CompiledTaxonomy {

    /** Cue group of a posting that needs no cue. */
    static final int NO_CUE = -1;

    /** Cue group of a posting that counts only in the title. */
    static final int TITLE_ONLY = -2;

    final Taxonomy taxonomy;
    final TokenVocabulary vocabulary;
    final PhraseAutomaton automaton;
    final String[] topicIds;
    /** Display text of each phrase (as first written in the taxonomy). */
    final String[] phraseText;
    /** Postings of phrase p are {@code postingStart[p] .. postingStart[p + 1] - 1}. */
    final int[] postingStart;

    final int[] postingTopic;
    final int[] postingPhrase;
    final double[] postingWeight;
    /** {@link #NO_CUE}, {@link #TITLE_ONLY}, or the cue group an abstract occurrence needs nearby. */
    final int[] postingCue;
    /** Whether a title occurrence of the posting counts without its cue. */
    final boolean[] postingFreeInTitle;
    /** Bit set of the cue groups each vocabulary token belongs to. */
    final int[] cueMaskOfToken;

    final int[] cueWindow;
    final int fallbackTopic;
    final int[] precedenceTopic;
    final double[] precedenceRatio;
    final double[] precedenceMinimum;
    final boolean[][] precedenceOver;
    final CategoryPriors categoryPriors;

    CompiledTaxonomy(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        topicIds = taxonomy.topics().stream().map(ResearchTopic::id).toArray(String[]::new);
        Map<String, Integer> topicIndex = new HashMap<>();
        for (int t = 0; t < topicIds.length; t++) {
            topicIndex.put(topicIds[t], t);
        }
        List<String> cueNames = new ArrayList<>(taxonomy.cues().keySet());
        TokenVocabulary.Builder words = new TokenVocabulary.Builder();
        PhraseTable phrases = phrases(taxonomy, cueNames, words);
        cueWindow = cueNames.stream()
                .mapToInt(name -> taxonomy.cues().get(name).window())
                .toArray();
        Map<Integer, Integer> cueMasks = cueMasks(taxonomy, cueNames, words);
        vocabulary = words.build();
        cueMaskOfToken = new int[vocabulary.size()];
        cueMasks.forEach((id, mask) -> cueMaskOfToken[id] = mask);
        automaton = PhraseAutomaton.of(phrases.tokenIds);
        phraseText = phrases.text.toArray(String[]::new);
        int postings = phrases.postings.stream().mapToInt(List::size).sum();
        postingStart = new int[phraseText.length + 1];
        postingTopic = new int[postings];
        postingPhrase = new int[postings];
        postingWeight = new double[postings];
        postingCue = new int[postings];
        postingFreeInTitle = new boolean[postings];
        flattenPostings(phrases);
        fallbackTopic = topicIndex.get(taxonomy.fallbackTopic());
        int rules = taxonomy.precedence().size();
        precedenceTopic = new int[rules];
        precedenceRatio = new double[rules];
        precedenceMinimum = new double[rules];
        precedenceOver = new boolean[rules][topicIds.length];
        compilePrecedence(taxonomy, topicIndex);
        categoryPriors = new CategoryPriors(taxonomy.topics());
    }

    /** Every term of every topic, context terms with the index of their cue group. */
    private static PhraseTable phrases(Taxonomy taxonomy, List<String> cueNames, TokenVocabulary.Builder words) {
        PhraseTable phrases = new PhraseTable(words);
        List<ResearchTopic> topics = taxonomy.topics();
        for (int t = 0; t < topics.size(); t++) {
            ResearchTopic topic = topics.get(t);
            for (Map.Entry<String, Double> term : topic.terms().entrySet()) {
                phrases.add(term.getKey(), t, term.getValue(), NO_CUE, true);
            }
            for (ContextTerms context : topic.contextTerms()) {
                int cue = context.near() == null ? TITLE_ONLY : cueNames.indexOf(context.near());
                for (Map.Entry<String, Double> term : context.terms().entrySet()) {
                    phrases.add(term.getKey(), t, term.getValue(), cue, context.anywhereInTitle());
                }
            }
        }
        return phrases;
    }

    /** For each cue word's token id, the bit mask of the cue groups it belongs to. */
    private static Map<Integer, Integer> cueMasks(
            Taxonomy taxonomy, List<String> cueNames, TokenVocabulary.Builder words) {
        Map<Integer, Integer> cueMasks = new HashMap<>();
        for (int g = 0; g < cueNames.size(); g++) {
            for (String word : taxonomy.cues().get(cueNames.get(g)).words()) {
                int id = words.add(Taxonomy.tokens(word).get(0));
                cueMasks.merge(id, 1 << g, (a, b) -> a | b);
            }
        }
        return cueMasks;
    }

    /** Lays the postings of every phrase out in the flat posting arrays, phrase by phrase. */
    private void flattenPostings(PhraseTable phrases) {
        int at = 0;
        for (int p = 0; p < phraseText.length; p++) {
            postingStart[p] = at;
            for (Posting posting : phrases.postings.get(p)) {
                postingTopic[at] = posting.topic;
                postingPhrase[at] = p;
                postingWeight[at] = posting.weight;
                postingCue[at] = posting.cue;
                postingFreeInTitle[at] = posting.freeInTitle;
                at++;
            }
        }
        postingStart[phraseText.length] = at;
    }

    /** Fills the precedence arrays from the taxonomy's ordered rules. */
    private void compilePrecedence(Taxonomy taxonomy, Map<String, Integer> topicIndex) {
        List<PrecedenceRule> rules = taxonomy.precedence();
        for (int r = 0; r < rules.size(); r++) {
            PrecedenceRule rule = rules.get(r);
            precedenceTopic[r] = topicIndex.get(rule.topic());
            precedenceRatio[r] = rule.ratio();
            precedenceMinimum[r] = Math.max(rule.minimum(), taxonomy.scoring().primaryMinimum());
            for (int t = 0; t < topicIds.length; t++) {
                precedenceOver[r][t] = rule.appliesOver(topicIds[t]);
            }
        }
    }

    /** Collects distinct phrases and their postings while the taxonomy is compiled. */
    private static final class PhraseTable {
        private final TokenVocabulary.Builder words;
        private final Map<List<String>, Integer> index = new HashMap<>();
        final List<int[]> tokenIds = new ArrayList<>();
        final List<String> text = new ArrayList<>();
        final List<List<Posting>> postings = new ArrayList<>();

        PhraseTable(TokenVocabulary.Builder words) {
            this.words = words;
        }

        void add(String term, int topic, double weight, int cue, boolean freeInTitle) {
            List<String> tokens = Taxonomy.tokens(term);
            Integer phrase = index.get(tokens);
            if (phrase == null) {
                phrase = text.size();
                index.put(tokens, phrase);
                tokenIds.add(tokens.stream().mapToInt(words::add).toArray());
                text.add(term.toLowerCase(Locale.ROOT));
                postings.add(new ArrayList<>(1));
            }
            for (Posting posting : postings.get(phrase)) {
                // spelling variants of one term in one topic ("LLM", "LLMs") count once, at the larger weight
                if (posting.topic == topic && posting.cue == cue && posting.freeInTitle == freeInTitle) {
                    posting.weight = Math.max(posting.weight, weight);
                    return;
                }
            }
            postings.get(phrase).add(new Posting(topic, weight, cue, freeInTitle));
        }
    }

    /** One topic's weight for a phrase while the taxonomy is compiled. */
    private static final class Posting {
        final int topic;
        double weight;
        final int cue;
        final boolean freeInTitle;

        Posting(int topic, double weight, int cue, boolean freeInTitle) {
            this.topic = topic;
            this.weight = weight;
            this.cue = cue;
            this.freeInTitle = freeInTitle;
        }
    }
}
