package io.paperstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.TopicScore;
import io.paperstream.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * Every released version of ClassifiedPaper (kept in {@code src/test/resources/history} under its version) can be
 * read by the current schema, as the registry's BACKWARD level demands of {@code papers.classified-value}.
 */
class ClassifiedPaperHistoryTest {

    /** The released versions, oldest first: v1 before originalTitle/originalAbstract, v2 before TopicScore.categories. */
    private static final List<String> RELEASED = List.of("ClassifiedPaper-v1.avsc", "ClassifiedPaper-v2.avsc");

    private static final String RECORD = "io.paperstream.avro.ClassifiedPaper";
    private static final String TOPIC = "papers.classified";
    private static final String SUBJECT = "papers.classified-value";

    @Test
    void theCurrentSchemaReadsDataOfEveryReleasedVersion() throws IOException {
        SchemaHistory.assertCurrentReadsEvery(RECORD, RELEASED);
    }

    @Test
    void theRegistryAcceptsTheCurrentSchemaAfterEveryReleasedVersion() throws IOException {
        SchemaHistory.assertRegistryAcceptsCurrentAfter(SUBJECT, RECORD, RELEASED);
    }

    @Test
    void aV2EventReadsWithoutCategoryEvidence() throws IOException {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        Schema v2 = SchemaHistory.released("ClassifiedPaper-v2.avsc");
        int v2Id = registry.register(SUBJECT, v2);
        ClassifiedPaper sample = SampleRecords.classifiedPaper(CorpusPapers.first());
        SpecificAvroSerde<ClassifiedPaper> serde = new SpecificAvroSerde<>(registry, ClassifiedPaper.class);

        ClassifiedPaper read =
                serde.deserializer().deserialize(TOPIC, GenericFrames.framed(v2Id, v2, asV2(sample, v2)));

        assertThat(read.getTopics()).extracting(TopicScore::getCategories).containsOnly(List.of());
        assertThat(read.getTopics())
                .extracting(TopicScore::getEvidence)
                .isEqualTo(
                        sample.getTopics().stream().map(TopicScore::getEvidence).toList());
        assertThat(read.getPaper()).isEqualTo(sample.getPaper());
    }

    /** The sample as a producer of v2 would have written it: encoded as now, resolved to the v2 shape. */
    private static GenericRecord asV2(ClassifiedPaper sample, Schema v2) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<ClassifiedPaper>(ClassifiedPaper.getClassSchema()).write(sample, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(ClassifiedPaper.getClassSchema(), v2)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
