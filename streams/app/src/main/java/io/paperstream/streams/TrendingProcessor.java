package io.paperstream.streams;

import io.paperstream.avro.TrendingPaper;
import io.paperstream.avro.TrendingPapers;
import io.paperstream.engagement.VelocityParameters;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every candidate (a paper with engagement and a card), and after each one that changes, ranks them by
 * velocity at the current stream time; when the ranking (the papers and their order) differs from the last one
 * written, writes the new one. A candidate with no observation within the horizon is dropped (it can no longer
 * rank).
 */
final class TrendingProcessor implements Processor<String, TrendingCandidate, String, TrendingPapers> {

    private final VelocityParameters parameters;
    private final int topN;
    private ProcessorContext<String, TrendingPapers> context;
    private KeyValueStore<String, TrendingCandidate> candidates;
    private KeyValueStore<String, TrendingPapers> lastRanking;

    TrendingProcessor(VelocityParameters parameters, int topN) {
        this.parameters = parameters;
        this.topN = topN;
    }

    @Override
    public void init(ProcessorContext<String, TrendingPapers> context) {
        this.context = context;
        this.candidates = context.getStateStore(StoreNames.TRENDING_CANDIDATES);
        this.lastRanking = context.getStateStore(StoreNames.TRENDING_RANKING);
    }

    @Override
    public void process(Record<String, TrendingCandidate> record) {
        long now = Math.max(context.currentStreamTimeMs(), record.timestamp());
        candidates.put(record.key(), record.value());
        TrendingRanking ranking = TrendingRanking.at(candidates, now, parameters, topN);
        ranking.quiet().forEach(candidates::delete);
        TrendingPapers last = lastRanking.get(TrendingTopology.LATEST);
        List<String> lastOrder = last == null ? List.of() : order(last.getPapers());
        if (order(ranking.papers()).equals(lastOrder)) {
            return;
        }
        TrendingPapers trending = TrendingPapers.newBuilder()
                .setComputedAt(Instant.ofEpochMilli(now))
                .setHorizonStart(Instant.ofEpochMilli(now - parameters.horizon().toMillis()))
                .setPapers(ranking.papers())
                .build();
        lastRanking.put(TrendingTopology.LATEST, trending);
        context.forward(new Record<>(TrendingTopology.LATEST, trending, now));
    }

    private static List<String> order(List<TrendingPaper> papers) {
        return papers.stream().map(TrendingPaper::getPaperId).toList();
    }
}
