package io.paperstream.it;

import static io.paperstream.waits.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.producer.ProduceCommand;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.stack.KafkaCluster;
import io.paperstream.stack.StackTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Item 7, the broker restarted mid-run: the real {@code produce} command, as its own OS process, sends a paced
 * replay of about 20 seconds to a single-node KRaft cluster of this class's own (the shared stack's broker stays
 * undisturbed; the shared registry serves the schema), and the node is stopped in the middle of the run and
 * started again some seconds later. The command's producer is idempotent with {@code acks=all} (its defaults):
 * it keeps the records of the outage in its buffer, retries the batches the stop interrupted, and the broker drops
 * the retries of batches it had already written. The command ends with exit code 0 and every paper of the
 * replay is in the topic exactly once. The producer's default {@code delivery.timeout.ms} (2 minutes) rides out
 * the outage of about ten seconds (nearer twenty on a loaded machine); no producer setting is changed for it.
 */
@RealKafkaStack
@RealKafkaCluster(nodes = 1)
class ProducerBrokerRestartIT {

    /** 26 copies of the corpus: 3,016 papers, about 20 s at {@link #RATE}. */
    private static final int COPIES = 26;

    private static final int RATE = 150;
    /** About five seconds into the run. */
    private static final long RECORDS_BEFORE_STOP = 750;
    /** With the stop and the restart, the broker is away for about ten seconds. */
    private static final Duration DOWN = Duration.ofSeconds(6);
    /**
     * How long the command waits at the end for outstanding deliveries: on a loaded machine the restart can take
     * longer than the rest of the input, and the default 30 s would then end the run before the broker is back.
     */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(90);

    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration WAIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(ProducerBrokerRestartIT.class);

    @Test
    void everyPaperIsInTheTopicExactlyOnceWhenTheBrokerRestartsMidRun(KafkaCluster cluster, StackEndpoints stack)
            throws Exception {
        String topic = TestTopics.unique("it-restart");
        TestTopics.create(cluster.bootstrapServers(), topic, StackTopics.DEFAULT_PARTITIONS);
        Path replay = writeReplay(ItDirectories.fresh("producer-restart").resolve("replay.txt"));
        List<PaperRecord> papers = Corpus.read(replay);
        int node = cluster.nodes().get(0).nodeId();

        long startedNanos = System.nanoTime();
        CompletableFuture<ProduceCommandRun.Outcome> run =
                CompletableFuture.supplyAsync(() -> ProduceCommandRun.asProcess(
                        List.of(
                                "--bootstrap-servers",
                                cluster.bootstrapServers(),
                                "--schema-registry-url",
                                stack.registryUrl(),
                                "--topic",
                                topic,
                                "--year",
                                Integer.toString(Corpus.YEAR),
                                "--rate",
                                Integer.toString(RATE),
                                "--close-timeout",
                                CLOSE_TIMEOUT.toSeconds() + "s",
                                replay.toString()),
                        PROCESS_TIMEOUT));
        long inTopicAtStop = awaitRecords(cluster, topic, RECORDS_BEFORE_STOP, run);
        cluster.stopNode(node);
        long stoppedNanos = System.nanoTime();
        Thread.sleep(DOWN.toMillis());
        cluster.startNode(node);
        LOG.info(
                "broker stopped {} s into the run with {} of {} papers in the topic, back after {} s",
                seconds(stoppedNanos - startedNanos),
                inTopicAtStop,
                papers.size(),
                seconds(System.nanoTime() - stoppedNanos));
        ProduceCommandRun.Outcome outcome = run.get(PROCESS_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);

        assertThat(inTopicAtStop)
                .as("papers in the topic when the broker stopped")
                .isLessThan(papers.size() / 2);
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ProduceCommand.EXIT_OK);
        assertThat(outcome.errLines())
                .last()
                .asString()
                .startsWith("produce: read " + papers.size() + ", sent " + papers.size() + ", skipped 0, failed 0");
        List<AvroTopic.Keyed<PaperAbstract>> events = AvroTopic.read(
                new StackEndpoints(cluster.bootstrapServers(), stack.registryUrl()), topic, PaperAbstract.class);
        assertThat(events).as("no paper lost, none written twice").hasSameSizeAs(papers);
        assertThat(events)
                .extracting(AvroTopic.Keyed::key)
                .containsExactlyInAnyOrderElementsOf(
                        papers.stream().map(PaperRecord::id).toList());
        assertThat(events)
                .extracting(event -> event.value().getTitle())
                .containsExactlyInAnyOrderElementsOf(
                        papers.stream().map(PaperRecord::title).toList());
        assertThat(events).allSatisfy(event -> assertThat(event.value().getId()).isEqualTo(event.key()));
    }

    /**
     * The corpus {@value #COPIES} times as one trending page, each copy's titles marked with the copy's number, so
     * that every paper has a title, and so an id, of its own.
     */
    private static Path writeReplay(Path file) throws IOException {
        List<String> paragraphs = new ArrayList<>(List.of(
                "new",
                "Get trending papers in your email inbox!",
                "Subscribe",
                "byAK and the research community",
                "Mar 14"));
        List<PaperRecord> corpus = Corpus.papers();
        for (int copy = 1; copy <= COPIES; copy++) {
            for (PaperRecord paper : corpus) {
                paragraphs.add(paper.title() + " (replay " + copy + ")");
                paragraphs.add(paper.abstractText());
            }
        }
        return Files.writeString(file, String.join("\n\n", paragraphs) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Waits until {@code topic} holds at least {@code count} records and returns how many it holds; fails when the
     * producer ends first or {@link #WAIT_TIMEOUT} passes.
     */
    private static long awaitRecords(
            KafkaCluster cluster, String topic, long count, CompletableFuture<ProduceCommandRun.Outcome> run) {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            return await(count + " records in " + topic)
                    .atMost(WAIT_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .failFast("the producer ended before the broker was stopped", run::isDone)
                    .until(() -> records(admin, topic), records -> records >= count);
        }
    }

    private static long records(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> ends = admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .stream()
                .collect(Collectors.toMap(
                        partition -> new TopicPartition(topic, partition.partition()),
                        partition -> OffsetSpec.latest()));
        return admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
