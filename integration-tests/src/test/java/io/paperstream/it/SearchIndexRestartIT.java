package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.app.PaperstreamApp;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.streams.StreamsSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A clean restart of the streams application on its state directory, on the real broker and registry: every
 * partition's search index is kept from the last run (checked against its store, not built again), answers as before
 * the restart, and finds the papers processed after it too; the corpus is sent in two halves, one before the restart
 * and one after.
 */
@RealKafkaStack
class SearchIndexRestartIT {

    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);
    private static final int PARTITIONS = 2;
    private static final Pattern DIFFUSION = Pattern.compile("\\bdiffusion\\b", Pattern.CASE_INSENSITIVE);

    private final ApiClient client = new ApiClient();

    @Test
    void aCleanRestartKeepsEveryPartitionsIndexWhichAnswersAsBeforeAndFindsThePapersAfter(StackEndpoints stack) {
        List<PaperAbstract> papers = CorpusEvents.papers(Instant.now());
        List<PaperAbstract> before = papers.subList(0, papers.size() / 2);
        Map<String, String> settings = Map.of(
                StreamsSettings.KAFKA_TOPIC_PARTITIONS.name(),
                Integer.toString(PARTITIONS),
                // Kafka Streams does not leave its group on close: the restarted instance waits out the stopped
                // member's session timeout before it gets its tasks back
                "session.timeout.ms",
                "6000");
        try (ServingInstances instances = ServingInstances.of(stack, "it-index-restart", settings)) {
            PaperstreamApp first = instances.start();
            instances.awaitReady(client);
            instances.sendAndAwait(before, PROCESSING_TIMEOUT);
            assertThat(indexStarts(first, "built")).isEqualTo(PARTITIONS);
            assertThat(indexStarts(first, "kept")).isZero();
            List<String> diffusionBefore = ids(first, "q=diffusion");
            List<String> allBefore = ids(first, "");
            assertThat(diffusionBefore).isEqualTo(newestFirst(before, mentionsDiffusion()));
            assertThat(allBefore).isEqualTo(newestFirst(before, paper -> true));

            PaperstreamApp again = instances.restart(first);
            instances.awaitReady(client);
            assertThat(indexStarts(again, "kept")).isEqualTo(PARTITIONS);
            assertThat(indexStarts(again, "built")).isZero();
            assertThat(ids(again, "q=diffusion")).isEqualTo(diffusionBefore);
            assertThat(ids(again, "")).isEqualTo(allBefore);

            instances.sendAndAwait(papers.subList(before.size(), papers.size()), PROCESSING_TIMEOUT);
            assertThat(ids(again, "q=diffusion")).isEqualTo(newestFirst(papers, mentionsDiffusion()));
            assertThat(ids(again, "")).isEqualTo(newestFirst(papers, paper -> true));
        }
    }

    private static Predicate<PaperAbstract> mentionsDiffusion() {
        return paper -> DIFFUSION.matcher(paper.getTitle()).find()
                || DIFFUSION.matcher(paper.getAbstract$()).find();
    }

    private static List<String> newestFirst(List<PaperAbstract> papers, Predicate<PaperAbstract> matching) {
        List<String> ids = ApiClient.newestFirst(papers, matching);
        assertThat(ids).isNotEmpty();
        return ids;
    }

    private List<String> ids(PaperstreamApp app, String query) {
        return client.allPaperIds(ServingInstances.baseUri(app), query, 25, 100);
    }

    private double indexStarts(PaperstreamApp app, String how) {
        URI metrics = ServingInstances.baseUri(app).resolve("/metrics");
        return ApiClient.sum(
                List.of(client.get(metrics).body()), "paperstream_search_index_starts_total", "index=\"" + how + "\"");
    }
}
