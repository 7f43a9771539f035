package io.paperstream.stack;

import io.paperstream.streams.StreamsSettings;
import io.paperstream.streams.TopicProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;

/**
 * The pipeline topics a stack creates: exactly those the streams application creates with its default
 * settings, through its {@link TopicProvisioner} (the one place for topic configurations: compacted where a
 * record is the latest state of its key, kept forever otherwise because replayed papers carry old event
 * times), with the stack's partitions and replication factor.
 */
public final class StackTopics {

    /** The input topic's default name, for tools and tests that write papers. */
    public static final String PAPERS_RAW = StreamsSettings.KAFKA_TOPIC_RAW_PAPERS.defaultValue();

    /** Partitions of every topic but the digest, unless configured otherwise. */
    public static final int DEFAULT_PARTITIONS = 4;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private StackTopics() {}

    /** The streams application's default settings, with {@code partitions} and {@code replicationFactor}. */
    public static StreamsSettings settings(int partitions, short replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be 1 or more, got " + partitions);
        }
        return StreamsSettings.of(Map.of(
                StreamsSettings.KAFKA_TOPIC_PARTITIONS.name(),
                Integer.toString(partitions),
                StreamsSettings.KAFKA_TOPIC_REPLICATION.name(),
                Short.toString(replicationFactor)));
    }

    /**
     * Creates the pipeline topics that do not exist yet; existing topics are left as they are.
     *
     * @return the names of the topics created now
     */
    public static Set<String> createMissing(Admin admin, int partitions, short replicationFactor) {
        try {
            return new TreeSet<>(
                    TopicProvisioner.createMissing(admin, settings(partitions, replicationFactor), TIMEOUT.toMillis()));
        } catch (ExecutionException e) {
            throw new StackException(
                    "could not create the paperstream topics: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new StackException(
                    "the broker did not create the paperstream topics within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating the paperstream topics", e);
        }
    }

    /**
     * Deletes the topics whose names {@code earlierRun} accepts: what runs of the demo and the bench leave for
     * inspection until the next run.
     *
     * @return the names of the topics deleted
     */
    public static List<String> deleteEarlierRuns(Admin admin, Predicate<String> earlierRun)
            throws ExecutionException, TimeoutException, InterruptedException {
        List<String> earlier = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                .filter(earlierRun)
                .sorted()
                .toList();
        if (!earlier.isEmpty()) {
            admin.deleteTopics(earlier).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return earlier;
    }
}
