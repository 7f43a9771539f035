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
 * An event a producer of a released ClassifiedPaper wrote decodes into the current class (that every released
 * version is compatible is {@link SchemaHistoryTest}'s).
 */
class ClassifiedPaperHistoryTest {

    private static final String TOPIC = "papers.classified";
    private static final String SUBJECT = "papers.classified-value";

    @Test
    void aV2EventReadsWithoutCategoryEvidence() throws IOException {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        Schema v2 = SchemaHistoryTest.released("ClassifiedPaper-v2.avsc");
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
