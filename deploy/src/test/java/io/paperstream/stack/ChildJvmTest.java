package io.paperstream.stack;

import static io.paperstream.waits.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @TempDir
    Path directory;

    /** A stand-in application: says it runs and which Avro packages it trusts, then waits to be stopped. */
    public static final class WaitingApplication {

        public static void main(String[] args) throws InterruptedException {
            System.out.println("running " + String.join(" ", args) + " trusting "
                    + System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES"));
            Thread.sleep(Duration.ofMinutes(5).toMillis());
        }
    }

    @Test
    void aMainClassOfThisClasspathRunsAsItsOwnProcessAndDiesOfSigkill() throws Exception {
        Path log = directory.resolve("app.log");
        ChildJvm app = ChildJvm.startMain(
                "waiting-app",
                WaitingApplication.class.getName(),
                List.of("--id", "7"),
                List.of("-Xmx64m"),
                directory,
                log);

        awaitLogLine(log, "running --id 7 trusting io.paperstream.avro");
        assertThat(app.pid()).isNotEqualTo(ProcessHandle.current().pid());
        app.kill();

        assertThat(app.isAlive()).isFalse();
        // 128 + 9: killed by SIGKILL, not exited
        assertThat(app.exitCode()).contains(137);
    }

    @Test
    void stopEndsItWithSigtermWithinTheGracePeriod() throws Exception {
        Path log = directory.resolve("app.log");
        ChildJvm app = ChildJvm.startMain(
                "waiting-app", WaitingApplication.class.getName(), List.of(), List.of(), directory, log);
        awaitLogLine(log, "running");

        boolean graceful = app.stop(Duration.ofSeconds(20));

        assertThat(graceful).isTrue();
        // 128 + 15: ended by SIGTERM
        assertThat(app.exitCode()).contains(143);
    }

    private static void awaitLogLine(Path log, String line) {
        await("the line '" + line + "' in " + log)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(log) && Files.readString(log).contains(line));
    }
}
