package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The arXiv XML readers on feeds we wrote in each format: papers as people read them, bad entries reported. */
class ArxivXmlReaderTest {

    private static final ReaderOptions OPTIONS = new ReaderOptions(ReaderOptions.DEFAULT_MAX_LINE_BYTES, 2025);

    /** The sample, as if fetched from this URL, in the format detected from its first bytes. */
    static ReadAll read(String sample, String url) {
        byte[] bytes = Samples.bytes("arxiv/" + sample);
        try {
            return ReadAll.of(PaperReaders.open(
                    Optional.empty(), new ByteArrayInputStream(bytes), Origin.url(URI.create(url)), OPTIONS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anApiPageGivesItsPapersAsPeopleReadThemAndReportsTheEntryWithoutTitle() {
        ReadAll all = read("api-page-1.xml", "http://127.0.0.1:8/api/query?start=0");

        PaperRecord paper = all.papers.get(0);
        assertThat(all.papers).hasSize(1);
        assertThat(paper.id()).isEqualTo("2412.00001");
        assertThat(paper.title())
                .isEqualTo("Graph Neural Networks for the Prediction of Molecular Structure-Property Relationships");
        assertThat(paper.originalTitle())
                .isEqualTo(
                        "Graph Neural Networks for the Prediction of Molecular Structure-\n  Property Relationships");
        assertThat(paper.abstractText())
                .isEqualTo("We predict molecular properties with graph neural networks on örganic molecules and show"
                        + " that message passing – with sparse attention – reaches $R^2 = 0.93$ on a held-out set.");
        assertThat(paper.authors()).containsExactly("André Example", "Brook Sample");
        assertThat(paper.categories()).as("primary first").containsExactly("cs.LG", "q-bio.BM");
        assertThat(paper.links())
                .containsExactly(
                        "http://arxiv.org/abs/2412.00001v2",
                        "http://arxiv.org/pdf/2412.00001v2",
                        "https://doi.org/10.1234/example.2024.002");
        assertThat(paper.format()).isEqualTo(SourceFormat.ARXIV_ATOM);
        assertThat(paper.sourceTime()).as("published: the first version").isEqualTo("2024-12-01T10:00:00Z");
        assertThat(paper.revision()).isEqualTo(new PaperRecord.Revision(2, Instant.parse("2024-12-05T09:30:00Z")));
        assertThat(all.messages())
                .containsExactly("http://127.0.0.1:8/api/query?start=0:35: entry 2 (2412.00002): missing title");
    }

    @Test
    void anApiPageKeepsItsPagingInformation() throws IOException {
        try (ArxivXmlReader reader = drained(ArxivXmlReader.atom(
                new ByteArrayInputStream(Samples.bytes("arxiv/api-page-1.xml")),
                Origin.url(URI.create("http://127.0.0.1:8/api")),
                OPTIONS))) {
            assertThat(reader.entryCount()).isEqualTo(2);
            assertThat(reader.header("totalResults")).contains("3");
            assertThat(reader.header("startIndex")).contains("0");
        }
    }

    @Test
    void anRssFeedGivesNewPapersAndReplacementsWithTheirVersionsAndReportsTheEmptyAbstract() {
        ReadAll all = read("rss-cs.CL.xml", "http://127.0.0.1:8/rss/cs.CL");

        assertThat(all.papers).extracting(PaperRecord::id).containsExactly("2412.00004", "2412.00001");
        PaperRecord paper = all.papers.get(0);
        assertThat(paper.title()).isEqualTo("Sparse Routing for Streaming Abstract Classification");
        assertThat(paper.abstractText())
                .as("the announcement prefix left out, unwrapped, --- and \\\"i as Unicode")
                .isEqualTo("We route each incoming abstract to a small set of topic experts and show that sparse"
                        + " routing keeps classification linear in the text length — naïve routing does not.");
        assertThat(paper.authors()).containsExactly("Ada Example", "Brook Sample", "Chen Placeholder");
        assertThat(paper.categories()).containsExactly("cs.CL", "cs.LG");
        assertThat(paper.links())
                .containsExactly("https://arxiv.org/abs/2412.00004", "https://arxiv.org/pdf/2412.00004v1");
        assertThat(paper.format()).isEqualTo(SourceFormat.ARXIV_RSS);
        assertThat(paper.sourceTime()).as("the announcement").isEqualTo("2024-12-17T05:00:00Z");
        assertThat(all.papers.get(1).revision())
                .as("a replacement: version 3")
                .isEqualTo(new PaperRecord.Revision(3, Instant.parse("2024-12-17T05:00:00Z")));
        assertThat(all.messages())
                .containsExactly("http://127.0.0.1:8/rss/cs.CL:50: entry 3 (2412.00005): empty abstract for title"
                        + " 'A Paper Whose Abstract Went Missing'");
    }

    @Test
    void anAtomFeedGivesItsPapersAndReportsTheEntryWithoutId() {
        ReadAll all = read("atom-cs.LG.xml", "http://127.0.0.1:8/atom/cs.LG");

        assertThat(all.papers).extracting(PaperRecord::id).containsExactly("2412.00006", "2412.00004");
        PaperRecord paper = all.papers.get(0);
        assertThat(paper.title()).isEqualTo("Mixture-of-Experts Quantization with Four-Bit Weights");
        assertThat(paper.originalTitle()).isEqualTo("Mixture-of-Experts Quantization with \\textbf{Four-Bit} Weights");
        assertThat(paper.abstractText())
                .isEqualTo("We quantize mixture-of-experts language models to four bits per weight; the experts'"
                        + " routing is kept in full precision (16 bits) and accuracy drops by less than 1%.");
        assertThat(paper.authors()).containsExactly("Fay Quant", "Günter Beispiel");
        assertThat(paper.sourceTime()).isEqualTo("2024-12-17T05:00:00Z");
        assertThat(all.messages()).containsExactly("http://127.0.0.1:8/atom/cs.LG:30: entry 2: no arXiv id");
    }

    @Test
    void oaiArxivRawGivesTheVersionHistorySkipsDeletedRecordsAndReportsUnknownMetadata() {
        ReadAll all = read("oai-page-1.xml", "http://127.0.0.1:8/oai2?verb=ListRecords");

        PaperRecord paper = all.papers.get(0);
        assertThat(all.papers).hasSize(1);
        assertThat(paper.id()).isEqualTo("0704.0001");
        assertThat(paper.title())
                .isEqualTo("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies");
        assertThat(paper.abstractText())
                .startsWith("A fully differential calculation in perturbative quantum chromodynamics is presented"
                        + " for the production of massive photon pairs at hadron colliders. All next-to-leading");
        assertThat(paper.authors()).containsExactly("C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan");
        assertThat(paper.categories()).containsExactly("hep-ph");
        assertThat(paper.links())
                .containsExactly(
                        "https://arxiv.org/abs/0704.0001",
                        "https://arxiv.org/pdf/0704.0001v2",
                        "https://doi.org/10.1103/PhysRevD.76.013009");
        assertThat(paper.format()).isEqualTo(SourceFormat.ARXIV_OAI);
        assertThat(paper.sourceTime()).as("v1").isEqualTo("2007-04-02T19:18:42Z");
        assertThat(paper.revision()).isEqualTo(new PaperRecord.Revision(2, Instant.parse("2007-07-24T20:10:27Z")));
        assertThat(all.messages())
                .as("the deleted record 0704.0002 is no paper and no problem")
                .containsExactly("http://127.0.0.1:8/oai2?verb=ListRecords:32: entry 3 (oai:arXiv.org:0704.0003):"
                        + " no arXivRaw or arXiv metadata");
    }

    @Test
    void oaiPagesKeepTheirResumptionTokenUntilTheLastPage() throws IOException {
        assertThat(oaiPaging("oai-page-1.xml")).contains("6960524|1001");
        assertThat(oaiPaging("oai-page-2.xml"))
                .as("the last page's token is empty")
                .isEmpty();
    }

    private static Optional<String> oaiPaging(String sample) throws IOException {
        try (ArxivXmlReader reader = drained(ArxivXmlReader.oai(
                new ByteArrayInputStream(Samples.bytes("arxiv/" + sample)),
                Origin.url(URI.create("http://127.0.0.1:8/oai2")),
                OPTIONS))) {
            return reader.header("resumptionToken");
        }
    }

    /** The reader after its last entry: paging elements stand anywhere around the entries. */
    private static ArxivXmlReader drained(ArxivXmlReader reader) {
        while (reader.next().isPresent()) {
            // only the reader's paging information is wanted here
        }
        return reader;
    }

    @Test
    void oaiKeepsParagraphsAndJoinsAHyphenatedCompound() {
        PaperRecord paper =
                read("oai-page-2.xml", "http://127.0.0.1:8/oai2").papers.get(0);

        assertThat(paper.title()).isEqualTo("Jet Substructure with Rotation-Equivariant Graph Networks");
        assertThat(paper.abstractText())
                .isEqualTo("Equivariant graph networks tag boosted top quarks from their jet substructure at a"
                        + " $10^{-3}$ mistag rate.\n\nA second paragraph stays a paragraph.");
        assertThat(paper.categories()).containsExactly("hep-ph", "hep-ex", "cs.LG");
        assertThat(paper.authors()).containsExactly("Hana Collider", "Ivo Detektor");
    }

    @Test
    void oaiArxivFormatGivesCreatedAndUpdatedAndParsedAuthors() {
        PaperRecord paper =
                read("oai-arxiv-format.xml", "http://127.0.0.1:8/oai2").papers.get(0);

        assertThat(paper.id()).isEqualTo("0704.0001");
        assertThat(paper.authors()).containsExactly("C. Balázs", "E. L. Berger", "C. -P. Yuan Jr");
        assertThat(paper.sourceTime()).isEqualTo("2007-04-02T00:00:00Z");
        assertThat(paper.revision())
                .as("no version number in this format: the update's day")
                .isEqualTo(new PaperRecord.Revision(0, Instant.parse("2007-07-24T00:00:00Z")));
    }

    @Test
    void aDocumentCutOffIsReportedWhereItBreaksAfterTheEntriesBefore() {
        ReadAll all = read("api-broken.xml", "http://127.0.0.1:8/api/query");

        assertThat(all.papers).extracting(PaperRecord::id).containsExactly("2412.00003");
        assertThat(all.messages())
                .singleElement()
                .asString()
                .startsWith("http://127.0.0.1:8/api/query:13: entry 2: malformed XML: ");
    }

    @Test
    void anEntryLongerThanTheLimitIsReportedAndTheNextRead() throws IOException {
        byte[] bytes = Samples.bytes("arxiv/rss-cs.CL.xml");
        ReadAll all = ReadAll.of(ArxivXmlReader.rss(
                new ByteArrayInputStream(bytes),
                Origin.url(URI.create("http://127.0.0.1:8/rss")),
                new ReaderOptions(400, 2025)));

        assertThat(all.messages())
                .startsWith("http://127.0.0.1:8/rss:18: entry 1 holds more than 400 characters")
                .endsWith("http://127.0.0.1:8/rss:50: entry 3 (2412.00005): empty abstract for title"
                        + " 'A Paper Whose Abstract Went Missing'");
    }

    @Test
    void aDocumentTypeDeclarationIsRefused() {
        byte[] bytes = ("<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<feed><entry><id>2412.00001v1</id><title>&x;</title><summary>s</summary></entry></feed>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ReadAll all = ReadAll.of(ArxivXmlReader.atom(
                new ByteArrayInputStream(bytes), Origin.url(URI.create("http://127.0.0.1:8/evil")), OPTIONS));

        assertThat(all.papers).as("no entity from the file system").isEmpty();
        assertThat(all.messages()).singleElement().asString().startsWith("http://127.0.0.1:8/evil:1: ");
    }

    @Test
    void aDocumentInAnEncodingNoParserKnowsIsOneBadRecord() {
        byte[] bytes = "<?xml version=\"1.0\" encoding=\"x-unknown\"?><rss><channel/></rss>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        ReadAll all = ReadAll.of(ArxivXmlReader.rss(
                new ByteArrayInputStream(bytes), Origin.url(URI.create("http://127.0.0.1:8/odd")), OPTIONS));

        assertThat(all.papers).isEmpty();
        assertThat(all.messages())
                .singleElement()
                .asString()
                .startsWith("http://127.0.0.1:8/odd:1: ")
                .contains("x-unknown");
    }
}
