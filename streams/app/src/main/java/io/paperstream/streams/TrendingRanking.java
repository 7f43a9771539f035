package io.paperstream.streams;

import io.paperstream.avro.TrendingPaper;
import io.paperstream.engagement.Velocity;
import io.paperstream.engagement.VelocityParameters;
import io.paperstream.engagement.VelocityRanking;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The papers of the candidates store ranked by velocity at one instant, as papers.trending and the digest's
 * "Trending papers" show them.
 *
 * @param papers the top papers, rank order
 * @param quiet the candidates without any observation within two horizons, forgotten: they can no longer rank, nor
 *     count in a digest whose window ended up to one horizon earlier
 */
record TrendingRanking(List<TrendingPaper> papers, List<String> quiet) {

    /**
     * The earliest observation time kept at {@code now}: one horizon more than a ranking at {@code now} needs, so that a
     * digest ranking at its window's end, behind the latest engagement by up to a horizon, finds the same gains.
     */
    static long keptFrom(long now, VelocityParameters parameters) {
        return now - 2 * parameters.horizon().toMillis();
    }

    /** The top {@code n} of {@code candidates} at {@code now}. */
    static TrendingRanking at(
            ReadOnlyKeyValueStore<String, TrendingCandidate> candidates,
            long now,
            VelocityParameters parameters,
            int n) {
        long keptFrom = keptFrom(now, parameters);
        Map<String, Velocity> velocities = new HashMap<>();
        Map<String, TrendingInput.Card> cards = new HashMap<>();
        List<String> quiet = new ArrayList<>();
        try (KeyValueIterator<String, TrendingCandidate> all = candidates.all()) {
            while (all.hasNext()) {
                KeyValue<String, TrendingCandidate> entry = all.next();
                if (entry.value.history().latest() <= keptFrom) {
                    quiet.add(entry.key);
                } else {
                    velocities.put(entry.key, entry.value.history().velocity(now, parameters));
                    cards.put(entry.key, entry.value.card());
                }
            }
        }
        List<TrendingPaper> papers = new ArrayList<>();
        for (VelocityRanking.Ranked ranked : VelocityRanking.top(velocities, n)) {
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
        return new TrendingRanking(papers, quiet);
    }
}
