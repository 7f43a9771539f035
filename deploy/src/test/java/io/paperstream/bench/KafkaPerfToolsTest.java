package io.paperstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ConsumerPerformance's figures are read from its log as Java 17 and Java 25 runtimes print it. */
class KafkaPerfToolsTest {

    private static final String STARTED = "---- paperstream 2026-12-07T21:39:17Z: starting kafka-consumer-perf-test: "
            + "java -cp ... org.apache.kafka.tools.ConsumerPerformance --topic bench.papers.raw\n";
    private static final String HEADER = "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, "
            + "nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec\n";
    private static final String FIGURES = "2026-12-07 21:39:17:744, 2026-12-07 21:39:18:881, 387.7519, 341.0307, "
            + "200268, 176137.2032, 294, 843, 459.9666, 237565.8363\n";
    /** What a Java 25 runtime prints on stderr when lz4-java loads its native library, amid the figures. */
    private static final String NATIVE_ACCESS_WARNING = """
            WARNING: A restricted method in java.lang.System has been called
            WARNING: java.lang.System::loadLibrary has been called by net.jpountz.util.Native in an unnamed module \
            (file:/work/main/deploy/target/lib/lz4-java-1.11.2.jar)
            WARNING: Use --enable-native-access=ALL-UNNAMED to avoid a warning for callers in this module
            WARNING: Restricted methods will be blocked in a future release unless native access is enabled

            """;

    @Test
    void theFiguresFollowTheHeader() {
        Throughput figures = KafkaPerfTools.consumerFigures(STARTED + HEADER + FIGURES);

        assertThat(figures.records()).isEqualTo(200_268);
        assertThat(figures.perSecond()).isEqualTo(237_565.8363);
    }

    @Test
    void aJvmWarningBetweenTheHeaderAndTheFiguresIsSkipped() {
        Throughput figures = KafkaPerfTools.consumerFigures(STARTED + HEADER + NATIVE_ACCESS_WARNING + FIGURES);

        assertThat(figures.records()).isEqualTo(200_268);
        assertThat(figures.perSecond()).isEqualTo(237_565.8363);
    }

    @Test
    void outputWithoutFiguresFailsWithItsTail() {
        assertThatThrownBy(() -> KafkaPerfTools.consumerFigures(STARTED + "Exception in thread main: timed out\n"))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("printed no figures")
                .hasMessageContaining("timed out");
        assertThatThrownBy(() -> KafkaPerfTools.consumerFigures(STARTED + HEADER + NATIVE_ACCESS_WARNING))
                .isInstanceOf(BenchException.class)
                .hasMessageContaining("unknown layout");
    }
}
