package io.paperstream.producer.replay;

import io.paperstream.producer.source.PaperRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A planned replay (see {@link ReplayGenerator}): its ground truth, and its events, drawn day by
 * day as they are read so that a long replay does not sit in memory.
 */
public final class Replay {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final ReplaySettings settings;
    private final List<PoolPaper> pool;
    private final List<int[]> topicPapers;
    private final List<int[]> burstPapers;
    private final int[][] baseCounts;
    private final int[][] injectedCounts;
    private final GroundTruth groundTruth;

    Replay(
            ReplaySettings settings,
            List<PoolPaper> pool,
            List<int[]> topicPapers,
            List<int[]> burstPapers,
            int[][] baseCounts,
            int[][] injectedCounts,
            GroundTruth groundTruth) {
        this.settings = settings;
        this.pool = pool;
        this.topicPapers = topicPapers;
        this.burstPapers = burstPapers;
        this.baseCounts = baseCounts;
        this.injectedCounts = injectedCounts;
        this.groundTruth = groundTruth;
    }

    public ReplaySettings settings() {
        return settings;
    }

    public GroundTruth groundTruth() {
        return groundTruth;
    }

    /**
     * The events in publication order, the closing event last. Each call starts over and yields
     * the very same events.
     */
    public Iterator<ReplayEvent> events() {
        return new Events();
    }

    /** How many papers day {@code day} publishes: base traffic and bursts. */
    int papersOn(int day) {
        return IntStream.of(baseCounts[day]).sum()
                + IntStream.of(injectedCounts[day]).sum();
    }

    /** The k-th of n papers of a day is published at the middle of the k-th of n equal parts of the day. */
    static Instant publishedAt(long dayStartMillis, long k, long n) {
        return Instant.ofEpochMilli(dayStartMillis + (2L * k + 1) * DAY_MS / (2 * n));
    }

    /** The id of event {@code n} (0-based) of a replay with this seed. */
    static String id(long seed, long n) {
        return ReplayGenerator.ID_PREFIX + seed + ":" + n;
    }

    /** One pool paper drawn for a day, and the burst that drew it (-1 for base traffic). */
    private record Draw(int paper, int burst) {}

    /** Draws each day's papers when the previous day's are used up. */
    private final class Events implements Iterator<ReplayEvent> {
        private final Random basePicks = RandomDraws.stream(settings.seed(), ReplayGenerator.BASE_PICKS);
        private final Random injectedPicks = RandomDraws.stream(settings.seed(), ReplayGenerator.INJECTED_PICKS);
        private final Random order = RandomDraws.stream(settings.seed(), ReplayGenerator.ORDER);
        /** Per topic, its pool papers in the order of the last partial shuffle. */
        private final List<int[]> decks = topicPapers.stream().map(int[]::clone).toList();

        private final ArrayDeque<ReplayEvent> today = new ArrayDeque<>();
        private int nextDay;
        private long emitted;
        private boolean closed;

        @Override
        public boolean hasNext() {
            while (today.isEmpty() && nextDay < settings.days()) {
                drawDay(nextDay++);
            }
            if (today.isEmpty() && !closed) {
                closed = true;
                PoolPaper paper = pool.get(order.nextInt(pool.size()));
                today.add(event(paper, settings.closingTime(), settings.days(), null, true));
            }
            return !today.isEmpty();
        }

        @Override
        public ReplayEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the replay has no more events");
            }
            return today.poll();
        }

        private void drawDay(int day) {
            int[] usage = new int[pool.size()];
            List<Draw> draws = new ArrayList<>();
            for (int t = 0; t < decks.size(); t++) {
                drawWithoutReplacement(decks.get(t), baseCounts[day][t], usage, draws);
            }
            for (int b = 0; b < burstPapers.size(); b++) {
                drawLeastUsed(burstPapers.get(b), injectedCounts[day][b], b, usage, draws);
            }
            RandomDraws.shuffle(draws, order);
            long dayStart = settings.dayStart(day).toEpochMilli();
            long n = draws.size();
            for (int k = 0; k < n; k++) {
                Draw draw = draws.get(k);
                Instant publishedAt = publishedAt(dayStart, k, n);
                BurstSpec burst = draw.burst() < 0 ? null : settings.bursts().get(draw.burst());
                today.add(event(pool.get(draw.paper()), publishedAt, day, burst, false));
            }
        }

        /** Partial Fisher–Yates over the topic's deck; past the deck's end, it goes round again. */
        private void drawWithoutReplacement(int[] deck, int count, int[] usage, List<Draw> draws) {
            for (int i = 0; i < count; i++) {
                if (i < deck.length) {
                    int j = i + basePicks.nextInt(deck.length - i);
                    int swap = deck[i];
                    deck[i] = deck[j];
                    deck[j] = swap;
                }
                int paper = deck[i % deck.length];
                usage[paper]++;
                draws.add(new Draw(paper, -1));
            }
        }

        /** The burst's papers in random order, those used least today first, round and round. */
        private void drawLeastUsed(int[] papers, int count, int burst, int[] usage, List<Draw> draws) {
            if (count == 0) {
                return;
            }
            List<Integer> candidates = new ArrayList<>(papers.length);
            for (int paper : papers) {
                candidates.add(paper);
            }
            RandomDraws.shuffle(candidates, injectedPicks);
            candidates.sort(Comparator.comparingInt(paper -> usage[paper]));
            for (int i = 0; i < count; i++) {
                int paper = candidates.get(i % candidates.size());
                usage[paper]++;
                draws.add(new Draw(paper, burst));
            }
        }

        private ReplayEvent event(PoolPaper source, Instant publishedAt, int day, BurstSpec burst, boolean closing) {
            PaperRecord r = source.record();
            PaperRecord copy = new PaperRecord(
                    id(settings.seed(), emitted++),
                    r.title(),
                    r.abstractText(),
                    r.originalTitle(),
                    r.originalAbstract(),
                    r.authors(),
                    r.categories(),
                    r.links(),
                    r.format(),
                    r.location(),
                    publishedAt,
                    // the replay's own simulated time is the only time a copy carries
                    null);
            return new ReplayEvent(copy, day, source, burst, closing);
        }
    }
}
