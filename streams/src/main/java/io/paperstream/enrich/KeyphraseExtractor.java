package io.paperstream.enrich;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Extracts the multi-word technical terms of a paper ("knowledge distillation", "mixture of
 * experts", "vision-language pre-training", "large language model"), most salient first.
 *
 * <p>Candidates are the 2–4-word sequences inside runs of content words: runs break at
 * punctuation, numbers, stop-words and common verbs; "of" may join two content words ("mixture of
 * experts"); hyphenated compounds stay one word. A candidate may not start with a generic modifier
 * ("novel", "existing", "large-scale") nor end in a generic head noun ("method", "results",
 * "framework"), nor consist of generic words only ("training data"). The last word is made
 * singular where that is safe ("language models" → "language model") and a few spelling variants
 * are unified ("pretraining" → "pre-training"), so one term has one key across papers.
 *
 * <p>Score: occurrences in the abstract, plus 2 when the title has it, plus up to 0.5 for an
 * early first occurrence, times a small bonus for longer phrases. The top {@code count}
 * non-overlapping phrases are returned (a phrase inside a better one is dropped, and vice versa).
 * Stateless and thread-safe.
 */
public final class KeyphraseExtractor {

    /** Keyphrases returned when no count is given. */
    public static final int DEFAULT_COUNT = 8;

    private static final int MAX_WORDS = 4;
    private static final double TITLE_BONUS = 2.0;
    private static final double EARLY_BONUS = 0.5;

    private static final Set<String> STOP_WORDS = words("""
        a an the and or nor but if then than that this these those there here which who whom whose what when
        where why how whether while whereas although though because since so thus hence therefore however
        moreover furthermore meanwhile also too very more most less least much many few several some any each
        every all both either neither no not only just even still yet already again further rather quite
        such same other another own its it itself they them their theirs we us our ours you your he she his her
        i me my one ones is are was were be been being am has have had having do does did done doing can could
        may might must shall should will would to in on at by for from with within without into onto upon
        over under between among through throughout across against along around about above below after
        before during until toward towards via per as like unlike beyond despite versus vs e.g i.e etc al et
        cf namely respectively instead whereby wherein thereby up down out off due often well now never
        sometimes always usually otherwise almost nearly mostly
        """);

    private static final Set<String> VERBS = verbForms("""
        achieve address adopt aim allow apply argue ask assess assume attain augment become begin believe
        boost bring call cause choose claim combine compare compute conduct confirm consider consist
        construct contain contribute convert correspond create deal decide define demonstrate depend
        derive describe deteriorate determine develop differ discover discuss elucidate embed employ
        enable encourage endow enhance enrich ensure establish estimate evaluate examine exceed exhibit
        expand explain exploit explore express extend extract facilitate fail find fit focus follow
        formulate gain generalize get give guarantee guide hamper handle harness help hinder hold hope
        hypothesize identify ignore illustrate impede implement improve include incorporate increase
        indicate inform inspire integrate intend introduce investigate involve keep know lack lead
        leverage lie limit make mitigate motivate need note observe obtain occur offer operate
        outperform overcome pave perform permit pose possess predict prefer prepare present preserve prevent
        produce promise promote propose prove provide pursue push reach realize receive recognize reduce
        refer reflect regard relieve rely remain remove render replace report require reside resolve
        result retain reveal revisit rise run say see seek seem select serve show shed solve
        spend stand start stay stem strive struggle study succeed suffer suggest supply support surpass
        sustain take tend thank think treat try turn undergo underline understand unify unlock
        use utilize validate verify vary want yield incur necessitate miss cover convey align add maintain
        sort shuffle deploy accelerate reconstruct simulate synthesize collect converge attend reorganize
        retrieve rescale scrutinize surge tailor capture visit harmonize inject stimulate urge generate
        """);

    private static final Set<String> IRREGULAR_VERBS = words("""
        made found shown given taken known seen brought built led held kept left lost met paid put read
        run said sent set spent stood thought told understood won wrote written began begun became done
        based called named termed dubbed according compared regarding following including using trained
        """);

    private static final Set<String> GENERIC_MODIFIERS = words("""
        existing previous prior novel new extensive various different several multiple many numerous
        significant substantial comprehensive effective simple strong stronger powerful superior remarkable
        promising recent current specific diverse standard conventional traditional typical popular common
        general overall additional further key main major important crucial critical first second third
        single whole entire large-scale small-scale high-quality low-quality high-performing
        state-of-the-art sota better best good great high low higher lower large small larger smaller
        largest smallest massive huge vast broad wide wider rich unique potential possible certain real
        real-world practical proposed resulting corresponding respective underlying given available
        widely-used well-known open-source extra impressive competitive consistent notable considerable
        efficient effectiveness billion million thousand trillion hundred dozen
        """);

    private static final Set<String> GENERIC_HEADS = words("""
        method methods approach approaches framework frameworks technique techniques result results
        performance work works paper papers study studies experiment experiments analysis analyses way ways
        problem problems issue issues task tasks setting settings manner fashion aspect aspects advantage
        advantages ability abilities capability capabilities improvement improvements gain gains effect
        effects effectiveness impact process processes step steps stage stages time times scale scales number
        numbers amount amounts variety range set sets type types kind kinds part parts field fields area
        areas direction directions insight insights finding findings success progress challenge challenges
        limitation limitations baseline baselines strategy strategies scheme schemes module modules
        component components mechanism mechanisms solution solutions application applications use uses usage
        version versions variant variants level levels term terms point points case cases example examples
        order degree size sizes cost costs quality accuracy score scores metric metrics evaluation
        evaluations comparison comparisons contribution contributions state art need needs lack gap role
        importance potential purpose goal goals idea ideas concept concepts perspective view property
        properties factor factors detail details paradigm paradigms family families series space design
        designs technology technologies system systems pipeline pipelines research researchers
        community practice practices scenario scenarios domain domains nature landscape scarcity
        availability lens dilemma milestone subset surge recipe form taxonomy breakdown
        """);

    private static final Set<String> BLAND = words("""
        model models data training learning network networks neural deep machine information
        representation representations feature features input inputs output outputs parameter parameters
        layer layers architecture architectures structure structures loss function functions algorithm
        algorithms objective objectives label labels sample samples instance instances token tokens text
        texts image images video videos task tasks end pre-training pretraining fine-tuning tuning
        """);

    private static final Map<String, String> SPELLING = Map.ofEntries(
        Map.entry("pretraining", "pre-training"), Map.entry("pretrained", "pre-trained"),
        Map.entry("pretrain", "pre-train"), Map.entry("finetuning", "fine-tuning"),
        Map.entry("finetuned", "fine-tuned"), Map.entry("finetune", "fine-tune"),
        Map.entry("multi-modal", "multimodal"));

    private static final Set<String> NOT_PLURAL = words("""
        series species news lens bias gas physics mathematics robotics dynamics statistics economics
        analysis basis thesis hypothesis axis corpus status virus campus consensus plus bus genus census
        always perhaps whereas towards various numerous previous ambiguous continuous famous
        """);

    // well-known terms built with "of"; other "X of Y" sequences must recur to count as terms
    private static final Set<String> OF_TERMS = words("""
        mixture-of-experts chain-of-thought bag-of-words tree-of-thoughts theory-of-mind internet-of-things
        out-of-distribution region-of-interest regions-of-interest point-of-interest mixture-of-depths
        """);

    private final int count;

    /** An extractor returning up to {@value #DEFAULT_COUNT} keyphrases. */
    public KeyphraseExtractor() {
        this(DEFAULT_COUNT);
    }

    /** An extractor returning up to {@code count} keyphrases. */
    public KeyphraseExtractor(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        this.count = count;
    }

    /** The keyphrases of a paper, most salient first, lower-cased; nulls count as empty text. */
    public List<String> extract(String title, String abstractText) {
        Map<String, Candidate> candidates = new HashMap<>();
        List<List<String>> abstractRuns = runs(abstractText);
        int abstractWords = abstractRuns.stream().mapToInt(List::size).sum();
        int position = 0;
        for (List<String> run : abstractRuns) {
            for (Candidate found : candidatesOf(run, candidates)) {
                found.occurrences++;
                if (found.firstPosition < 0) {
                    found.firstPosition = position;
                }
            }
            position += run.size();
        }
        for (List<String> run : runs(title)) {
            for (Candidate found : candidatesOf(run, candidates)) {
                found.inTitle = true;
            }
        }
        markSeenOnlyInsideLongerPhrases(candidates);
        List<Candidate> ranked = new ArrayList<>();
        for (Candidate candidate : candidates.values()) {
            if (candidate.seenOnlyInsideLonger || (candidate.isOfPhrase() && candidate.mentions() < 2)) {
                continue;
            }
            candidate.score = score(candidate, abstractWords);
            ranked.add(candidate);
        }
        ranked.sort((a, b) -> a.score != b.score ? Double.compare(b.score, a.score) : a.text.compareTo(b.text));
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate candidate : ranked) {
            if (chosen.size() == count) {
                break;
            }
            if (chosen.stream().noneMatch(c -> c.overlaps(candidate))) {
                chosen.add(candidate);
            }
        }
        return chosen.stream().map(c -> c.text).toList();
    }

    private static double score(Candidate candidate, int abstractWords) {
        double early = candidate.firstPosition < 0 ? 0
            : EARLY_BONUS * (1 - (double) candidate.firstPosition / Math.max(1, abstractWords));
        int words = candidate.words.size();
        // a longer phrase is more specific when it recurs; once, it is as likely a chance word sequence
        double length = candidate.mentions() >= 2 ? 1 + 0.1 * (words - 2) : (words >= 4 ? 0.85 : 1.0);
        return (candidate.occurrences + (candidate.inTitle ? TITLE_BONUS : 0) + early) * length;
    }

    /**
     * Marks phrases that never or seldom occur outside one longer phrase: "pre-training language"
     * only inside "pre-training language model", "language model" mostly inside a recurring "large
     * language model". The longer one is the term.
     */
    private static void markSeenOnlyInsideLongerPhrases(Map<String, Candidate> candidates) {
        for (Candidate longer : candidates.values()) {
            int n = longer.words.size();
            if (n < 3) {
                continue;
            }
            for (List<String> part : List.of(longer.words.subList(0, n - 1), longer.words.subList(1, n))) {
                Candidate shorter = candidates.get(keyOf(part));
                boolean never = shorter != null && shorter.mentions() == longer.mentions();
                boolean seldom = shorter != null && longer.mentions() >= 2 && 2 * longer.mentions() >= shorter.mentions();
                if (never || seldom) {
                    shorter.seenOnlyInsideLonger = true;
                }
            }
        }
    }

    /** The candidate phrases of one run of content words, once per occurrence. */
    private static List<Candidate> candidatesOf(List<String> run, Map<String, Candidate> candidates) {
        List<Candidate> found = new ArrayList<>();
        for (int start = 0; start < run.size(); start++) {
            for (int end = start + 1; end <= Math.min(run.size(), start + MAX_WORDS); end++) {
                List<String> words = run.subList(start, end);
                if (isCandidate(words)) {
                    List<String> normalized = normalize(words);
                    found.add(candidates.computeIfAbsent(keyOf(normalized),
                        k -> new Candidate(String.join(" ", normalized), normalized)));
                }
            }
        }
        return found;
    }

    private static boolean isCandidate(List<String> words) {
        String first = words.get(0);
        String last = words.get(words.size() - 1);
        if (words.size() == 1) {
            // "mixture-of-experts", "chain-of-thought": one hyphenated word that is a phrase
            return OF_TERMS.contains(first);
        }
        if (first.equals("of") || last.equals("of") || GENERIC_HEADS.contains(last) || GENERIC_MODIFIERS.contains(last)) {
            return false;
        }
        if (GENERIC_MODIFIERS.contains(first) && !isLargeModelFamily(words)) {
            return false;
        }
        int of = words.indexOf("of");
        if (of >= 0 && (of != words.lastIndexOf("of") || GENERIC_HEADS.contains(words.get(of - 1))
            || BLAND.contains(words.get(of - 1)) || GENERIC_MODIFIERS.contains(words.get(of + 1)))) {
            return false;
        }
        return !words.stream().allMatch(w -> w.equals("of") || BLAND.contains(w) || GENERIC_HEADS.contains(w)
            || GENERIC_MODIFIERS.contains(w));
    }

    // "large language model", "large vision-language model", "large multimodal model": names, not modifiers
    private static boolean isLargeModelFamily(List<String> words) {
        return words.get(0).equals("large") && words.size() >= 3
            && (words.get(1).equals("language") || words.get(1).startsWith("vision") || words.get(1).equals("multimodal"));
    }

    /**
     * The phrase with its last word singular where that is safe ("language models"), except in
     * "X of Y" terms ("mixture of experts"); hyphenated "of" terms spelled out with spaces.
     */
    private static List<String> normalize(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        boolean ofTerm = words.contains("of") || (words.size() == 1 && OF_TERMS.contains(words.get(0)));
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (i == words.size() - 1 && !ofTerm) {
                word = singular(word);
            }
            if (OF_TERMS.contains(word)) {
                out.addAll(Arrays.asList(word.split("-")));
            } else {
                out.add(word);
            }
        }
        return out;
    }

    static String singular(String word) {
        int n = word.length();
        if (n > 4 && word.endsWith("es") && NOT_PLURAL.contains(word.substring(0, n - 2))) {
            return word.substring(0, n - 2);
        }
        if (n < 3 || !word.endsWith("s") || NOT_PLURAL.contains(word) || word.endsWith("ss")
            || word.endsWith("us") || word.endsWith("is") || word.endsWith("ics") || word.endsWith("ous")) {
            return word;
        }
        // "tts", "ss": no plural of a doubled-letter acronym
        if (word.charAt(n - 2) == word.charAt(n - 3)) {
            return word;
        }
        if (n > 4 && word.endsWith("ies")) {
            return word.substring(0, n - 3) + "y";
        }
        if (n > 4 && (word.endsWith("sses") || word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes"))) {
            return word.substring(0, n - 2);
        }
        return word.substring(0, n - 1);
    }

    // "vision-language pre-training" and "vision language pre-training" are one term
    private static String keyOf(List<String> words) {
        return String.join(" ", words).replace('-', ' ');
    }

    /** Lower-cased words of {@code text} split into runs of content words. */
    private static List<List<String>> runs(String text) {
        List<List<String>> runs = new ArrayList<>();
        if (text == null) {
            return runs;
        }
        List<String> run = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                if (!Character.isWhitespace(c)) {
                    endRun(run, runs);
                    run = new ArrayList<>();
                }
                i++;
                continue;
            }
            int end = wordEnd(text, i);
            if (isUrl(text, i, end)) {
                end = skipToWhitespace(text, end);
                endRun(run, runs);
                run = new ArrayList<>();
                i = end;
                continue;
            }
            String word = canonical(text.substring(i, end).toLowerCase(Locale.ROOT));
            if (isBreak(word)) {
                endRun(run, runs);
                run = new ArrayList<>();
            } else if (!word.equals("of") || (!run.isEmpty() && !run.get(run.size() - 1).equals("of"))) {
                run.add(word);
            } else {
                endRun(run, runs);
                run = new ArrayList<>();
            }
            i = end;
            // a possessive "'s" ends the word; the next content word continues the run
            if (i + 1 < n && (text.charAt(i) == '\'' || text.charAt(i) == '\u2019') && text.charAt(i + 1) == 's') {
                i += 2;
            }
        }
        endRun(run, runs);
        return runs;
    }

    private static void endRun(List<String> run, List<List<String>> runs) {
        while (!run.isEmpty() && run.get(run.size() - 1).equals("of")) {
            run.remove(run.size() - 1);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
    }

    /** The end of a word: letters and digits, with inner hyphens and inner dots ("gpt-3.5"). */
    private static int wordEnd(String text, int start) {
        int i = start;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                i++;
            } else if ((c == '-' || c == '.') && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1))
                && (c == '-' || Character.isDigit(text.charAt(i + 1)))) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isUrl(String text, int start, int end) {
        String word = text.substring(start, end).toLowerCase(Locale.ROOT);
        boolean schemeNext = end < text.length() && ":;/".indexOf(text.charAt(end)) >= 0;
        return ((word.equals("http") || word.equals("https")) && schemeNext)
            || (word.equals("www") && end < text.length() && text.charAt(end) == '.');
    }

    private static int skipToWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String canonical(String word) {
        return SPELLING.getOrDefault(word, word);
    }

    private static boolean isBreak(String word) {
        if (STOP_WORDS.contains(word) || VERBS.contains(word) || IRREGULAR_VERBS.contains(word)) {
            return true;
        }
        if (word.chars().noneMatch(Character::isLetter)) {
            return true;
        }
        // adverbs ("significantly", "effectively") are never part of a term
        return word.length() > 5 && word.endsWith("ly") && !word.endsWith("ply") && !word.endsWith("aly");
    }

    private static Set<String> words(String text) {
        return Set.copyOf(Arrays.asList(text.strip().split("\\s+")));
    }

    /** Base form, third person, past and -ing forms of regular verbs ("show", "shows", "showed", "showing"). */
    private static Set<String> verbForms(String bases) {
        Set<String> forms = new HashSet<>();
        for (String base : bases.strip().split("\\s+")) {
            forms.add(base);
            forms.add(base.endsWith("y") && !base.endsWith("ay") && !base.endsWith("ey") ? base.substring(0, base.length() - 1) + "ies"
                : base.endsWith("s") || base.endsWith("sh") || base.endsWith("ch") || base.endsWith("x") ? base + "es" : base + "s");
            forms.add(base.endsWith("e") ? base + "d"
                : base.endsWith("y") && !base.endsWith("ay") && !base.endsWith("ey") ? base.substring(0, base.length() - 1) + "ied" : base + "ed");
            forms.add(base.endsWith("e") && !base.endsWith("ee") ? base.substring(0, base.length() - 1) + "ing" : base + "ing");
        }
        return Set.copyOf(forms);
    }

    /** A phrase seen in the text, with what its score is made of. */
    private static final class Candidate {
        final String text;
        final List<String> words;
        final String padded;
        int occurrences;
        int firstPosition = -1;
        boolean inTitle;
        boolean seenOnlyInsideLonger;
        double score;

        Candidate(String text, List<String> words) {
            this.text = text;
            this.words = words;
            this.padded = " " + keyOf(words) + " ";
        }

        int mentions() {
            return occurrences + (inTitle ? 1 : 0);
        }

        boolean isOfPhrase() {
            return words.contains("of") && !OF_TERMS.contains(String.join("-", words));
        }

        boolean overlaps(Candidate other) {
            return padded.contains(other.padded) || other.padded.contains(padded);
        }
    }
}
