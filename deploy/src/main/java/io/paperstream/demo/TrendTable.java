package io.paperstream.demo;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicTrend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The demo's plain-text tables: per closed window (a simulated day) its strongest rising topics and keyphrases
 * with count, baseline, score and rank; and the all-time count of each topic.
 */
public final class TrendTable {

    private final Function<String, String> topicName;
    private final int perKind;
    private final int minBaselineWindows;

    /**
     * @param topicName the human-readable name of a topic id
     * @param perKind how many rising topics and how many rising keyphrases to show per window
     * @param minBaselineWindows the application's {@code paperstream.trends.min-baseline-windows}: the first
     *     windows only build baselines, and the table says so
     */
    public TrendTable(Function<String, String> topicName, int perKind, int minBaselineWindows) {
        this.topicName = topicName;
        this.perKind = perKind;
        this.minBaselineWindows = minBaselineWindows;
    }

    /** Per window, oldest first: its risers, or a line saying nothing rose. */
    public String risers(TrendResults results) {
        List<Row> rows = new ArrayList<>();
        int windows = 0;
        for (DailyDigest digest : results.digests().values()) {
            rows.addAll(rowsOf(results, digest, windows < minBaselineWindows));
            windows++;
        }
        int nameWidth = Math.max(
                "topic or keyphrase".length(),
                rows.stream().mapToInt(row -> row.name().length()).max().orElse(0));
        String format = "%-10s  %6s  %-9s  %4s  %-" + nameWidth + "s  %5s  %8s  %6s%n";
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT,
                format,
                "day",
                "papers",
                "kind",
                "rank",
                "topic or keyphrase",
                "count",
                "baseline",
                "score"));
        for (Row row : rows) {
            table.append(String.format(
                                    Locale.ROOT,
                                    format,
                                    row.day(),
                                    row.papers(),
                                    row.kind(),
                                    row.rank(),
                                    row.name(),
                                    row.count(),
                                    row.baseline(),
                                    row.score())
                            .stripTrailing())
                    .append('\n');
        }
        return table.toString();
    }

    /** The rows of one window: its rising topics, then keyphrases; the day and paper count on the first row only. */
    private List<Row> rowsOf(TrendResults results, DailyDigest digest, boolean buildingBaselines) {
        Instant window = digest.getWindowStart();
        List<TopicTrend> topics = results.topicTrends().getOrDefault(window, List.of());
        List<KeywordTrend> keyphrases = results.keywordTrends().getOrDefault(window, List.of());
        String papers = Long.toString(digest.getPapersInWindow());
        List<Row> rows = new ArrayList<>();
        if (topics.isEmpty() && keyphrases.isEmpty()) {
            String nothing = buildingBaselines ? "(building baselines)" : "(nothing rose)";
            rows.add(new Row(digest.getDay(), papers, "", "", nothing, "", "", ""));
            return rows;
        }
        for (TopicTrend trend : topics.subList(0, Math.min(perKind, topics.size()))) {
            rows.add(new Row(
                    "",
                    "",
                    "topic",
                    Integer.toString(trend.getRank()),
                    trend.getTopic() + " (" + topicName.apply(trend.getTopic()) + ")",
                    Long.toString(trend.getCount()),
                    number(trend.getBaseline()),
                    number(trend.getScore())));
        }
        for (KeywordTrend trend : keyphrases.subList(0, Math.min(perKind, keyphrases.size()))) {
            rows.add(new Row(
                    "",
                    "",
                    "keyphrase",
                    Integer.toString(trend.getRank()),
                    trend.getKeyphrase(),
                    Long.toString(trend.getCount()),
                    number(trend.getBaseline()),
                    number(trend.getScore())));
        }
        rows.set(0, rows.get(0).withDay(digest.getDay(), papers));
        return rows;
    }

    /** Every topic counted, most papers first: papers with it as primary topic, and with it at all. */
    public String counts(TrendResults results) {
        List<TopicCount> counts = results.countsByPapers();
        int idWidth = Math.max(
                "topic".length(),
                counts.stream().mapToInt(c -> c.getTopic().length()).max().orElse(0));
        int nameWidth = Math.max(
                "name".length(),
                counts.stream()
                        .mapToInt(c -> topicName.apply(c.getTopic()).length())
                        .max()
                        .orElse(0));
        String format = "%-" + idWidth + "s  %-" + nameWidth + "s  %7s  %5s%n";
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, format, "topic", "name", "primary", "any"));
        for (TopicCount count : counts) {
            table.append(String.format(
                    Locale.ROOT,
                    format,
                    count.getTopic(),
                    topicName.apply(count.getTopic()),
                    count.getPrimaryCount(),
                    count.getAnyCount()));
        }
        return table.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private record Row(
            String day,
            String papers,
            String kind,
            String rank,
            String name,
            String count,
            String baseline,
            String score) {

        Row withDay(String newDay, String newPapers) {
            return new Row(newDay, newPapers, kind, rank, name, count, baseline, score);
        }
    }
}
