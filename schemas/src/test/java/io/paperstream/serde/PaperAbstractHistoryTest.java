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
 * Every released version of PaperAbstract (kept in {@code src/test/resources/history} under its version) can be
 * read by the current schema, as the registry's BACKWARD level demands of {@code papers.raw-value}.
 */
class PaperAbstractHistoryTest {

    /** The released versions, oldest first. */
    private static final List<String> RELEASED = List.of("PaperAbstract-v1.avsc");

    private static final String TOPIC = "papers.raw";
    private static final String SUBJECT = "papers.raw-value";

    private static final String RECORD = "io.paperstream.avro.PaperAbstract";

    @Test
    void theCurrentSchemaReadsDataOfEveryReleasedVersion() throws IOException {
        SchemaHistory.assertCurrentReadsEvery(RECORD, RELEASED);
    }

    @Test
    void theRegistryAcceptsTheCurrentSchemaAfterEveryReleasedVersion() throws IOException {
        SchemaHistory.assertRegistryAcceptsCurrentAfter(SUBJECT, RECORD, RELEASED);
    }

    @Test
    void aV1EventReadsWithoutOriginals() throws IOException {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        Schema v1 = SchemaHistory.released("PaperAbstract-v1.avsc");
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
