package io.paperstream.benchmarks;

import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.TrendingCorpus;
import io.paperstream.enrich.KeyphraseExtractor;
import io.paperstream.trends.Baseline;
import io.paperstream.trends.ScoredWindow;
import io.paperstream.trends.TrendParameters;
import io.paperstream.trends.TrendScorer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scoring one closed window, as the trend stage does when a window closes: every topic and keyphrase the
 * corpus's papers have (the corpus as one window's papers), against baselines built over 30 earlier windows,
 * with the streams application's default trend parameters.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class TrendScoringBenchmark {

    private static final int HISTORY = 30;
    /** {@code paperstream.trends.*} defaults: alpha, min count, min score, min baseline windows, top N. */
    private final TrendScorer scorer = new TrendScorer(new TrendParameters(0.1, 5, 3.0, 5, 10));

    private final Map<String, Long> counts = new HashMap<>();
    private Map<String, Baseline> baselines = new HashMap<>();

    @Setup
    public void countTheCorpusAndBuildBaselines() {
        KeyphraseExtractor keyphrases = new KeyphraseExtractor();
        PaperClassifier classifier = PaperClassifier.withDefaultTaxonomy();
        for (TrendingCorpus.Paper paper : CorpusText.papers()) {
            classifier
                    .classify(paper.title(), paper.abstractText())
                    .topics()
                    .forEach(topic -> counts.merge("topic:" + topic.id(), 1L, Long::sum));
            keyphrases
                    .extract(paper.title(), paper.abstractText())
                    .forEach(phrase -> counts.merge("keyphrase:" + phrase, 1L, Long::sum));
        }
        for (long window = 0; window < HISTORY; window++) {
            baselines = scorer.scoreWindow(window, 0, counts, baselines).baselines();
        }
    }

    @Benchmark
    public ScoredWindow scoreOneWindow() {
        return scorer.scoreWindow(HISTORY, 0, counts, baselines);
    }
}
