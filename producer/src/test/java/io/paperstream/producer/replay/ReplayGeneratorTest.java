package io.paperstream.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The replay generator on the shared corpus. */
class ReplayGeneratorTest {

    private static final ReplayGenerator GENERATOR = CorpusReplays.GENERATOR;
    private static final List<BurstSpec> BURSTS =
            List.of(BurstSpec.parse("topic:multimodal@3+2x4"), BurstSpec.parse("keyphrase:large language model@6+1x5"));
    private static final ReplaySettings SETTINGS =
            new ReplaySettings(10, 40, BURSTS, 7, Instant.parse("2026-02-01T00:00:00Z"), Duration.ofMinutes(30));

    @Test
    void theSameSettingsGiveTheSameEventsAndAnotherSeedOthers() {
        List<String> first = describe(GENERATOR.generate(SETTINGS));
        List<String> again = describe(GENERATOR.generate(SETTINGS));
        List<String> reread = describe(GENERATOR.generate(SETTINGS));
        ReplaySettings otherSeed = new ReplaySettings(10, 40, BURSTS, 8, SETTINGS.start(), SETTINGS.windowGrace());

        assertThat(again).isEqualTo(first);
        assertThat(reread).isEqualTo(first);
        assertThat(describe(GENERATOR.generate(otherSeed))).isNotEqualTo(first);
    }

    @Test
    void eventsAscendInTimeWithinTheirDaysUnderIdsOfTheirOwnAndTheClosingEventComesLast() {
        Replay replay = GENERATOR.generate(SETTINGS);
        List<ReplayEvent> events = events(replay);

        assertThat(events).hasSize((int) replay.groundTruth().totalEvents());
        for (int n = 0; n < events.size(); n++) {
            assertThat(events.get(n).paper().id()).isEqualTo("g:7:" + n);
        }
        for (int n = 1; n < events.size(); n++) {
            assertThat(events.get(n).publishedAt()).isAfter(events.get(n - 1).publishedAt());
        }
        List<ReplayEvent> days = events.subList(0, events.size() - 1);
        assertThat(days).allSatisfy(e -> {
            assertThat(e.closing()).isFalse();
            assertThat(e.publishedAt())
                    .isBetween(
                            SETTINGS.dayStart(e.day()),
                            SETTINGS.dayStart(e.day() + 1).minusMillis(1));
        });
        ReplayEvent closing = events.get(events.size() - 1);
        assertThat(closing.closing()).isTrue();
        assertThat(closing.injected()).isFalse();
        assertThat(closing.publishedAt()).isEqualTo(Instant.parse("2026-02-11T00:30:00Z"));
        assertThat(closing.paper().id()).isEqualTo(replay.groundTruth().closingEventId());
    }

    @Test
    void eventsCopyThePoolPapersTextAndMetadata() {
        for (Iterator<ReplayEvent> events = GENERATOR.generate(SETTINGS).events(); events.hasNext(); ) {
            ReplayEvent event = events.next();
            assertThat(event.paper().title()).isEqualTo(event.source().record().title());
            assertThat(event.paper().abstractText())
                    .isEqualTo(event.source().record().abstractText());
            assertThat(event.paper().location())
                    .isEqualTo(event.source().record().location());
            assertThat(event.paper().sourceTime()).isEqualTo(event.publishedAt());
        }
    }

