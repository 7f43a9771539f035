package io.paperstream.benchmarks;

import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.TrendingCorpus;
import io.paperstream.enrich.Enricher;
import io.paperstream.enrich.KeyphraseExtractor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-paper text work of the pipeline on the corpus, one thread (one core): an operation is one pass
 * over every corpus paper, and the {@code megabytes} counter reports MB (10^6 bytes, UTF-8) of title and
 * abstract per second, the figure the pipeline's stream threads are bound by.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class TextBenchmarks {

    /** MB of corpus text processed, reported per second next to the passes per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Text {
        public double megabytes;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
        }
    }

    // a common cross-listing, both categories mapped by the default taxonomy: what weighing categories costs
    private static final List<String> CROSS_LISTED = List.of("cs.CV", "cs.CL");

    private List<TrendingCorpus.Paper> papers;
    private double megabytesPerPass;
    private final Enricher enricher = new Enricher();
    private final KeyphraseExtractor keyphrases = new KeyphraseExtractor();
    private final PaperClassifier classifier = PaperClassifier.withDefaultTaxonomy();

    @Setup
    public void readCorpus() {
        papers = CorpusText.papers();
        megabytesPerPass = CorpusText.megabytes(papers);
    }

    @Benchmark
    public void enrichment(Text text, Blackhole sink) {
        for (TrendingCorpus.Paper paper : papers) {
            sink.consume(enricher.enrich(null, paper.title(), paper.abstractText(), List.of()));
        }
        text.megabytes += megabytesPerPass;
    }

    @Benchmark
    public void keyphrases(Text text, Blackhole sink) {
        for (TrendingCorpus.Paper paper : papers) {
            sink.consume(keyphrases.extract(paper.title(), paper.abstractText()));
        }
        text.megabytes += megabytesPerPass;
    }

    @Benchmark
    public void classification(Text text, Blackhole sink) {
        for (TrendingCorpus.Paper paper : papers) {
            sink.consume(classifier.classify(paper.title(), paper.abstractText()));
        }
        text.megabytes += megabytesPerPass;
    }

    @Benchmark
    public void classificationWithCategories(Text text, Blackhole sink) {
        for (TrendingCorpus.Paper paper : papers) {
            sink.consume(classifier.classify(paper.title(), paper.abstractText(), CROSS_LISTED));
        }
        text.megabytes += megabytesPerPass;
    }

    @Benchmark
    public void enrichmentAndClassification(Text text, Blackhole sink) {
        for (TrendingCorpus.Paper paper : papers) {
            sink.consume(enricher.enrich(null, paper.title(), paper.abstractText(), List.of()));
            sink.consume(classifier.classify(paper.title(), paper.abstractText()));
        }
        text.megabytes += megabytesPerPass;
    }
}
