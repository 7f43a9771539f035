package io.paperstream.streams;

import io.paperstream.avro.DailyDigest;
import io.paperstream.settings.ValueType;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code paperstream digest}: prints the latest daily digest (or the one of a given day) as
 * Markdown. Exit codes: 0 printed, 1 no digest yet, 2 invalid settings, 3 Kafka unreachable.
 */
@Command(
        name = "digest",
        mixinStandardHelpOptions = true,
        description =
                "Print the latest digest of digests.daily (top rising topics and keyphrases with their papers) as Markdown.")
public final class DigestCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settingsOptions;

    @Option(
            names = "--day",
            paramLabel = "YYYY-MM-DD",
            description = "The digest of this day (UTC) instead of the latest.")
    LocalDate day;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "How long reading the topic may take (e.g. 30s, 2m). Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Override
    public Integer call() throws Exception {
        return settingsOptions.runWith(this::run);
    }

    private int run(StreamsSettings settings, PrintWriter out, PrintWriter err) throws Exception {
        Duration limit;
        try {
            limit = ValueType.DURATION.parse(timeout);
        } catch (IllegalArgumentException e) {
            err.println("invalid --timeout " + timeout + ": " + e.getMessage());
            return 2;
        }
        Optional<DailyDigest> digest;
        try {
            digest = new DigestReader(settings).read(day == null ? null : day.toString(), limit);
        } catch (TimeoutException e) {
            err.println("Kafka at " + settings.get(StreamsSettings.BOOTSTRAP_SERVERS) + " did not answer: "
                    + e.getMessage());
            return 3;
        }
        if (digest.isEmpty()) {
            err.println("no digest" + (day == null ? "" : " for " + day) + " in " + KafkaTopics.DIGESTS.name(settings)
                    + " yet: a digest is written when a window closes");
            return 1;
        }
        out.print(DigestMarkdown.render(digest.get()));
        out.flush();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DigestCommand()).execute(args));
    }
}
