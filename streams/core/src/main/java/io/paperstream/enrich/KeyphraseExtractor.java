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
 * Thread-safe: each thread reuses its own scratch tables, so an extraction allocates little beyond its result.
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
    private static final char[][] KNOWN_CANONICAL;
    /** Words that end in "s" without being plurals, looked up from the characters of a word. */
    private static final TokenVocabulary NOT_PLURAL_WORDS = vocabulary(NOT_PLURAL);

    static {
        Map<String, Integer> classes = classes();
        TokenVocabulary.Builder known = new TokenVocabulary.Builder();
        classes.keySet().forEach(known::add);
        SPELLING.keySet().forEach(known::add);
        KNOWN = known.build();
        KNOWN_CLASSES = new int[KNOWN.size()];
        KNOWN_CANONICAL = new char[KNOWN.size()][];
        classes.forEach((word, wordClass) -> KNOWN_CLASSES[KNOWN.idOf(word)] = wordClass);
        SPELLING.forEach((variant, canonical) -> KNOWN_CANONICAL[KNOWN.idOf(variant)] = canonical.toCharArray());
    }

    private final int count;
    /** Each thread reuses its own tables, so an extraction allocates little beyond its result. */
    private final ThreadLocal<Extraction> scratch = ThreadLocal.withInitial(Extraction::new);

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
        Extraction extraction = scratch.get();
        extraction.clear();
        CandidateTable candidates = extraction.candidates;
        WordRuns abstractRuns = extraction.words.runs(abstractText, extraction.abstractRuns);
        WordRuns titleRuns = extraction.words.runs(title, extraction.titleRuns);
        countInAbstract(candidates, abstractRuns);
        markInTitle(candidates, titleRuns);
        candidates.markSeenOnlyInsideLongerPhrases();
        return choose(ranked(candidates, abstractRuns.words(), extraction.ranked), candidates);
    }

    /** Counts every candidate phrase of the abstract and notes the word position of its first occurrence. */
    private static void countInAbstract(CandidateTable candidates, WordRuns abstractRuns) {
        int[] runs = abstractRuns.ids;
        int length = abstractRuns.length;
        int position = 0;
        for (int start = 0; start < length; start++) {
            if (runs[start] < 0) {
                continue;
            }
            for (int end = start + 1; end <= start + MAX_WORDS && end <= length && runs[end - 1] >= 0; end++) {
                Candidate candidate = candidates.find(runs, start, end);
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

    private static void markInTitle(CandidateTable candidates, WordRuns titleRuns) {
        int[] runs = titleRuns.ids;
        int length = titleRuns.length;
        for (int start = 0; start < length; start++) {
            for (int end = start + 1; end <= start + MAX_WORDS && end <= length && runs[end - 1] >= 0; end++) {
                Candidate candidate = candidates.find(runs, start, end);
                if (candidate != null) {
                    candidate.inTitle = true;
                }
            }
        }
    }

    /** The candidates worth keeping, scored, best first, in {@code ranked}. */
    private static List<Candidate> ranked(CandidateTable candidates, int abstractWords, List<Candidate> ranked) {
        for (int i = 0; i < candidates.size; i++) {
            Candidate candidate = candidates.all[i];
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
                        : Arrays.compare(a.ids, 0, a.length, b.ids, 0, b.length));
        return ranked;
    }

    /** The texts of the best {@link #count} ranked candidates that do not overlap a better one. */
    private List<String> choose(List<Candidate> ranked, CandidateTable candidates) {
        List<Candidate> chosen = new ArrayList<>(count);
        List<String> result = new ArrayList<>(count);
        for (Candidate candidate : ranked) {
            if (chosen.size() == count) {
                break;
            }
            // word ids first (cheap), then the text, which also sees "vision language" in "vision-language"
            if (!overlapsAny(candidate, chosen)) {
                candidate.describe(candidates.text(candidate));
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
        int length = candidate.length;
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
        char[] spelled = new char[word.length()];
        return new String(spelled, 0, singular(word.toCharArray(), 0, word.length(), spelled));
    }

    /**
     * Writes the singular of the lower-case word {@code chars[start, start + n)} to {@code out}
     * ("queries" → "query", "biases" → "bias", "llms" → "llm") and returns its length; the word
     * itself when it is no safe plural.
     */
    private static int singular(char[] chars, int start, int n, char[] out) {
        int end = start + n;
        int length;
        if (n > 4 && endsWith(chars, end, "es") && NOT_PLURAL_WORDS.idOf(chars, start, n - 2) >= 0) {
            length = n - 2;
        } else if (n < 3
                || chars[end - 1] != 's'
                || NOT_PLURAL_WORDS.idOf(chars, start, n) >= 0
                || endsWith(chars, end, "ss")
                || endsWith(chars, end, "us")
                || endsWith(chars, end, "is")
                || endsWith(chars, end, "ics")
                || endsWith(chars, end, "ous")
                // "tts", "ss": no plural of a doubled-letter acronym
                || chars[end - 2] == chars[end - 3]) {
            length = n;
        } else if (n > 4 && endsWith(chars, end, "ies")) {
            System.arraycopy(chars, start, out, 0, n - 3);
            out[n - 3] = 'y';
            return n - 2;
        } else if (n > 4
                && (endsWith(chars, end, "sses")
                        || endsWith(chars, end, "ches")
                        || endsWith(chars, end, "shes")
                        || endsWith(chars, end, "xes"))) {
            length = n - 2;
        } else {
            length = n - 1;
        }
        System.arraycopy(chars, start, out, 0, length);
        return length;
    }

    /** Whether the word ending at {@code end} ends with {@code suffix}; callers check the word is long enough. */
    private static boolean endsWith(char[] chars, int end, String suffix) {
        int from = end - suffix.length();
        for (int k = 0; k < suffix.length(); k++) {
            if (chars[from + k] != suffix.charAt(k)) {
                return false;
            }
        }
        return true;
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

    private static TokenVocabulary vocabulary(Set<String> words) {
        TokenVocabulary.Builder vocabulary = new TokenVocabulary.Builder();
        words.forEach(vocabulary::add);
        return vocabulary.build();
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

    private static final int INITIAL_TEXT_LENGTH = 4096;
    /** Buffers grown past this for an unusually long text are given back rather than kept. */
    private static final int RETAINED_TEXT_LENGTH = 1 << 16;

    /** What one thread reuses from extraction to extraction. */
    private static final class Extraction {
        final Words words = new Words();
        final CandidateTable candidates = new CandidateTable(words);
        final WordRuns abstractRuns = new WordRuns();
        final WordRuns titleRuns = new WordRuns();
        final List<Candidate> ranked = new ArrayList<>();

        /** Forgets the last extraction (which may have ended in an exception). */
        void clear() {
            candidates.clear();
            words.clear();
            abstractRuns.clear();
            titleRuns.clear();
            ranked.clear();
        }
    }

    /** The word ids of one text, -1 wherever a run of content words ends: {@code ids[0, length)}. */
    private static final class WordRuns {
        int[] ids = new int[INITIAL_TEXT_LENGTH];
        int length;

        void clear() {
            if (ids.length > RETAINED_TEXT_LENGTH) {
                ids = new int[INITIAL_TEXT_LENGTH];
            }
            length = 0;
        }

        /** Words in the runs: ids that are not run ends. */
        int words() {
            int words = 0;
            for (int i = 0; i < length; i++) {
                if (ids[i] >= 0) {
                    words++;
                }
            }
            return words;
        }
    }

    /**
     * The distinct words of one extraction with dense ids, their classes and singular forms, and
     * the texts as runs of word ids. Words are looked up in the thread's {@link Lexicon}: what holds
     * for a word in any paper is worked out once. Reused by one thread, extraction after extraction.
     */
    private static final class Words {
        private static final int INITIAL_WORDS = 256;
        /** Arrays grown past this for an unusually long paper are given back rather than kept. */
        private static final int RETAINED_WORDS = 4096;

        int[] classes;
        int[] singularIds;
        /** The id a word stands for: itself, its canonical spelling's id, or -1 (not a word). */
        private int[] resolved;
        /** The lexicon id of each word. */
        private int[] lexiconIds;

        private int size;
        /** Numbers the extractions, so that the lexicon tells which words already have an id in this one. */
        private int extraction;

        private Lexicon lexicon = new Lexicon();
        /** The lower-cased text being read. */
        private char[] lower = new char[INITIAL_TEXT_LENGTH];

        Words() {
            allocate(INITIAL_WORDS);
        }

        private void allocate(int capacity) {
            classes = new int[capacity];
            singularIds = new int[capacity];
            resolved = new int[capacity];
            lexiconIds = new int[capacity];
        }

        void clear() {
            if (lower.length > RETAINED_TEXT_LENGTH) {
                lower = new char[INITIAL_TEXT_LENGTH];
            }
            if (size > RETAINED_WORDS) {
                allocate(INITIAL_WORDS);
            }
            if (lexicon.size() > Lexicon.RETAINED_WORDS || extraction == Integer.MAX_VALUE) {
                lexicon = new Lexicon();
                extraction = 0;
            }
            extraction++;
            size = 0;
        }

        /** The word ids of {@code input}, -1 wherever a run of content words ends, written to {@code into}. */
        WordRuns runs(String input, WordRuns into) {
            int n = input == null ? 0 : input.length();
            char[] text = lowerCased(input, n);
            if (into.ids.length < n + 1) {
                into.ids = new int[n + 1];
            }
            int[] out = into.ids;
            int size = 0;
            int i = 0;
            while (i < n) {
                char c = text[i];
                if (!isWordChar(c)) {
                    if (!isSpace(c)) {
                        size = endRun(out, size);
                    }
                    i++;
                    continue;
                }
                int end = wordEnd(text, i, n);
                if (isUrl(text, i, end, n)) {
                    size = endRun(out, size);
                    i = skipToWhitespace(text, end, n);
                    continue;
                }
                int id = id(text, i, end - i);
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
                if (i + 1 < n && (text[i] == '\'' || text[i] == '\u2019') && text[i + 1] == 's') {
                    i += 2;
                }
            }
            into.length = endRun(out, size);
            return into;
        }

        /** {@code input} lower-cased into the reused buffer (valid up to {@code n}). */
        private char[] lowerCased(String input, int n) {
            if (lower.length < n) {
                lower = new char[Math.max(n, 2 * lower.length)];
            }
            char[] text = lower;
            for (int i = 0; i < n; i++) {
                char c = input.charAt(i);
                text[i] = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
            }
            return text;
        }

        /**
         * The id of the word in {@code chars[start, start + length)}, through its canonical spelling;
         * -1 once an extraction has seen too many distinct words to key.
         */
        private int id(char[] chars, int start, int length) {
            // past the limit no word is new to the extraction: none is added to the lexicon either
            int word = size >= MAX_DISTINCT_WORDS - 2
                    ? lexicon.find(chars, start, length)
                    : lexicon.id(chars, start, length);
            return word < 0 ? -1 : id(word);
        }

        /** The id of the word with this lexicon id, given one when it is new to the extraction. */
        private int id(int word) {
            if (lexicon.extractionOf(word) == extraction) {
                return resolved[lexicon.idIn(word)];
            }
            if (size >= MAX_DISTINCT_WORDS - 2) {
                return -1;
            }
            int created = add(word);
            int canonical = lexicon.canonical(word);
            if (canonical >= 0) {
                // "pretraining" is an alias of "pre-training": the same id for both spellings
                resolved[created] = id(canonical);
                return resolved[created];
            }
            // a break word is never shown: it needs no singular
            if ((classes[created] & BREAK) == 0 && lexicon.endsInS(word)) {
                int singular = lexicon.singular(word);
                int singularId = singular == word ? created : id(singular);
                // "employs" is no plural of a term even if "employ" were a listed verb
                singularIds[created] = singularId >= 0 && (classes[singularId] & BREAK) == 0 ? singularId : created;
            }
            return created;
        }

        private int add(int word) {
            int created = size;
            if (created == classes.length) {
                int capacity = 2 * created;
                classes = Arrays.copyOf(classes, capacity);
                singularIds = Arrays.copyOf(singularIds, capacity);
                resolved = Arrays.copyOf(resolved, capacity);
                lexiconIds = Arrays.copyOf(lexiconIds, capacity);
            }
            classes[created] = lexicon.wordClass(word);
            singularIds[created] = created;
            resolved[created] = created;
            lexiconIds[created] = word;
            lexicon.given(word, extraction, created);
            size++;
            return created;
        }

        /** The text of word {@code id}. */
        String text(int id) {
            return lexicon.text(lexiconIds[id]);
        }

        /** Whether word {@code id} is spelled {@code word}, or starts so. */
        boolean spelled(int id, String word, boolean prefix) {
            return lexicon.spelled(lexiconIds[id], word, prefix);
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

        /**
         * The end of a word in {@code text[0, n)}: letters and digits, with inner hyphens and inner dots
         * between digits ("gpt-3.5").
         */
        private static int wordEnd(char[] text, int start, int n) {
            int i = start;
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

        private static boolean isUrl(char[] text, int start, int end, int n) {
            int length = end - start;
            boolean http = (length == 4 || length == 5)
                    && text[start] == 'h'
                    && text[start + 1] == 't'
                    && text[start + 2] == 't'
                    && text[start + 3] == 'p'
                    && (length == 4 || text[start + 4] == 's');
            boolean www = length == 3 && text[start] == 'w' && text[start + 1] == 'w' && text[start + 2] == 'w';
            return (http && end < n && ":;/".indexOf(text[end]) >= 0) || (www && end < n && text[end] == '.');
        }

        private static int skipToWhitespace(char[] text, int from, int n) {
            int i = from;
            while (i < n && !isSpace(text[i])) {
                i++;
            }
            return i;
        }
    }

    /**
     * Every word one thread has met, with what holds for it in any paper: its class, canonical
     * spelling, singular and display text, and which extraction last gave it a word id. Looked up
     * straight from characters (open addressing over a character pool); forgotten between
     * extractions once it holds more than {@link #RETAINED_WORDS} words.
     */
    private static final class Lexicon {
        static final int RETAINED_WORDS = 1 << 15;
        private static final int INITIAL_WORDS = 1024;
        /** {@link #singulars} entry of a word whose singular is not worked out yet. */
        private static final int NOT_YET = -2;

        private int size;
        private char[] pool = new char[INITIAL_WORDS * 8];
        private int poolSize;
        private int[] offsets = new int[INITIAL_WORDS + 1];
        private int[] table = newTable(INITIAL_WORDS * 2);
        /** The hash of the word in each used slot of {@link #table}: most probes end on it, without a comparison. */
        private int[] slotHashes = new int[INITIAL_WORDS * 2];

        private int[] classes = new int[INITIAL_WORDS];
        /** Lexicon id of the canonical spelling of a spelling variant, else -1. */
        private int[] canonicals = new int[INITIAL_WORDS];
        /** Lexicon id of the singular (the word itself when it is none), or {@link #NOT_YET}. */
        private int[] singulars = new int[INITIAL_WORDS];

        private String[] texts = new String[INITIAL_WORDS];
        private int[] extractions = new int[INITIAL_WORDS];
        private int[] ids = new int[INITIAL_WORDS];
        /** The singular being looked up. */
        private char[] spelling = new char[64];

        int size() {
            return size;
        }

        /** The lexicon id of the word in {@code chars[start, start + length)}, or -1 when it is new. */
        int find(char[] chars, int start, int length) {
            return table[slot(hash(chars, start, start + length), chars, start, length)];
        }

        /** The lexicon id of the word in {@code chars[start, start + length)}, added when new. */
        int id(char[] chars, int start, int length) {
            int hash = hash(chars, start, start + length);
            int slot = slot(hash, chars, start, length);
            if (table[slot] >= 0) {
                return table[slot];
            }
            int known = KNOWN.idOf(chars, start, length);
            int word = add(chars, start, length, slot, hash);
            classes[word] = known >= 0 ? KNOWN_CLASSES[known] : classOfUnlisted(chars, start, length);
            char[] canonical = known >= 0 ? KNOWN_CANONICAL[known] : null;
            // the look-up may grow the arrays: assign after it
            int canonicalId = canonical == null ? -1 : id(canonical, 0, canonical.length);
            canonicals[word] = canonicalId;
            return word;
        }

        int wordClass(int word) {
            return classes[word];
        }

        int canonical(int word) {
            return canonicals[word];
        }

        boolean endsInS(int word) {
            return pool[offsets[word + 1] - 1] == 's';
        }

        /** The lexicon id of the singular of {@code word}, worked out the first time it is asked for. */
        int singular(int word) {
            if (singulars[word] == NOT_YET) {
                int from = offsets[word];
                int length = offsets[word + 1] - from;
                if (spelling.length < length) {
                    spelling = new char[Math.max(length, 2 * spelling.length)];
                }
                int singularLength = KeyphraseExtractor.singular(pool, from, length, spelling);
                int singular = singularLength == length ? word : id(spelling, 0, singularLength);
                singulars[word] = singular;
            }
            return singulars[word];
        }

        /** The extraction that last gave {@code word} an id. */
        int extractionOf(int word) {
            return extractions[word];
        }

        /** The id {@code word} has in the extraction that last gave it one. */
        int idIn(int word) {
            return ids[word];
        }

        void given(int word, int extraction, int id) {
            extractions[word] = extraction;
            ids[word] = id;
        }

        String text(int word) {
            if (texts[word] == null) {
                texts[word] = new String(pool, offsets[word], offsets[word + 1] - offsets[word]);
            }
            return texts[word];
        }

        /** Whether {@code word} is spelled {@code spelled}, or starts so. */
        boolean spelled(int word, String spelled, boolean prefix) {
            int from = offsets[word];
            int length = offsets[word + 1] - from;
            if (prefix ? length < spelled.length() : length != spelled.length()) {
                return false;
            }
            for (int k = 0; k < spelled.length(); k++) {
                if (pool[from + k] != spelled.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        private int add(char[] chars, int start, int length, int slot, int hash) {
            int word = size;
            if (word == classes.length) {
                grow();
            }
            if (poolSize + length > pool.length) {
                pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + length));
            }
            System.arraycopy(chars, start, pool, poolSize, length);
            offsets[word] = poolSize;
            poolSize += length;
            offsets[word + 1] = poolSize;
            singulars[word] = NOT_YET;
            table[slot] = word;
            slotHashes[slot] = hash;
            size++;
            if (size * 2 > table.length) {
                rehash();
            }
            return word;
        }

        private void grow() {
            // offsets has one entry more than the per-word arrays
            int capacity = classes.length * 2;
            offsets = Arrays.copyOf(offsets, capacity + 1);
            classes = Arrays.copyOf(classes, capacity);
            canonicals = Arrays.copyOf(canonicals, capacity);
            singulars = Arrays.copyOf(singulars, capacity);
            texts = Arrays.copyOf(texts, capacity);
            extractions = Arrays.copyOf(extractions, capacity);
            ids = Arrays.copyOf(ids, capacity);
        }

        private void rehash() {
            table = newTable(table.length * 2);
            slotHashes = new int[table.length];
            for (int word = 0; word < size; word++) {
                int hash = hash(pool, offsets[word], offsets[word + 1]);
                int slot = hash & (table.length - 1);
                while (table[slot] >= 0) {
                    slot = (slot + 1) & (table.length - 1);
                }
                table[slot] = word;
                slotHashes[slot] = hash;
            }
        }

        /**
         * The slot of the word in {@code chars[start, start + length)}, whose hash is {@code hash}: where it is, or
         * the empty slot for it.
         */
        private int slot(int hash, char[] chars, int start, int length) {
            int slot = hash & (table.length - 1);
            while (table[slot] >= 0 && (slotHashes[slot] != hash || !sameChars(table[slot], chars, start, length))) {
                slot = (slot + 1) & (table.length - 1);
            }
            return slot;
        }

        private boolean sameChars(int word, char[] chars, int start, int length) {
            int from = offsets[word];
            return offsets[word + 1] - from == length
                    && Arrays.equals(pool, from, from + length, chars, start, start + length);
        }

        private static int hash(char[] chars, int from, int to) {
            int hash = 0;
            for (int k = from; k < to; k++) {
                hash = 31 * hash + chars[k];
            }
            return hash ^ (hash >>> 16);
        }

        private static int[] newTable(int size) {
            int[] table = new int[size];
            Arrays.fill(table, -1);
            return table;
        }
    }

    /** The candidate phrases of one extraction, keyed by their (normalized) word ids; reused by one thread. */
    private static final class CandidateTable {
        private static final int INITIAL_SLOTS = 512;
        /** A table grown past this for an unusually long paper is given back rather than kept. */
        private static final int RETAINED_SLOTS = 1 << 14;

        private final Words words;
        private long[] keys;
        private Candidate[] values;
        /** The candidates of this extraction, {@code all[0, size)}, then spares from earlier ones. */
        Candidate[] all;

        int size;

        CandidateTable(Words words) {
            this.words = words;
            allocate();
        }

        private void allocate() {
            keys = new long[INITIAL_SLOTS];
            values = new Candidate[INITIAL_SLOTS];
            all = new Candidate[INITIAL_SLOTS / 2];
        }

        void clear() {
            if (keys.length > RETAINED_SLOTS) {
                allocate();
            } else {
                for (int i = 0; i < size; i++) {
                    values[all[i].slot] = null;
                }
            }
            size = 0;
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
            Candidate candidate = next();
            candidate.reset(runs, start, end);
            if (!ofPhrase) {
                candidate.ids[candidate.length - 1] = words.singularIds[candidate.ids[candidate.length - 1]];
            }
            candidate.ofPhrase = ofPhrase && !OF_TERMS.contains(text(candidate).replace(' ', '-'));
            candidate.slot = slot;
            keys[slot] = key;
            values[slot] = candidate;
            if (size * 2 > keys.length) {
                grow();
            }
            return candidate;
        }

        /** A candidate to fill in: a spare one from an earlier extraction, else a new one. */
        private Candidate next() {
            if (size == all.length) {
                all = Arrays.copyOf(all, size * 2);
            }
            if (all[size] == null) {
                all[size] = new Candidate();
            }
            return all[size++];
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
            if (end - start < 3 || !words.spelled(runs[start], "large", false)) {
                return false;
            }
            int second = runs[start + 1];
            return words.spelled(second, "language", false)
                    || words.spelled(second, "vision", true)
                    || words.spelled(second, "multimodal", false);
        }

        /** The display text of a phrase: its words, "of" terms spelled out. */
        String text(Candidate candidate) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < candidate.length; i++) {
                int id = candidate.ids[i];
                if (text.length() > 0) {
                    text.append(' ');
                }
                String word = words.text(id);
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
            for (int i = 0; i < size; i++) {
                Candidate longer = all[i];
                int n = longer.length;
                if (n >= 3) {
                    markIfSeenOnlyInside(longer, get(longer.ids, 0, n - 1));
                    markIfSeenOnlyInside(longer, get(longer.ids, 1, n));
                }
            }
        }

        private static void markIfSeenOnlyInside(Candidate longer, Candidate shorter) {
            boolean never = shorter != null && shorter.mentions() == longer.mentions();
            boolean seldom = shorter != null && longer.mentions() >= 2 && 2 * longer.mentions() >= shorter.mentions();
            if (never || seldom) {
                shorter.seenOnlyInsideLonger = true;
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
                    values[slot].slot = slot;
                }
            }
        }
    }

    /** A phrase seen in the text, with what its score is made of; reused from extraction to extraction. */
    private static final class Candidate {
        /** The (normalized) word ids of the phrase: {@code ids[0, length)}. */
        final int[] ids = new int[MAX_WORDS];

        int length;
        /** "X of Y" that is not a well-known term: it must recur. */
        boolean ofPhrase;
        /** Display text and its words padded with spaces, hyphens as spaces; set once it is a contender. */
        String text;

        String padded;
        int occurrences;
        int firstPosition;
        boolean inTitle;
        boolean seenOnlyInsideLonger;
        double score;
        /** Where the candidate table keeps it. */
        int slot;

        /** Makes this the not yet seen phrase {@code runs[start, end)}. */
        void reset(int[] runs, int start, int end) {
            length = end - start;
            System.arraycopy(runs, start, ids, 0, length);
            text = null;
            padded = null;
            occurrences = 0;
            firstPosition = -1;
            inTitle = false;
            seenOnlyInsideLonger = false;
            score = 0;
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
            if (contains(this, other) || contains(other, this)) {
                return true;
            }
            return padded != null
                    && other.padded != null
                    && (padded.contains(other.padded) || other.padded.contains(padded));
        }

        private static boolean contains(Candidate longer, Candidate shorter) {
            for (int start = 0; start + shorter.length <= longer.length; start++) {
                if (Arrays.equals(longer.ids, start, start + shorter.length, shorter.ids, 0, shorter.length)) {
                    return true;
                }
            }
            return false;
        }
    }
}