    @Test
    void baseTrafficHasTheTopicRatesOfThePool() {
        ReplaySettings longReplay = new ReplaySettings(200, 40, List.of(), 3, SETTINGS.start(), SETTINGS.windowGrace());
        Replay replay = GENERATOR.generate(longReplay);
        Map<String, Long> perTopic = events(replay).stream()
                .filter(e -> !e.closing())
                .collect(Collectors.groupingBy(e -> e.source().primary(), TreeMap::new, Collectors.counting()));
        Map<String, Double> rates = GENERATOR.topicRates(40);

        assertThat(rates.values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(40, within(1e-9));
        assertThat(replay.groundTruth().topicRates()).isEqualTo(rates);
        assertThat(perTopic.keySet()).isEqualTo(rates.keySet());
        rates.forEach((topic, rate) -> {
            double expected = rate * 200;
            // Poisson: the standard deviation of a count is the square root of its mean
            assertThat((double) perTopic.get(topic)).as(topic).isCloseTo(expected, within(5 * Math.sqrt(expected)));
        });
        assertThat(replay.groundTruth().injectedEvents()).isZero();
    }

    @Test
    void aDayRepeatsAPaperOnlyWhenItNeedsMorePapersOfItsTopicThanThePoolHas() {
        ReplaySettings busy = new ReplaySettings(20, 150, List.of(), 5, SETTINGS.start(), SETTINGS.windowGrace());
        Map<String, Long> poolPerTopic =
                GENERATOR.pool().stream().collect(Collectors.groupingBy(PoolPaper::primary, Collectors.counting()));
        Map<Integer, List<ReplayEvent>> byDay = events(GENERATOR.generate(busy)).stream()
                .filter(e -> !e.closing())
                .collect(Collectors.groupingBy(ReplayEvent::day));
        int repeatedDays = 0;
        for (List<ReplayEvent> day : byDay.values()) {
            Map<String, Long> papersOfTopic =
                    day.stream().collect(Collectors.groupingBy(e -> e.source().primary(), Collectors.counting()));
            Map<Integer, Long> copies =
                    day.stream().collect(Collectors.groupingBy(e -> e.source().index(), Collectors.counting()));
            for (Map.Entry<Integer, Long> paper : copies.entrySet()) {
                String topic = GENERATOR.pool().get(paper.getKey()).primary();
                long rounds = (papersOfTopic.get(topic) + poolPerTopic.get(topic) - 1) / poolPerTopic.get(topic);
                assertThat(paper.getValue())
                        .as("copies of pool paper %d (%s)", paper.getKey(), topic)
                        .isLessThanOrEqualTo(rounds);
                repeatedDays += paper.getValue() > 1 ? 1 : 0;
            }
        }
        assertThat(repeatedDays)
                .as("at 150 papers a day the small topics must repeat")
                .isPositive();
    }

    @Test
    void aTopicBurstAddsPapersOfThatTopicOnItsDaysOnly() {
        Replay replay = GENERATOR.generate(SETTINGS);
        InjectedBurst truth = replay.groundTruth().bursts().get(0);
        List<ReplayEvent> injected = events(replay).stream()
                .filter(e -> BURSTS.get(0).equals(e.injectedBy()))
                .toList();

        assertThat(injected).isNotEmpty().allSatisfy(e -> {
            assertThat(e.source().primary()).isEqualTo("multimodal");
            assertThat(e.day()).isBetween(3, 4);
        });
        assertThat(injected.stream().filter(e -> e.day() == 3).count())
                .isEqualTo(truth.injectedPerDay().get(0).longValue());
        assertThat(injected.stream().filter(e -> e.day() == 4).count())
                .isEqualTo(truth.injectedPerDay().get(1).longValue());
        long multimodalPapers = GENERATOR.pool().stream()
                .filter(p -> p.primary().equals("multimodal"))
                .count();
        assertThat(truth.poolPapers()).isEqualTo(multimodalPapers);
        assertThat(truth.baseRatePerDay())
                .isCloseTo(40.0 * multimodalPapers / GENERATOR.pool().size(), within(1e-9));
        assertThat(truth.injectedRatePerDay()).isCloseTo(3 * truth.baseRatePerDay(), within(1e-9));
        assertThat(truth.windowStart()).isEqualTo(Instant.parse("2026-02-04T00:00:00Z"));
        assertThat(truth.windowEnd()).isEqualTo(Instant.parse("2026-02-06T00:00:00Z"));
    }

    @Test
    void aKeyphraseBurstAddsPapersHavingThatKeyphraseInTurnsThoseUsedLeastThatDayFirst() {
        Replay replay = GENERATOR.generate(SETTINGS);
        InjectedBurst truth = replay.groundTruth().bursts().get(1);
        List<ReplayEvent> day6 =
                events(replay).stream().filter(e -> e.day() == 6).toList();
        List<ReplayEvent> injected = day6.stream().filter(ReplayEvent::injected).toList();
        List<Integer> carriers = GENERATOR.pool().stream()
                .filter(p -> p.keyphrases().contains("large language model"))
                .map(PoolPaper::index)
                .toList();
        Map<Integer, Long> added =
                injected.stream().collect(Collectors.groupingBy(e -> e.source().index(), Collectors.counting()));
        Map<Integer, Long> base = day6.stream()
                .filter(e -> !e.injected())
                .collect(Collectors.groupingBy(e -> e.source().index(), Collectors.counting()));

        assertThat(injected)
                .hasSize(truth.injectedPerDay().get(0))
                .allSatisfy(e -> assertThat(e.source().keyphrases()).contains("large language model"));
        assertThat(truth.poolPapers()).isEqualTo(carriers.size());
        // in turns: every paper having the keyphrase is added floor(n / N) or ceil(n / N) times
        long rounds = injected.size() / carriers.size();
        for (int paper : carriers) {
            assertThat(added.getOrDefault(paper, 0L))
                    .as("copies of pool paper %d", paper)
                    .isBetween(rounds, rounds + 1);
        }
        // the last, partial turn takes the papers the base traffic used least that day
        long maxBaseOfFullTurn = carriers.stream()
                .filter(p -> added.getOrDefault(p, 0L) > rounds)
                .mapToLong(p -> base.getOrDefault(p, 0L))
                .max()
                .orElse(0);
        long minBaseOfOthers = carriers.stream()
                .filter(p -> added.getOrDefault(p, 0L) == rounds)
                .mapToLong(p -> base.getOrDefault(p, 0L))
                .min()
                .orElse(Long.MAX_VALUE);
        assertThat(maxBaseOfFullTurn).isLessThanOrEqualTo(minBaseOfOthers);
    }

    @Test
    void withoutItsBurstsAReplayHasExactlyTheSameBasePapersOnEveryDay() {
        Map<Integer, List<Integer>> withBursts = basePapersByDay(GENERATOR.generate(SETTINGS));
        Map<Integer, List<Integer>> without = basePapersByDay(GENERATOR.generate(SETTINGS.withoutBursts()));

        assertThat(without).isEqualTo(withBursts);
    }

    @Test
    void aBurstKeyNoPoolPaperCarriesIsRefusedNamingTheKeysThereAre() {
        ReplaySettings unknownTopic = SETTINGS.withBursts(List.of(BurstSpec.parse("topic:astrology@1+1x3")));
        ReplaySettings unknownKeyphrase = SETTINGS.withBursts(List.of(BurstSpec.parse("keyphrase:tea leaves@1+1x3")));

        assertThatThrownBy(() -> GENERATOR.generate(unknownTopic))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "burst topic:astrology@1+1x3: no paper of the pool has the primary topic 'astrology'")
                .hasMessageContaining("'multimodal' (");
        assertThatThrownBy(() -> GENERATOR.generate(unknownKeyphrase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no paper of the pool has the keyphrase 'tea leaves'")
                .hasMessageContaining("'large language model' (");
    }

    @Test
    void settingsRefuseBurstsOutsideTheReplayAndTwoBurstsOfOneKeyOnOneDay() {
        assertThatThrownBy(() -> SETTINGS.withBursts(List.of(BurstSpec.parse("topic:vision@9+2x3"))))
                .hasMessageContaining("ends after the last day (day 9)");
        assertThatThrownBy(() -> SETTINGS.withBursts(
                        List.of(BurstSpec.parse("topic:vision@2+3x3"), BurstSpec.parse("topic:vision@4+1x5"))))
                .hasMessageContaining("share a day");
        assertThat(SETTINGS.withBursts(List.of(
                                BurstSpec.parse("topic:vision@2+3x3"),
                                BurstSpec.parse("topic:nlp@4+1x5"),
                                BurstSpec.parse("topic:vision@5+1x3")))
                        .bursts())
                .hasSize(3);
    }

    @Test
    void theGroundTruthJsonHasEveryBurstWithItsWindowsAndPapers() throws IOException {
        Replay replay = GENERATOR.generate(SETTINGS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        replay.groundTruth().writeJson(out);
        JsonNode json = new ObjectMapper().readTree(out.toByteArray());

        assertThat(json.get("seed").asLong()).isEqualTo(7);
        assertThat(json.get("days").asInt()).isEqualTo(10);
        assertThat(json.get("events").get("total").asLong())
                .isEqualTo(events(replay).size());
        assertThat(json.get("closingEvent").get("publishedAt").asText()).isEqualTo("2026-02-11T00:30:00Z");
        assertThat(json.get("topicRates").get("multimodal").asDouble()).isPositive();
        JsonNode burst = json.get("bursts").get(0);
        assertThat(burst.get("spec").asText()).isEqualTo("topic:multimodal@3+2x4");
        assertThat(burst.get("windowStart").asText()).isEqualTo("2026-02-04T00:00:00Z");
        assertThat(burst.get("windowEnd").asText()).isEqualTo("2026-02-06T00:00:00Z");
        assertThat(burst.get("perDay")).hasSize(2);
        assertThat(burst.get("perDay").get(1).get("windowStart").asText()).isEqualTo("2026-02-05T00:00:00Z");
        assertThat(burst.get("injected").asLong())
                .isEqualTo(replay.groundTruth().bursts().get(0).injected());
        assertThat(json.get("bursts").get(1).get("key").asText()).isEqualTo("large language model");
    }

    private static List<ReplayEvent> events(Replay replay) {
        List<ReplayEvent> events = new ArrayList<>();
        replay.events().forEachRemaining(events::add);
        return events;
    }

    private static List<String> describe(Replay replay) {
        return events(replay).stream()
                .map(e -> e.paper().id() + " " + e.publishedAt() + " "
                        + e.source().index() + " " + e.injectedBy())
                .toList();
    }

    /** Per day, the pool papers of its base traffic, sorted. */
    private static Map<Integer, List<Integer>> basePapersByDay(Replay replay) {
        Map<Integer, List<Integer>> byDay = new HashMap<>();
        for (ReplayEvent event : events(replay)) {
            if (!event.injected() && !event.closing()) {
                byDay.computeIfAbsent(event.day(), d -> new ArrayList<>())
                        .add(event.source().index());
            }
        }
        byDay.values().forEach(papers -> papers.sort(null));
        return byDay;
    }
}
