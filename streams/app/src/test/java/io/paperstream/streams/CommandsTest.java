package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.app.StreamCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The stream and digest commands, as far as they run without a broker. */
class CommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void settingsHelpListsEverySetting() {
        assertThat(run(new StreamCommand(), "--settings-help")).isZero();
        assertThat(out.toString()).isEqualTo(StreamsSettings.describe());
        assertThat(run(new DigestCommand(), "--settings-help")).isZero();
    }

    @Test
    void invalidSettingIsReportedByKeyWithExitCode2() {
        assertThat(run(new StreamCommand(), "--set", "paperstream.window.size=soon"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("paperstream.window.size=soon");
        assertThat(run(new DigestCommand(), "--set", "paperstream.topic.digests="))
                .isEqualTo(2);
        assertThat(err.toString()).contains("paperstream.topic.digests");
    }

    @Test
    void unreadableTaxonomyFileIsReportedWithExitCode2() {
        assertThat(run(
                        new StreamCommand(),
                        "--set",
                        "paperstream.taxonomy.file=/nonexistent/taxonomy.json",
                        "--set",
                        "paperstream.topic.create=false"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("paperstream.taxonomy.file").contains("/nonexistent/taxonomy.json");
    }

    @Test
    void unreachableKafkaIsReportedWithExitCode3() {
        // nothing listens on port 1; the admin client gives up after 1.5 s
        assertThat(run(
                        new StreamCommand(),
                        "--set",
                        "bootstrap.servers=127.0.0.1:1",
                        "--set",
                        "default.api.timeout.ms=1500",
                        "--set",
                        "request.timeout.ms=1000"))
                .isEqualTo(3);
        assertThat(err.toString()).contains("Kafka at 127.0.0.1:1 did not answer");
        assertThat(run(new DigestCommand(), "--set", "bootstrap.servers=127.0.0.1:1", "--timeout", "1500ms"))
                .isEqualTo(3);
    }

    @Test
    void invalidTimeoutIsReportedWithExitCode2() {
        assertThat(run(new DigestCommand(), "--timeout", "a while")).isEqualTo(2);
        assertThat(err.toString()).contains("--timeout a while");
    }

    @Test
    void commandsHaveTheNamesTheLauncherUses() {
        assertThat(new CommandLine(new StreamCommand()).getCommandName()).isEqualTo("stream");
        assertThat(new CommandLine(new DigestCommand()).getCommandName()).isEqualTo("digest");
    }
}
