package io.paperstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.registry.InMemorySchemaRegistryClient;
import io.paperstream.registry.MockSchemaRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SerdeRoundTripTest {

    private static final String SCOPE = "serde-round-trip";
    private static final String TOPIC = "papers.raw";

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    static Stream<Arguments> everyRecordType() {
        return SampleRecords.all().stream()
                .map(sample -> Arguments.of(sample.getSchema().getName(), sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecordType")
    void theSpecificSerdeReadsBackTheGeneratedClassTheWriterSchemaNames(String name, SpecificRecord sample) {
        SpecificAvroSerde<SpecificRecord> serde = new SpecificAvroSerde<>();
        serde.configure(Map.of("schema.registry.url", "mock://" + SCOPE), false);

        byte[] bytes = serde.serializer().serialize(TOPIC, sample);
        SpecificRecord back = serde.deserializer().deserialize(TOPIC, bytes);

        assertThat(back).isInstanceOf(sample.getClass()).isEqualTo(sample);
        assertThat(MockSchemaRegistry.getClientForScope(SCOPE).getAllSubjects()).containsExactly(TOPIC + "-value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecordType")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anExplicitReaderClassAndGenericRecordsReadTheSameBytes(String name, SpecificRecord sample) {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        SpecificAvroSerde<SpecificRecord> explicit = new SpecificAvroSerde<>(registry, (Class) sample.getClass());
        KafkaAvroDeserializer<GenericRecord> generic = new KafkaAvroDeserializer<>(registry);
        KafkaAvroSerializer<GenericRecord> genericWriter = new KafkaAvroSerializer<>(registry);

        byte[] bytes = explicit.serializer().serialize(TOPIC, sample);
        GenericRecord asGeneric = generic.deserialize(TOPIC, bytes);

        assertThat(explicit.deserializer().deserialize(TOPIC, bytes)).isEqualTo(sample);
        assertThat(asGeneric.getSchema().getFullName())
                .isEqualTo(sample.getSchema().getFullName());
        assertThat(genericWriter.serialize(TOPIC, asGeneric))
                .as("the generic record re-serializes to the same bytes")
                .isEqualTo(bytes);
    }

    @Test
    void everyPaperOfTheCorpusRoundTripsByteExact() {
        List<CorpusPapers.Paper> papers = CorpusPapers.load();
        SpecificAvroSerde<PaperAbstract> serde =
                new SpecificAvroSerde<>(new InMemorySchemaRegistryClient(), PaperAbstract.class);

        for (CorpusPapers.Paper paper : papers) {
            PaperAbstract event = SampleRecords.paperAbstract(paper);
            PaperAbstract back =
                    serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, event));
            assertThat(back.getTitle()).isEqualTo(paper.title());
            assertThat(back.getAbstract$()).isEqualTo(paper.abstractText());
            assertThat(back).isEqualTo(event);
        }
        assertThat(papers).hasSize(116);
    }

    @Test
    void keysAndValuesUseTheirTopicNameSubjects() {
        SpecificAvroSerde<PaperAbstract> keys = new SpecificAvroSerde<>(PaperAbstract.class);
        keys.configure(Map.of("schema.registry.url", "mock://" + SCOPE), true);
        SpecificAvroSerde<PaperAbstract> values = new SpecificAvroSerde<>(PaperAbstract.class);
        values.configure(
                Map.of(
                        "schema.registry.url",
                        "mock://" + SCOPE,
                        "value.subject.name.strategy",
                        AvroSerdeConfig.TOPIC_NAME_STRATEGY),
                false);
        PaperAbstract paper = SampleRecords.paperAbstract(CorpusPapers.first());

        keys.serializer().serialize("papers.enriched", paper);
        values.serializer().serialize("papers.enriched", paper);

        assertThat(MockSchemaRegistry.getClientForScope(SCOPE).getAllSubjects())
                .containsExactly("papers.enriched-key", "papers.enriched-value");
    }

    @Test
    void nullIsATombstoneBothWays() {
        SpecificAvroSerde<PaperAbstract> serde = new SpecificAvroSerde<>(new InMemorySchemaRegistryClient());

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null, (ByteBuffer) null))
                .isNull();
    }
}
