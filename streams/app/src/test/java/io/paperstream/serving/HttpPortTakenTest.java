package io.paperstream.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.app.StreamCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code paperstream stream} on a port something else listens on says so in one sentence, with exit code 1. */
class HttpPortTakenTest {

    @Test
    void aTakenPortIsReportedWithExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            StringWriter err = new StringWriter();
            CommandLine command = new CommandLine(new StreamCommand());
            command.setErr(new PrintWriter(err, true));
            command.setOut(new PrintWriter(new StringWriter(), true));

            int exitCode = command.execute(
                    "--set",
                    "paperstream.topic.create=false",
                    "--set",
                    "paperstream.http.port=" + taken.getLocalPort());

            assertThat(exitCode).isEqualTo(1);
            assertThat(err.toString())
                    .startsWith("cannot serve HTTP on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .contains("paperstream.http.port")
                    .doesNotContain("Exception");
        }
    }
}
