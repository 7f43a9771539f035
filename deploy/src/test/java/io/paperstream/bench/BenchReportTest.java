package io.paperstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restore not measured (no HTTP API, no attach API): the table says so and the JSON holds null. */
class BenchReportTest {

    @TempDir
    Path directory;

    @Test
    void aRestoreNotMeasuredIsSaidInTheTableAndNullInTheJson() throws IOException {
        BenchReport notMeasured = report(OptionalDouble.empty());
        BenchReport measured = report(OptionalDouble.of(24.5));

        assertThat(notMeasured.table())
                .containsPattern(
                        "restore after wiping the state +not measured: no HTTP API to ask /ready, no attach API for JMX");
        assertThat(measured.table()).containsPattern("restore after wiping the state +24\\.5 s to ready");
        assertThat(json(notMeasured).get("restoreSeconds").isNull()).isTrue();
        assertThat(json(measured).get("restoreSeconds").asDouble()).isEqualTo(24.5);
        assertThat(json(measured).get("streams").get(0).get("ratio").asDouble()).isEqualTo(0.1);
    }

    private JsonNode json(BenchReport report) throws IOException {
        Path file = directory.resolve(report.hashCode() + ".json");
        report.writeJson(file);
        return new ObjectMapper().readTree(file.toFile());
    }

    private static BenchReport report(OptionalDouble restoreSeconds) {
        Drain passThrough = new Drain(200_000, 6.0, 40_000, null);
        Drain pipeline = new Drain(200_000, 55.0, 4_000, null);
        return new BenchReport(
                "paperstream-bench-test",
                new BenchReport.Machine(2, "17", "4.4.0", "127.0.0.1:9092"),
                200_000,
                new Throughput(200_000, 60_000),
                new Throughput(200_000, 90_000),
                new Throughput(200_000, 55_000),
                List.of(new BenchReport.StreamsResult(
                        1, 1, passThrough, pipeline, new JvmMemory(31.0, 432, 809), new StateSize(446, 239))),
                new LatencyProbe.Result(1000, 5000, 3000, 3000, 3000, 105, 189, 275, 426),
                restoreSeconds);
    }
}
