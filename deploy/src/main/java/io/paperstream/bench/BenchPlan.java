package io.paperstream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one {@code paperstream bench} run measures and how.
 *
 * @param input the papers the replay is generated from (trending-page text, arXiv JSON Lines, ...)
 * @param papers about how many papers the replay has (it draws a Poisson number per topic and day)
 * @param partitions partitions of the raw papers topic and of every topic of the run
 * @param threads the stream thread counts to run the pass-through and the pipeline with, one after the other
 * @param instances instances of each Streams application
 * @param latencyRate papers per second of the latency probe
 * @param latencyWarmUp how long the latency probe sends at its rate before it measures
 * @param latency how long the latency probe sends and measures
 * @param stepTimeout the longest any one step may take
 * @param streamsJvmOptions JVM options of the Streams applications' processes (the same for both)
 * @param settings more settings of both Streams applications ({@code --set})
 */
public record BenchPlan(
        Path input,
        long papers,
        int partitions,
        List<Integer> threads,
        int instances,
        double latencyRate,
        Duration latencyWarmUp,
        Duration latency,
        Duration stepTimeout,
        List<String> streamsJvmOptions,
        Map<String, String> settings) {

    /** The most days a replay spans: enough history for trend baselines, few enough to keep windows busy. */
    private static final long MAX_DAYS = 100;

    private static final long PAPERS_PER_DAY_AT_LEAST = 20;

    public BenchPlan {
        threads = List.copyOf(threads);
        streamsJvmOptions = List.copyOf(streamsJvmOptions);
        settings = Map.copyOf(settings);
    }

    /** Simulated days of the replay. */
    long days() {
        return Math.max(1, Math.min(MAX_DAYS, papers / PAPERS_PER_DAY_AT_LEAST));
    }

    /** Papers per simulated day of the replay. */
    double papersPerDay() {
        return (double) papers / days();
    }
}
