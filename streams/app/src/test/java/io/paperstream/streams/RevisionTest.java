package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.TopicCount;
import io.paperstream.classify.Classification;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.TrendingCorpus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dedupe, revise and classify, and the all-time counts: a paper counts once whatever happens to it. */
class RevisionTest {

    private static final Instant MONDAY = Instant.parse("2026-03-16T09:00:00Z");
    private final PaperClassifier classifier = new PaperClassifier(PipelineDriver.TAXONOMY);
    // a paper and a revision of it with another primary topic, as the classifier sees them
    private final TrendingCorpus.Paper original = TestPapers.CORPUS.get(0);
    private final TrendingCorpus.Paper revised = firstWithOtherPrimaryThan(original);
    private final Classification before = classify(original);
    private final Classification after = classify(revised);

    @Test
    void paperReingestedUnchangedIsANoOp() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            // Step 1: a paper, then the very same paper twice more
            EnrichedPaper miniPlm = TestPapers.enriched("2410.17215", TestPapers.CORPUS.get(0), MONDAY, List.of());
            pipeline.pipe(miniPlm);
            List<ClassifiedPaper> firstTime = pipeline.classified().readValuesToList();
            Map<String, TopicCount> countsAfterFirst = pipeline.counts().readKeyValuesToMap();

            pipeline.pipe(miniPlm);
            pipeline.pipe(miniPlm);

            // Step 2: the first time it was classified and counted, the repeats changed nothing at all
            Classification expected = classify(TestPapers.CORPUS.get(0));
            assertThat(firstTime).singleElement().satisfies(p -> {
                assertThat(p.getPrimaryTopic()).isEqualTo(expected.primary());
                assertThat(p.getTopics()).extracting(t -> t.getId()).containsExactlyElementsOf(expected.topicIds());
                assertThat(p.getPaper()).isEqualTo(miniPlm);
            });
            assertThat(countsAfterFirst).containsOnlyKeys(expected.topicIds());
            assertThat(countsAfterFirst.get(expected.primary()))
                    .isEqualTo(TopicCount.newBuilder()
                            .setTopic(expected.primary())
                            .setPrimaryCount(1L)
                            .setAnyCount(1L)
                            .build());
            assertThat(pipeline.classified().isEmpty()).isTrue();
            assertThat(pipeline.counts().isEmpty()).isTrue();
        }
    }

    @Test
    void revisedPaperMovesItsCountsFromTheOldClassificationToTheNew() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            pipeline.pipe(TestPapers.enriched("2410.17215", original, MONDAY, List.of()));
            pipeline.pipe(TestPapers.enriched("2410.17215", revised, MONDAY, List.of()));

            Map<String, TopicCount> counts = pipeline.counts().readKeyValuesToMap();
            List<ClassifiedPaper> classified = pipeline.classified().readValuesToList();

            assertThat(classified)
                    .extracting(ClassifiedPaper::getPrimaryTopic)
                    .containsExactly(before.primary(), after.primary());
            assertThat(counts.get(before.primary()).getPrimaryCount()).isZero();
            assertThat(counts.get(after.primary()).getPrimaryCount()).isEqualTo(1);
            for (String topic : PipelineDriver.TAXONOMY.topicIds()) {
                long expectedAny = after.topicIds().contains(topic) ? 1 : 0;
                TopicCount count = counts.get(topic);
                assertThat(count == null ? 0 : count.getAnyCount())
                        .as("any count of %s", topic)
                        .isEqualTo(expectedAny);
            }
        }
    }

    @Test
    void revisionThatMovesThePaperToAnotherDayMovesItsWindowCountsToo() {
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            pipeline.pipe(TestPapers.enriched("p1", original, MONDAY, List.of()));
            pipeline.pipe(TestPapers.enriched("p1", revised, MONDAY.plus(Duration.ofDays(1)), List.of()));
            // a later paper closes both days (end + 1h grace)
            pipeline.pipe(TestPapers.enriched("p2", original, MONDAY.plus(Duration.ofDays(3)), List.of()));

            Map<Instant, Map<String, Long>> primaryPerDay = new HashMap<>();
            pipeline.windowed()
                    .readValuesToList()
                    .forEach(w -> primaryPerDay
                            .computeIfAbsent(w.getWindowStart(), d -> new HashMap<>())
                            .put(w.getTopic(), w.getPrimaryCount()));

            Instant monday = Instant.parse("2026-03-16T00:00:00Z");
            Instant tuesday = Instant.parse("2026-03-17T00:00:00Z");
            assertThat(primaryPerDay.get(monday)).containsEntry(before.primary(), 0L);
            assertThat(primaryPerDay.get(tuesday)).containsEntry(after.primary(), 1L);
        }
    }

    @Test
    void countsNeverDoubleWhenTheWholeCorpusIsIngestedTwiceAndPartlyRevised() {
        List<TrendingCorpus.Paper> corpus = TestPapers.CORPUS;
        Map<String, TrendingCorpus.Paper> finalContent = new HashMap<>();
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < corpus.size(); i++) {
                    pipeline.pipe(TestPapers.enriched("p" + i, corpus.get(i), MONDAY.plusSeconds(i), List.of()));
                    finalContent.put("p" + i, corpus.get(i));
                }
            }
            // every tenth paper is revised to the text of its neighbour
            for (int i = 0; i < corpus.size(); i += 10) {
                TrendingCorpus.Paper neighbour = corpus.get((i + 1) % corpus.size());
                pipeline.pipe(TestPapers.enriched("p" + i, neighbour, MONDAY.plusSeconds(i), List.of()));
                finalContent.put("p" + i, neighbour);
            }

            Map<String, TopicCount> counts = pipeline.counts().readKeyValuesToMap();

            Map<String, long[]> expected = new HashMap<>();
            finalContent.values().forEach(paper -> {
                Classification c = classify(paper);
                for (String topic : c.topicIds()) {
                    long[] e = expected.computeIfAbsent(topic, t -> new long[2]);
                    e[0] += topic.equals(c.primary()) ? 1 : 0;
                    e[1] += 1;
                }
            });
            long primaries = 0;
            for (TopicCount count : counts.values()) {
                long[] e = expected.getOrDefault(count.getTopic(), new long[2]);
                assertThat(new long[] {count.getPrimaryCount(), count.getAnyCount()})
                        .as(count.getTopic())
                        .containsExactly(e);
                primaries += count.getPrimaryCount();
            }
            assertThat(primaries).isEqualTo(corpus.size());
            assertThat(counts.keySet()).containsAll(expected.keySet());
        }
    }

    private Classification classify(TrendingCorpus.Paper paper) {
        return classifier.classify(paper.title(), paper.abstractText());
    }

    private TrendingCorpus.Paper firstWithOtherPrimaryThan(TrendingCorpus.Paper paper) {
        String primary = classify(paper).primary();
        return TestPapers.CORPUS.stream()
                .filter(p -> !classify(p).primary().equals(primary))
                .findFirst()
                .orElseThrow();
    }
}
