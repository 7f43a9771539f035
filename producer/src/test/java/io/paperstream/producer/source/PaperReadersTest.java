package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class PaperReadersTest {

    private static final ReaderOptions OPTIONS = new ReaderOptions(1 << 20, 2025);

    private static SourceFormat detect(String head) {
        return PaperReaders.detect(head.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void detectsEachFormatFromItsFirstBytes() {
        assertThat(PaperReaders.detect(Corpus.bytes())).isEqualTo(SourceFormat.TRENDING_PAGE);
        assertThat(PaperReaders.detect(Samples.bytes(Samples.ARXIV_JSONL))).isEqualTo(SourceFormat.ARXIV_JSONL);
        assertThat(PaperReaders.detect(Samples.bytes(Samples.HF_DAILY_JSON))).isEqualTo(SourceFormat.HF_DAILY);
        assertThat(detect("\uFEFF  [{\"paper\":{}}]")).isEqualTo(SourceFormat.HF_DAILY);
        assertThat(detect("{\"paper\":{\"id\":\"1\"}}\n")).isEqualTo(SourceFormat.HF_DAILY);
        assertThat(detect("{\n  \"title\": \"pretty-printed\"\n}")).isEqualTo(SourceFormat.HF_DAILY);
        assertThat(detect("{\"id\":\"1\",\"title\":\"t\",\"abstract\":\"a\"}\n{"))
                .isEqualTo(SourceFormat.ARXIV_JSONL);
        assertThat(detect("")).isEqualTo(SourceFormat.TRENDING_PAGE);
    }

    @Test
    void readsGzipCompressedInputTransparently() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(Samples.bytes(Samples.ARXIV_JSONL));
        }

        ReadAll all = ReadAll.of(PaperReaders.open(
                Optional.empty(), new ByteArrayInputStream(compressed.toByteArray()), Origin.stdin(), OPTIONS));

        assertThat(all.papers).hasSize(4);
    }

    @Test
    void refusesAZipArchiveAsAWholeWithOneBadRecord() throws IOException {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0};

        ReadAll all =
                ReadAll.of(PaperReaders.open(Optional.empty(), new ByteArrayInputStream(zip), Origin.stdin(), OPTIONS));

        assertThat(all.papers).isEmpty();
        assertThat(all.messages()).containsExactly("stdin:1: zip archive: unzip it first (gzip is read directly)");
    }

    @Test
    void anExplicitFormatWinsOverDetection() throws IOException {
        ReadAll all = ReadAll.of(PaperReaders.open(
                Optional.of(SourceFormat.ARXIV_JSONL),
                new ByteArrayInputStream(Corpus.bytes()),
                Origin.stdin(),
                OPTIONS));

        assertThat(all.papers).isEmpty();
        assertThat(all.bad)
                .hasSize(5 + 2 * Corpus.PAPERS)
                .allSatisfy(b -> assertThat(b.reason()).startsWith("invalid JSON"));
    }
}
