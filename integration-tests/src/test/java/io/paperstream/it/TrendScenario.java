package io.paperstream.it;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicScore;
import io.paperstream.streams.StreamsSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The corpus replayed over simulated days so that the real pipeline has something to report: every paper of one
 * topic ({@link #burstTopic()}) and every paper with one of two keyphrases ({@link #risingKeyphrases()}) on day
 * 6, where they rise from nothing, the other papers spread over days 0 to 5 before. Three of the background
 * papers, the "closers", are published after day 6's end plus grace: sent last, once everything else is
 * processed, they close days 0 to 6 at once, whatever order the partitions were processed in. Windows are one
 * day; the grace is long ({@link #GRACE}) so that no window closes before the closers come.
 *
 * <p>Every expectation comes from the papers sent and their classification by the same pure functions the
 * application uses ({@link CorpusEvents}), not from the application's code.
 */
final class TrendScenario {

    static final Instant DAY0 = Instant.parse("2025-03-01T00:00:00Z");
    static final int BURST_DAY = 6;
    static final Duration GRACE = Duration.ofDays(10);
    static final Duration SOURCE_IDLE = Duration.ofSeconds(3);
    /** Days 0 to {@link #BURST_DAY}, the windows the closers close. */
    static final int CLOSED_DAYS = BURST_DAY + 1;

    private static final int BACKGROUND_DAYS = 6;
    private static final int CLOSERS = 3;
    private static final int MIN_BURST = 5;
    private static final int MAX_BURST = 25;
    private static final int KEYPHRASES = 2;
    private static final long MIN_KEYPHRASE_PAPERS = 4;
    private static final long MAX_KEYPHRASE_PAPERS = 6;

    private final String burstTopic;
    private final List<String> risingKeyphrases;
    private final List<PaperAbstract> main;
    private final List<PaperAbstract> closers;
    private final Map<String, ClassifiedPaper> classified;

    private TrendScenario(
            String burstTopic,
            List<String> risingKeyphrases,
            List<PaperAbstract> main,
            List<PaperAbstract> closers,
            Map<String, ClassifiedPaper> classified) {
        this.burstTopic = burstTopic;
        this.risingKeyphrases = risingKeyphrases;
        this.main = main;
        this.closers = closers;
        this.classified = classified;
    }

    /** Plans the replay of the corpus, every paper ingested at {@code ingestedAt}. */
    static TrendScenario plan(Instant ingestedAt) {
        List<PaperAbstract> papers = CorpusEvents.papers(ingestedAt);
        Map<String, ClassifiedPaper> classified = new LinkedHashMap<>();
        CorpusEvents.classified(ingestedAt)
                .forEach(paper -> classified.put(paper.getPaper().getPaper().getId(), paper));
        String burst = burstTopic(classified.values());
        List<String> keyphrases = risingKeyphrases(classified.values());
        Predicate<PaperAbstract> inBurst =
                paper -> topics(classified.get(paper.getId())).contains(burst)
                        || classified.get(paper.getId()).getPaper().getKeyphrases().stream()
                                .anyMatch(keyphrases::contains);
        List<PaperAbstract> background =
                papers.stream().filter(inBurst.negate()).toList();
        List<PaperAbstract> burstPapers = papers.stream().filter(inBurst).toList();

        List<PaperAbstract> main = new ArrayList<>();
        List<PaperAbstract> days = background.subList(0, background.size() - CLOSERS);
        for (int i = 0; i < days.size(); i++) {
            int day = i % BACKGROUND_DAYS;
            main.add(at(days.get(i), day(day).plus(Duration.ofMinutes(60 + 7L * (i / BACKGROUND_DAYS)))));
        }
        for (int i = 0; i < burstPapers.size(); i++) {
            main.add(at(burstPapers.get(i), day(BURST_DAY).plus(Duration.ofMinutes(360 + 11L * i))));
        }
        main.sort(Comparator.comparing(PaperAbstract::getPublishedAt));
        Instant closing = day(BURST_DAY + 1).plus(GRACE).plus(Duration.ofHours(1));
        List<PaperAbstract> closers = new ArrayList<>();
        List<PaperAbstract> last = background.subList(background.size() - CLOSERS, background.size());
        for (int i = 0; i < last.size(); i++) {
            closers.add(at(last.get(i), closing.plus(Duration.ofMinutes(i))));
        }
        return new TrendScenario(burst, keyphrases, List.copyOf(main), List.copyOf(closers), Map.copyOf(classified));
    }

    /** The {@value #KEYPHRASES} keyphrases with the most papers among those with 4 to 6 (ties alphabetically). */
    private static List<String> risingKeyphrases(Collection<ClassifiedPaper> papers) {
        Map<String, Long> papersPerKeyphrase = papers.stream()
                .flatMap(paper -> paper.getPaper().getKeyphrases().stream().distinct())
                .collect(Collectors.groupingBy(keyphrase -> keyphrase, TreeMap::new, Collectors.counting()));
        List<String> keyphrases = papersPerKeyphrase.entrySet().stream()
                .filter(e -> e.getValue() >= MIN_KEYPHRASE_PAPERS && e.getValue() <= MAX_KEYPHRASE_PAPERS)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(KEYPHRASES)
                .map(Map.Entry::getKey)
                .toList();
        if (keyphrases.size() < KEYPHRASES) {
            throw new AssertionError("the corpus has fewer than " + KEYPHRASES + " keyphrases of "
                    + MIN_KEYPHRASE_PAPERS + " to " + MAX_KEYPHRASE_PAPERS + " papers: " + papersPerKeyphrase);
        }
        return keyphrases;
    }

    /** The topic with the most papers among those with {@value #MIN_BURST} to {@value #MAX_BURST} (ties by id). */
    private static String burstTopic(Collection<ClassifiedPaper> papers) {
        Map<String, Long> papersPerTopic = papers.stream()
                .flatMap(paper -> topics(paper).stream())
                .collect(Collectors.groupingBy(topic -> topic, TreeMap::new, Collectors.counting()));
        return papersPerTopic.entrySet().stream()
                .filter(e -> e.getValue() >= MIN_BURST && e.getValue() <= MAX_BURST)
                .max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new AssertionError(
                        "no topic of the corpus has " + MIN_BURST + " to " + MAX_BURST + " papers: " + papersPerTopic));
    }

    private static PaperAbstract at(PaperAbstract paper, Instant publishedAt) {
        return PaperAbstract.newBuilder(paper).setPublishedAt(publishedAt).build();
    }

    static Instant day(int day) {
        return DAY0.plus(day, ChronoUnit.DAYS);
    }

    static Set<String> topics(ClassifiedPaper paper) {
        return paper.getTopics().stream().map(TopicScore::getId).collect(Collectors.toSet());
    }

    /**
     * The settings the scenario needs: one-day windows, a long grace, and the trend thresholds its expectations
     * are worked out for (whatever the defaults are tuned to): six windows of history are enough, and four papers
     * against a baseline of none are a rise. The three closers may all go to one partition: a partition none
     * reaches holds windows open until it has sent nothing for {@link #SOURCE_IDLE}, shorter than the default.
     */
    static Map<String, String> settings() {
        return Map.of(
                StreamsSettings.WINDOW_SIZE.name(),
                "1d",
                StreamsSettings.WINDOW_GRACE.name(),
                GRACE.toDays() + "d",
                StreamsSettings.WINDOW_SOURCE_IDLE.name(),
                SOURCE_IDLE.toSeconds() + "s",
                StreamsSettings.TRENDS_MIN_BASELINE_WINDOWS.name(),
                "3",
                StreamsSettings.TRENDS_MIN_COUNT.name(),
                "3",
                StreamsSettings.TRENDS_MIN_SCORE.name(),
                "3");
    }

    String burstTopic() {
        return burstTopic;
    }

    /** Keyphrases all of whose papers are published on day 6: they rise there. */
    List<String> risingKeyphrases() {
        return risingKeyphrases;
    }

    /** Papers with {@code keyphrase} published on day 6. */
    long burstDayPapersWith(String keyphrase) {
        return main.stream()
                .filter(paper -> !paper.getPublishedAt().isBefore(day(BURST_DAY)))
                .filter(paper ->
                        classified(paper.getId()).getPaper().getKeyphrases().contains(keyphrase))
                .count();
    }

    /** Days 0 to 6, in publication order. */
    List<PaperAbstract> main() {
        return main;
    }

    /** The papers that close days 0 to 6, to send once the main papers are processed. */
    List<PaperAbstract> closers() {
        return closers;
    }

    List<PaperAbstract> all() {
        List<PaperAbstract> all = new ArrayList<>(main);
        all.addAll(closers);
        return all;
    }

    /** How the application classifies and enriches the paper of this id (any replayed copy of a corpus paper). */
    ClassifiedPaper classified(String id) {
        return classified.get(id);
    }

    /**
     * A new paper for live updates: a copy of a corpus paper under a new id, published {@code publishedAt};
     * classified as the original ({@link #classified(String)} of the original's id).
     */
    PaperAbstract copy(PaperAbstract copyOf, String id, Instant publishedAt) {
        return PaperAbstract.newBuilder(copyOf)
                .setId(id)
                .setPublishedAt(publishedAt)
                .build();
    }

    /** Primary and any-assignment count per topic of {@code papers} (of the scenario), as {primary, any}. */
    Map<String, long[]> counts(Collection<PaperAbstract> papers) {
        Map<String, long[]> counts = new HashMap<>();
        for (PaperAbstract paper : papers) {
            ClassifiedPaper classifiedPaper = classified(paper.getId());
            for (String topic : topics(classifiedPaper)) {
                long[] count = counts.computeIfAbsent(topic, t -> new long[2]);
                count[1]++;
                if (topic.equals(classifiedPaper.getPrimaryTopic())) {
                    count[0]++;
                }
            }
        }
        return counts;
    }

    /** Papers of {@code topic} (any assignment) published on each day from 0 to {@link #BURST_DAY}. */
    List<Long> papersPerDay(String topic) {
        return perDay(paper -> topics(paper).contains(topic));
    }

    /** Papers with {@code topic} as primary topic published on each day from 0 to {@link #BURST_DAY}. */
    List<Long> primaryPerDay(String topic) {
        return perDay(paper -> paper.getPrimaryTopic().equals(topic));
    }

    /** Papers with {@code keyphrase} published on each day from 0 to {@link #BURST_DAY}. */
    List<Long> keyphrasePerDay(String keyphrase) {
        return perDay(paper -> paper.getPaper().getKeyphrases().contains(keyphrase));
    }

    private List<Long> perDay(Predicate<ClassifiedPaper> counted) {
        List<Long> perDay = new ArrayList<>();
        for (int day = 0; day <= BURST_DAY; day++) {
            Instant start = day(day);
            Instant end = day(day + 1);
            perDay.add(main.stream()
                    .filter(paper -> !paper.getPublishedAt().isBefore(start)
                            && paper.getPublishedAt().isBefore(end))
                    .filter(paper -> counted.test(classified(paper.getId())))
                    .count());
        }
        return perDay;
    }

    /** The keyphrase of the most background papers (ties by the keyphrase): one seen on several days. */
    String busiestBackgroundKeyphrase() {
        return main.stream()
                .filter(paper -> paper.getPublishedAt().isBefore(day(BACKGROUND_DAYS)))
                .flatMap(paper -> classified(paper.getId()).getPaper().getKeyphrases().stream()
                        .distinct())
                .collect(Collectors.groupingBy(keyphrase -> keyphrase, TreeMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    /** The topic with the most background papers: one with a count on every background day. */
    String busiestBackgroundTopic() {
        return main.stream()
                .filter(paper -> paper.getPublishedAt().isBefore(day(BACKGROUND_DAYS)))
                .flatMap(paper -> topics(classified(paper.getId())).stream())
                .collect(Collectors.groupingBy(topic -> topic, TreeMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }
}
