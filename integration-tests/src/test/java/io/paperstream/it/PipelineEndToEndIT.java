package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestPaper;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicScore;
import io.paperstream.avro.TopicTrend;
import io.paperstream.avro.TopicWindowCount;
import io.paperstream.classify.Classification;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.enrich.Enricher;
import io.paperstream.it.ExpectedCounts.Counts;
import io.paperstream.it.ExpectedCounts.TopicWindow;
import io.paperstream.producer.ProduceCommand;
import io.paperstream.producer.source.PaperId;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.settings.Setting;
import io.paperstream.streams.KafkaTopic;
import io.paperstream.streams.KafkaTopics;
import io.paperstream.streams.StreamsSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on real parts: the real {@code produce} command writes papers to the real broker through the
 * real registry, the whole streams application ({@link io.paperstream.app.PaperstreamApp}) processes them, and
 * its output topics, read back as any consumer would, hold exactly what the papers' offline classification says:
 * for the shared corpus (re-sent unchanged, then with a revised paper), and for a 20,000-paper replay that
 * {@code produce --generate} draws from it with injected bursts, each of which must be reported rising.
 *
 * <p>Expected values come from the classifier and the enricher run offline on the parsed papers, and from the
 * window rules of the architecture ({@link ExpectedCounts}). The raw topic has one partition with the default grace
 * of one hour: event time then advances in the order the producer sends, which is publication-time order, as the
 * expected windows assume. ({@link BacklogWindowsIT} proves the windows of a backlog in several partitions.)
 */
@RealKafkaStack
class PipelineEndToEndIT {

    /** The corpus is replayed over a week from here (16 or 17 papers a day); the generated replay starts here too. */
    private static final Instant REPLAY_START = Instant.parse("2025-03-10T00:00:00Z");

    private static final Duration REPLAY_SPREAD = Duration.ofDays(7);
    /** The revision's date line: after the replay, late enough to close its last day (end + 1 h grace). */
    private static final String REVISION_DATE = "Mar 18";

