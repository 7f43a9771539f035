package io.paperstream.producer.replay;

import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicTrend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores the trends a detector reported on a replay against the replay's injected bursts; see
 * {@link TrendQualityTest} for the definitions.
 */
final class TrendEvaluation {

    /** One reported trend: a topic (trends.topics) or keyphrase (trends.keywords) in one window. */
    record Trend(BurstSpec.Kind kind, String key, Instant window, long count, double baseline, double score) {

        static Trend of(TopicTrend t) {
            return new Trend(
                    BurstSpec.Kind.TOPIC,
                    t.getTopic(),
                    t.getWindowStart(),
                    t.getCount(),
                    t.getBaseline(),
                    t.getScore());
        }

        static Trend of(KeywordTrend k) {
            return new Trend(
                    BurstSpec.Kind.KEYPHRASE,
                    k.getKeyphrase(),
                    k.getWindowStart(),
                    k.getCount(),
                    k.getBaseline(),
                    k.getScore());
        }

        /** What identifies the trend across runs: kind, key and window. */
        String id() {
            return kind.id() + ":" + key + "@" + window;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%s:%s @%s count %d baseline %.2f score %.2f",
                    kind.id(),
                    key,
                    window.toString().substring(0, 10),
                    count,
                    baseline,
                    score);
        }
    }

    /** What a reported trend is. */
    enum Verdict {
        /** A burst's key in one of the burst's windows. */
        HIT,
        /** Reported only because of a burst's injected papers (see {@link TrendQualityTest}). */
        CAUSED_BY_BURST,
        /** Anything else. */
        FALSE_ALARM
    }

    /** A burst and the windows in which its key was reported. */
    record BurstOutcome(InjectedBurst burst, List<Instant> reportedWindows) {

        boolean found() {
            return !reportedWindows.isEmpty();
        }
    }

    private final List<BurstOutcome> bursts = new ArrayList<>();
    private final Map<Trend, Verdict> verdicts = new LinkedHashMap<>();

    /**
     * @param replay the replay with bursts
     * @param reported the trends reported on it
     * @param control the trends reported on the same replay without its bursts
     */
    TrendEvaluation(Replay replay, List<Trend> reported, List<Trend> control) {
        ReplaySettings settings = replay.settings();
        Map<Instant, List<ReplayEvent>> injected = injectedByWindow(replay);
        Set<String> controlIds = control.stream().map(Trend::id).collect(Collectors.toSet());
        for (InjectedBurst burst : replay.groundTruth().bursts()) {
            List<Instant> windows = new ArrayList<>();
            for (Trend trend : reported) {
                if (matches(trend, burst.spec(), settings)) {
                    windows.add(trend.window());
                }
            }
            bursts.add(new BurstOutcome(burst, windows));
        }
        for (Trend trend : reported) {
            verdicts.put(trend, verdict(trend, replay, injected.getOrDefault(trend.window(), List.of()), controlIds));
        }
    }

    private static Verdict verdict(
            Trend trend, Replay replay, List<ReplayEvent> injectedInWindow, Set<String> controlIds) {
        ReplaySettings settings = replay.settings();
        for (BurstSpec burst : settings.bursts()) {
            if (matches(trend, burst, settings)) {
                return Verdict.HIT;
            }
        }
        boolean carried = injectedInWindow.stream().anyMatch(e -> carries(e.source(), trend));
        return carried && !controlIds.contains(trend.id()) ? Verdict.CAUSED_BY_BURST : Verdict.FALSE_ALARM;
    }

    /** Whether the trend is the burst's key in one of its windows. */
    private static boolean matches(Trend trend, BurstSpec burst, ReplaySettings settings) {
        if (trend.kind() != burst.kind() || !trend.key().equals(burst.key())) {
            return false;
        }
        for (int day = burst.startDay(); day < burst.endDay(); day++) {
            if (settings.dayStart(day).equals(trend.window())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a paper counts towards the trend's key: among its assigned topics, or among its keyphrases. */
    private static boolean carries(PoolPaper paper, Trend trend) {
        return trend.kind() == BurstSpec.Kind.TOPIC
                ? paper.topics().contains(trend.key())
                : paper.keyphrases().contains(trend.key());
    }

    private static Map<Instant, List<ReplayEvent>> injectedByWindow(Replay replay) {
        Map<Instant, List<ReplayEvent>> byWindow = new HashMap<>();
        for (Iterator<ReplayEvent> events = replay.events(); events.hasNext(); ) {
            ReplayEvent event = events.next();
            if (event.injected()) {
                byWindow.computeIfAbsent(replay.settings().dayStart(event.day()), w -> new ArrayList<>())
                        .add(event);
            }
        }
        return byWindow;
    }

    List<BurstOutcome> bursts() {
        return bursts;
    }

    Map<Trend, Verdict> verdicts() {
        return verdicts;
    }

    long count(Verdict verdict) {
        return verdicts.values().stream().filter(verdict::equals).count();
    }

    /** Share of the bursts whose key was reported in at least one of their windows. */
    double recall() {
        return bursts.stream().filter(BurstOutcome::found).count() / (double) bursts.size();
    }

    /** Share of the burst days on which the burst's key was reported. */
    double dayRecall() {
        long days = bursts.stream().mapToLong(b -> b.burst().spec().days()).sum();
        long reported = bursts.stream()
                .mapToLong(b -> new HashSet<>(b.reportedWindows()).size())
                .sum();
        return reported / (double) days;
    }

    /** Share of the reported trends that are false alarms. */
    double falseAlarmRate() {
        return verdicts.isEmpty() ? 0 : count(Verdict.FALSE_ALARM) / (double) verdicts.size();
    }

    /** Share of the reported trends that are not hits: the false-alarm rate if nothing counted as caused by a burst. */
    double strictFalseAlarmRate() {
        return verdicts.isEmpty() ? 0 : (verdicts.size() - count(Verdict.HIT)) / (double) verdicts.size();
    }

    /** The table printed by the test: every burst, then the counts, then every false alarm. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT, "%-44s %5s %-12s %-6s  %s%n", "burst", "base", "added", "found", "reported on days"));
        for (BurstOutcome outcome : bursts) {
            InjectedBurst burst = outcome.burst();
            String days = outcome.reportedWindows().stream()
                    .distinct()
                    .sorted()
                    .map(w -> Long.toString(burst.spec().startDay()
                            + Duration.between(burst.windowStart(), w).toDays()))
                    .collect(Collectors.joining(","));
            out.append(String.format(
                    Locale.ROOT,
                    "%-44s %5.1f %-12s %-6s  %s%n",
                    burst.spec(),
                    burst.baseRatePerDay(),
                    burst.injectedPerDay(),
                    outcome.found() ? "found" : "MISSED",
                    days));
        }
        out.append(String.format(
                Locale.ROOT,
                "recall %.2f (burst days %.2f); reported %d: %d hits, %d caused by a burst, "
                        + "%d false alarms -> false-alarm rate %.3f (counting every non-hit: %.3f)%n",
                recall(),
                dayRecall(),
                verdicts.size(),
                count(Verdict.HIT),
                count(Verdict.CAUSED_BY_BURST),
                count(Verdict.FALSE_ALARM),
                falseAlarmRate(),
                strictFalseAlarmRate()));
        verdicts.forEach((trend, verdict) -> {
            if (verdict != Verdict.HIT) {
                out.append("  ")
                        .append(verdict == Verdict.FALSE_ALARM ? "FALSE ALARM " : "caused      ")
                        .append(trend)
                        .append('\n');
            }
        });
        return out.toString();
    }
}
