package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.cli.PaperstreamCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A small run of {@code paperstream bench} against the shared stack, on the corpus: every step runs for real
 * (Kafka's ProducerPerformance and ConsumerPerformance, produce, the pass-through app, the pipeline, the latency
 * probe, the restore) and the JSON holds each figure, consistent with the others and with the topics the run
 * wrote. The figures themselves are not judged: speed belongs to the benchmark's own runs, not to a test.
 */
@RealKafkaStack
class BenchIT {

    private static final int REQUESTED_PAPERS = 3000;
    private static final int LATENCY_RATE = 200;
    private static final int LATENCY_SECONDS = 3;
    private static final int LATENCY_WARM_UP_SECONDS = 1;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final StackEndpoints stack;

    BenchIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void aSmallRunMeasuresEveryStepSideBySideAndWritesConsistentFigures() throws IOException {
        Path directory = ItDirectories.fresh("bench");
        Path json = directory.resolve("figures.json");
        StringWriter out = new StringWriter();

        bench(directory, json, out);

        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        long papers = figures.get("papers").asLong();
        assertThat(papers).as("the replay of about 3000 papers").isBetween(2_500L, 3_500L);
        assertThat(figures.at("/producerLimit/records").asLong()).isEqualTo(papers);
        assertThat(figures.at("/produce/records").asLong()).isEqualTo(papers);
        assertThat(figures.at("/consumerLimit/records").asLong()).isEqualTo(papers);
        assertThat(figures.at("/produceRatio").asDouble())
                .isCloseTo(
                        figures.at("/produce/perSecond").asDouble()
                                / figures.at("/producerLimit/perSecond").asDouble(),
                        within(1e-9));

        JsonNode streams = figures.at("/streams/0");
        assertThat(streams.at("/passThrough/records").asLong()).isEqualTo(papers);
        assertThat(streams.at("/pipeline/records").asLong()).isEqualTo(papers);
        assertThat(streams.at("/pipeline/steadyPerSecond").asDouble()).isPositive();
        assertThat(streams.at("/ratio").asDouble())
                .isCloseTo(
                        streams.at("/pipeline/steadyPerSecond").asDouble()
                                / streams.at("/passThrough/steadyPerSecond").asDouble(),
                        within(1e-9));
        // the pipeline's CPU in its steady drain, by thread
        JsonNode cpu = streams.at("/pipeline/cpu");
        assertThat(cpu.get("processCores").asDouble()).isPositive();
        assertThat(cpu.get("machineBusy").asDouble()).isPositive().isLessThanOrEqualTo(1.0);
        assertThat(cpu.get("threadCores").fieldNames())
                .toIterable()
                .containsExactly("stream threads", "search index", "Kafka clients", "JIT compiler", "GC", "other");
        assertThat(cpu.at("/threadCores/stream threads").asDouble()).isPositive();
        assertThat(streams.at("/pipelineMemory/heapAfterGcMb").asDouble()).isPositive();
        assertThat(streams.at("/pipelineMemory/rssMb").asDouble())
                .isGreaterThan(streams.at("/pipelineMemory/heapAfterGcMb").asDouble());
        assertThat(streams.at("/pipelineMemory/peakRssMb").asDouble())
                .isGreaterThanOrEqualTo(streams.at("/pipelineMemory/rssMb").asDouble());
        assertThat(streams.at("/pipelineState/stateDirectoryMb").asDouble()).isPositive();
        assertThat(streams.at("/pipelineState/changelogMb").asDouble()).isPositive();

        JsonNode latency = figures.get("latency");
        int probed = LATENCY_RATE * LATENCY_SECONDS;
        int warmUp = LATENCY_RATE * LATENCY_WARM_UP_SECONDS;
        assertThat(latency.get("warmUp").asInt()).isEqualTo(warmUp);
        assertThat(latency.get("sent").asInt()).isEqualTo(probed);
        assertThat(latency.get("classified").asInt()).isEqualTo(probed);
        assertThat(latency.get("counted").asInt()).isEqualTo(probed);
        assertThat(latency.get("classifiedP50Ms").asDouble())
                .isPositive()
                .isLessThanOrEqualTo(latency.get("classifiedP99Ms").asDouble());
        assertThat(latency.get("countedP50Ms").asDouble())
                .isLessThanOrEqualTo(latency.get("countedP99Ms").asDouble());
        assertThat(figures.get("restoreSeconds").asDouble()).isPositive();

        // the drain was real: the pipeline classified every paper of the replay and of the probe (its warm-up
        // included), once
        String run = figures.get("run").asText();
        assertThat(TestTopics.readAll(stack.bootstrapServers(), run + "-pipeline-t1.papers.classified", READ_TIMEOUT))
                .hasSize((int) papers + warmUp + probed);
        // the broker was warmed up first, by as many records as papers asked for, in committed transactions
        assertThat(TestTopics.readAll(stack.bootstrapServers(), run + ".warm-up", READ_TIMEOUT))
                .hasSize(REQUESTED_PAPERS);
        assertThat(out.toString())
                .contains("warming the broker up, not measured")
                .contains("paperstream stream, 1 thread")
                .contains("  its CPU by thread, in cores   ")
                .contains("pass-through Streams app, 1 thread")
                .contains("figures written to " + json);
    }

    /**
     * A pipeline without the HTTP API has no {@code /ready} to ask: its restore is timed until its Kafka Streams client
     * is RUNNING again, read over JMX.
     */
    @Test
    void withoutTheHttpApiTheRestoreIsTimedFromTheClientsStateOverJmx() throws IOException {
        Path directory = ItDirectories.fresh("bench-without-http");
        Path json = directory.resolve("figures.json");
        StringWriter out = new StringWriter();

        bench(directory, json, out, "--set", "paperstream.http.enabled=false");

        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        assertThat(figures.at("/streams/0/pipeline/cpu/threadCores/search index")
                        .asDouble())
                .as("no search index without the HTTP API")
                .isZero();
        assertThat(figures.get("restoreSeconds").asDouble()).isPositive();
        assertThat(out.toString())
                .contains("restore: the pipeline restarted with its state directories wiped")
                .containsPattern("restore after wiping the state +[0-9.]+ s to ready");
    }

    private void bench(Path directory, Path json, StringWriter out, String... more) {
        StringWriter err = new StringWriter();
        CommandLine cli = PaperstreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> arguments = new ArrayList<>(List.of(
                "bench",
                "--data-dir",
                directory.toString(),
                "--input",
                Corpus.path().toString(),
                "--papers",
                Integer.toString(REQUESTED_PAPERS),
                "--partitions",
                "2",
                "--threads",
                "1",
                "--latency-rate",
                Integer.toString(LATENCY_RATE),
                "--latency-seconds",
                Integer.toString(LATENCY_SECONDS),
                "--latency-warm-up-seconds",
                Integer.toString(LATENCY_WARM_UP_SECONDS),
                "--step-timeout",
                "300",
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry-url",
                stack.registryUrl(),
                "--json",
                json.toString()));
        arguments.addAll(List.of(more));

        int exitCode = cli.execute(arguments.toArray(String[]::new));

        assertThat(exitCode).as(out + "\n" + err).isZero();
    }
}
