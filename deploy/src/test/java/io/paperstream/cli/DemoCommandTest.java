package io.paperstream.cli;

import static io.paperstream.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.classify.Taxonomy;
import io.paperstream.stack.LocalStack;
import io.paperstream.stack.LocalStackConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code paperstream demo} end to end, as a user runs it: a real stack on free ports (data under target/), the
 * streams application in the test's JVM, the replay, and the printed tables; then a second run on the stack
 * the first one left running.
 */
class DemoCommandTest {

    /** A topic riser row of the table: rank, topic id, its name in parentheses, count, baseline, score. */
    private static final Pattern TOPIC_ROW = Pattern.compile("(?m)^(\\d{4}-\\d{2}-\\d{2})?\\s+(\\d+)?\\s+topic\\s+"
            + "(\\d+)\\s+(\\S+) \\(.+?\\)\\s+(\\d+)\\s+([\\d.]+)\\s+([\\d.]+)$");
    /** A row of the all-time counts table: topic id, name, primary count, any count. */
    private static final Pattern COUNT_ROW = Pattern.compile("^(\\S+)\\s+.+?\\s+(\\d+)\\s+(\\d+)$");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void printsTheTrendTableTheDigestAndTheCountsAndLeavesTheStackRunning() {
        LocalStackConfig ports = LocalStackConfig.onFreePorts(freshDirectory());
        try {
            CliRun first = run(demo(ports));
            CliRun second = run(demo(ports));

            assertThat(first.exitCode()).as(first.err() + first.out()).isZero();
            assertThat(first.out())
                    .contains("starting the local stack")
                    .contains("replaying the 56 sample papers over 14 simulated days, 2025-11-07 to 2025-11-20")
                    .contains("burst topic:robotics-rl@6+1x6");
            assertRisersAreTaxonomyTopicsWithCounts(first.out());
            assertThat(first.out())
                    .contains("Latest digest")
                    .contains("# Trending papers, 2025-11-20")
                    .contains("## Rising topics")
                    .contains("## Rising keyphrases")
                    .contains("diffusion model");
            assertCountsAddUpToThePapersSent(first.out());
            assertThat(first.out())
                    .contains("Stop it with: ./paperstream stack stop --data-dir " + ports.dataDirectory());
            assertThat(LocalStack.status(ports.dataDirectory()).isUp()).isTrue();

            assertThat(second.exitCode()).as(second.err() + second.out()).isZero();
            assertThat(second.out())
                    .contains("using the local stack running since")
                    .doesNotContain("starting the local stack")
                    .containsPattern("deleted the \\d+ topics of earlier demo runs");
            // the same seed replays the same papers: a fresh run shows the very same table
            assertThat(table(second.out())).isEqualTo(table(first.out()));
        } finally {
            LocalStack.stopRunning(ports.dataDirectory(), Duration.ofSeconds(20));
        }
    }

    @Test
    void aTakenPortFailsWithOneSentenceBeforeAnythingStarts() throws IOException {
        LocalStackConfig ports = LocalStackConfig.onFreePorts(freshDirectory());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun result = run(demo(ports.withRegistryPort(taken.getLocalPort())));

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err().strip())
                    .isEqualTo("paperstream: port " + taken.getLocalPort()
                            + " on 127.0.0.1 is already in use; stop what uses it or pass --registry-port");
        }
        assertThat(LocalStack.status(ports.dataDirectory()).state()).isEmpty();
    }

    private static void assertRisersAreTaxonomyTopicsWithCounts(String out) {
        Set<String> topicIds = Set.copyOf(Taxonomy.loadDefault().topicIds());
        Matcher rows = TOPIC_ROW.matcher(table(out));
        int found = 0;
        boolean roboticsRoseInItsBurst = false;
        String day = null;
        while (rows.find()) {
            found++;
            day = rows.group(1) != null ? rows.group(1) : day;
            assertThat(rows.group(4)).as("topic id of row %s", rows.group()).isIn(topicIds);
            assertThat(Long.parseLong(rows.group(5)))
                    .as("count of row %s", rows.group())
                    .isPositive();
            assertThat(Double.parseDouble(rows.group(7)))
                    .as("score of row %s", rows.group())
                    .isGreaterThanOrEqualTo(3.0);
            roboticsRoseInItsBurst |= rows.group(4).equals("robotics-rl") && "2025-11-13".equals(day);
        }
        assertThat(found).as("topic rows in\n%s", out).isPositive();
        assertThat(roboticsRoseInItsBurst)
                .as("robotics-rl rising on 2025-11-13 (its burst) in\n%s", out)
                .isTrue();
    }

    private static void assertCountsAddUpToThePapersSent(String out) {
        Matcher sent = Pattern.compile("sent (\\d+) papers").matcher(out);
        assertThat(sent.find()).as(out).isTrue();
        String counts = out.substring(out.indexOf("All-time topic counts"), out.indexOf("Demo done in"));
        long primaries = 0;
        int rows = 0;
        for (String line : counts.lines().toList()) {
            Matcher row = COUNT_ROW.matcher(line.strip());
            if (row.matches() && !row.group(1).equals("topic")) {
                rows++;
                primaries += Long.parseLong(row.group(2));
                assertThat(Long.parseLong(row.group(3))).isGreaterThanOrEqualTo(Long.parseLong(row.group(2)));
            }
        }
        assertThat(rows).isEqualTo(Taxonomy.loadDefault().topicIds().size());
        assertThat(primaries).isEqualTo(Long.parseLong(sent.group(1)));
    }

    /** The printed results, from the trend table to the counts (without the run's own names and times). */
    private static String table(String out) {
        return out.substring(out.indexOf("Rising per simulated day"), out.indexOf("Demo done in"));
    }

    /** A data directory under target/, where the build keeps what tests write (the stack, the state stores). */
    private static Path freshDirectory() {
        return Path.of("target", "demo-test", UUID.randomUUID().toString());
    }

    private static String[] demo(LocalStackConfig ports) {
        return CliRun.withStack(List.of("demo"), ports, "--wait", "120");
    }
}
