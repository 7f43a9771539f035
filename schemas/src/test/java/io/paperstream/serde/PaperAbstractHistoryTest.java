package io.paperstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Every released version of PaperAbstract (kept in {@code src/test/resources/history} under its version) can be
 * read by the current schema, as the registry's BACKWARD level demands of {@code papers.raw-value}.
 */
class PaperAbstractHistoryTest {

    /** The released versions, oldest first. */
    private static final List<String> RELEASED = List.of("PaperAbstract-v1.avsc");

    private static final String TOPIC = "papers.raw";
    private static final String SUBJECT = "papers.raw-value";

    private static Schema released(String file) throws IOException {
        try (InputStream in = PaperAbstractHistoryTest.class.getResourceAsStream("/history/" + file)) {
            assertThat(in).as("test resource history/%s", file).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }

    private static Schema current() {
        return AvscFiles.namedTypes().get("io.paperstream.avro.PaperAbstract");
    }

    @Test
    void theCurrentSchemaReadsDataOfEveryReleasedVersion() throws IOException {
        for (String file : RELEASED) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current(), released(file));

            assertThat(result.getType())
                    .as("%s: %s", file, result.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void theRegistryAcceptsTheCurrentSchemaAfterEveryReleasedVersion() throws IOException {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        for (String file : RELEASED) {
            registry.register(SUBJECT, released(file));
        }

        int id = registry.register(SUBJECT, current());

        assertThat(registry.getLatestSchemaMetadata(SUBJECT).id()).isEqualTo(id);
        assertThat(registry.getLatestSchemaMetadata(SUBJECT).version()).isEqualTo(RELEASED.size() + 1);
    }

    @Test
    void aV1EventReadsWithoutOriginals() throws IOException {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        Schema v1 = released("PaperAbstract-v1.avsc");
        int v1Id = registry.register(SUBJECT, v1);
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "2410.17215");
        old.put("title", "MiniPLM: Knowledge Distillation for Pre-Training Language Models");
        old.put("abstract", "Knowledge distillation is widely used.");
        old.put("authors", List.of());
        old.put("categories", List.of());
        old.put("links", List.of());
        old.put("source", "arxiv-jsonl");
        old.put("sourceUri", null);
        old.put("publishedAt", SampleRecords.PUBLISHED.toEpochMilli());
        old.put("ingestedAt", SampleRecords.INGESTED.toEpochMilli());
        SpecificAvroSerde<PaperAbstract> serde = new SpecificAvroSerde<>(registry, PaperAbstract.class);

        PaperAbstract read = serde.deserializer().deserialize(TOPIC, GenericFrames.framed(v1Id, v1, old));

        assertThat(read.getTitle()).isEqualTo("MiniPLM: Knowledge Distillation for Pre-Training Language Models");
        assertThat(read.getOriginalTitle()).isNull();
        assertThat(read.getOriginalAbstract()).isNull();
        assertThat(read.getPublishedAt()).isEqualTo(SampleRecords.PUBLISHED);
    }
}
