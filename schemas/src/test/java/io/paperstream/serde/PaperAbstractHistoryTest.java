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
    private static final List<String> RELEASED = List.of("PaperAbstract-v1.avsc", "PaperAbstract-v2.avsc");

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
        Schema v1 = released("PaperAbstract-v1.avsc");

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
        Schema v2 = released("PaperAbstract-v2.avsc");
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
