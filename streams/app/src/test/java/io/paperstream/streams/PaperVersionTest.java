package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paperstream.avro.ClassifiedPaper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The stored form of a paper's version: written with its card, and read from stores written before cards were. */
class PaperVersionTest {

    private final Serde<PaperVersion> serde = PaperVersion.serde();

    @Test
    void aClassifiedPapersVersionKeepsItsCardThroughTheStore() {
        ClassifiedPaper paper;
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            var enriched = TestPapers.enriched(
                    "2501.00001", TestPapers.CORPUS.get(0), Instant.parse("2026-03-01T00:00:00Z"), List.of());
            enriched.setArxivId("2501.00001");
            enriched.setCodeUrls(List.of("https://github.com/example/code"));
            pipeline.pipe(enriched);
            paper = pipeline.classified().readValue();
        }
        PaperVersion version = PaperVersion.of(paper, 42L);

        PaperVersion read =
                serde.deserializer().deserialize("t", serde.serializer().serialize("t", version));

        assertThat(read).isEqualTo(version);
        assertThat(read.card())
                .isEqualTo(new TrendingInput.Card(
                        TestPapers.CORPUS.get(0).title(),
                        paper.getPrimaryTopic(),
                        "https://arxiv.org/abs/2501.00001",
                        "https://github.com/example/code"));
    }

    @Test
    void aVersionStoredBeforeCardsWereKeptIsReadWithoutACard() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF("hash");
            out.writeLong(42L);
            out.writeUTF("nlp");
            BinarySerde.writeStrings(out, List.of("nlp", "agents"));
        }

        PaperVersion read = serde.deserializer().deserialize("t", bytes.toByteArray());

        assertThat(read).isEqualTo(new PaperVersion("hash", 42L, "nlp", List.of("nlp", "agents"), null));
    }

    @Test
    void anUnknownLayoutIsAnErrorThatSaysSo() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 9 where 2 was expected");
    }
}
