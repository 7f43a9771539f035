package io.paperstream.demo;

import io.paperstream.settings.Setting;
import io.paperstream.streams.StreamsSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One run of the demo and the names it owns: its own Kafka Streams application id and its own topics, all
 * starting with {@code paperstream-demo-<run>}, so that a run never reads what an earlier run wrote and the
 * topics of earlier runs are easy to find and delete.
 *
 * @param id the run's application id, {@code paperstream-demo-} and the UTC time it started
 */
public record DemoRun(String id) {

    /** What every name of every demo run starts with. */
    public static final String PREFIX = "paperstream-demo-";

    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    public DemoRun {
        if (!id.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a demo run's id starts with " + PREFIX + ": " + id);
        }
    }

    /** A run named after the current time, to the millisecond, so that runs started one after the other differ. */
    public static DemoRun startingNow(Clock clock) {
        return new DemoRun(PREFIX + STARTED.format(clock.instant()));
    }

    /** This run's name for the topic the application calls {@code defaultName} ({@code papers.raw}, ...). */
    public String topic(String defaultName) {
        return id + "." + defaultName;
    }

    /** True for the topics of other demo runs: theirs, and the internal topics of their applications. */
    public boolean isEarlierRunTopic(String topic) {
        return topic.startsWith(PREFIX) && !topic.startsWith(id + ".") && !topic.startsWith(id + "-");
    }

    /**
     * The streams application of this run: its own id and topics, against the given broker and registry, state
     * under {@code stateDirectory}, without its HTTP server, and one partition per topic. One partition keeps the
     * replay in event-time order all the way to the windows: with several, partitions are consumed unevenly and
     * one runs days ahead of another in event time, so windows close (after the 1 h grace) before the papers of
     * the slower partitions arrive, and those papers would be left out of trends and digests.
     */
    public StreamsSettings settings(String bootstrapServers, String schemaRegistryUrl, Path stateDirectory) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(StreamsSettings.APPLICATION_ID.name(), id);
        values.put(StreamsSettings.BOOTSTRAP_SERVERS.name(), bootstrapServers);
        values.put(StreamsSettings.SCHEMA_REGISTRY_URL.name(), schemaRegistryUrl);
        values.put(StreamsSettings.KAFKA_TOPIC_PARTITIONS.name(), "1");
        // the demo's application ends with the demo: no dashboard to look at, and no port to take
        values.put(StreamsSettings.HTTP_ENABLED.name(), "false");
        values.put("state.dir", stateDirectory.toString());
        for (Setting<String> topic : StreamsSettings.KAFKA_TOPIC_NAMES) {
            values.put(topic.name(), topic(topic.defaultValue()));
        }
        return StreamsSettings.of(values);
    }
}
