package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harvester against a real local HTTP server serving the feeds we wrote: requests spaced, a 503 retried after
 * its Retry-After, pages followed (API start, OAI resumption token), each paper sent once and a new version as a
 * revision, and after a restart from the saved state nothing sent again.
 */
class ArxivHarvesterTest {

    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final String USER_AGENT = "paperstream/test (mailto:tests@example.org)";
    private static final ReaderOptions OPTIONS = new ReaderOptions(ReaderOptions.DEFAULT_MAX_LINE_BYTES, 2025);

    private final ArxivFeedServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    ArxivHarvesterTest() throws IOException {
        server = new ArxivFeedServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<HarvestPages> everySource() {
        URI base = URI.create(server.base());
        return List.of(
                new HarvestPages.Api(URI.create(base + "/api/query"), "cat:cs.LG", 2, 100),
                new HarvestPages.Feeds(base, List.of("cs.CL"), false),
                new HarvestPages.Feeds(base, List.of("cs.LG"), true),
                oai(base));
    }

    private static HarvestPages.Oai oai(URI base) {
        return new HarvestPages.Oai(URI.create(base + "/oai2"), "arXivRaw", "physics:hep-ph", null, null);
    }

    /** A harvester of one round on the state saved in the test's directory, as a restarted produce makes it. */
    private ArxivHarvester harvester(List<HarvestPages> harvests, int maxPages, StopSignal stop) throws IOException {
        PoliteHttp polite = new PoliteHttp(
                http, new PoliteHttp.Manners(INTERVAL, 2, Duration.ofSeconds(5), USER_AGENT), stop, Clock.systemUTC());
        HarvestState state = HarvestState.load(directory.resolve("papers.raw.json"));
        ArxivHarvester.Schedule once = new ArxivHarvester.Schedule(Duration.ZERO, 1, maxPages);
        return new ArxivHarvester(harvests, polite, state, () -> true, once, stop, OPTIONS);
    }

    private ReadAll harvest(List<HarvestPages> harvests, int maxPages) throws IOException {
        return ReadAll.of(harvester(harvests, maxPages, new StopSignal()));
    }

    @Test
    void harvestsEverySourcePolitelyAndSendsEachVersionOnceAcrossARestart() throws IOException {
        ReadAll first = harvest(everySource(), 100);

        assertThat(first.papers)
                .extracting(PaperRecord::id)
                .as("2412.00001 twice: v2 from the API, v3 from the feed; 2412.00004 once, though in two feeds")
                .containsExactlyElementsOf(ArxivFeedServer.HARVESTED);
        PaperRecord revision = first.papers.get(3);
        assertThat(revision.revision().number()).isEqualTo(3);
        assertThat(revision.sourceTime())
                .as("a revision keeps the first version's publication on record, not the feed's announcement")
                .isEqualTo(Instant.parse("2024-12-01T10:00:00Z"));
        assertThat(first.messages())
                .hasSize(4)
                .allSatisfy(message -> assertThat(message).startsWith(server.base()));
        List<ArxivFeedServer.Request> requests = server.requests();
        assertThat(requests)
                .extracting(ArxivFeedServer.Request::status)
                .containsExactly(200, 200, 200, 200, 503, 200, 200);
        assertThat(requests.get(6).pathAndQuery()).endsWith("resumptionToken=6960524|1001");
        assertThat(requests).extracting(ArxivFeedServer.Request::userAgent).containsOnly(USER_AGENT);
        for (int i = 1; i < requests.size(); i++) {
            assertThat(Duration.ofNanos(
                            requests.get(i).nanos() - requests.get(i - 1).nanos()))
                    .as("time before request %d", i)
                    .isGreaterThanOrEqualTo(i == 5 ? Duration.ofSeconds(1) : INTERVAL);
        }

        ReadAll restarted = harvest(everySource(), 100);

        assertThat(restarted.papers).as("nothing sent again").isEmpty();
        assertThat(server.requests().get(11).pathAndQuery())
                .as("the next OAI harvest asks for what changed since the latest record's day")
                .contains("from=2024-12-16");
    }

    @Test
    void aHarvestStoppedInTheMiddleOfAPageSendsNoneOfItsPapersAgainAfterARestart() throws IOException {
        StopSignal stop = new StopSignal();
        try (ArxivHarvester stopped = harvester(everySource(), 100, stop)) {
            assertThat(stopped.next()).get().isInstanceOf(PaperRecord.class);
            stop.stop();
        }

        ReadAll restarted = harvest(everySource(), 100);

        assertThat(restarted.papers)
                .extracting(PaperRecord::id)
                .containsExactlyElementsOf(ArxivFeedServer.HARVESTED.subList(1, ArxivFeedServer.HARVESTED.size()));
    }

    @Test
    void anOaiHarvestCutShortGoesOnFromItsResumptionTokenAfterARestart() throws IOException {
        List<HarvestPages> oaiOnly = List.of(oai(URI.create(server.base())));

        ReadAll firstPage = harvest(oaiOnly, 1);
        ReadAll rest = harvest(oaiOnly, 1);

        assertThat(firstPage.papers).extracting(PaperRecord::id).containsExactly("0704.0001");
        assertThat(rest.papers).extracting(PaperRecord::id).containsExactly("2412.00007");
        assertThat(server.requests())
                .extracting(ArxivFeedServer.Request::pathAndQuery)
                .last()
                .asString()
                .endsWith("verb=ListRecords&resumptionToken=6960524|1001");
    }
}
