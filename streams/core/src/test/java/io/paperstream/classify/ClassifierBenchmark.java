package io.paperstream.classify;

import io.paperstream.enrich.Enricher;
import io.paperstream.enrich.Enrichment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Throughput of the hot path on the real corpus, single-threaded: the classifier alone, and
 * enrichment plus classification. Not a test (timings on shared CI machines are noise); from the
 * repository root:
 *
 * <pre>
 * mvn -q -B -pl streams test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Dpaperstream.corpus=../shared/corpus/trending-papers.txt \
 *     -cp streams/target/classes:streams/target/test-classes:$(cat streams/target/cp.txt) \
 *     io.paperstream.classify.ClassifierBenchmark
 * </pre>
 *
 * Each measurement classifies the corpus repeatedly, bounded by {@value #MAX_PASSES} passes and
 * {@value #MAX_SECONDS} seconds, after a warm-up, and reports MB of title+abstract text (UTF-8) per
 * second of this thread's CPU time — per core, and robust to other load on the machine — and per
 * second of wall time.
 */
public final class ClassifierBenchmark {

    static final int MAX_PASSES = 2_000;
    static final int MAX_SECONDS = 20;
    private static final int WARM_UP_PASSES = 200;

    private ClassifierBenchmark() {}

    public static void main(String[] args) {
        List<TrendingCorpus.Paper> papers = TrendingCorpus.papers();
        long bytesPerPass = papers.stream()
                .mapToLong(p -> (p.title() + p.abstractText()).getBytes(StandardCharsets.UTF_8).length)
                .sum();
        PaperClassifier classifier = PaperClassifier.withDefaultTaxonomy();
        Enricher enricher = new Enricher();
        System.out.printf(
                "corpus: %d papers, %.1f KB per pass, taxonomy %s%n",
                papers.size(), bytesPerPass / 1024.0, classifier.taxonomy().version());

        measure(
                "classifier",
                papers,
                bytesPerPass,
                p -> classifier.classify(p.title(), p.abstractText()).topics().size());
        measure("enrichment + classification", papers, bytesPerPass, p -> {
            Enrichment enrichment = enricher.enrich(null, p.title(), p.abstractText(), List.of());
            return enrichment.keyphrases().size()
                    + classifier.classify(p.title(), p.abstractText()).topics().size();
        });
        measure(
                "enrichment alone",
                papers,
                bytesPerPass,
                p -> enricher.enrich(null, p.title(), p.abstractText(), List.of())
                        .keyphrases()
                        .size());
    }

    private static void measure(
            String name,
            List<TrendingCorpus.Paper> papers,
            long bytesPerPass,
            ToIntFunction<TrendingCorpus.Paper> work) {
        long checksum = 0;
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            for (TrendingCorpus.Paper paper : papers) {
                checksum += work.applyAsInt(paper);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        long deadline = wallStart + MAX_SECONDS * 1_000_000_000L;
        int passes = 0;
        while (passes < MAX_PASSES && System.nanoTime() < deadline) {
            for (TrendingCorpus.Paper paper : papers) {
                checksum += work.applyAsInt(paper);
            }
            passes++;
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        double megabytes = passes * (double) bytesPerPass / 1e6;
        System.out.printf(
                "%-28s %5d passes, %7.1f MB/s per core (CPU time), %7.1f MB/s wall, %8.0f papers/s per core [%d]%n",
                name,
                passes,
                megabytes / cpuSeconds,
                megabytes / wallSeconds,
                passes * papers.size() / cpuSeconds,
                checksum);
    }
}
