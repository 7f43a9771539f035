package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.producer.ProduceCommand;
import io.paperstream.producer.source.ArxivFeedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code produce} harvests arXiv's Atom API, an RSS and an Atom new-submission feed and OAI-PMH from a real HTTP
 * server on loopback (serving the feeds we wrote, with a 503 and Retry-After on the first OAI-PMH request) into the
 * real broker through the real registry: every paper once, a new version as a revision under the same id, the bad
 * entries reported with their URL and position. Run again, as after a restart, it sends nothing: the topic holds
 * exactly the same records.
 */
@RealKafkaStack
class ArxivHarvestIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int SENT = ArxivFeedServer.HARVESTED.size();
    private static final int BAD_ENTRIES = 4;

    private final StackEndpoints stack;

    ArxivHarvestIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void harvestsAtomRssAndOaiPmhAndAfterARestartSendsNothingAgain() throws IOException {
        String topic = TestTopics.unique("it-arxiv-raw");
        TestTopics.create(stack.bootstrapServers(), topic, 1);
        Path state = Files.createTempDirectory(ItDirectories.temporary(), "arxiv-state-");
        try (ArxivFeedServer server = new ArxivFeedServer()) {
            Path settings = settings(server, state);

            ProduceCommandRun.Outcome first = ProduceCommandRun.inProcess(arguments(topic, settings));

            assertThat(first.exitCode()).as(first.err()).isEqualTo(ProduceCommand.EXIT_INCOMPLETE);
            assertThat(first.errLines())
                    .as(first.err())
                    .contains(server.base() + "/rss/cs.CL:50: entry 3 (2412.00005): empty abstract for title"
                            + " 'A Paper Whose Abstract Went Missing'")
                    .last()
                    .asString()
                    .startsWith("produce: read " + SENT + ", sent " + SENT + ", skipped " + BAD_ENTRIES + ", failed 0");
            List<AvroTopic.Keyed<PaperAbstract>> records = AvroTopic.read(stack, topic, PaperAbstract.class);
            assertThat(records)
                    .allSatisfy(record ->
                            assertThat(record.key()).isEqualTo(record.value().getId()));
            List<PaperAbstract> events =
                    records.stream().map(AvroTopic.Keyed::value).toList();
            assertThat(events).extracting(PaperAbstract::getId).containsExactlyElementsOf(ArxivFeedServer.HARVESTED);
            assertRevision(events.get(0), events.get(3));
            PaperAbstract oai = events.get(5);
            assertThat(oai.getTitle())
                    .isEqualTo("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies");
            assertThat(oai.getAuthors()).startsWith("C. Balázs");
            assertThat(oai.getPublishedAt()).isEqualTo(Instant.parse("2007-04-02T19:18:42Z"));
            assertThat(oai.getUpdatedAt()).isEqualTo(Instant.parse("2007-07-24T20:10:27Z"));
            assertThat(oai.getSource()).isEqualTo("arxiv-oai");
            assertThat(server.requests())
                    .extracting(ArxivFeedServer.Request::status)
                    .as("the first OAI-PMH request answered 503 and retried after its Retry-After")
                    .containsExactly(200, 200, 200, 200, 503, 200, 200);
            assertThat(server.requests())
                    .extracting(ArxivFeedServer.Request::userAgent)
                    .allSatisfy(agent -> assertThat(agent).matches("paperstream/\\S+ \\(mailto:it@example\\.org\\)"));

            ProduceCommandRun.Outcome restarted = ProduceCommandRun.inProcess(arguments(topic, settings));

            assertThat(restarted.errLines())
                    .as(restarted.err())
                    .last()
                    .asString()
                    .startsWith("produce: read 0, sent 0, skipped " + BAD_ENTRIES + ", failed 0");
            assertThat(TestTopics.readAll(stack.bootstrapServers(), topic, READ_TIMEOUT))
                    .as("exactly the records of the first run")
                    .hasSize(SENT);
        }
    }

    /** v2 from the API, then v3 from the RSS feed: the same id, the first version's time, the new text. */
    private static void assertRevision(PaperAbstract v2, PaperAbstract v3) {
        assertThat(v2.getTitle())
                .isEqualTo("Graph Neural Networks for the Prediction of Molecular Structure-Property Relationships");
        assertThat(v2.getOriginalTitle())
                .isEqualTo(
                        "Graph Neural Networks for the Prediction of Molecular Structure-\n  Property Relationships");
        assertThat(v2.getCategories()).containsExactly("cs.LG", "q-bio.BM");
        assertThat(v2.getLinks()).contains("http://arxiv.org/abs/2412.00001v2", "http://arxiv.org/pdf/2412.00001v2");
        assertThat(v2.getUpdatedAt()).isEqualTo(Instant.parse("2024-12-05T09:30:00Z"));
        assertThat(v3.getPublishedAt()).isEqualTo(v2.getPublishedAt()).isEqualTo(Instant.parse("2024-12-01T10:00:00Z"));
        assertThat(v3.getUpdatedAt()).isEqualTo(Instant.parse("2024-12-17T05:00:00Z"));
        assertThat(v3.getAbstract$()).contains("$R^2 = 0.95$").isNotEqualTo(v2.getAbstract$());
        assertThat(v3.getSource()).isEqualTo("arxiv-rss");
    }

    /** The base URLs of the local server, a short request interval, and the state directory, as a settings file. */
    private static Path settings(ArxivFeedServer server, Path state) throws IOException {
        Path file = state.resolve("produce.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "paperstream.arxiv.api.url=" + server.base() + "/api/query",
                        "paperstream.arxiv.feed.url=" + server.base(),
                        "paperstream.arxiv.oai.url=" + server.base() + "/oai2",
                        "paperstream.arxiv.request.interval=200ms",
                        "paperstream.arxiv.page-size=2",
                        "paperstream.arxiv.contact=it@example.org",
                        "paperstream.arxiv.state.dir=" + state.resolve("harvests"),
                        ""));
        return file;
    }

    private List<String> arguments(String topic, Path settings) {
        return List.of(
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry-url",
                stack.registryUrl(),
                "--topic",
                topic,
                "--producer-config",
                settings.toString(),
                "--arxiv-query",
                "cat:cs.LG",
                "--arxiv-rss",
                "cs.CL",
                "--arxiv-atom",
                "cs.LG",
                "--arxiv-oai",
                "--oai-set",
                "physics:hep-ph");
    }
}
