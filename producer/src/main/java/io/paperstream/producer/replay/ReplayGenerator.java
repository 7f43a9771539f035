package io.paperstream.producer.replay;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.producer.source.PaperRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Generates a deterministic replay of a pool of papers over simulated days, with injected bursts:
 * the load source of benchmarks and the ground truth of trend tests.
 *
 * <p>The pool is classified once, with the streams application's own enrichment and classifier.
 * Each topic's base rate is the papers per day times its share of the pool's primary topics. On
 * each day every topic gets a Poisson-distributed number of papers at its rate, drawn from the
 * pool papers with that primary topic without replacement (a day repeats a paper only when it
 * needs more papers of a topic than the pool has), so that keyphrases co-occur as on real days. A
 * burst adds, on each of its days, a Poisson number of papers at (multiplier - 1) times its key's
 * base rate — a topic's rate, or for a keyphrase the papers per day times the share of pool
 * papers having it — drawn from the pool papers carrying the key, those used least that day
 * first. The day's papers are shuffled and published evenly spread over the day, so event times
 * ascend over the whole replay. After the last day one closing event follows at the end of the
 * last day plus the streams application's window grace: Kafka Streams closes a window only when
 * stream time passes its end plus grace, so without it the last day would never be reported.
 *
 * <p>Base counts, base picks, burst counts, burst picks and the order within a day use separate
 * random streams of the seed: the same settings give the same replay, and a replay without its
 * bursts has exactly the same base papers on every day (a control for trend tests).
 *
 * <p>Pure: no I/O and no Kafka; the caller sends the events.
 */
public final class ReplayGenerator {

    /** The {@code source} of every generated event. */
    public static final String SOURCE = "generator";
    /** The prefix of generated ids, {@code g:<seed>:<n>}. */
    public static final String ID_PREFIX = "g:";

    static final int BASE_COUNTS = 0;
    static final int BASE_PICKS = 1;
    static final int INJECTED_COUNTS = 2;
    static final int INJECTED_PICKS = 3;
    static final int ORDER = 4;
    static final int ENGAGEMENT = 5;

    private static final int SUGGESTIONS = 10;

    private final List<PoolPaper> pool;
    /** Pool indices by primary topic, topics in id order. */
    private final Map<String, int[]> papersByPrimary;

    /**
     * Classifies the pool.
     *
     * @param papers the papers to replay, at least one
     * @param classifier the streams application's enrichment and classification of a paper
     */
    public ReplayGenerator(List<PaperRecord> papers, Function<PaperRecord, ClassifiedPaper> classifier) {
        if (papers.isEmpty()) {
            throw new IllegalArgumentException("no papers to replay");
        }
        List<PoolPaper> classified = new ArrayList<>(papers.size());
        for (PaperRecord paper : papers) {
            classified.add(new PoolPaper(classified.size(), paper, classifier.apply(paper)));
        }
        this.pool = List.copyOf(classified);
        Map<String, List<Integer>> byPrimary = new TreeMap<>();
        for (PoolPaper paper : pool) {
            byPrimary
                    .computeIfAbsent(paper.primary(), topic -> new ArrayList<>())
                    .add(paper.index());
        }
        Map<String, int[]> indices = new LinkedHashMap<>();
        byPrimary.forEach((topic, list) ->
                indices.put(topic, list.stream().mapToInt(Integer::intValue).toArray()));
        this.papersByPrimary = indices;
    }

    /** The classified pool, in input order. */
    public List<PoolPaper> pool() {
        return pool;
    }

    /** Expected papers per day of each primary topic without bursts, in topic id order. */
    public Map<String, Double> topicRates(double papersPerDay) {
        Map<String, Double> rates = new LinkedHashMap<>();
        papersByPrimary.forEach((topic, papers) -> rates.put(topic, rate(papersPerDay, papers.length)));
        return rates;
    }

