package io.paperstream.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One execution of {@code classify}: its exit code, its standard output as bytes, and its standard error. */
public record ClassifyRun(int exitCode, byte[] out, String err) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code classify} with the arguments, the standard input and the clock given. */
    public static ClassifyRun of(InputStream stdin, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ClassifyCommand(stdin, out, clock));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new ClassifyRun(code, out.toByteArray(), err.toString());
    }

    /** The JSON line of each paper written. */
    public List<JsonNode> papers() throws IOException {
        List<JsonNode> papers = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n", -1)) {
            if (!line.isEmpty()) {
                papers.add(JSON.readTree(line));
            }
        }
        return papers;
    }

    /** The lines of the standard error. */
    public List<String> errLines() {
        return err.lines().toList();
    }
}
