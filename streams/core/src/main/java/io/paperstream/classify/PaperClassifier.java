package io.paperstream.classify;

import io.paperstream.text.PhraseAutomaton;
import io.paperstream.text.TokenSink;
import io.paperstream.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Assigns research-area topics to a paper from its title and abstract: a primary topic and the
 * secondary topics it clearly concerns, each with a score and the matched terms as evidence.
 *
 * <p>One pass over the text: every token is looked up in the taxonomy's vocabulary and fed to one
 * Aho–Corasick automaton over all taxonomy phrases (longest match wins), so the cost is linear in
 * the text and independent of the number of terms; no regular expressions. The paper's source
 * categories (arXiv's {@code cs.CV}) that the taxonomy maps scale the text's score of their topics by
 * 1 + weight: a prior, not an override, so a category never gives a topic the text has no evidence
 * for, and a category mapped to several neighbours leaves the choice between them to the text.
 * Title matches weigh {@link ScoringSettings#titleWeight()} times more; a term repeated in the abstract adds with
 * diminishing returns (1 + ln n). The primary is the best-scoring topic, then adjusted by the
 * taxonomy's {@link PrecedenceRule precedence rules}; secondaries need both a share of the best
 * text score and an absolute minimum of their own text score.
 *
 * <p>Immutable and thread-safe: build one per taxonomy and call {@link #classify} from any thread
 * (each thread reuses its own scratch state, so a call allocates little beyond its result).
 */
public final class PaperClassifier {

    /** Most evidence terms reported per topic. */
    public static final int MAX_EVIDENCE = 8;

    // keeps cue windows from reaching from the title into the abstract
    private static final int TITLE_GAP = 1_000;

    private final CompiledTaxonomy compiled;
    private final ScoringSettings scoring;
    private final ThreadLocal<Scan> scratch;

    public PaperClassifier(Taxonomy taxonomy) {
        this.compiled = new CompiledTaxonomy(taxonomy);
        this.scoring = taxonomy.scoring();
        this.scratch = ThreadLocal.withInitial(() -> new Scan(compiled));
    }

    /** A classifier for the default taxonomy shipped with paperstream. */
    public static PaperClassifier withDefaultTaxonomy() {
        return new PaperClassifier(Taxonomy.loadDefault());
    }

    public Taxonomy taxonomy() {
        return compiled.taxonomy;
    }

    /**
     * Classifies one paper from its text alone.
     *
     * @param title the title, may be null or empty
     * @param abstractText the abstract, may be null or empty
     */
    public Classification classify(String title, String abstractText) {
        return classify(title, abstractText, List.of());
    }

    /**
     * Classifies one paper from its text and the categories its source gives.
     *
     * @param title the title, may be null or empty
     * @param abstractText the abstract, may be null or empty
     * @param categories source categories such as {@code cs.CV}, may be null or empty
     */
    public Classification classify(String title, String abstractText, List<String> categories) {
        Scan scan = scratch.get();
        scan.reset();
        try {
            scan.title = true;
            Tokenizer.scan(title, scan);
            scan.position += TITLE_GAP;
            scan.state = PhraseAutomaton.START;
            scan.title = false;
            Tokenizer.scan(abstractText, scan);
            scan.score(scoring.titleWeight());
            if (categories != null) {
                scan.weighCategories(categories);
            }
            double[] scores = scan.topicScores;
            double[] textScores = scan.textScores();
            int primary = choosePrimary(scores, textScores);
            List<TopicMatch> assigned = new ArrayList<>(scoring.maxTopics());
            assigned.add(match(primary, scan));
            for (int topic : secondaries(primary, scores, textScores)) {
                assigned.add(match(topic, scan));
            }
            return new Classification(compiled.topicIds[primary], assigned, compiled.taxonomy.version());
        } finally {
            scan.release();
        }
    }

    /**
     * Ratios compare the scores with the categories' priors; the absolute minimums compare the text's
     * scores, so a category never makes weak evidence count as strong.
     */
    private int choosePrimary(double[] scores, double[] textScores) {
        int best = argmax(scores);
        if (textScores[argmax(textScores)] < scoring.primaryMinimum()) {
            return compiled.fallbackTopic;
        }
        int primary = best;
        for (int r = 0; r < compiled.precedenceTopic.length; r++) {
            int candidate = compiled.precedenceTopic[r];
            if (compiled.precedenceOver[r][primary]
                    && textScores[candidate] >= compiled.precedenceMinimum[r]
                    && scores[candidate] >= compiled.precedenceRatio[r] * scores[best]) {
                primary = candidate;
            }
        }
        return primary;
    }

    /** A secondary needs a substantial part of the text (taxonomy.md rule 5): its thresholds read the text's scores. */
    private int[] secondaries(int primary, double[] scores, double[] textScores) {
        double threshold =
                Math.max(scoring.secondaryMinimum(), scoring.secondaryRelative() * textScores[argmax(textScores)]);
        int[] chosen = new int[Math.max(0, scoring.maxTopics() - 1)];
        int count = 0;
        boolean[] taken = new boolean[scores.length];
        taken[primary] = true;
        while (count < chosen.length) {
            int next = -1;
            for (int t = 0; t < scores.length; t++) {
                if (!taken[t] && textScores[t] >= threshold && (next < 0 || scores[t] > scores[next])) {
                    next = t;
                }
            }
            if (next < 0) {
                break;
            }
            taken[next] = true;
            chosen[count++] = next;
        }
        return Arrays.copyOf(chosen, count);
    }

    private TopicMatch match(int topic, Scan scan) {
        // slots of the topic's scoring postings, strongest first (insertion sort: a few dozen at most)
        int[] ranked = new int[scan.touchedCount];
        int count = 0;
        for (int i = 0; i < scan.touchedCount; i++) {
            if (compiled.postingTopic[scan.touched[i]] == topic && scan.contribution[i] > 0) {
                int at = count++;
                while (at > 0 && scan.contribution[ranked[at - 1]] < scan.contribution[i]) {
                    ranked[at] = ranked[at - 1];
                    at--;
                }
                ranked[at] = i;
            }
        }
        List<String> evidence = new ArrayList<>(Math.min(count, MAX_EVIDENCE));
        for (int k = 0; k < count && evidence.size() < MAX_EVIDENCE; k++) {
            String text = compiled.phraseText[compiled.postingPhrase[scan.touched[ranked[k]]]];
            if (!evidence.contains(text)) {
                evidence.add(text);
            }
        }
        double score = Math.round(scan.topicScores[topic] * 1000) / 1000.0;
        return new TopicMatch(compiled.topicIds[topic], score, evidence, scan.categoriesFor(topic));
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The state of one classification, reused by one thread across calls: matches and cue
     * positions from the scan, then counts and contributions of the postings that matched.
     */
    private static final class Scan implements TokenSink {
        private final CompiledTaxonomy compiled;
        int state;
        int position;
        boolean title;
        private int[] matchPhrase = new int[64];
        private int[] matchStart = new int[64];
        private int[] matchEnd = new int[64];
        private boolean[] matchInTitle = new boolean[64];
        private int matchCount;
        private int[] cuePosition = new int[16];
        private int[] cueMask = new int[16];
        private int cueCount;
        /** Slot of each posting in the touched arrays, -1 when untouched; reset after each call. */
        private final int[] slotOfPosting;

        int[] touched = new int[64];
        private int[] abstractCount = new int[64];
        private boolean[] inTitle = new boolean[64];
        double[] contribution = new double[64];
        int touchedCount;
        final double[] topicScores;
        /** The text's scores before the categories scaled them; valid while {@link #scaled}. */
        private final double[] unscaledScores;

        private boolean scaled;
        /** The paper's categories the taxonomy maps, as the source wrote them, with their priors. */
        private final List<String> appliedCategories = new ArrayList<>();

        private final List<CategoryPriors.Prior> appliedPriors = new ArrayList<>();

        Scan(CompiledTaxonomy compiled) {
            this.compiled = compiled;
            slotOfPosting = new int[compiled.postingWeight.length];
            Arrays.fill(slotOfPosting, -1);
            topicScores = new double[compiled.topicIds.length];
            unscaledScores = new double[compiled.topicIds.length];
        }

        void reset() {
            state = PhraseAutomaton.START;
            position = 0;
            title = false;
            matchCount = 0;
            cueCount = 0;
            touchedCount = 0;
            Arrays.fill(topicScores, 0);
            scaled = false;
            appliedCategories.clear();
            appliedPriors.clear();
        }

        /** Leaves the posting slots clean for the next call, even after a failure. */
        void release() {
            for (int i = 0; i < touchedCount; i++) {
                slotOfPosting[touched[i]] = -1;
            }
            touchedCount = 0;
        }

        @Override
        public void token(char[] buffer, int length) {
            int id = compiled.vocabulary.idOf(buffer, length);
            if (id >= 0 && compiled.cueMaskOfToken[id] != 0) {
                addCue(compiled.cueMaskOfToken[id]);
            }
            state = compiled.automaton.step(state, id);
            int phrase = compiled.automaton.longestMatch(state);
            if (phrase != PhraseAutomaton.NO_MATCH) {
                addMatch(phrase, position - compiled.automaton.phraseLength(phrase) + 1);
            }
            position++;
        }

        @Override
        public void boundary(boolean sentenceEnd) {
            state = PhraseAutomaton.START;
            if (sentenceEnd) {
                // cue windows do not reach into the next sentence
                position += Taxonomy.MAX_CUE_WINDOW + 1;
            }
        }

        private void addCue(int mask) {
            if (cueCount == cuePosition.length) {
                cuePosition = Arrays.copyOf(cuePosition, cueCount * 2);
                cueMask = Arrays.copyOf(cueMask, cueCount * 2);
            }
            cuePosition[cueCount] = position;
            cueMask[cueCount++] = mask;
        }

        /** Adds a match ending at the current token, dropping earlier matches it contains. */
        private void addMatch(int phrase, int start) {
            int firstOverlap = matchCount;
            while (firstOverlap > 0 && matchEnd[firstOverlap - 1] >= start) {
                firstOverlap--;
            }
            int kept = firstOverlap;
            for (int m = firstOverlap; m < matchCount; m++) {
                if (matchStart[m] < start) {
                    matchPhrase[kept] = matchPhrase[m];
                    matchStart[kept] = matchStart[m];
                    matchEnd[kept] = matchEnd[m];
                    matchInTitle[kept] = matchInTitle[m];
                    kept++;
                }
            }
            matchCount = kept;
            if (matchCount == matchPhrase.length) {
                int size = matchCount * 2;
                matchPhrase = Arrays.copyOf(matchPhrase, size);
                matchStart = Arrays.copyOf(matchStart, size);
                matchEnd = Arrays.copyOf(matchEnd, size);
                matchInTitle = Arrays.copyOf(matchInTitle, size);
            }
            matchPhrase[matchCount] = phrase;
            matchStart[matchCount] = start;
            matchEnd[matchCount] = position;
            matchInTitle[matchCount++] = title;
        }

        /** Counts the postings of all matches and sums their contributions into {@link #topicScores}. */
        void score(double titleWeight) {
            for (int m = 0; m < matchCount; m++) {
                int phrase = matchPhrase[m];
                for (int p = compiled.postingStart[phrase]; p < compiled.postingStart[phrase + 1]; p++) {
                    if (!counts(p, m)) {
                        continue;
                    }
                    int slot = slotOf(p);
                    if (matchInTitle[m]) {
                        inTitle[slot] = true;
                    } else {
                        abstractCount[slot]++;
                    }
                }
            }
            for (int i = 0; i < touchedCount; i++) {
                int p = touched[i];
                double repeats = abstractCount[i] == 0 ? 0 : 1 + Math.log(abstractCount[i]);
                contribution[i] = compiled.postingWeight[p] * ((inTitle[i] ? titleWeight : 0) + repeats);
                topicScores[compiled.postingTopic[p]] += contribution[i];
            }
        }

        /** Scales {@link #topicScores} by 1 + the weight of each mapped category, each distinct prior once. */
        void weighCategories(List<String> categories) {
            for (String category : categories) {
                CategoryPriors.Prior prior = compiled.categoryPriors.of(category);
                // a category listed twice, or two categories only an archive wildcard maps, weigh once
                if (prior == null || appliedPriors.contains(prior)) {
                    continue;
                }
                if (!scaled) {
                    System.arraycopy(topicScores, 0, unscaledScores, 0, topicScores.length);
                    scaled = true;
                }
                appliedCategories.add(category.strip());
                appliedPriors.add(prior);
                for (int i = 0; i < prior.topics.length; i++) {
                    topicScores[prior.topics[i]] *= 1 + prior.weights[i];
                }
            }
        }

        /** The topic scores of the text alone, before any category scaled them. */
        double[] textScores() {
            return scaled ? unscaledScores : topicScores;
        }

        /** The applied categories that weighed for {@code topic}, in the paper's order. */
        List<String> categoriesFor(int topic) {
            if (appliedPriors.isEmpty()) {
                return List.of();
            }
            List<String> weighed = new ArrayList<>(appliedPriors.size());
            for (int k = 0; k < appliedPriors.size(); k++) {
                if (appliedPriors.get(k).weightOf(topic) > 0 && topicScores[topic] > 0) {
                    weighed.add(appliedCategories.get(k));
                }
            }
            return weighed;
        }

        private int slotOf(int posting) {
            int slot = slotOfPosting[posting];
            if (slot >= 0) {
                return slot;
            }
            if (touchedCount == touched.length) {
                int size = touchedCount * 2;
                touched = Arrays.copyOf(touched, size);
                abstractCount = Arrays.copyOf(abstractCount, size);
                inTitle = Arrays.copyOf(inTitle, size);
                contribution = Arrays.copyOf(contribution, size);
            }
            slot = touchedCount++;
            touched[slot] = posting;
            abstractCount[slot] = 0;
            inTitle[slot] = false;
            slotOfPosting[posting] = slot;
            return slot;
        }

        /** Whether match {@code m} counts for posting {@code p}, given where it is and its cue. */
        private boolean counts(int p, int m) {
            int cue = compiled.postingCue[p];
            if (cue == CompiledTaxonomy.NO_CUE || (matchInTitle[m] && compiled.postingFreeInTitle[p])) {
                return true;
            }
            return cue != CompiledTaxonomy.TITLE_ONLY && cueNear(cue, matchStart[m], matchEnd[m]);
        }

        private boolean cueNear(int group, int start, int end) {
            int window = compiled.cueWindow[group];
            int bit = 1 << group;
            // cue positions ascend: binary search for the first one inside the window
            int low = 0;
            int high = cueCount;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (cuePosition[mid] < start - window) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            for (int c = low; c < cueCount && cuePosition[c] <= end + window; c++) {
                if ((cueMask[c] & bit) != 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