    private static final Instant REVISION_TIME = Instant.parse("2025-03-18T00:00:00Z");
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);
    /** The generated replay: 20 days of about 1,000 papers, plus what the bursts add. */
    private static final int REPLAY_DAYS = 20;

    private static final int REPLAY_PAPERS_PER_DAY = 1_000;
    private static final long REPLAY_SEED = 7;
    /** Processing the generated replay takes 20-90 s on two cores, depending on what else runs. */
    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(5);
    /** Days between bursts, so that one burst's mark on the baselines has faded before the next. */
    private static final int BURST_SPACING = 4;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(PipelineEndToEndIT.class);

    private final StackEndpoints stack;
    private final PaperClassifier classifier = PaperClassifier.withDefaultTaxonomy();
    private final Enricher enricher = new Enricher();

    PipelineEndToEndIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void theCorpusGivesExactCountsWindowsAndDigestsAndReingestingOrRevisingNeverCountsTwice() {
        try (StreamsAppRun app = StreamsAppRun.start(stack, "it-e2e-corpus", Map.of())) {
            // Step 1: the corpus, replayed over a week by the real producer
            List<PaperRecord> corpus = Corpus.papers();
            String raw = app.topic(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS);
            ExpectedCounts expected = new ExpectedCounts(
                    app.settings().get(StreamsSettings.WINDOW_SIZE),
                    app.settings().get(StreamsSettings.WINDOW_GRACE));
            Map<String, Classification> classifications = new HashMap<>();
            for (int i = 0; i < corpus.size(); i++) {
                PaperRecord paper = corpus.get(i);
                Classification classification = classify(paper.title(), paper.abstractText());
                classifications.put(paper.id(), classification);
                expected.paper(
                        paper.id(),
                        classification,
                        keyphrases(paper.id(), paper.title(), paper.abstractText()),
                        replayTime(i, corpus.size()));
            }
            produceCorpusWeek(raw);

            // Step 2: the application has processed it all
            app.awaitCaughtUp(PROCESSING_TIMEOUT);

            // Step 3: every output holds exactly the expected values; the last day is still open (within grace)
            assertThat(expected.closedWindowPapers())
                    .as("days closed by the replay itself")
                    .hasSize(6);
            assertClassified(app, classifications, Corpus.PAPERS);
            assertOutputs(app, expected);
            assertThat(TestTopics.readAll(
                            stack.bootstrapServers(),
                            app.topic(StreamsSettings.KAFKA_TOPIC_DEAD_LETTERS),
                            PROCESSING_TIMEOUT))
                    .as("dead letters")
                    .isEmpty();
            Map<String, Integer> recordsAfterFirstRun = recordsPerOutput(app);

            // Step 4: the same corpus again changes nothing anywhere
            produceCorpusWeek(raw);
            app.awaitCaughtUp(PROCESSING_TIMEOUT);
            assertThat(TestTopics.readAll(stack.bootstrapServers(), raw, PROCESSING_TIMEOUT))
                    .as("the corpus was read twice")
                    .hasSize(2 * Corpus.PAPERS);
            assertThat(recordsPerOutput(app))
                    .as("records per output topic after re-ingesting the corpus")
                    .isEqualTo(recordsAfterFirstRun);
            assertClassified(app, classifications, Corpus.PAPERS);
            assertOutputs(app, expected);

            // Step 5: a revision of the first paper (same title, so same id; another paper's abstract, so another
            // primary topic) published on a later day: its old topics go down, its new ones up, once
            PaperRecord original = corpus.get(0);
            Classification before = classifications.get(original.id());
            PaperRecord donor = corpus.stream()
                    .filter(paper -> PaperId.of(null, original.title(), paper.abstractText())
                            .equals(original.id()))
                    .filter(paper -> !classify(original.title(), paper.abstractText())
                            .primary()
                            .equals(before.primary()))
                    .findFirst()
                    .orElseThrow();
            Path revisionFile = TrendingPageFile.write(
                    ItDirectories.fresh("pipeline-e2e").resolve("revision.txt"),
                    REVISION_DATE,
                    original.title(),
                    donor.abstractText());
            PaperRecord revision = Corpus.read(revisionFile).get(0);
            assertThat(revision.id()).as("the revision's id").isEqualTo(original.id());
            assertThat(revision.sourceTime()).isEqualTo(REVISION_TIME);
            Classification after = classify(revision.title(), revision.abstractText());
            classifications.put(revision.id(), after);
            expected.paper(
                    revision.id(),
                    after,
                    keyphrases(revision.id(), revision.title(), revision.abstractText()),
                    REVISION_TIME);
            Map<String, TopicCount> countsBefore = latestCounts(app);

            produce(raw, revisionFile);
            app.awaitCaughtUp(PROCESSING_TIMEOUT);

            Map<String, TopicCount> countsAfter = latestCounts(app);
            assertThat(countsAfter.get(before.primary()).getPrimaryCount())
                    .as("primary count of the old primary")
                    .isEqualTo(countsBefore.get(before.primary()).getPrimaryCount() - 1);
            assertThat(countsAfter.get(after.primary()).getPrimaryCount())
                    .as("primary count of the new primary")
                    .isEqualTo(countsBefore.get(after.primary()).getPrimaryCount() + 1);
            assertThat(expected.closedWindowPapers())
                    .as("the revision's day closes the replay's last day")
                    .hasSize(7);
            assertClassified(app, classifications, Corpus.PAPERS + 1);
            assertOutputs(app, expected);
        }
    }

    @Test
    void aGeneratedReplayWithBurstsGivesExactCountsAndWindowsAndEveryBurstIsReportedRising() throws IOException {
        try (StreamsAppRun app = StreamsAppRun.start(stack, "it-e2e-replay", Map.of())) {
            // Step 1: the real producer generates a replay of the corpus with injected bursts: one-day bursts of
            // the three most common primary topics and of the most common keyphrase, days apart, after the
            // baseline windows the detector needs
            String raw = app.topic(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS);
            List<String> bursts = burstSpecs(app.settings().get(StreamsSettings.TRENDS_MIN_BASELINE_WINDOWS));
            Path groundTruthFile = ItDirectories.fresh("pipeline-e2e-replay").resolve("ground-truth.json");
            List<String> options = new ArrayList<>(List.of(
                    "--generate",
                    "--days",
                    Integer.toString(REPLAY_DAYS),
                    "--papers-per-day",
                    Integer.toString(REPLAY_PAPERS_PER_DAY),
                    "--seed",
                    Long.toString(REPLAY_SEED),
                    "--start",
                    REPLAY_START.toString(),
                    "--window-grace",
                    "1h",
                    "--ground-truth",
                    groundTruthFile.toString()));
            bursts.forEach(burst -> options.addAll(List.of("--burst", burst)));
            long producing = System.nanoTime();
            produce(raw, Corpus.path(), options.toArray(String[]::new));
            long produced = System.nanoTime();
            JsonNode groundTruth = JSON.readTree(groundTruthFile.toFile());

            // Step 2: what the output must be, from the events as sent, each classified offline
            List<AvroTopic.Keyed<PaperAbstract>> events = AvroTopic.read(stack, raw, PaperAbstract.class);
            assertThat(events)
                    .as("events sent")
                    .hasSize(groundTruth.at("/events/total").asInt())
                    .hasSizeGreaterThanOrEqualTo(REPLAY_DAYS * REPLAY_PAPERS_PER_DAY * 9 / 10);
            ExpectedCounts expected = new ExpectedCounts(
                    app.settings().get(StreamsSettings.WINDOW_SIZE),
                    app.settings().get(StreamsSettings.WINDOW_GRACE));
            Map<String, Classification> classifications = new HashMap<>();
            Map<String, Classification> byText = new HashMap<>();
            Map<String, List<String>> keyphrasesByText = new HashMap<>();
            for (AvroTopic.Keyed<PaperAbstract> event : events) {
                PaperAbstract paper = event.value();
                String text = paper.getTitle() + "\n" + paper.getAbstract$();
                Classification classification =
                        byText.computeIfAbsent(text, t -> classify(paper.getTitle(), paper.getAbstract$()));
                assertThat(classifications.put(paper.getId(), classification))
                        .as("a second event %s", paper.getId())
                        .isNull();
                expected.paper(
                        paper.getId(),
                        classification,
                        keyphrasesByText.computeIfAbsent(
                                text, t -> keyphrases(paper.getId(), paper.getTitle(), paper.getAbstract$())),
                        paper.getPublishedAt());
            }
            assertThat(events.get(events.size() - 1).key())
                    .as("the closing event comes last")
                    .isEqualTo(groundTruth.at("/closingEvent/id").asText());

            // Step 3: the application's output is exactly that, every day of the replay closed
            app.awaitCaughtUp(REPLAY_TIMEOUT);
            LOG.info(
                    "produce --generate sent {} events in {} ms; the application was through them {} ms after that",
                    events.size(),
                    (produced - producing) / 1_000_000,
                    (System.nanoTime() - produced) / 1_000_000);
            assertThat(expected.closedWindowPapers()).as("days closed").hasSize(REPLAY_DAYS);
            assertClassified(app, classifications, events.size());
            assertOutputs(app, expected);

            // Step 4: every burst is reported rising on each of its days
            List<TopicTrend> risingTopics = values(read(app, KafkaTopics.TOPIC_TRENDS));
            LOG.info(
                    "bursts {}; rising topics reported: {}",
                    bursts,
                    risingTopics.stream()
                            .collect(Collectors.groupingBy(
                                    trend -> day(trend.getWindowStart().toEpochMilli()),
                                    TreeMap::new,
                                    Collectors.mapping(TopicTrend::getTopic, Collectors.toList()))));
            Set<String> topicTrends = risingTopics.stream()
                    .map(trend -> trend.getTopic() + "@" + trend.getWindowStart())
                    .collect(Collectors.toSet());
            Set<String> keyphraseTrends = values(read(app, KafkaTopics.KEYWORD_TRENDS)).stream()
                    .map(trend -> trend.getKeyphrase() + "@" + trend.getWindowStart())
                    .collect(Collectors.toSet());
            assertThat(groundTruth.get("bursts")).hasSize(bursts.size());
            for (JsonNode burst : groundTruth.get("bursts")) {
                Set<String> reported = burst.get("kind").asText().equals("topic") ? topicTrends : keyphraseTrends;
                for (JsonNode day : burst.get("perDay")) {
                    assertThat(reported)
                            .as(
                                    "burst %s reported on %s",
                                    burst.get("spec").asText(),
                                    day.get("windowStart").asText())
                            .contains(burst.get("key").asText() + "@"
                                    + Instant.parse(day.get("windowStart").asText()));
                }
            }
        }
    }

    /**
     * One-day bursts {@value #BURST_SPACING} days apart from the first day with enough baseline windows: three
     * times the three most common primary topics of the corpus, then four times its most common keyphrase.
     */
    private List<String> burstSpecs(int baselineWindows) {
        List<PaperRecord> corpus = Corpus.papers();
        Map<String, Long> primaries = corpus.stream()
                .collect(Collectors.groupingBy(
                        paper -> classify(paper.title(), paper.abstractText()).primary(),
                        TreeMap::new,
                        Collectors.counting()));
        Map<String, Long> keyphrases = corpus.stream()
                .flatMap(paper -> keyphrases(paper.id(), paper.title(), paper.abstractText()).stream()
                        .distinct())
                .collect(Collectors.groupingBy(keyphrase -> keyphrase, TreeMap::new, Collectors.counting()));
        List<String> specs = new ArrayList<>();
        int day = baselineWindows + 1;
        for (String topic : mostCommon(primaries, 3)) {
            specs.add("topic:" + topic + "@" + day + "+1x3");
            day += BURST_SPACING;
        }
        specs.add("keyphrase:" + mostCommon(keyphrases, 1).get(0) + "@" + day + "+1x4");
        assertThat(day).as("last burst day").isLessThan(REPLAY_DAYS);
        return specs;
    }

    private static List<String> mostCommon(Map<String, Long> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Sends the corpus with the real producer, spread over a week from {@link #REPLAY_START}. */
    private void produceCorpusWeek(String topic) {
        produce(
                topic,
                Corpus.path(),
                "--event-time",
                REPLAY_START.toString(),
                "--spread",
                REPLAY_SPREAD.toDays() + "d");
    }

    /** The replay time of the {@code i}-th of {@code n} papers, as {@code produce --spread} documents it. */
    private static Instant replayTime(int i, int n) {
        return REPLAY_START.plusMillis(REPLAY_SPREAD.toMillis() * i / n);
    }

    private Classification classify(String title, String abstractText) {
        return classifier.classify(title, abstractText);
    }

    private List<String> keyphrases(String id, String title, String abstractText) {
        return enricher.enrich(id, title, abstractText, List.of()).keyphrases();
    }

    private void produce(String topic, Path file, String... options) {
        List<String> arguments = new ArrayList<>(List.of(options));
        arguments.addAll(stack.produceArguments(topic, Corpus.YEAR, file.toString()));
        ProduceCommandRun.Outcome run = ProduceCommandRun.inProcess(arguments);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ProduceCommand.EXIT_OK);
    }

    /**
     * papers.classified: {@code records} records in all, the latest of each paper with the topics the classifier
     * gives it, no paper missing and no other paper.
     */
    private void assertClassified(StreamsAppRun app, Map<String, Classification> classifications, int records) {
        List<AvroTopic.Keyed<ClassifiedPaper>> classified = read(app, KafkaTopics.CLASSIFIED_PAPERS);
        assertThat(classified).as("records in papers.classified").hasSize(records);
        Map<String, ClassifiedPaper> latest = AvroTopic.latestByKey(classified);
        assertThat(latest.keySet()).as("distinct papers").containsExactlyInAnyOrderElementsOf(classifications.keySet());
        latest.forEach((id, paper) -> {
            Classification expected = classifications.get(id);
            assertThat(paper.getPaper().getPaper().getId()).isEqualTo(id);
            assertThat(paper.getPrimaryTopic()).as("primary topic of %s", id).isEqualTo(expected.primary());
            assertThat(paper.getTopics())
                    .extracting(TopicScore::getId)
                    .as("topics of %s", id)
                    .containsExactlyElementsOf(expected.topicIds());
        });
    }

    /**
     * topics.counts, topics.windowed, digests.daily, trends.topics and trends.keywords against the expected
     * values: all-time counts per topic; one final record per topic per closed window and none for open ones;
     * one digest per closed day with its papers; every reported trend with its window's true count.
     */
    private void assertOutputs(StreamsAppRun app, ExpectedCounts expected) {
        Map<String, TopicCount> counts = latestCounts(app);
        assertThat(counts).as("topics.counts").isEqualTo(expected.allTime());
        assertThat(counts.values().stream()
                        .mapToLong(TopicCount::getPrimaryCount)
                        .sum())
                .as("primary counts: one per paper")
                .isEqualTo(expected.papers());

        long windowMs = expected.windowSizeMs();
        List<AvroTopic.Keyed<TopicWindowCount>> windowed = read(app, KafkaTopics.WINDOW_COUNTS);
        assertThat(windowed).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(record.value().getTopic());
            assertThat(record.value().getFinal$()).isTrue();
            assertThat(record.value().getWindowEnd().toEpochMilli()
                            - record.value().getWindowStart().toEpochMilli())
                    .isEqualTo(windowMs);
        });
        Map<TopicWindow, Counts> windows = windowed.stream()
                .collect(Collectors.toMap(
                        record -> new TopicWindow(
                                record.key(), record.value().getWindowStart().toEpochMilli()),
                        record -> new Counts(
                                record.value().getPrimaryCount(), record.value().getAnyCount()),
                        (first, second) -> {
                            throw new AssertionError("a window published twice: " + first + " and " + second);
                        },
                        TreeMap::new));
        Map<TopicWindow, Counts> closedWindows = expected.closedWindows();
        assertThat(windows).as("topics.windowed").isEqualTo(closedWindows);

        Map<Long, Set<String>> closedDays = expected.closedWindowPapers();
        Map<String, DailyDigest> digests = AvroTopic.latestByKey(read(app, KafkaTopics.DIGESTS));
        assertThat(digests.keySet())
                .as("digest days")
                .containsExactlyInAnyOrderElementsOf(closedDays.keySet().stream()
                        .map(PipelineEndToEndIT::day)
                        .toList());
        closedDays.forEach((start, papers) -> {
            DailyDigest digest = digests.get(day(start));
            assertThat(digest.getPapersInWindow())
                    .as("papers in the digest of %s", day(start))
                    .isEqualTo(papers.size());
            assertThat(digest.getTopics()).allSatisfy(entry -> {
                assertThat(entry.getCount())
                        .isEqualTo(closedWindows
                                .get(new TopicWindow(entry.getKey(), start))
                                .any());
                assertThat(entry.getPapers()).extracting(DigestPaper::getId).allMatch(papers::contains);
            });
            assertThat(digest.getKeyphrases())
                    .allSatisfy(entry -> assertThat(entry.getCount())
                            .as("papers with '%s' on %s", entry.getKey(), day(start))
                            .isEqualTo(expected.keyphraseCount(start, entry.getKey())));
        });

        List<TopicTrend> topicTrends = values(read(app, KafkaTopics.TOPIC_TRENDS));
        assertThat(topicTrends).allSatisfy(trend -> {
            long start = trend.getWindowStart().toEpochMilli();
            assertThat(closedDays).containsKey(start);
            assertThat(trend.getCount())
                    .as("count of rising topic %s on %s", trend.getTopic(), day(start))
                    .isEqualTo(closedWindows
                            .get(new TopicWindow(trend.getTopic(), start))
                            .any());
        });
        assertRanks(topicTrends.stream()
                .collect(Collectors.groupingBy(
                        TopicTrend::getWindowStart, Collectors.mapping(TopicTrend::getRank, Collectors.toList()))));
        List<KeywordTrend> keywordTrends = values(read(app, KafkaTopics.KEYWORD_TRENDS));
        assertThat(keywordTrends).allSatisfy(trend -> {
            long start = trend.getWindowStart().toEpochMilli();
            assertThat(closedDays).containsKey(start);
            assertThat(trend.getCount())
                    .as("count of rising keyphrase '%s' on %s", trend.getKeyphrase(), day(start))
                    .isEqualTo(expected.keyphraseCount(start, trend.getKeyphrase()));
        });
        assertRanks(keywordTrends.stream()
                .collect(Collectors.groupingBy(
                        KeywordTrend::getWindowStart, Collectors.mapping(KeywordTrend::getRank, Collectors.toList()))));
    }

    /** Within each window the reported trends are ranked 1, 2, ... without gaps or ties. */
    private static void assertRanks(Map<Instant, List<Integer>> ranksPerWindow) {
        ranksPerWindow.forEach((window, ranks) -> assertThat(ranks)
                .as("ranks in the window of %s", window)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, ranks.size()).boxed().toList()));
    }

    private Map<String, TopicCount> latestCounts(StreamsAppRun app) {
        return new TreeMap<>(AvroTopic.latestByKey(read(app, KafkaTopics.TOPIC_COUNTS)));
    }

    /**
     * How many records each output topic after the dedupe stage holds: re-ingesting unchanged papers must add none
     * (papers.enriched, written before dedupe, gets the papers again).
     */
    private Map<String, Integer> recordsPerOutput(StreamsAppRun app) {
        Map<String, Integer> records = new TreeMap<>();
        for (Setting<String> output : List.of(
                StreamsSettings.KAFKA_TOPIC_CLASSIFIED_PAPERS,
                StreamsSettings.KAFKA_TOPIC_TOPIC_COUNTS,
                StreamsSettings.KAFKA_TOPIC_WINDOW_COUNTS,
                StreamsSettings.KAFKA_TOPIC_TOPIC_TRENDS,
                StreamsSettings.KAFKA_TOPIC_KEYWORD_TRENDS,
                StreamsSettings.KAFKA_TOPIC_DIGESTS,
                StreamsSettings.KAFKA_TOPIC_DEAD_LETTERS)) {
            records.put(
                    output.name(),
                    TestTopics.readAll(stack.bootstrapServers(), app.topic(output), PROCESSING_TIMEOUT)
                            .size());
        }
        return records;
    }

    private <T extends SpecificRecord> List<AvroTopic.Keyed<T>> read(StreamsAppRun app, KafkaTopic<T> topic) {
        return AvroTopic.read(stack, app.topic(topic.nameSetting()), topic.valueType());
    }

    private static <T> List<T> values(List<AvroTopic.Keyed<T>> records) {
        return records.stream().map(AvroTopic.Keyed::value).toList();
    }

    private static String day(long windowStart) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(windowStart), ZoneOffset.UTC)
                .toString();
    }
}
