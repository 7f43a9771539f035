package io.paperstream.classify;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.text.TokenSink;
import io.paperstream.text.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The research-area taxonomy the classifier assigns topics from: topics with weighted terms and
 * weighted source categories, cue groups, precedence rules for the primary topic, and scoring
 * settings. The default ships as the resource {@value #DEFAULT_RESOURCE} (built from the project's
 * taxonomy.md); users replace it with their own JSON file of the same shape via {@link #load(Path)}.
 *
 * @param version version string carried into every classified record
 * @param description free text about this taxonomy
 * @param fallbackTopic topic of a paper with no evidence for any topic
 * @param scoring how scores become a primary and secondary topics
 * @param cues named cue-word groups used by {@link ContextTerms}
 * @param topics the topics, in display order
 * @param precedence rules for choosing the primary topic, applied in order
 */
public record Taxonomy(
        String version,
        String description,
        String fallbackTopic,
        ScoringSettings scoring,
        Map<String, CueGroup> cues,
        List<ResearchTopic> topics,
        List<PrecedenceRule> precedence) {

    /** Classpath location of the default taxonomy. */
    public static final String DEFAULT_RESOURCE = "/io/paperstream/classify/taxonomy.json";

    /** Longest term, in tokens. */
    public static final int MAX_TERM_TOKENS = 8;

    /** Widest cue window, in tokens; a sentence end also stops a window. */
    public static final int MAX_CUE_WINDOW = 20;

    /** Most cue groups a taxonomy may define (they are kept as bits of an int). */
    public static final int MAX_CUE_GROUPS = 31;

    private static final String PHRASE_BREAKS = ".,;:!?()[]{}\"";
    private static final Pattern TOPIC_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    // arXiv's shape: an archive (cs, q-bio, astro-ph), then a subject class (CV, med-ph) or * for all of them
    private static final Pattern CATEGORY = Pattern.compile("[a-zA-Z][a-zA-Z-]*(\\.([a-zA-Z][a-zA-Z-]*|\\*))?");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public Taxonomy {
        cues = cues == null ? Map.of() : orderedCopy(cues);
        topics = topics == null ? List.of() : List.copyOf(topics);
        precedence = precedence == null ? List.of() : List.copyOf(precedence);
    }

    /** Loads and validates the default taxonomy shipped with paperstream. */
    public static Taxonomy loadDefault() {
        try (InputStream in = Taxonomy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new TaxonomyException("taxonomy resource " + DEFAULT_RESOURCE + ": not on the classpath");
            }
            return parse(in, "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new TaxonomyException("taxonomy resource " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Loads and validates a taxonomy JSON file. */
    public static Taxonomy load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new TaxonomyException("taxonomy file " + file + ": cannot read: " + e, e);
        }
    }

    /**
     * Parses and validates taxonomy JSON.
     *
     * @param source names the input in error messages (a file name)
     * @throws TaxonomyException naming {@code source} and the problem
     */
    public static Taxonomy parse(InputStream json, String source) {
        Taxonomy taxonomy;
        try {
            taxonomy = MAPPER.readValue(json, Taxonomy.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new TaxonomyException("taxonomy file " + source + ": " + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new TaxonomyException("taxonomy file " + source + ": cannot read: " + e, e);
        }
        if (taxonomy == null) {
            throw new TaxonomyException("taxonomy file " + source + ": empty document");
        }
        List<String> problems = taxonomy.problems();
        if (!problems.isEmpty()) {
            throw new TaxonomyException("taxonomy file " + source + ": " + String.join("; ", problems));
        }
        return taxonomy;
    }

    /** The topic with this id, or null. */
    public ResearchTopic topic(String id) {
        for (ResearchTopic topic : topics) {
            if (topic.id().equals(id)) {
                return topic;
            }
        }
        return null;
    }

    /** Ids of all topics, in taxonomy order. */
    public List<String> topicIds() {
        return topics.stream().map(ResearchTopic::id).toList();
    }

    /** Every problem that makes this taxonomy unusable; empty when it is valid. */
    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (version == null || version.isBlank()) {
            problems.add("missing \"version\"");
        }
        checkScoring(problems);
        checkCues(problems);
        Set<String> ids = checkTopics(problems);
        if (fallbackTopic == null || !ids.contains(fallbackTopic)) {
            problems.add("\"fallbackTopic\" must name a topic, found " + quote(fallbackTopic));
        }
        for (int i = 0; i < precedence.size(); i++) {
            PrecedenceRule rule = precedence.get(i);
            String where = "precedence[" + i + "]";
            if (rule.topic() == null || !ids.contains(rule.topic())) {
                problems.add(where + ": unknown topic " + quote(rule.topic()));
            }
            if (rule.over().isEmpty()) {
                problems.add(where + ": \"over\" is empty");
            }
            for (String over : rule.over()) {
                if (!PrecedenceRule.ANY.equals(over) && !ids.contains(over)) {
                    problems.add(where + ": unknown topic " + quote(over) + " in \"over\"");
                }
            }
            if (!(rule.ratio() > 0 && rule.ratio() <= 1)) {
                problems.add(where + ": \"ratio\" must be in (0, 1], found " + rule.ratio());
            }
            if (!(rule.minimum() >= 0) || Double.isInfinite(rule.minimum())) {
                problems.add(where + ": \"minimum\" must be a finite number >= 0");
            }
        }
        return problems;
    }

    private void checkScoring(List<String> problems) {
        if (scoring == null) {
            problems.add("missing \"scoring\"");
            return;
        }
        if (!(scoring.titleWeight() >= 0) || Double.isInfinite(scoring.titleWeight())) {
            problems.add("scoring.titleWeight must be a finite number >= 0");
        }
        if (!(scoring.primaryMinimum() >= 0) || Double.isInfinite(scoring.primaryMinimum())) {
            problems.add("scoring.primaryMinimum must be a finite number >= 0");
        }
        if (!(scoring.secondaryRelative() >= 0 && scoring.secondaryRelative() <= 1)) {
            problems.add("scoring.secondaryRelative must be in [0, 1]");
        }
        if (!(scoring.secondaryMinimum() >= 0) || Double.isInfinite(scoring.secondaryMinimum())) {
            problems.add("scoring.secondaryMinimum must be a finite number >= 0");
        }
        if (scoring.maxTopics() < 1) {
            problems.add("scoring.maxTopics must be >= 1");
        }
    }

    private void checkCues(List<String> problems) {
        if (cues.size() > MAX_CUE_GROUPS) {
            problems.add("at most " + MAX_CUE_GROUPS + " cue groups, found " + cues.size());
        }
        cues.forEach((name, group) -> {
            if (group == null) {
                problems.add("cue group " + quote(name) + " is empty");
                return;
            }
            if (group.window() < 1 || group.window() > MAX_CUE_WINDOW) {
                problems.add("cue group " + quote(name) + ": \"window\" must be in [1, " + MAX_CUE_WINDOW + "]");
            }
            if (group.words().isEmpty()) {
                problems.add("cue group " + quote(name) + ": no \"words\"");
            }
            for (String word : group.words()) {
                if (tokens(word).size() != 1) {
                    problems.add("cue group " + quote(name) + ": cue " + quote(word) + " must be a single word");
                }
            }
        });
    }

    private Set<String> checkTopics(List<String> problems) {
        Set<String> ids = new HashSet<>();
        if (topics.isEmpty()) {
            problems.add("no \"topics\"");
        }
        for (int i = 0; i < topics.size(); i++) {
            ResearchTopic topic = topics.get(i);
            if (topic == null) {
                problems.add("topics[" + i + "] is null");
                continue;
            }
            String where = topic.id() == null ? "topics[" + i + "]" : "topic " + quote(topic.id());
            if (topic.id() == null || !TOPIC_ID.matcher(topic.id()).matches()) {
                problems.add(where + ": \"id\" must match " + TOPIC_ID.pattern());
            } else if (!ids.add(topic.id())) {
                problems.add(where + ": duplicate id");
            }
            if (topic.name() == null || topic.name().isBlank()) {
                problems.add(where + ": missing \"name\"");
            }
            if (topic.terms().isEmpty() && topic.contextTerms().isEmpty()) {
                problems.add(where + ": no \"terms\"");
            }
            checkTerms(where, topic.terms(), problems);
            for (ContextTerms context : topic.contextTerms()) {
                if (context.near() == null && !context.anywhereInTitle()) {
                    problems.add(where + ": contextTerms need \"near\" or \"anywhereInTitle\"");
                } else if (context.near() != null && !cues.containsKey(context.near())) {
                    problems.add(where + ": contextTerms \"near\" names no cue group: " + quote(context.near()));
                }
                checkTerms(where, context.terms(), problems);
            }
            checkCategories(where, topic.categories(), problems);
        }
        return ids;
    }

    private static void checkCategories(String where, Map<String, Double> categories, List<String> problems) {
        categories.forEach((category, weight) -> {
            if (!CATEGORY.matcher(category).matches()) {
                problems.add(where + ": category " + quote(category) + " must look like cs.CV, or q-bio.* for a whole"
                        + " archive");
            }
            if (weight == null || !Double.isFinite(weight) || weight == 0 || weight <= -1) {
                problems.add(where + ": category " + quote(category) + " needs a non-zero finite weight above -1"
                        + " (the topic's score is scaled by 1 + weight)");
            }
        });
    }

    private static void checkTerms(String where, Map<String, Double> terms, List<String> problems) {
        terms.forEach((term, weight) -> {
            if (weight == null || !Double.isFinite(weight) || weight == 0) {
                problems.add(where + ": term " + quote(term) + " needs a non-zero finite weight");
            }
            List<String> tokens = tokens(term);
            if (tokens.isEmpty() || tokens.size() > MAX_TERM_TOKENS || tokens.contains("")) {
                problems.add(where + ": term " + quote(term) + " must have 1 to " + MAX_TERM_TOKENS
                        + " words of at most " + Tokenizer.MAX_TOKEN_LENGTH + " characters");
            }
            if (term.chars().anyMatch(c -> PHRASE_BREAKS.indexOf(c) >= 0)) {
                problems.add(where + ": term " + quote(term) + " must not contain any of " + PHRASE_BREAKS
                        + " (text never matches across them)");
            }
        });
    }

    /** The normalized tokens of a term, exactly as the classifier sees text. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Tokenizer.scan(text, new TokenSink() {
            @Override
            public void token(char[] buffer, int length) {
                tokens.add(length == Tokenizer.OVERLONG ? "" : new String(buffer, 0, length));
            }

            @Override
            public void boundary(boolean sentenceEnd) {
                // terms are checked for punctuation separately
            }
        });
        return tokens;
    }

    static <K, V> Map<K, V> orderedCopy(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
