package io.paperstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * An event a producer of a released PaperAbstract wrote decodes into the current class (that every released
 * version is compatible is {@link SchemaHistoryTest}'s).
 */
class PaperAbstractHistoryTest {

    private static final String TOPIC = "papers.raw";
    private static final String SUBJECT = "papers.raw-value";

    @Test
    void aV1EventReadsWithoutOriginals() throws IOException {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        Schema v1 = SchemaHistoryTest.released("PaperAbstract-v1.avsc");
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
