package io.paperstream.bench;

import io.paperstream.streams.SettingsOptions;
import io.paperstream.streams.StreamsSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The Streams limit of {@code paperstream bench}: a Kafka Streams application that copies the raw papers' bytes
 * to another topic, configured exactly as the pipeline is (the same settings make the same Kafka Streams
 * properties: processing guarantee, threads, commit interval, caches), so that the pipeline's drain rate can be
 * read against what Kafka Streams itself reaches on this machine. Runs until stopped.
 */
@Command(
        name = "pass-through",
        mixinStandardHelpOptions = true,
        description = "Copy the raw papers topic byte for byte to --to with the pipeline's Kafka Streams settings.")
public final class PassThroughApp implements Callable<Integer> {

    @Mixin
    SettingsOptions settingsOptions;

    @Option(names = "--to", required = true, paramLabel = "TOPIC", description = "The topic the copies go to.")
    String outputTopic;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PassThroughApp()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        return settingsOptions.runWith(this::run);
    }

    private int run(StreamsSettings settings, PrintWriter out, PrintWriter err) throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        settings.get(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("papers-in"))
                .to(
                        outputTopic,
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("papers-out"));
        CountDownLatch stopped = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), settings.kafkaStreamsProperties())) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                    stopped.countDown();
                }
            });
            Runtime.getRuntime().addShutdownHook(new Thread(streams::close, "pass-through-shutdown"));
            streams.start();
            out.println("pass-through " + settings.get(StreamsSettings.APPLICATION_ID) + " started");
            out.flush();
            stopped.await();
            return streams.state() == KafkaStreams.State.ERROR ? 1 : 0;
        }
    }
}
