package io.paperstream.cli;

import static io.paperstream.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.stack.LocalStack;
import io.paperstream.stack.LocalStackConfig;
import io.paperstream.stack.StackState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

class PaperstreamCliTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void helpListsTheCommandsAndExitsZero() {
        CliRun result = run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("Usage: paperstream")
                .containsPattern("(?m)^  stack ")
                .containsPattern("(?m)^  produce ")
                .containsPattern("(?m)^  stream ")
                .containsPattern("(?m)^  classify ")
                .containsPattern("(?m)^  digest ")
                .containsPattern("(?m)^  notify ")
                .containsPattern("(?m)^  demo ")
                .contains("Exit codes: 0 success, 1 failure (or records skipped), 2 usage error, 3 broker");
        assertThat(run("demo", "--help").out())
                .contains("--kafka-port")
                .contains("--data-dir")
                .contains("--wait");
        assertThat(run("stack", "start", "--help").out())
                .contains("--kafka-port")
                .contains("--data-dir");
        assertThat(run("stack", "stop", "--help").exitCode()).isZero();
        assertThat(run("stack", "status", "--help").exitCode()).isZero();
    }

    @Test
    void versionNamesThisBuildAndWhatItRuns() {
        CliRun result = run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("paperstream 0.1.0-SNAPSHOT")
                .contains("Kafka 4.4.0")
                .contains("Apicurio Registry 2.6.13.Final");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("stack").exitCode()).isEqualTo(2);
        assertThat(run("stack", "start", "--kafka-port", "not-a-port").exitCode())
                .isEqualTo(2);
        CliRun unknown = run("stack", "launch");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("launch");
    }

    @Test
    void theStreamsCommandsKeepTheExitCodesAndSayWhatIsWrongInOneSentence() {
        int closedPort = LocalStackConfig.onFreePorts(directory).kafkaPort();

        CliRun badSetting = run("stream", "--set", "paperstream.window.size=soon");
        CliRun missingConfig = run(
                "digest", "--config", directory.resolve("missing.properties").toString());
        CliRun unreachable = run("digest", "--set", "bootstrap.servers=127.0.0.1:" + closedPort, "--timeout", "2s");

        assertThat(badSetting.exitCode()).isEqualTo(2);
        assertThat(badSetting.err())
                .startsWith("invalid settings: paperstream.window.size=soon")
                .hasLineCount(1);
        assertThat(missingConfig.exitCode()).isEqualTo(1);
        assertThat(missingConfig.err())
                .startsWith("paperstream: cannot read settings file ")
                .contains("missing.properties")
                .hasLineCount(1);
        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.err()).contains("127.0.0.1:" + closedPort).hasLineCount(1);
    }

    @Test
    void notifyListsItsSettingsAndNamesTheFileAndLineOfABadSubscription() throws IOException {
        Path subscriptions =
                Files.writeString(directory.resolve("subscribers.txt"), "ada@example.org\nada at example\n");
        int closedPort = LocalStackConfig.onFreePorts(directory).kafkaPort();

        CliRun help = run("notify", "--help");
        CliRun settingsHelp = run("notify", "--settings-help");
        CliRun none = run("notify");
        CliRun bad = run("notify", "--subscriptions", subscriptions.toString());
        Files.writeString(subscriptions, "ada@example.org\n");
        CliRun unreachable = run(
                "notify",
                "--subscriptions",
                subscriptions.toString(),
                "--set",
                "bootstrap.servers=127.0.0.1:" + closedPort,
                "--set",
                "max.block.ms=2000");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains("--subscriptions=FILE", "--settings-help")
                .contains("  paperstream.notify.smtp.host = 127.0.0.1", "  paperstream.notify.smtp.port = 25")
                .contains("  paperstream.notify.smtp.starttls = false", "  paperstream.notify.smtp.from = paperstream")
                .contains("  paperstream.notify.smtp.username = (unset: no authentication)")
                .contains("  paperstream.notify.deliveries-topic = notify.deliveries");
        assertThat(settingsHelp.exitCode()).isZero();
        assertThat(settingsHelp.out())
                .contains(
                        "paperstream.notify.smtp.host",
                        "paperstream.notify.smtp.port",
                        "paperstream.notify.smtp.starttls",
                        "paperstream.notify.smtp.username",
                        "paperstream.notify.smtp.password",
                        "paperstream.notify.smtp.from",
                        "PAPERSTREAM_NOTIFY_SMTP_PASSWORD",
                        "paperstream.notify.deliveries-topic",
                        "notify.deliveries",
                        "paperstream.topic.digests");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("no subscriptions: name the file with --subscriptions FILE");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err())
                .startsWith("invalid subscriptions: " + subscriptions + ":2: expected 'address")
                .hasLineCount(1);
        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.err()).contains("127.0.0.1:" + closedPort).hasLineCount(1);
    }

    @Test
    void statusAndStopOfAStackThatNeverRanSayItPlainly() {
        String dataDirectory = directory.resolve("never-started").toString();

        CliRun status = run("stack", "status", "--data-dir", dataDirectory);
        CliRun stop = run("stack", "stop", "--data-dir", dataDirectory);

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).startsWith("not running");
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).startsWith("no local stack runs from");
    }

    @Test
    void aTakenPortFailsWithOneSentenceAndNoStackTrace() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun result = run(
                    "stack",
                    "start",
                    "--data-dir",
                    directory.resolve("taken").toString(),
                    "--kafka-port",
                    Integer.toString(taken.getLocalPort()));

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err().strip())
                    .isEqualTo("paperstream: port " + taken.getLocalPort()
                            + " on 127.0.0.1 is already in use; stop what uses it or pass --kafka-port");
        }
    }

    @Test
    void startStatusStopRoundTripThroughTheStateFile() {
        LocalStackConfig ports = LocalStackConfig.onFreePorts(directory.resolve("round-trip"));
        String dataDirectory = ports.dataDirectory().toString();
        try {
            CliRun start = run(CliRun.withStack(List.of("stack", "start"), ports, "--partitions", "2"));
            CliRun status = run("stack", "status", "--data-dir", dataDirectory);
            StackState state = StackState.read(ports.dataDirectory()).orElseThrow();
            CliRun stop = run("stack", "stop", "--data-dir", dataDirectory);
            CliRun statusAfterStop = run("stack", "status", "--data-dir", dataDirectory);

            assertThat(start.exitCode()).as(start.err()).isZero();
            assertThat(start.out())
                    .contains("127.0.0.1:" + ports.kafkaPort())
                    .contains("http://127.0.0.1:" + ports.registryPort() + "/apis/ccompat/v7");
            assertThat(status.exitCode()).isZero();
            assertThat(status.out())
                    .contains("pid " + state.kafkaPid() + "  running, answers")
                    .contains("pid " + state.registryPid() + "  running, answers");
            assertThat(stop.exitCode()).isZero();
            assertThat(stop.out())
                    .contains("stopped schema registry (pid " + state.registryPid() + ")")
                    .contains("stopped Kafka broker (pid " + state.kafkaPid() + ")");
            assertThat(ProcessHandle.of(state.kafkaPid())).isEmpty();
            assertThat(ProcessHandle.of(state.registryPid())).isEmpty();
            assertThat(statusAfterStop.exitCode()).isEqualTo(1);
        } finally {
            // the CLI leaves the processes running on purpose: never leak them from a failed assertion
            LocalStack.stopRunning(ports.dataDirectory(), Duration.ofSeconds(10));
        }
    }
}
