package io.paperstream.serde;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Run by {@link TrustedPackagesTest} in a JVM started without
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}: prints one line per check for the test to assert.
 */
public final class UntrustedJvmProbe {

    private UntrustedJvmProbe() {}

    public static void main(String[] args) throws IOException {
        System.out.println("property: " + System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES"));
        CorpusPapers.Paper paper = CorpusPapers.first();
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        PaperAbstract paperAbstract = SampleRecords.paperAbstract(paper);
        ClassifiedPaper classified = SampleRecords.classifiedPaper(paper);
        byte[] bytes =
                new SpecificAvroSerde<PaperAbstract>(registry).serializer().serialize("papers.raw", paperAbstract);

        try {
            new SpecificDatumReader<>(PaperAbstract.class)
                    .read(null, DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(bytes, 5, bytes.length), null));
            System.out.println("plain avro: read");
        } catch (SecurityException e) {
            System.out.println("plain avro: " + e.getMessage());
        }
        SpecificAvroSerde<SpecificRecord> byName = new SpecificAvroSerde<>(registry);
        System.out.println(
                "by writer name: " + paperAbstract.equals(byName.deserializer().deserialize("papers.raw", bytes)));
        SpecificAvroSerde<PaperAbstract> explicit = new SpecificAvroSerde<>(registry, PaperAbstract.class);
        System.out.println("explicit class: "
                + paperAbstract.equals(explicit.deserializer().deserialize("papers.raw", bytes)));
        byte[] nested = byName.serializer().serialize("papers.classified", classified);
        System.out.println(
                "nested records: " + classified.equals(byName.deserializer().deserialize("papers.classified", nested)));
    }
}
