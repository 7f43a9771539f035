package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HfDailyReaderTest {

    private static final Origin SAMPLE = new Origin("hf-daily-sample.json", "file:/samples/hf-daily-sample.json", true);

    private static ReadAll read(byte[] bytes) {
        return ReadAll.of(new HfDailyReader(new ByteArrayInputStream(bytes), SAMPLE, new ReaderOptions(1 << 20, 2025)));
    }

    private static ReadAll read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheDailyPapersArrayAndReportsAnEntryWithoutSummary() {
        ReadAll all = read(Samples.bytes(Samples.HF_DAILY_JSON));

        assertThat(all.titles())
                .containsExactly(
                        "Keyphrase Windows for Trend Detection",
                        "Exactly-Once Counting Without Tears",
                        "A Paper Hosted Only on the Hub");
        assertThat(all.messages())
                .containsExactly("hf-daily-sample.json:37: empty abstract for title 'A Daily Paper Without a Summary'");
    }

    @Test
    void mapsThePaperObject() {
        List<PaperRecord> papers = read(Samples.bytes(Samples.HF_DAILY_JSON)).papers;

        PaperRecord first = papers.get(0);
        assertThat(first.id()).isEqualTo("2410.99001");
        assertThat(first.abstractText())
                .isEqualTo("We count keyphrases in daily windows and score each window against "
                        + "an exponentially weighted baseline.");
        assertThat(first.originalAbstract())
                .isEqualTo("We count keyphrases in daily windows and score each window against "
                        + "an\nexponentially weighted baseline.");
        assertThat(first.originalTitle()).as("nothing to normalize").isNull();
        assertThat(first.authors()).containsExactly("Farah Invented", "Goran Madeup");
        assertThat(first.sourceTime()).as("the paper's publishedAt").isEqualTo("2024-10-21T17:59:58Z");
        assertThat(first.links())
                .containsExactly(
                        "https://huggingface.co/papers/2410.99001",
                        "https://arxiv.org/abs/2410.99001",
                        "https://github.com/example/keyphrase-windows");
        assertThat(first.location().line()).isEqualTo(2);
        assertThat(first.format()).isEqualTo(SourceFormat.HF_DAILY);
        PaperRecord second = papers.get(1);
        assertThat(second.id()).as("version dropped").isEqualTo("2410.99002");
        assertThat(second.links()).contains("https://example.org/exactly-once");
        PaperRecord hubOnly = papers.get(2);
        assertThat(hubOnly.id()).isEqualTo(PaperId.ofTitle("A Paper Hosted Only on the Hub"));
        assertThat(hubOnly.sourceTime()).as("the entry's publishedAt").isEqualTo(Instant.parse("2024-10-22T04:00:00Z"));
        assertThat(hubOnly.links()).containsExactly("https://huggingface.co/papers/not-an-arxiv-id");
    }

    @Test
    void readsTheEngagementFiguresWhereverTheApiPutsThem() {
        List<PaperRecord> sample = read(Samples.bytes(Samples.HF_DAILY_JSON)).papers;
        // upvotes in the paper object, comments in the entry
        assertThat(sample.get(0).engagement()).isEqualTo(new Engagement(12L, null, 2L));
        assertThat(sample.get(1).engagement()).isEqualTo(new Engagement(null, null, 0L));

        String moved = "[{\"paper\":{\"id\":\"2501.00001\",\"title\":\"One\",\"summary\":\"First.\","
                + "\"numComments\":4},\"upvotes\":7,\"githubStars\":1500},"
                + "{\"paper\":{\"id\":\"2501.00002\",\"title\":\"Two\",\"summary\":\"Second.\"}},"
                + "{\"paper\":{\"id\":\"2501.00003\",\"title\":\"Three\",\"summary\":\"Third.\","
                + "\"upvotes\":-3,\"githubStars\":\"many\"},\"numComments\":1.5}]";
        List<PaperRecord> papers = read(moved).papers;

        assertThat(papers)
                .extracting(PaperRecord::engagement)
                .containsExactly(
                        new Engagement(7L, 1500L, 4L),
                        null,
                        // figures that are no whole number of at least 0 count as absent, the paper is kept
                        null);
        assertThat(papers).extracting(PaperRecord::title).containsExactly("One", "Two", "Three");
    }

    @Test
    void acceptsUnwrappedPapersAndOneEntryPerLine() {
        String lines = "{\"paper\":{\"id\":\"2501.00001\",\"title\":\"One\",\"summary\":\"First.\"}}\n"
                + "{\"id\":\"2501.00002\",\"title\":\"Two\",\"summary\":\"Second.\",\"publishedAt\":\"2025-01-02\"}\n";

        ReadAll all = read(lines);

        assertThat(all.bad).isEmpty();
        assertThat(all.papers).extracting(PaperRecord::id).containsExactly("2501.00001", "2501.00002");
        assertThat(all.papers.get(1).sourceTime()).isEqualTo("2025-01-02T00:00:00Z");
        assertThat(all.papers.get(1).location().line()).isEqualTo(2);
    }

    @Test
    void reportsNonObjectsAndKeepsReading() {
        ReadAll all = read("[\n  42,\n  {\"title\":\"Kept\",\"summary\":\"Still read.\"},\n  [1]\n]");

        assertThat(all.titles()).containsExactly("Kept");
        assertThat(all.messages())
                .containsExactly(
                        "hf-daily-sample.json:2: expected a daily-papers entry (a JSON object), found 42",
                        "hf-daily-sample.json:4: expected a daily-papers entry (a JSON object), found [");
    }

    @Test
    void aSyntaxErrorEndsTheInputWithItsLine() {
        ReadAll all = read("[\n {\"title\":\"Before\",\"summary\":\"Read.\"},\n {\"title\": oops}\n]");

        assertThat(all.titles()).containsExactly("Before");
        assertThat(all.messages())
                .singleElement()
                .asString()
                .startsWith("hf-daily-sample.json:3: invalid JSON: ")
                .endsWith("; the rest of this input is skipped");
    }

    @Test
    void malformedUtf8IsReportedWithItsLine() {
        byte[] json = "[\n {\"title\":\"Fine\",\"summary\":\"Read.\"},\n {\"title\":\"Bad X\",\"summary\":\"s\"}\n]"
                .getBytes(StandardCharsets.UTF_8);
        json[indexOf(json, (byte) 'X')] = (byte) 0xFF;

        ReadAll all = read(json);

        assertThat(all.titles()).containsExactly("Fine");
        assertThat(all.messages())
                .singleElement()
                .asString()
                .startsWith("hf-daily-sample.json:3: invalid JSON: Invalid UTF-8");
    }

    @Test
    void aStringOverTheLimitIsRefused() {
        String json = "[{\"title\":\"Huge\",\"summary\":\"" + "s".repeat(3000) + "\"}]";

        ReadAll all = ReadAll.of(new HfDailyReader(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                SAMPLE,
                new ReaderOptions(1000, 2025)));

        assertThat(all.papers).isEmpty();
        assertThat(all.messages()).singleElement().asString().contains("String value length");
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }
}
