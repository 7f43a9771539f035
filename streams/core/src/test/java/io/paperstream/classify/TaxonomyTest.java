package io.paperstream.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyTest {

    private static final String MINIMAL = """
        {"version": "t1", "fallbackTopic": "a",
         "scoring": {"titleWeight": 2, "primaryMinimum": 1, "secondaryRelative": 0.3, "secondaryMinimum": 2, "maxTopics": 3},
         "cues": {"made": {"window": 3, "words": ["introduce"]}},
         "topics": [
           {"id": "a", "name": "A", "scope": "a things", "terms": {"alpha beta": 2, "gamma": 1}},
           {"id": "b", "name": "B", "scope": "b things", "terms": {"delta": 1},
            "contextTerms": [{"near": "made", "terms": {"dataset": 2}}]}],
         "precedence": [{"topic": "b", "over": ["a"], "ratio": 0.5}]}
        """;

    @TempDir
    Path dir;

    @Test
    void theDefaultTaxonomyHasTheTopicsOfTaxonomyMd() {
        Taxonomy taxonomy = Taxonomy.loadDefault();
        assertThat(taxonomy.version()).isNotBlank();
        assertThat(taxonomy.topicIds())
                .containsExactly(
                        "nlp",
                        "vision",
                        "multimodal",
                        "speech-audio",
                        "medical",
                        "robotics-rl",
                        "efficiency",
                        "data",
                        "safety",
                        "retrieval",
                        "code",
                        "reasoning",
                        "generative",
                        "science");
        assertThat(taxonomy.topics()).allSatisfy(topic -> {
            assertThat(topic.name()).isNotBlank();
            assertThat(topic.scope()).isNotBlank();
            assertThat(topic.terms()).hasSizeGreaterThan(40);
        });
        assertThat(taxonomy.topic("efficiency").terms())
                .containsKeys("knowledge distillation", "mixture of experts", "quantization");
        assertThat(taxonomy.precedence())
                .extracting(PrecedenceRule::topic)
                .contains("data", "multimodal", "efficiency", "speech-audio");
        // cs.CV weighs for both neighbours alike, so the text decides between them
        assertThat(taxonomy.topic("vision").categories()).containsEntry("cs.CV", 0.5);
        assertThat(taxonomy.topic("multimodal").categories()).containsEntry("cs.CV", 0.5);
        assertThat(taxonomy.topic("medical").categories()).containsKey("q-bio.*");
    }

    @Test
    void rejectsCategoriesThatAreNotArxivShapedOrHaveNoUsableWeight() {
        String invalid = MINIMAL.replace(
                "\"terms\": {\"delta\": 1}",
                "\"terms\": {\"delta\": 1}, \"categories\": {\"cs CV\": 0.5, \"q-bio.*.x\": 0.5, \"cs.LG\": 0,"
                        + " \"cs.CL\": -1, \"eess.*\": 0.5, \"astro-ph\": 0.5, \"physics.med-ph\": -0.5}");
        assertThatThrownBy(() -> parse(invalid))
                .isInstanceOf(TaxonomyException.class)
                .hasMessageContaining("test.json")
                .hasMessageContaining("topic \"b\": category \"cs CV\" must look like cs.CV")
                .hasMessageContaining("category \"q-bio.*.x\" must look like cs.CV")
                .hasMessageContaining("category \"cs.LG\" needs a non-zero finite weight above -1")
                .hasMessageContaining("category \"cs.CL\" needs a non-zero finite weight above -1")
                .message()
                .doesNotContain("eess.*", "astro-ph\"", "physics.med-ph");
    }

    @Test
    void loadsAUserFile() throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, MINIMAL);
        Taxonomy taxonomy = Taxonomy.load(file);
        assertThat(taxonomy.version()).isEqualTo("t1");
        assertThat(taxonomy.topic("b").contextTerms())
                .singleElement()
                .satisfies(context -> assertThat(context.near()).isEqualTo("made"));
        assertThat(taxonomy.precedence().get(0).minimum()).isZero();
    }

    @Test
    void errorsNameTheFileAndTheProblem() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"version\": \"x\", \"topics\": [");
        assertThatThrownBy(() -> Taxonomy.load(broken))
                .isInstanceOf(TaxonomyException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("line");

        assertThatThrownBy(() -> Taxonomy.load(dir.resolve("missing.json")))
                .isInstanceOf(TaxonomyException.class)
                .hasMessageContaining("missing.json")
                .hasMessageContaining("cannot read");

        assertThatThrownBy(() -> parse(MINIMAL.replace("\"scope\": \"a things\"", "\"scop\": \"a things\"")))
                .isInstanceOf(TaxonomyException.class)
                .hasMessageContaining("test.json")
                .hasMessageContaining("scop");
    }

    @Test
    void reportsEveryInvalidValue() {
        String invalid = MINIMAL.replace("\"fallbackTopic\": \"a\"", "\"fallbackTopic\": \"zzz\"")
                .replace("\"gamma\": 1", "\"gamma\": 0, \"x.y\": 1")
                .replace("\"over\": [\"a\"]", "\"over\": [\"nope\"]")
                .replace("\"near\": \"made\"", "\"near\": \"unknown\"")
                .replace("\"id\": \"b\"", "\"id\": \"B!\"");
        assertThatThrownBy(() -> parse(invalid))
                .isInstanceOf(TaxonomyException.class)
                .hasMessageContaining("test.json")
                .hasMessageContaining("\"fallbackTopic\" must name a topic")
                .hasMessageContaining("term \"gamma\" needs a non-zero finite weight")
                .hasMessageContaining("term \"x.y\" must not contain")
                .hasMessageContaining("unknown topic \"nope\"")
                .hasMessageContaining("names no cue group: \"unknown\"")
                .hasMessageContaining("\"id\" must match");
    }

    @Test
    void rejectsAMissingVersionAndDuplicateIds() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("\"version\": \"t1\",", "")))
                .hasMessageContaining("missing \"version\"");
        assertThatThrownBy(() -> parse(MINIMAL.replace("\"id\": \"b\"", "\"id\": \"a\"")))
                .hasMessageContaining("topic \"a\": duplicate id");
    }

    private static Taxonomy parse(String json) {
        return Taxonomy.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }
}
