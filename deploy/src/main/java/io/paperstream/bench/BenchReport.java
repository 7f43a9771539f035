package io.paperstream.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The figures of one {@code paperstream bench} run, measured side by side on the same broker, and the ratios
 * that make them comparable across machines: produce against Kafka's ProducerPerformance, the pipeline
 * against a pass-through Kafka Streams app with the same settings.
 *
 * @param run the run's id, which prefixes its topics and applications
 * @param machine where it ran
 * @param papers the papers of the replay (the raw topic's records)
 * @param producerLimit Kafka's ProducerPerformance on the papers as JSON payloads, the producer settings of produce
 * @param consumerLimit Kafka's ConsumerPerformance reading the raw papers
 * @param produce {@code paperstream produce --generate} sending the same replay
 * @param streams the pass-through and the pipeline per stream-thread count
 * @param latency the latency probe against the pipeline of the first thread count
 * @param restoreSeconds from a start with wiped state directories to every instance ready; empty when nothing could
 *     tell: the pipeline served no HTTP ({@code paperstream.http.enabled=false}) and the bench's JVM had no attach
 *     API to read its state over JMX
 */
public record BenchReport(
        String run,
        Machine machine,
        long papers,
        Throughput producerLimit,
        Throughput consumerLimit,
        Throughput produce,
        List<StreamsResult> streams,
        LatencyProbe.Result latency,
        OptionalDouble restoreSeconds) {

    /**
     * @param cores processors the JVM sees
     * @param java the Java version
     * @param kafka the Kafka version of the clients and Streams
     * @param bootstrapServers the cluster measured
     */
    public record Machine(int cores, String java, String kafka, String bootstrapServers) {}

    /**
     * One stream-thread count.
     *
     * @param pipelineMemory the first pipeline instance's memory once drained
     * @param pipelineState the pipeline's state directories and changelogs once drained
     */
    public record StreamsResult(
            int threads,
            int instances,
            Drain passThrough,
            Drain pipeline,
            JvmMemory pipelineMemory,
            StateSize pipelineState) {

        /** The pipeline's steady drain rate against the pass-through's. */
        @JsonProperty
        public double ratio() {
            return pipeline.steadyPerSecond() / passThrough.steadyPerSecond();
        }
    }

    /** produce's rate against ProducerPerformance's. */
    @JsonProperty
    public double produceRatio() {
        return produce.perSecond() / producerLimit.perSecond();
    }

    /** The table printed at the end of a run. */
    public String table() {
        StringBuilder table = new StringBuilder();
        line(table, "what", "result", "ratio");
        line(table, "Kafka ProducerPerformance (JSON payloads)", rate(producerLimit, "records"), "limit");
        line(table, "paperstream produce --generate", rate(produce, "papers"), times(produceRatio()) + " limit");
        line(table, "Kafka ConsumerPerformance (raw papers)", rate(consumerLimit, "records"), "");
        streams.forEach(result -> streamsLines(table, result));
        line(
                table,
                format("latency send -> classified at %.0f/s", latency.rate()),
                percentiles(latency.classifiedP50Ms(), latency.classifiedP99Ms(), latency.classified()),
                "");
        line(
                table,
                format("latency send -> counted at %.0f/s", latency.rate()),
                percentiles(latency.countedP50Ms(), latency.countedP99Ms(), latency.counted()),
                "");
        line(
                table,
                "restore after wiping the state",
                restoreSeconds.isPresent()
                        ? format("%.1f s to ready", restoreSeconds.getAsDouble())
                        : "not measured: no HTTP API to ask /ready, no attach API for JMX",
                "");
        return table.toString();
    }

    private static void streamsLines(StringBuilder table, StreamsResult result) {
        String label = threadCount(result.threads())
                + (result.instances() == 1 ? "" : " x " + result.instances() + " instances");
        line(table, "pass-through Streams app, " + label, drain(result.passThrough()), "Streams limit");
        cpuLines(table, result.passThrough());
        line(table, "paperstream stream, " + label, drain(result.pipeline()), times(result.ratio()) + " limit");
        cpuLines(table, result.pipeline());
        Double heap = result.pipelineMemory().heapAfterGcMb();
        line(
                table,
                "  its heap after GC / RSS / peak RSS",
                format(
                        "%s / %.0f MB / %.0f MB",
                        heap == null ? "n/a" : format("%.0f MB", heap),
                        result.pipelineMemory().rssMb(),
                        result.pipelineMemory().peakRssMb()),
                "");
        line(
                table,
                "  its state directories / changelogs",
                format(
                        "%.0f MB / %.0f MB",
                        result.pipelineState().stateDirectoryMb(),
                        result.pipelineState().changelogMb()),
                "");
    }

    /** The first instance's CPU in the steady drain, per paper, by thread, and how busy the machine was. */
    private static void cpuLines(StringBuilder table, Drain drain) {
        CpuUse cpu = drain.cpu();
        if (cpu == null) {
            return;
        }
        line(
                table,
                "  its CPU, steady / the machine's",
                format(
                        "%.2f cores, %.0f us a paper / %.0f%% of %d busy",
                        cpu.processCores(),
                        cpu.processCores() / drain.steadyPerSecond() * 1e6,
                        100 * cpu.machineBusy(),
                        cpu.machineCores()),
                "");
        if (!cpu.threadCores().isEmpty()) {
            StringBuilder threads = new StringBuilder();
            cpu.threadCores()
                    .forEach((group, cores) ->
                            threads.append(threads.isEmpty() ? "" : ", ").append(format("%s %.2f", group, cores)));
            line(table, "  its CPU by thread, in cores", threads.toString(), "");
        }
    }

    private String percentiles(double p50, double p99, int arrived) {
        return format("p50 %.0f ms, p99 %.0f ms (%d of %d)", p50, p99, arrived, latency.sent());
    }

    /** Writes the figures as JSON, ratios included. */
    public void writeJson(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            new ObjectMapper()
                    .registerModule(new Jdk8Module())
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** "1 thread", "2 threads". */
    static String threadCount(int threads) {
        return threads + (threads == 1 ? " thread" : " threads");
    }

    private static String format(String format, Object... arguments) {
        return String.format(Locale.ROOT, format, arguments);
    }

    private static void line(StringBuilder table, String what, String result, String ratio) {
        table.append(String.format(Locale.ROOT, "%-44s %-44s %s", what, result, ratio)
                        .stripTrailing())
                .append(System.lineSeparator());
    }

    private static String rate(Throughput throughput, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s/s", throughput.perSecond(), unit);
    }

    private static String drain(Drain drain) {
        return String.format(
                Locale.ROOT, "drained in %.1f s, %,.0f papers/s steady", drain.seconds(), drain.steadyPerSecond());
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
