package io.paperstream.producer;

import io.paperstream.producer.replay.BurstSpec;
import io.paperstream.producer.replay.EngagementSettings;
import io.paperstream.producer.replay.ReplaySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code produce --generate}: a replay of the input papers over simulated days with injected bursts. */
final class ReplayOptions {

    @Option(
            names = "--generate",
            description =
                    "Replay the input papers over simulated days with injected bursts instead of sending them as read.")
    boolean generate;

    @Option(
            names = "--days",
            paramLabel = "N",
            description = "Simulated days (default: " + ReplaySettings.DEFAULT_DAYS + ").")
    int days = ReplaySettings.DEFAULT_DAYS;

    @Option(
            names = "--papers-per-day",
            paramLabel = "N",
            description = "Expected papers per day without bursts, all topics together; each topic gets its share "
                    + "of the input's primary topics (default: " + (int) ReplaySettings.DEFAULT_PAPERS_PER_DAY + ").")
    double papersPerDay = ReplaySettings.DEFAULT_PAPERS_PER_DAY;

    @Option(
            names = "--burst",
            paramLabel = "SPEC",
            converter = BurstSpecConverter.class,
            description = "Inject a burst (repeatable): topic:<id>@<day>+<days>x<multiplier> or "
                    + "keyphrase:<phrase>@<day>+<days>x<multiplier>; see below.")
    List<BurstSpec> bursts = new ArrayList<>();

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of every random choice: the same options and input give the same events " + "(default: "
                    + ReplaySettings.DEFAULT_SEED + ").")
    long seed = ReplaySettings.DEFAULT_SEED;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            converter = InstantConverter.class,
            description = "When day 0 begins (default: " + ReplaySettings.DEFAULT_START_TEXT + ").")
    Instant start = ReplaySettings.DEFAULT_START;

    @Option(
            names = "--window-grace",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "The streams application's paperstream.window.grace: the closing event is published this "
                    + "long after the last day (default: " + ReplaySettings.DEFAULT_WINDOW_GRACE_TEXT + ").")
    Duration windowGrace = ReplaySettings.DEFAULT_WINDOW_GRACE;

    @Option(
            names = "--taxonomy",
            paramLabel = "FILE",
            description = "Taxonomy the streams application classifies with (default: the built-in one).")
    Path taxonomy;

    @Option(
            names = "--ground-truth",
            paramLabel = "FILE",
            description = "Write the replay's ground truth here as JSON: topic rates, and every burst with its "
                    + "windows and the papers it added.")
    Path groundTruth;

    @Option(
            names = "--engagement",
            description = "Also send engagement time series of the replayed papers to the engagement topic: each "
                    + "paper observed every 6 hours for 3 days, some rising fast, most slowly; see below.")
    boolean engagement;

    @Option(
            names = "--rising-share",
            paramLabel = "SHARE",
            description = "With --engagement, the share of papers that rise fast, 0 to 1 (default: "
                    + EngagementSettings.DEFAULT_RISING_SHARE + ").")
    double risingShare = EngagementSettings.DEFAULT_RISING_SHARE;

    @Option(
            names = "--engagement-truth",
            paramLabel = "FILE",
            description = "With --engagement, write the papers that rise fast (the ground truth of trending papers) "
                    + "here as JSON.")
    Path engagementTruth;

    /** The engagement series these options describe. */
    EngagementSettings engagementSettings() {
        return new EngagementSettings(risingShare, EngagementSettings.DEFAULT_EVERY, EngagementSettings.DEFAULT_SPAN);
    }

    /** The replay these options describe. */
    ReplaySettings settings() {
        return new ReplaySettings(days, papersPerDay, bursts, seed, start, windowGrace);
    }
}
