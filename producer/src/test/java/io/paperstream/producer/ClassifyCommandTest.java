package io.paperstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.paperstream.classify.Taxonomy;
import io.paperstream.producer.source.Corpus;
import io.paperstream.producer.source.Samples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);
    private static final List<String> TOPIC_IDS = Taxonomy.loadDefault().topicIds();

    private static ClassifyRun run(InputStream stdin, String... args) {
        return ClassifyRun.of(stdin, CLOCK, args);
    }

    private static ClassifyRun run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    @Test
    void classifiesTheCorpusAsOneJsonLinePerPaperInInputOrderWithTheTitlesExact() throws IOException {
        ClassifyRun run = run("--input", Corpus.path().toString());

        assertThat(run.exitCode()).isZero();
        String text = new String(run.out(), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        assertThat(text.split("\n")).hasSize(Corpus.PAPERS);
        List<JsonNode> papers = run.papers();
        assertThat(papers).extracting(p -> p.get("title").asText()).containsExactlyElementsOf(Corpus.titles());
        for (int i = 0; i < papers.size(); i++) {
            JsonNode paper = papers.get(i);
            assertThat(paper.get("id").asText()).matches("h:[0-9a-f]{16}");
            assertThat(paper.get("primary").asText()).isIn(TOPIC_IDS);
            JsonNode topics = paper.get("topics");
            assertThat(topics.isArray() && !topics.isEmpty()).isTrue();
            assertThat(topics.get(0).get("id").asText())
                    .isEqualTo(paper.get("primary").asText());
            topics.forEach(t -> {
                assertThat(t.get("id").asText()).isIn(TOPIC_IDS);
                assertThat(t.get("score").isNumber()).isTrue();
                assertThat(t.get("evidence").isArray()).isTrue();
            });
            for (String array : List.of("urls", "codeUrls", "keyphrases")) {
                assertThat(paper.get(array).isArray()).as(array).isTrue();
            }
            assertThat(paper.get("arxivId").isNull() || paper.get("arxivId").isTextual())
                    .isTrue();
            assertThat(paper.get("words").asInt()).isPositive();
            assertThat(paper.get("codeReleased").isBoolean()).isTrue();
            assertThat(paper.get("dataReleased").isBoolean()).isTrue();
            assertThat(paper.get("location").asText()).endsWith("trending-papers.txt:" + Corpus.titleLine(i));
        }
        JsonNode miniPlm = papers.get(0);
        assertThat(miniPlm.get("codeUrls"))
                .extracting(JsonNode::asText)
                .containsExactly("https://github.com/thu-coai/MiniPLM");
        assertThat(miniPlm.get("codeReleased").asBoolean()).isTrue();
        assertThat(miniPlm.get("keyphrases")).extracting(JsonNode::asText).contains("knowledge distillation");
        assertThat(run.errLines()).containsExactly("classify: classified 116, skipped 0");
    }

    @Test
    void reportsBadRecordsWithFileAndLineAndClassifiesTheRest() throws IOException {
        Path sample = Samples.path(Samples.ARXIV_JSONL);

        ClassifyRun run = run(sample.toString());

        assertThat(run.exitCode()).isEqualTo(ClassifyCommand.EXIT_INCOMPLETE);
        List<JsonNode> papers = run.papers();
        assertThat(papers)
                .extracting(p -> p.get("id").asText())
                .containsExactly("2403.01234", "hep-th/9901001", "2401.00001", "2312.04567");
        assertThat(papers.get(0).get("title").asText())
                .as("as people read it: the snapshot's wrap undone")
                .isEqualTo("Sparse Routing for Streaming Abstract Classification");
        assertThat(papers.get(0).get("arxivId").asText()).isEqualTo("2403.01234");
        assertThat(papers.get(3).get("arxivId").asText()).isEqualTo("2312.04567");
        assertThat(papers.get(3).get("codeUrls"))
                .extracting(JsonNode::asText)
                .containsExactly("https://github.com/example/found");
        assertThat(papers).allSatisfy(p -> assertThat(p.get("primary").asText()).isIn(TOPIC_IDS));
        assertThat(run.errLines()).hasSize(4);
        assertThat(run.errLines().get(0)).startsWith(sample + ":4: invalid JSON");
        assertThat(run.errLines().get(1)).startsWith(sample + ":5: empty abstract");
        assertThat(run.errLines().get(2)).startsWith(sample + ":7: ");
        assertThat(run.errLines().get(3)).isEqualTo("classify: classified 4, skipped 3");
    }

    @Test
    void showsTheSourceCategoriesThatWeighedForEachTopic() throws IOException {
        ClassifyRun run = run(Samples.path(Samples.ARXIV_JSONL).toString());

        // the snapshot lists "cs.CL cs.LG": cs.CL is mapped by the default taxonomy, cs.LG (every topic) is not
        JsonNode topics = run.papers().get(0).get("topics");
        assertThat(topics)
                .allSatisfy(t -> assertThat(t.get("categories").isArray()).isTrue());
        assertThat(topics.get(0).get("categories")).extracting(JsonNode::asText).containsExactly("cs.CL");
    }

    @Test
    void readsStandardInputAndWritesNonAsciiTitlesAsUtf8() throws IOException {
        String title = "Über Schrödinger – 数学 😀: Large Language Models for Mathematical Reasoning";
        String page = "Mar 14\n\n" + title + "\n\nWe study large language models for mathematical reasoning. "
                + "Code: https://github.com/example/uber\n";

        ClassifyRun run =
                run(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)), "--format", "trending-page", "-");

        assertThat(run.exitCode()).isZero();
        assertThat(new String(run.out(), StandardCharsets.UTF_8))
                .as("raw UTF-8, not \\u escapes")
                .contains("\"title\":\"" + title + "\"");
        JsonNode paper = run.papers().get(0);
        assertThat(paper.get("title").asText()).isEqualTo(title);
        assertThat(paper.get("primary").asText()).isEqualTo("reasoning");
        assertThat(paper.get("location").asText()).isEqualTo("stdin:3");
        assertThat(paper.get("codeUrls"))
                .extracting(JsonNode::asText)
                .containsExactly("https://github.com/example/uber");
    }

    @Test
    void classifiesWithATaxonomyFile(@TempDir Path dir) throws IOException {
        Path taxonomy = dir.resolve("taxonomy.json");
        Files.writeString(taxonomy, """
                {"version": "test-1", "description": "two topics", "fallbackTopic": "other",
                 "scoring": {"titleWeight": 3.0, "primaryMinimum": 2.0, "secondaryRelative": 0.25,
                             "secondaryMinimum": 7.0, "maxTopics": 2},
                 "topics": [
                   {"id": "distillation", "name": "Distillation", "terms": {"knowledge distillation": 5.0, "teacher": 1.0}},
                   {"id": "other", "name": "Everything else", "terms": {"paper": 0.5}}
                 ]}
                """);

        List<JsonNode> papers =
                run("--taxonomy", taxonomy.toString(), Corpus.path().toString()).papers();

        assertThat(papers).hasSize(Corpus.PAPERS);
        assertThat(papers).allSatisfy(p -> {
            assertThat(p.get("primary").asText()).isIn("distillation", "other");
            assertThat(p.get("taxonomyVersion").asText()).isEqualTo("test-1");
        });
        assertThat(papers.get(0).get("primary").asText())
                .as("MiniPLM: Knowledge Distillation ...")
                .isEqualTo("distillation");
        assertThat(papers.get(0).get("topics").get(0).get("evidence"))
                .extracting(JsonNode::asText)
                .contains("knowledge distillation");
    }

    @Test
    void aBadTaxonomyMissingFileUnknownFormatOrNoInputIsAUsageError(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"version\": \"x\", \"topics\": []}");

        ClassifyRun badTaxonomy =
                run("--taxonomy", broken.toString(), Corpus.path().toString());
        ClassifyRun missing = run(dir.resolve("nothing.txt").toString());
        ClassifyRun format = run("--format", "pdf", Corpus.path().toString());
        ClassifyRun none = run();

        assertThat(List.of(badTaxonomy, missing, format, none)).allSatisfy(r -> {
            assertThat(r.exitCode()).isEqualTo(ClassifyCommand.EXIT_USAGE);
            assertThat(r.out()).isEmpty();
        });
        assertThat(badTaxonomy.err()).contains("taxonomy file " + broken).contains("no \"topics\"");
        assertThat(missing.err()).contains("No such file: " + dir.resolve("nothing.txt"));
        assertThat(format.err()).contains("Unknown --format 'pdf'");
        assertThat(none.err()).contains("No input");
    }
}
