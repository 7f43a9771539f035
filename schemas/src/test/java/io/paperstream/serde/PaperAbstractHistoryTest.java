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

    /** A record of a released schema with the fields every version has, as its producer wrote it. */
    private static GenericRecord written(Schema schema, String title) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", "2410.17215");
        record.put("title", title);
        record.put("abstract", "Knowledge distillation is widely used.");
        record.put("authors", List.of("Ada Lovelace"));
        record.put("categories", List.of("cs.LG"));
        record.put("links", List.of());
        record.put("source", "arxiv-jsonl");
        record.put("sourceUri", null);
        record.put("publishedAt", SampleRecords.PUBLISHED.toEpochMilli());
        record.put("ingestedAt", SampleRecords.INGESTED.toEpochMilli());
        return record;
    }

    /** {@code record}, written with the released {@code schema}, as the current generated class reads it. */
    private static PaperAbstract readCurrent(Schema schema, GenericRecord record) throws IOException {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        int id = registry.register(SUBJECT, schema);
        SpecificAvroSerde<PaperAbstract> serde = new SpecificAvroSerde<>(registry, PaperAbstract.class);
        return serde.deserializer().deserialize(TOPIC, GenericFrames.framed(id, schema, record));
    }

    @Test
    void aV1EventReadsWithoutOriginalsOrUpdatedAt() throws IOException {
        Schema v1 = SchemaHistoryTest.released("PaperAbstract-v1.avsc");

        PaperAbstract read =
                readCurrent(v1, written(v1, "MiniPLM: Knowledge Distillation for Pre-Training Language Models"));

        assertThat(read.getTitle()).isEqualTo("MiniPLM: Knowledge Distillation for Pre-Training Language Models");
        assertThat(read.getOriginalTitle()).isNull();
        assertThat(read.getOriginalAbstract()).isNull();
        assertThat(read.getPublishedAt()).isEqualTo(SampleRecords.PUBLISHED);
        assertThat(read.getUpdatedAt()).isNull();
    }

    @Test
    void aV2EventReadsWithItsOriginalTitleAndWithoutUpdatedAt() throws IOException {
        Schema v2 = SchemaHistoryTest.released("PaperAbstract-v2.avsc");
        GenericRecord old = written(v2, "Graph networks for structure-property relationships");
        old.put("originalTitle", "Graph networks for structure-\n  property relationships");
        old.put("originalAbstract", null);

        PaperAbstract read = readCurrent(v2, old);

        assertThat(read.getTitle()).isEqualTo("Graph networks for structure-property relationships");
        assertThat(read.getOriginalTitle()).isEqualTo("Graph networks for structure-\n  property relationships");
        assertThat(read.getCategories()).containsExactly("cs.LG");
        assertThat(read.getPublishedAt()).isEqualTo(SampleRecords.PUBLISHED);
        assertThat(read.getUpdatedAt()).isNull();
    }
}
