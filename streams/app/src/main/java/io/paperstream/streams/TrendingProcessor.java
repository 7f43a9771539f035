package io.paperstream.streams;

import io.paperstream.avro.TrendingPaper;
import io.paperstream.avro.TrendingPapers;
import io.paperstream.engagement.EngagementHistory;
import io.paperstream.engagement.Velocity;
import io.paperstream.engagement.VelocityParameters;
import io.paperstream.engagement.VelocityRanking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every paper's card and engagement history, and after each input that changes either, ranks the papers with
 * a card by velocity at the current stream time; when the ranking (the papers and their order) differs from the last
 * one written, writes the new one. Engagement of a paper whose card has not come yet is kept and counts once the
 * card arrives. A history with no observation within the horizon is dropped (its paper can no longer rank).
 */
final class TrendingProcessor implements Processor<String, TrendingInput, String, TrendingPapers> {

    private final VelocityParameters parameters;
    private final int topN;
    private ProcessorContext<String, TrendingPapers> context;
    private KeyValueStore<String, EngagementHistory> histories;
    private KeyValueStore<String, TrendingInput.Card> cards;
    private KeyValueStore<String, TrendingPapers> lastRanking;

    TrendingProcessor(VelocityParameters parameters, int topN) {
        this.parameters = parameters;
        this.topN = topN;
    }

    @Override
    public void init(ProcessorContext<String, TrendingPapers> context) {
        this.context = context;
        this.histories = context.getStateStore(StoreNames.TRENDING_HISTORIES);
        this.cards = context.getStateStore(StoreNames.TRENDING_CARDS);
        this.lastRanking = context.getStateStore(StoreNames.TRENDING_RANKING);
    }

    @Override
    public void process(Record<String, TrendingInput> record) {
        TrendingInput input = record.value();
        long now = Math.max(context.currentStreamTimeMs(), record.timestamp());
        boolean changed;
        if (input.card() != null) {
            changed = !input.card().equals(cards.get(input.paperId()));
            cards.put(input.paperId(), input.card());
            changed &= histories.get(input.paperId()) != null;
        } else {
            EngagementHistory history = histories.get(input.paperId());
            history = history == null ? new EngagementHistory() : history;
            TrendingInput.Observation observation = input.observation();
            changed = history.add(observation.observedAt(), observation.upvotes(), observation.stars());
            if (changed) {
                history.forgetBefore(now, parameters);
                histories.put(input.paperId(), history);
            }
        }
        if (changed) {
            rank(now);
        }
    }

    private void rank(long now) {
        Map<String, Velocity> velocities = new HashMap<>();
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, EngagementHistory> all = histories.all()) {
            while (all.hasNext()) {
                KeyValue<String, EngagementHistory> entry = all.next();
                if (entry.value.latest() <= now - parameters.horizon().toMillis()) {
                    stale.add(entry.key);
                } else if (cards.get(entry.key) != null) {
                    velocities.put(entry.key, entry.value.velocity(now, parameters));
                }
            }
        }
        stale.forEach(histories::delete);
        List<VelocityRanking.Ranked> ranking = VelocityRanking.top(velocities, topN);
        List<String> order =
                ranking.stream().map(VelocityRanking.Ranked::paperId).toList();
        TrendingPapers last = lastRanking.get(TrendingTopology.LATEST);
        List<String> lastOrder = last == null
                ? List.of()
                : last.getPapers().stream().map(TrendingPaper::getPaperId).toList();
        if (order.equals(lastOrder)) {
            return;
        }
        List<TrendingPaper> papers = new ArrayList<>(ranking.size());
        for (VelocityRanking.Ranked ranked : ranking) {
            TrendingInput.Card card = cards.get(ranked.paperId());
            papers.add(TrendingPaper.newBuilder()
                    .setRank(ranked.rank())
                    .setPaperId(ranked.paperId())
                    .setTitle(card.title())
                    .setPrimaryTopic(card.primaryTopic())
                    .setScore(ranked.velocity().score())
                    .setUpvotesGain(ranked.velocity().upvotesGain())
                    .setStarsGain(ranked.velocity().starsGain())
                    .setUrl(card.url())
                    .setCodeUrl(card.codeUrl())
                    .build());
        }
        TrendingPapers trending = TrendingPapers.newBuilder()
                .setComputedAt(Instant.ofEpochMilli(now))
                .setHorizonStart(Instant.ofEpochMilli(now - parameters.horizon().toMillis()))
                .setPapers(papers)
                .build();
        lastRanking.put(TrendingTopology.LATEST, trending);
        context.forward(new Record<>(TrendingTopology.LATEST, trending, now));
    }
}
