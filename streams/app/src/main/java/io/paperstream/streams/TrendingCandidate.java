package io.paperstream.streams;

import io.paperstream.engagement.EngagementHistory;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * A paper that can rank: its card and its engagement history within the horizon, as the task holding the paper
 * sends it to the one-partition ranking whenever either changes. Only papers with engagement become candidates, so
 * the ranking's input and store grow with the papers people engage with, not with every paper.
 *
 * @param card what a ranking shows of the paper
 * @param history its engagement observations
 */
record TrendingCandidate(TrendingInput.Card card, EngagementHistory history) {

    static Serde<TrendingCandidate> serde() {
        return new BinarySerde<>(
                1,
                (out, candidate) -> {
                    TrendingInput.writeCard(out, candidate.card());
                    writeHistory(out, candidate.history());
                },
                in -> new TrendingCandidate(TrendingInput.readCard(in), readHistory(in)));
    }

    static Serde<EngagementHistory> historySerde() {
        return new BinarySerde<>(1, TrendingCandidate::writeHistory, TrendingCandidate::readHistory);
    }

    private static void writeHistory(DataOutputStream out, EngagementHistory history) throws IOException {
        for (Map<Long, Long> totals : List.of(history.upvotes(), history.stars())) {
            out.writeInt(totals.size());
            for (Map.Entry<Long, Long> total : totals.entrySet()) {
                out.writeLong(total.getKey());
                out.writeLong(total.getValue());
            }
        }
    }

    private static EngagementHistory readHistory(DataInputStream in) throws IOException {
        Map<Long, Long> upvotes = readTotals(in);
        return EngagementHistory.of(upvotes, readTotals(in));
    }

    private static Map<Long, Long> readTotals(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<Long, Long> totals = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            totals.put(in.readLong(), in.readLong());
        }
        return totals;
    }
}
