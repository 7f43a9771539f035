package io.paperstream.benchmarks;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.classify.ClassifiedPapers;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.TrendingCorpus;
import io.paperstream.enrich.EnrichedPapers;
import io.paperstream.enrich.Enricher;
import io.paperstream.serde.KafkaAvroDeserializer;
import io.paperstream.serde.KafkaAvroSerializer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.IndexedRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our Avro serde in the registry wire format, per record: the raw paper the producer writes and the classified
 * paper (the raw one inside its enrichment, with its topics) the pipeline writes to papers.classified and to its
 * served-papers store. The registry is the in-memory one ({@code mock://}): its look-ups are cached in the real
 * client too, so this is the serde's own cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SerdeBenchmarks {

    private static final String TOPIC = "papers.bench";

    private final KafkaAvroSerializer<IndexedRecord> serializer = new KafkaAvroSerializer<>();
    private final KafkaAvroDeserializer<PaperAbstract> rawDeserializer =
            new KafkaAvroDeserializer<>(PaperAbstract.class);
    private final KafkaAvroDeserializer<ClassifiedPaper> classifiedDeserializer =
            new KafkaAvroDeserializer<>(ClassifiedPaper.class);
    private PaperAbstract raw;
    private ClassifiedPaper classified;
    private byte[] rawBytes;
    private byte[] classifiedBytes;

    @Setup
    public void firstCorpusPaper() {
        Map<String, String> config = Map.of("schema.registry.url", "mock://serde-benchmarks");
        serializer.configure(config, false);
        rawDeserializer.configure(config, false);
        classifiedDeserializer.configure(config, false);
        TrendingCorpus.Paper paper = CorpusText.papers().get(0);
        raw = PaperAbstract.newBuilder()
                .setId("2410.17215")
                .setTitle(paper.title())
                .setAbstract$(paper.abstractText())
                .setLinks(List.of("https://arxiv.org/abs/2410.17215"))
                .setSource("trending-page")
                .setPublishedAt(Instant.parse("2025-03-14T00:00:00Z"))
                .setIngestedAt(Instant.parse("2025-03-14T09:00:00Z"))
                .build();
        classified = ClassifiedPapers.of(
                EnrichedPapers.of(
                        raw, new Enricher().enrich(raw.getId(), raw.getTitle(), raw.getAbstract$(), raw.getLinks())),
                PaperClassifier.withDefaultTaxonomy().classify(raw.getTitle(), raw.getAbstract$()));
        rawBytes = serializer.serialize(TOPIC + ".raw", raw);
        classifiedBytes = serializer.serialize(TOPIC + ".classified", classified);
    }

    @TearDown
    public void close() {
        serializer.close();
        rawDeserializer.close();
        classifiedDeserializer.close();
    }

    @Benchmark
    public byte[] serializeRawPaper() {
        return serializer.serialize(TOPIC + ".raw", raw);
    }

    @Benchmark
    public PaperAbstract deserializeRawPaper() {
        return rawDeserializer.deserialize(TOPIC + ".raw", rawBytes);
    }

    @Benchmark
    public byte[] serializeClassifiedPaper() {
        return serializer.serialize(TOPIC + ".classified", classified);
    }

    @Benchmark
    public ClassifiedPaper deserializeClassifiedPaper() {
        return classifiedDeserializer.deserialize(TOPIC + ".classified", classifiedBytes);
    }
}
