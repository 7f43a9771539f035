package io.paperstream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own ProducerPerformance and ConsumerPerformance (kafka-tools, the classes behind
 * {@code kafka-producer-perf-test.sh} and {@code kafka-consumer-perf-test.sh}), each run in a child JVM as the
 * scripts run them, with their figures read from what they print.
 */
final class KafkaPerfTools {

    /** ProducerPerformance's summary: {@code 200000 records sent, 50213.4 records/sec (70.12 MB/sec), ...}. */
    private static final Pattern PRODUCER_SUMMARY =
            Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\).*99th");

    /** ConsumerPerformance's header line, before its one line of figures. */
    private static final String CONSUMER_HEADER = "start.time, end.time, data.consumed.in.MB";

    private static final long WARM_UP_TRANSACTION_MS = 100;

    private final Path workDir;
    private final Duration timeout;

    KafkaPerfTools(Path workDir, Duration timeout) {
        this.workDir = workDir;
        this.timeout = timeout;
    }

    /** Sends {@code records} payloads of {@code payloadFile} (one per line) unthrottled with the given properties. */
    Throughput produce(
            String bootstrapServers, String topic, long records, Path payloadFile, Map<String, String> props) {
        String output = run(
                "kafka-producer-perf-test",
                "org.apache.kafka.tools.ProducerPerformance",
                producerArguments(bootstrapServers, topic, records, payloadFile, props));
        Matcher summary = PRODUCER_SUMMARY.matcher(output);
        if (!summary.find()) {
            throw new BenchException(
                    "ProducerPerformance printed no summary; its output:\n" + ChildOutput.tail(output));
        }
        return new Throughput(Long.parseLong(summary.group(1)), Double.parseDouble(summary.group(2)));
    }

    /**
     * Warms the broker up, unmeasured: sends {@code records} payloads as {@link #produce} does, in transactions of
     * {@value #WARM_UP_TRANSACTION_MS} ms (a Streams commit interval), so that the JIT of a freshly started broker
     * has compiled its produce, fetch and transaction paths before the first measured step.
     */
    void warmUpBroker(
            String bootstrapServers, String topic, long records, Path payloadFile, Map<String, String> props) {
        List<String> arguments = producerArguments(bootstrapServers, topic, records, payloadFile, props);
        arguments.addAll(List.of("--transaction-duration-ms", Long.toString(WARM_UP_TRANSACTION_MS)));
        run("broker-warm-up", "org.apache.kafka.tools.ProducerPerformance", arguments);
    }

    private static List<String> producerArguments(
            String bootstrapServers, String topic, long records, Path payloadFile, Map<String, String> props) {
        List<String> arguments = new ArrayList<>(List.of(
                "--bootstrap-server",
                bootstrapServers,
                "--topic",
                topic,
                "--num-records",
                Long.toString(records),
                "--payload-file",
                payloadFile.toString(),
                "--throughput",
                "-1",
                "--command-property"));
        props.forEach((key, value) -> arguments.add(key + "=" + value));
        return arguments;
    }

    /** Reads {@code records} records of {@code topic} from the beginning; the rate of the fetch phase. */
    Throughput consume(String bootstrapServers, String topic, long records) {
        String output = run(
                "kafka-consumer-perf-test",
                "org.apache.kafka.tools.ConsumerPerformance",
                List.of(
                        "--bootstrap-server",
                        bootstrapServers,
                        "--topic",
                        topic,
                        "--num-records",
                        Long.toString(records),
                        "--timeout",
                        Long.toString(timeout.toMillis())));
        return consumerFigures(output);
    }

    /**
     * The figures of ConsumerPerformance's {@code output}: the first line after its header with as many fields. The
     * JVM's own warnings (a Java 22+ runtime warns of native libraries loaded, on stderr, which the log interleaves
     * with stdout) may come between the two.
     */
    static Throughput consumerFigures(String output) {
        List<String> lines = output.lines().toList();
        int headerLine = 0;
        while (headerLine < lines.size() && !lines.get(headerLine).startsWith(CONSUMER_HEADER)) {
            headerLine++;
        }
        if (headerLine == lines.size()) {
            throw new BenchException(
                    "ConsumerPerformance printed no figures; its output:\n" + ChildOutput.tail(output));
        }
        List<String> header = List.of(lines.get(headerLine).split(",\\s*"));
        int count = header.indexOf("data.consumed.in.nMsg");
        int rate = header.indexOf("fetch.nMsg.sec");
        String[] values = lines.subList(headerLine + 1, lines.size()).stream()
                .map(line -> line.split(",\\s*"))
                .filter(fields -> fields.length == header.size())
                .findFirst()
                .orElse(null);
        if (count < 0 || rate < 0 || values == null) {
            throw new BenchException(
                    "ConsumerPerformance printed figures in an unknown layout:\n" + ChildOutput.tail(output));
        }
        return new Throughput(Long.parseLong(values[count].trim()), Double.parseDouble(values[rate].trim()));
    }

    private String run(String role, String mainClass, List<String> arguments) {
        return ChildOutput.of(role, mainClass, arguments, workDir, timeout);
    }
}