    /**
     * Plans a replay: the number of papers of every topic and burst on every day. The papers
     * themselves are drawn when {@link Replay#events()} is read.
     *
     * @throws IllegalArgumentException when a burst's key is carried by no pool paper
     */
    public Replay generate(ReplaySettings settings) {
        List<int[]> burstPapers = new ArrayList<>();
        for (BurstSpec burst : settings.bursts()) {
            burstPapers.add(papersCarrying(burst));
        }
        List<int[]> topicPapers = List.copyOf(papersByPrimary.values());
        double[] topicRates = topicPapers.stream()
                .mapToDouble(p -> rate(settings.papersPerDay(), p.length))
                .toArray();

        int days = settings.days();
        int[][] baseCounts = new int[days][topicPapers.size()];
        int[][] injectedCounts = new int[days][burstPapers.size()];
        Random baseRandom = RandomDraws.stream(settings.seed(), BASE_COUNTS);
        Random injectedRandom = RandomDraws.stream(settings.seed(), INJECTED_COUNTS);
        long base = 0;
        long injected = 0;
        for (int day = 0; day < days; day++) {
            for (int t = 0; t < topicPapers.size(); t++) {
                baseCounts[day][t] = RandomDraws.poisson(baseRandom, topicRates[t]);
                base += baseCounts[day][t];
            }
            for (int b = 0; b < burstPapers.size(); b++) {
                BurstSpec burst = settings.bursts().get(b);
                if (burst.covers(day)) {
                    double extraRate =
                            rate(settings.papersPerDay(), burstPapers.get(b).length) * (burst.multiplier() - 1);
                    injectedCounts[day][b] = RandomDraws.poisson(injectedRandom, extraRate);
                    injected += injectedCounts[day][b];
                }
            }
        }
        GroundTruth truth = new GroundTruth(
                settings,
                pool.size(),
                topicRates(settings.papersPerDay()),
                base,
                injected,
                Replay.id(settings.seed(), base + injected),
                groundTruthOf(settings, burstPapers, injectedCounts));
        return new Replay(settings, pool, topicPapers, burstPapers, baseCounts, injectedCounts, truth);
    }

    private List<InjectedBurst> groundTruthOf(
            ReplaySettings settings, List<int[]> burstPapers, int[][] injectedCounts) {
        List<InjectedBurst> bursts = new ArrayList<>();
        for (int b = 0; b < burstPapers.size(); b++) {
            BurstSpec spec = settings.bursts().get(b);
            List<Integer> perDay = new ArrayList<>(spec.days());
            for (int day = spec.startDay(); day < spec.endDay(); day++) {
                perDay.add(injectedCounts[day][b]);
            }
            int papers = burstPapers.get(b).length;
            bursts.add(new InjectedBurst(
                    spec,
                    papers,
                    rate(settings.papersPerDay(), papers),
                    perDay,
                    settings.dayStart(spec.startDay()),
                    settings.dayStart(spec.endDay())));
        }
        return bursts;
    }

    private double rate(double papersPerDay, int papers) {
        return papersPerDay * papers / pool.size();
    }

    private int[] papersCarrying(BurstSpec burst) {
        int[] papers = pool.stream()
                .filter(p -> p.carries(burst.kind(), burst.key()))
                .mapToInt(PoolPaper::index)
                .toArray();
        if (papers.length == 0) {
            throw new IllegalArgumentException(noPaperCarrying(burst));
        }
        return papers;
    }

    /** Why a burst cannot be injected, with the keys it could have named. */
    private String noPaperCarrying(BurstSpec burst) {
        if (burst.kind() == BurstSpec.Kind.TOPIC) {
            Map<String, Long> topics = new HashMap<>();
            papersByPrimary.forEach((topic, papers) -> topics.put(topic, (long) papers.length));
            return "burst " + burst + ": no paper of the pool has the primary topic '" + burst.key()
                    + "'; its primary topics are " + counted(topics);
        }
        Map<String, Long> keyphrases = new HashMap<>();
        pool.forEach(p -> p.keyphrases().stream().distinct().forEach(k -> keyphrases.merge(k, 1L, Long::sum)));
        return "burst " + burst + ": no paper of the pool has the keyphrase '" + burst.key()
                + "'; its most common keyphrases are " + counted(keyphrases);
    }

    /** The most frequent keys with their counts, most frequent first: {@code 'a' (12), 'b' (3)}. */
    private static String counted(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(SUGGESTIONS)
                .map(e -> "'" + e.getKey() + "' (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }
}
