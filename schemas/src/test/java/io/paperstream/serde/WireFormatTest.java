package io.paperstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.registry.FakeRegistryServer;
import io.paperstream.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private final PaperAbstract paper = SampleRecords.paperAbstract(CorpusPapers.first());

    private static byte[] plainAvroBinary(PaperAbstract record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<PaperAbstract>(
                        PaperAbstract.getClassSchema(), SpecificData.getForClass(PaperAbstract.class))
                .write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void magicByteZeroThenTheBigEndianIdThenThePlainAvroBody() throws IOException {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        KafkaAvroSerializer<PaperAbstract> serializer = new KafkaAvroSerializer<>(registry);

        byte[] bytes = serializer.serialize("papers.raw", paper);

        int id = registry.getId("papers.raw-value", JavaStringProperty.removeFrom(PaperAbstract.getClassSchema()));
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvroBinary(paper));
    }

    @Test
    void allFourIdBytesComeFromTheRegistryOverHttp() throws IOException {
        int id = 0x0A0B0C0D;
        String schema = new ObjectMapper()
                .createObjectNode()
                .put(
                        "schema",
                        JavaStringProperty.removeFrom(PaperAbstract.getClassSchema())
                                .toString())
                .toString();
        try (FakeRegistryServer registry = FakeRegistryServer.start()
                .answer("POST", "/subjects/papers.raw-value/versions", 200, "{\"id\":" + id + "}")
                .answer("GET", "/schemas/ids/" + id, 200, schema)) {
            Map<String, String> config = Map.of("schema.registry.url", registry.url());
            KafkaAvroSerializer<PaperAbstract> serializer = new KafkaAvroSerializer<>();
            serializer.configure(config, false);
            KafkaAvroDeserializer<PaperAbstract> deserializer = new KafkaAvroDeserializer<>(PaperAbstract.class);
            deserializer.configure(config, false);

            byte[] bytes = serializer.serialize("papers.raw", paper);
            byte[] again = serializer.serialize("papers.raw", paper);

            assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0x00, 0x0A, 0x0B, 0x0C, 0x0D);
            assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvroBinary(paper));
            assertThat(again).isEqualTo(bytes);
            assertThat(deserializer.deserialize("papers.raw", bytes)).isEqualTo(paper);
            assertThat(deserializer.deserialize("papers.raw", bytes)).isEqualTo(paper);
            assertThat(registry.requests())
                    .as("one registration and one schema fetch, then caches")
                    .extracting(FakeRegistryServer.Request::method)
                    .containsExactly("POST", "GET");
        }
    }

    @Test
    void readsFromAByteBufferSliceWithoutCopyingOrMovingIt() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        byte[] framed = new KafkaAvroSerializer<PaperAbstract>(registry).serialize("papers.raw", paper);
        byte[] inLargerArray = new byte[framed.length + 7];
        System.arraycopy(framed, 0, inLargerArray, 3, framed.length);
        ByteBuffer slice = ByteBuffer.wrap(inLargerArray, 3, framed.length).slice();

        PaperAbstract back =
                new KafkaAvroDeserializer<>(registry, PaperAbstract.class).deserialize("papers.raw", null, slice);

        assertThat(back).isEqualTo(paper);
        assertThat(slice.position()).isZero();
    }
}
