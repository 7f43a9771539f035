package io.paperstream.producer.replay;

import io.paperstream.producer.OfflinePipeline;
import io.paperstream.producer.source.Corpus;
import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.PaperReader;
import io.paperstream.producer.source.PaperReaders;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.ReadResult;
import io.paperstream.producer.source.ReaderOptions;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrendExperimentTest {

    @Test
    void experiment() throws Exception {
        List<PaperRecord> pool = new ArrayList<>();
        try (PaperReader reader = PaperReaders.open(Optional.empty(), Files.newInputStream(Corpus.path()), Origin.file(Corpus.path()),
                new ReaderOptions(ReaderOptions.DEFAULT_MAX_LINE_BYTES, 2026))) {
            for (Optional<ReadResult> r = reader.next(); r.isPresent(); r = reader.next()) {
                pool.add((PaperRecord) r.get());
            }
        }
        OfflinePipeline pipeline = OfflinePipeline.withDefaultTaxonomy();
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        long t0 = System.nanoTime();
        ReplayGenerator generator = new ReplayGenerator(pool, p -> pipeline.classify(p, now, now));
        System.out.println("classified pool in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        double rate = Double.parseDouble(System.getProperty("exp.rate", "40"));
        String[] seeds = System.getProperty("exp.seeds", "1").split(",");
        List<BurstSpec> bursts = Arrays.stream(System.getProperty("exp.bursts").split(";")).map(BurstSpec::parse).toList();
        Map<String, String> overrides = new HashMap<>();
        for (String kv : System.getProperty("exp.set", "").split(",")) {
            if (!kv.isBlank()) {
                overrides.put(kv.split("=")[0], kv.split("=")[1]);
            }
        }
        for (String seed : seeds) {
            ReplaySettings settings = new ReplaySettings(30, rate, bursts, Long.parseLong(seed), ReplaySettings.DEFAULT_START,
                    ReplaySettings.DEFAULT_WINDOW_GRACE);
            Replay replay = generator.generate(settings);
            Replay control = generator.generate(settings.withoutBursts());
            diagnose(replay, overrides);
            long c1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            List<TrendEvaluation.Trend> reported = run(replay, overrides);
            long t2 = System.nanoTime();
            long c2 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            System.out.println("cpu ms " + (c2 - c1) / 1_000_000);
            List<TrendEvaluation.Trend> controlTrends = run(control, overrides);
            TrendEvaluation evaluation = new TrendEvaluation(replay, reported, controlTrends);
            System.out.println("=== seed " + seed + " rate " + rate + " " + overrides + " run " + (t2 - t1) / 1_000_000 + " ms, events "
                    + replay.groundTruth().totalEvents());
            System.out.println(evaluation.table());
        }
    }

    private static Instant now() {
        return Instant.parse("2026-06-01T00:00:00Z");
    }

    private static void diagnose(Replay replay, Map<String, String> overrides) {
        io.paperstream.streams.StreamsSettings settings = io.paperstream.streams.StreamsSettings.of(overrides);
        io.paperstream.trends.TrendScorer scorer = new io.paperstream.trends.TrendScorer(settings.trendParameters());
        int days = replay.settings().days();
        for (BurstSpec burst : replay.settings().bursts()) {
            long[] counts = new long[days];
            for (java.util.Iterator<ReplayEvent> it = replay.events(); it.hasNext(); ) {
                ReplayEvent e = it.next();
                if (e.closing()) continue;
                boolean has = burst.kind() == BurstSpec.Kind.TOPIC ? e.source().topics().contains(burst.key())
                        : e.source().keyphrases().contains(burst.key());
                if (has) counts[e.day()]++;
            }
            io.paperstream.trends.Baseline stored = null;
            StringBuilder line = new StringBuilder(burst + ": ");
            for (int d = 0; d < days; d++) {
                Map<String, Long> c = counts[d] == 0 ? Map.of() : Map.of("k", counts[d]);
                Map<String, io.paperstream.trends.Baseline> st = stored == null ? Map.of() : Map.of("k", stored);
                io.paperstream.trends.ScoredWindow w = scorer.scoreWindow(d, 0, c, st);
                if (counts[d] > 0) stored = w.baselines().get("k");
                if (d >= burst.startDay() - 2 && d < burst.endDay() + 1) {
                    io.paperstream.trends.Baseline before = scorer.carriedTo(st.get("k"), d);
                    double m = scorer.expected(before, d);
                    double v = scorer.variance(before, d);
                    line.append(String.format(java.util.Locale.ROOT, " d%d c=%d m=%.1f v=%.1f s=%.2f%s", d, counts[d], m, v,
                            io.paperstream.trends.TrendScorer.score(counts[d], m, v), burst.covers(d) ? "*" : ""));
                }
            }
            System.out.println(line);
        }
    }

    private static List<TrendEvaluation.Trend> run(Replay replay, Map<String, String> overrides) {
        try (io.paperstream.producer.StreamsAppDriver pipeline = new io.paperstream.producer.StreamsAppDriver(overrides)) {
            for (java.util.Iterator<ReplayEvent> it = replay.events(); it.hasNext(); ) {
                ReplayEvent e = it.next();
                pipeline.send(io.paperstream.producer.PaperEvents.toEvent(e.paper(), ReplayGenerator.SOURCE, e.publishedAt(), now()));
            }
            List<TrendEvaluation.Trend> trends = new ArrayList<>();
            pipeline.topicTrends().forEach(t -> trends.add(TrendEvaluation.Trend.of(t)));
            pipeline.keywordTrends().forEach(k -> trends.add(TrendEvaluation.Trend.of(k)));
            System.out.println("digests " + pipeline.digests().size());
            return trends;
        }
    }
}
