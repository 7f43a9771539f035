package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.classify.TrendingCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * An instance without the HTTP API has no search: the served papers are stored (the topology is every instance's),
 * but no search index is kept beside them, and one that an earlier run with the API kept is deleted.
 */
class ServedPapersWithoutSearchTest {

    /** The directory of the paper index in a task's state directory (see ServedPapersProcessor). */
    private static final String INDEX_DIRECTORY = "paper-index";

    @Test
    void papersAreServedWithoutAnIndexAndAKeptIndexIsDeleted() throws IOException {
        StreamsSettings settings = PipelineDriver.settings(Map.of());
        Path stateDirectory = Path.of(settings.kafkaStreamsProperties().getProperty(StreamsConfig.STATE_DIR_CONFIG));
        // the test driver runs the whole topology as one task, 0_0
        Path keptIndex = stateDirectory
                .resolve(settings.get(StreamsSettings.APPLICATION_ID))
                .resolve("0_0")
                .resolve(INDEX_DIRECTORY);
        Files.createDirectories(keptIndex);
        Files.writeString(keptIndex.resolve("segments_1"), "an index an earlier run kept");
        // at least once: under exactly-once, a task directory that holds files but no checkpoint is taken for a
        // crashed run's, and its state is wiped and restored before the processors start
        Map<String, String> sameState = Map.of(
                StreamsSettings.APPLICATION_ID.name(),
                settings.get(StreamsSettings.APPLICATION_ID),
                StreamsConfig.STATE_DIR_CONFIG,
                stateDirectory.toString(),
                StreamsSettings.PROCESSING_GUARANTEE.name(),
                StreamsConfig.AT_LEAST_ONCE);
        List<TrendingCorpus.Paper> papers = TestPapers.CORPUS.subList(0, 20);

        try (PipelineDriver pipeline = PipelineDriver.full(sameState)) {
            assertThat(keptIndex)
                    .as("the kept index, deleted as the task starts")
                    .doesNotExist();
            for (int i = 0; i < papers.size(); i++) {
                pipeline.pipeRaw(TestPapers.paperAbstract(
                        "2501.%05d".formatted(i), papers.get(i), Instant.parse("2025-01-10T00:00:00Z")));
            }

            assertThat(PipelineDriver.drain(pipeline.classified())).hasSize(papers.size());
            assertThat(pipeline.driver
                            .<String, ClassifiedPaper>getKeyValueStore(StoreNames.SERVED_PAPERS)
                            .approximateNumEntries())
                    .as("papers served")
                    .isEqualTo(papers.size());
            try (Stream<Path> files = Files.walk(stateDirectory)) {
                assertThat(files.filter(path -> path.getFileName().toString().equals(INDEX_DIRECTORY)))
                        .as("search index directories under " + stateDirectory)
                        .isEmpty();
            }
        }
    }
}
