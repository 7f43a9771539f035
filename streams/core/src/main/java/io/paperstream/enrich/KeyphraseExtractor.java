package io.paperstream.enrich;

import io.paperstream.text.TokenVocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
        maximize minimize optimize
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
            Map.entry("pretraining", "pre-training"),
            Map.entry("pretrained", "pre-trained"),
            Map.entry("pretrain", "pre-train"),
            Map.entry("finetuning", "fine-tuning"),
            Map.entry("finetuned", "fine-tuned"),
            Map.entry("finetune", "fine-tune"),
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

    private static final int BREAK = 1;
    private static final int HEAD = 2;
    private static final int MODIFIER = 4;
    private static final int BLAND_WORD = 8;
    private static final int OF = 16;
    private static final int OF_TERM = 32;
    private static final int GENERIC = HEAD | MODIFIER | BLAND_WORD | OF;

    // word ids are packed into 15 bits of a candidate key
    private static final int MAX_DISTINCT_WORDS = 1 << 15;

    /** Every listed word and spelling variant, looked up straight from the characters of the text. */
    private static final TokenVocabulary KNOWN;
    /** Class bits of each known word. */
    private static final int[] KNOWN_CLASSES;
    /** Canonical spelling of each known spelling variant, else null. */
    private static final String[] KNOWN_CANONICAL;

    static {
        Map<String, Integer> classes = classes();
        TokenVocabulary.Builder known = new TokenVocabulary.Builder();
        classes.keySet().forEach(known::add);
        SPELLING.keySet().forEach(known::add);
        KNOWN = known.build();
        KNOWN_CLASSES = new int[KNOWN.size()];
        KNOWN_CANONICAL = new String[KNOWN.size()];
        classes.forEach((word, wordClass) -> KNOWN_CLASSES[KNOWN.idOf(word)] = wordClass);
        SPELLING.forEach((variant, canonical) -> KNOWN_CANONICAL[KNOWN.idOf(variant)] = canonical);
    }

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
        Words words = new Words();
        int[] abstractRuns = words.runs(abstractText);
        int[] titleRuns = words.runs(title);
        CandidateTable candidates = new CandidateTable(words);
        countInAbstract(candidates, abstractRuns);
        markInTitle(candidates, titleRuns);
        candidates.markSeenOnlyInsideLongerPhrases();
        int abstractWords = 0;
        for (int run : abstractRuns) {
            if (run >= 0) {
                abstractWords++;
            }
        }
        return choose(ranked(candidates, abstractWords), candidates);
    }

    /** Counts every candidate phrase of the abstract and notes the word position of its first occurrence. */
    private static void countInAbstract(CandidateTable candidates, int[] abstractRuns) {
        int position = 0;
        for (int start = 0; start < abstractRuns.length; start++) {
            if (abstractRuns[start] < 0) {
                continue;
            }
            for (int end = start + 1;
                    end <= start + MAX_WORDS && end <= abstractRuns.length && abstractRuns[end - 1] >= 0;
                    end++) {
                Candidate candidate = candidates.find(abstractRuns, start, end);
                if (candidate != null) {
                    candidate.occurrences++;
                    if (candidate.firstPosition < 0) {
                        candidate.firstPosition = position;
                    }
                }
            }
            position++;
        }
    }

    private static void markInTitle(CandidateTable candidates, int[] titleRuns) {
        for (int start = 0; start < titleRuns.length; start++) {
            for (int end = start + 1;
                    end <= start + MAX_WORDS && end <= titleRuns.length && titleRuns[end - 1] >= 0;
                    end++) {
                Candidate candidate = candidates.find(titleRuns, start, end);
                if (candidate != null) {
                    candidate.inTitle = true;
                }
            }
        }
    }

    /** The candidates worth keeping, scored, best first. */
    private static List<Candidate> ranked(CandidateTable candidates, int abstractWords) {
        List<Candidate> ranked = new ArrayList<>();
        for (Candidate candidate : candidates.all) {
            if (candidate.seenOnlyInsideLonger || (candidate.ofPhrase && candidate.mentions() < 2)) {
                continue;
            }
            candidate.score = score(candidate, abstractWords);
            ranked.add(candidate);
        }
        // ties: the earlier phrase first (every candidate has a distinct first occurrence, or is title-only)
        ranked.sort((a, b) -> a.score != b.score
                ? Double.compare(b.score, a.score)
                : a.firstPosition != b.firstPosition
                        ? Integer.compare(a.firstPosition, b.firstPosition)
                        : Arrays.compare(a.ids, b.ids));
        return ranked;
    }

    /** The texts of the best {@link #count} ranked candidates that do not overlap a better one. */
    private List<String> choose(List<Candidate> ranked, CandidateTable candidates) {
        List<Candidate> chosen = new ArrayList<>();
        List<String> result = new ArrayList<>();
        for (Candidate candidate : ranked) {
            if (chosen.size() == count) {
                break;
            }
            // word ids first (cheap), then the text, which also sees "vision language" in "vision-language"
            if (!overlapsAny(candidate, chosen)) {
                candidate.describe(candidates.text(candidate.ids));
                if (!overlapsAny(candidate, chosen)) {
                    chosen.add(candidate);
                    result.add(candidate.text);
                }
            }
        }
        return List.copyOf(result);
    }

    private static boolean overlapsAny(Candidate candidate, List<Candidate> chosen) {
        for (Candidate other : chosen) {
            if (candidate.overlaps(other)) {
                return true;
            }
        }
        return false;
    }

    private static double score(Candidate candidate, int abstractWords) {
        double early = candidate.firstPosition < 0
                ? 0
                : EARLY_BONUS * (1 - (double) candidate.firstPosition / Math.max(1, abstractWords));
        int length = candidate.ids.length;
        // a longer phrase is more specific when it recurs; once, it is as likely a chance word sequence
        double lengthFactor = candidate.mentions() >= 2 ? 1 + 0.1 * (length - 2) : (length >= 4 ? 0.85 : 1.0);
        return (candidate.occurrences + (candidate.inTitle ? TITLE_BONUS : 0) + early) * lengthFactor;
    }

    /** Whether the words {@code runs[start, end)}, with these classes by word id, can be a term. */
    private static boolean isCandidate(int[] classes, int[] runs, int start, int end) {
        int n = end - start;
        int first = classes[runs[start]];
        int last = classes[runs[end - 1]];
        if (n == 1) {
            // "mixture-of-experts", "chain-of-thought": one hyphenated word that is a phrase
            return (first & OF_TERM) != 0;
        }
        if ((first & OF) != 0 || (last & (OF | HEAD | MODIFIER)) != 0) {
            return false;
        }
        int of = -1;
        boolean allGeneric = true;
        for (int i = start; i < end; i++) {
            int wordClass = classes[runs[i]];
            if ((wordClass & OF) != 0) {
                if (of >= 0) {
                    return false;
                }
                of = i;
            }
            allGeneric &= (wordClass & GENERIC) != 0;
        }
        if (of >= 0
                && ((classes[runs[of - 1]] & (HEAD | BLAND_WORD)) != 0 || (classes[runs[of + 1]] & MODIFIER) != 0)) {
            return false;
        }
        return !allGeneric;
    }

    static String singular(String word) {
        int n = word.length();
        if (n > 4 && word.endsWith("es") && NOT_PLURAL.contains(word.substring(0, n - 2))) {
            return word.substring(0, n - 2);
        }
        if (n < 3
                || !word.endsWith("s")
                || NOT_PLURAL.contains(word)
                || word.endsWith("ss")
                || word.endsWith("us")
                || word.endsWith("is")
                || word.endsWith("ics")
                || word.endsWith("ous")) {
            return word;
        }
        // "tts", "ss": no plural of a doubled-letter acronym
        if (word.charAt(n - 2) == word.charAt(n - 3)) {
            return word;
        }
        if (n > 4 && word.endsWith("ies")) {
            return word.substring(0, n - 3) + "y";
        }
        if (n > 4
                && (word.endsWith("sses") || word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes"))) {
            return word.substring(0, n - 2);
        }
        return word.substring(0, n - 1);
    }

    private static Map<String, Integer> classes() {
        Map<String, Integer> classes = new HashMap<>();
        for (Set<String> breaks : List.of(STOP_WORDS, VERBS, IRREGULAR_VERBS)) {
            breaks.forEach(w -> classes.merge(w, BREAK, (a, b) -> a | b));
        }
        GENERIC_HEADS.forEach(w -> classes.merge(w, HEAD, (a, b) -> a | b));
        GENERIC_MODIFIERS.forEach(w -> classes.merge(w, MODIFIER, (a, b) -> a | b));
        BLAND.forEach(w -> classes.merge(w, BLAND_WORD, (a, b) -> a | b));
        OF_TERMS.forEach(w -> classes.merge(w, OF_TERM, (a, b) -> a | b));
        classes.put("of", OF);
        return Map.copyOf(classes);
    }

    /** Class bits of an unlisted word: BREAK for numbers and adverbs, else none. */
    private static int classOfUnlisted(char[] chars, int start, int length) {
        boolean letter = false;
        for (int i = start; i < start + length && !letter; i++) {
            letter = Character.isLetter(chars[i]);
        }
        // adverbs ("significantly", "effectively") are never part of a term
        int end = start + length;
        boolean adverb = length > 5
                && chars[end - 2] == 'l'
                && chars[end - 1] == 'y'
                && !(chars[end - 3] == 'p' || chars[end - 3] == 'a');
        return letter && !adverb ? 0 : BREAK;
    }

    private static Set<String> words(String text) {
        return Set.copyOf(Arrays.asList(text.strip().split("\\s+")));
    }

    /** Base form, third person, past and -ing forms of regular verbs ("show", "shows", "showed", "showing"). */
    private static Set<String> verbForms(String bases) {
        Set<String> forms = new HashSet<>();
        for (String base : bases.strip().split("\\s+")) {
            boolean consonantY = base.endsWith("y") && "aeiou".indexOf(base.charAt(base.length() - 2)) < 0;
            String stem = base.substring(0, base.length() - 1);
            forms.add(base);
            forms.add(
                    consonantY
                            ? stem + "ies"
                            : base.endsWith("s") || base.endsWith("sh") || base.endsWith("ch") || base.endsWith("x")
                                    ? base + "es"
                                    : base + "s");
            forms.add(base.endsWith("e") ? base + "d" : consonantY ? stem + "ied" : base + "ed");
            forms.add(base.endsWith("e") && !base.endsWith("ee") ? stem + "ing" : base + "ing");
        }
        return Set.copyOf(forms);
    }

    /**
     * The distinct words of one extraction with dense ids, their classes and singular forms, and
     * the texts as runs of word ids (-1 between runs). Words are looked up straight from the
     * lower-cased characters: a String is made once per distinct word, not per occurrence.
     */
    private static final class Words {
        final List<String> text = new ArrayList<>(256);
        int[] classes = new int[256];
        int[] singularIds = new int[256];
        /** The id a table entry stands for: itself, its canonical spelling's id, or -1 (not a word). */
        private int[] resolved = new int[256];

        private char[] pool = new char[1024];
        private int poolSize;
        private int[] offsets = new int[257];
        private int[] table = newTable(512);

        /** The word ids of {@code input}, -1 wherever a run of content words ends. */
        int[] runs(String input) {
            if (input == null) {
                return new int[0];
            }
            int n = input.length();
            char[] lower = new char[n];
            for (int i = 0; i < n; i++) {
                char c = input.charAt(i);
                lower[i] = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
            }
            int[] out = new int[n + 1];
            int size = 0;
            int i = 0;
            while (i < n) {
                char c = lower[i];
                if (!isWordChar(c)) {
                    if (!isSpace(c)) {
                        size = endRun(out, size);
                    }
                    i++;
                    continue;
                }
                int end = wordEnd(lower, i);
                if (isUrl(lower, i, end)) {
                    size = endRun(out, size);
                    i = skipToWhitespace(lower, end);
                    continue;
                }
                int id = id(lower, i, end - i);
                int wordClass = id < 0 ? BREAK : classes[id];
                boolean repeatedOf =
                        (wordClass & OF) != 0 && (size == 0 || out[size - 1] < 0 || (classes[out[size - 1]] & OF) != 0);
                if ((wordClass & BREAK) != 0 || repeatedOf) {
                    size = endRun(out, size);
                } else {
                    out[size++] = id;
                }
                i = end;
                // a possessive "'s" ends the word; the next content word continues the run
                if (i + 1 < n && (lower[i] == '\'' || lower[i] == '\u2019') && lower[i + 1] == 's') {
                    i += 2;
                }
            }
            size = endRun(out, size);
            return Arrays.copyOf(out, size);
        }

        /**
         * The id of the word in {@code chars[start, start + length)}, through its canonical spelling;
         * -1 once an extraction has seen too many distinct words to key.
         */
        private int id(char[] chars, int start, int length) {
            int hash = 0;
            for (int k = start; k < start + length; k++) {
                hash = 31 * hash + chars[k];
            }
            int slot = (hash ^ (hash >>> 16)) & (table.length - 1);
            while (table[slot] >= 0) {
                int candidate = table[slot];
                if (sameChars(candidate, chars, start, length)) {
                    return resolved[candidate];
                }
                slot = (slot + 1) & (table.length - 1);
            }
            if (text.size() >= MAX_DISTINCT_WORDS - 2) {
                return -1;
            }
            int known = KNOWN.idOf(chars, start, length);
            int wordClass = known >= 0 ? KNOWN_CLASSES[known] : classOfUnlisted(chars, start, length);
            // a break word is never shown: it needs no String
            String written = (wordClass & BREAK) != 0 ? null : new String(chars, start, length);
            int created = add(written, wordClass, chars, start, length, slot);
            String canonical = known >= 0 ? KNOWN_CANONICAL[known] : null;
            if (canonical != null) {
                // "pretraining" is an alias of "pre-training": the same id for both spellings
                resolved[created] = id(canonical.toCharArray(), 0, canonical.length());
                return resolved[created];
            }
            if (written != null && written.endsWith("s")) {
                String singular = singular(written);
                int singularId = singular.equals(written) ? created : id(singular.toCharArray(), 0, singular.length());
                // "employs" is no plural of a term even if "employ" were a listed verb
                singularIds[created] = singularId >= 0 && (classes[singularId] & BREAK) == 0 ? singularId : created;
            }
            return created;
        }

        private int add(String word, int wordClass, char[] chars, int start, int length, int slot) {
            int created = text.size();
            text.add(word);
            if (created + 1 >= offsets.length) {
                // offsets has one entry more than the per-word arrays: grow them all from the same capacity
                int capacity = classes.length * 2;
                offsets = Arrays.copyOf(offsets, capacity + 1);
                classes = Arrays.copyOf(classes, capacity);
                singularIds = Arrays.copyOf(singularIds, capacity);
                resolved = Arrays.copyOf(resolved, capacity);
            }
            if (poolSize + length > pool.length) {
                pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + length));
            }
            System.arraycopy(chars, start, pool, poolSize, length);
            offsets[created] = poolSize;
            poolSize += length;
            offsets[created + 1] = poolSize;
            classes[created] = wordClass;
            singularIds[created] = created;
            resolved[created] = created;
            table[slot] = created;
            if (text.size() * 2 > table.length) {
                rehash();
            }
            return created;
        }

        private void rehash() {
            table = newTable(table.length * 2);
            for (int id = 0; id < text.size(); id++) {
                int hash = 0;
                for (int k = offsets[id]; k < offsets[id + 1]; k++) {
                    hash = 31 * hash + pool[k];
                }
                int slot = (hash ^ (hash >>> 16)) & (table.length - 1);
                while (table[slot] >= 0) {
                    slot = (slot + 1) & (table.length - 1);
                }
                table[slot] = id;
            }
        }

        private boolean sameChars(int id, char[] chars, int start, int length) {
            int from = offsets[id];
            if (offsets[id + 1] - from != length) {
                return false;
            }
            for (int k = 0; k < length; k++) {
                if (pool[from + k] != chars[start + k]) {
                    return false;
                }
            }
            return true;
        }

        private static int[] newTable(int size) {
            int[] table = new int[size];
            Arrays.fill(table, -1);
            return table;
        }

        /** Ends the current run: drops a trailing "of" and writes one -1 separator. */
        private int endRun(int[] out, int size) {
            int end = size;
            while (end > 0 && out[end - 1] >= 0 && (classes[out[end - 1]] & OF) != 0) {
                end--;
            }
            if (end > 0 && out[end - 1] >= 0) {
                out[end++] = -1;
            }
            return end;
        }

        private static boolean isWordChar(char c) {
            return c < 128 ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') : Character.isLetterOrDigit(c);
        }

        private static boolean isSpace(char c) {
            return c < 128 ? c == ' ' || (c >= '\t' && c <= '\r') : Character.isWhitespace(c);
        }

        /** The end of a word: letters and digits, with inner hyphens and inner dots between digits ("gpt-3.5"). */
        private static int wordEnd(char[] text, int start) {
            int i = start;
            int n = text.length;
            while (i < n) {
                char c = text[i];
                if (isWordChar(c)) {
                    i++;
                } else if ((c == '-' || c == '.')
                        && i + 1 < n
                        && isWordChar(text[i + 1])
                        && (c == '-' || Character.isDigit(text[i + 1]))) {
                    i++;
                } else {
                    break;
                }
            }
            return i;
        }

        private static boolean isUrl(char[] text, int start, int end) {
            int length = end - start;
            boolean http = (length == 4 || length == 5)
                    && text[start] == 'h'
                    && text[start + 1] == 't'
                    && text[start + 2] == 't'
                    && text[start + 3] == 'p'
                    && (length == 4 || text[start + 4] == 's');
            boolean www = length == 3 && text[start] == 'w' && text[start + 1] == 'w' && text[start + 2] == 'w';
            return (http && end < text.length && ":;/".indexOf(text[end]) >= 0)
                    || (www && end < text.length && text[end] == '.');
        }

        private static int skipToWhitespace(char[] text, int from) {
            int i = from;
            while (i < text.length && !isSpace(text[i])) {
                i++;
            }
            return i;
        }
    }

    /** The candidate phrases of one extraction, keyed by their (normalized) word ids. */
    private static final class CandidateTable {
        private final Words words;
        private long[] keys = new long[512];
        private Candidate[] values = new Candidate[512];
        final List<Candidate> all = new ArrayList<>(256);

        CandidateTable(Words words) {
            this.words = words;
        }

        /** The candidate for words {@code [start, end)} of {@code runs}, created when new; null if no term. */
        Candidate find(int[] runs, int start, int end) {
            if (!isCandidate(words.classes, runs, start, end) || !modifierAllowed(runs, start, end)) {
                return null;
            }
            boolean ofPhrase = false;
            for (int i = start; i < end; i++) {
                ofPhrase |= (words.classes[runs[i]] & (OF | OF_TERM)) != 0;
            }
            long key = end - start;
            for (int i = start; i < end; i++) {
                int id = i == end - 1 && !ofPhrase ? words.singularIds[runs[i]] : runs[i];
                key = (key << 15) | id;
            }
            int slot = slot(key);
            if (values[slot] != null) {
                return values[slot];
            }
            int[] ids = Arrays.copyOfRange(runs, start, end);
            if (!ofPhrase) {
                ids[ids.length - 1] = words.singularIds[ids[ids.length - 1]];
            }
            Candidate candidate =
                    new Candidate(ids, ofPhrase && !OF_TERMS.contains(text(ids).replace(' ', '-')));
            keys[slot] = key;
            values[slot] = candidate;
            all.add(candidate);
            if (all.size() * 2 > keys.length) {
                grow();
            }
            return candidate;
        }

        /** The candidate with exactly these (normalized) word ids, or null. */
        Candidate get(int[] ids, int from, int to) {
            long key = to - from;
            for (int i = from; i < to; i++) {
                key = (key << 15) | ids[i];
            }
            return values[slot(key)];
        }

        // "large language model", "large vision-language model", "large multimodal model": names, not modifiers
        private boolean modifierAllowed(int[] runs, int start, int end) {
            if ((words.classes[runs[start]] & MODIFIER) == 0) {
                return true;
            }
            if (end - start < 3 || !words.text.get(runs[start]).equals("large")) {
                return false;
            }
            String second = words.text.get(runs[start + 1]);
            return second.equals("language") || second.startsWith("vision") || second.equals("multimodal");
        }

        /** The display text of a phrase: its words, "of" terms spelled out. */
        String text(int[] ids) {
            StringBuilder text = new StringBuilder();
            for (int id : ids) {
                if (text.length() > 0) {
                    text.append(' ');
                }
                String word = words.text.get(id);
                // hyphenated "of" terms are spelled out: "mixture-of-experts" is "mixture of experts"
                text.append((words.classes[id] & OF_TERM) != 0 ? word.replace('-', ' ') : word);
            }
            return text.toString();
        }

        /**
         * Marks phrases that never or seldom occur outside one longer phrase: "pre-training language"
         * only inside "pre-training language model", "language model" mostly inside a recurring "large
         * language model". The longer one is the term.
         */
        void markSeenOnlyInsideLongerPhrases() {
            for (Candidate longer : all) {
                int n = longer.ids.length;
                if (n < 3) {
                    continue;
                }
                for (Candidate shorter : new Candidate[] {get(longer.ids, 0, n - 1), get(longer.ids, 1, n)}) {
                    boolean never = shorter != null && shorter.mentions() == longer.mentions();
                    boolean seldom =
                            shorter != null && longer.mentions() >= 2 && 2 * longer.mentions() >= shorter.mentions();
                    if (never || seldom) {
                        shorter.seenOnlyInsideLonger = true;
                    }
                }
            }
        }

        /** The slot of {@code key}: where it is, or the empty slot where it belongs. */
        private int slot(long key) {
            long mixed = key * 0x9E3779B97F4A7C15L;
            int slot = (int) (mixed ^ (mixed >>> 32)) & (keys.length - 1);
            while (values[slot] != null && keys[slot] != key) {
                slot = (slot + 1) & (keys.length - 1);
            }
            return slot;
        }

        private void grow() {
            long[] oldKeys = keys;
            Candidate[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new Candidate[oldValues.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldValues[i] != null) {
                    int slot = slot(oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }
    }

    /** A phrase seen in the text, with what its score is made of. */
    private static final class Candidate {
        final int[] ids;
        /** "X of Y" that is not a well-known term: it must recur. */
        final boolean ofPhrase;
        /** Display text and its words padded with spaces, hyphens as spaces; set once it is a contender. */
        String text;

        String padded;
        int occurrences;
        int firstPosition = -1;
        boolean inTitle;
        boolean seenOnlyInsideLonger;
        double score;

        Candidate(int[] ids, boolean ofPhrase) {
            this.ids = ids;
            this.ofPhrase = ofPhrase;
        }

        int mentions() {
            return occurrences + (inTitle ? 1 : 0);
        }

        void describe(String displayText) {
            text = displayText;
            padded = " " + displayText.replace('-', ' ') + " ";
        }

        /** Whether one phrase is part of the other ("language model" of "large language model"). */
        boolean overlaps(Candidate other) {
            if (contains(ids, other.ids) || contains(other.ids, ids)) {
                return true;
            }
            return padded != null
                    && other.padded != null
                    && (padded.contains(other.padded) || other.padded.contains(padded));
        }

        private static boolean contains(int[] longer, int[] shorter) {
            for (int start = 0; start + shorter.length <= longer.length; start++) {
                if (Arrays.equals(longer, start, start + shorter.length, shorter, 0, shorter.length)) {
                    return true;
                }
            }
            return false;
        }
    }
}
