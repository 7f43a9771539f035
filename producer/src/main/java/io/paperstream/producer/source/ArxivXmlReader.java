package io.paperstream.producer.source;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Reads arXiv's XML formats with the JDK's StAX parser, one entry at a time: the Atom of the API
 * ({@code export.arxiv.org/api/query}) and of the new-submission feeds ({@code rss.arxiv.org/atom/cs.CL}), the RSS
 * 2.0 of the feeds ({@code rss.arxiv.org/rss/cs.CL}), and OAI-PMH {@code ListRecords} pages in the {@code arXivRaw}
 * or {@code arXiv} metadata format. An entry that lacks an id, a title or an abstract is reported with the
 * document's name, its line and the entry's position, and the next entry is read; a document that is not
 * well-formed XML is reported where it breaks and ends there. The paging information of the document
 * ({@code totalResults}, {@code resumptionToken}, an OAI {@code error}) is kept for {@link ArxivHarvester}.
 */
public final class ArxivXmlReader implements PaperReader {

    /** Maps one entry element; empty for an entry that is no paper (a deleted OAI record). */
    @FunctionalInterface
    private interface EntryMapper {
        Optional<ReadResult> map(XmlElement entry, SourceLocation location, int position);
    }

    private final XmlEntries entries;
    private final Origin origin;
    private final EntryMapper mapper;
    private int entryCount;
    private Instant latestDatestamp;

    private ArxivXmlReader(XmlEntries entries, Origin origin, EntryMapper mapper) {
        this.entries = entries;
        this.origin = origin;
        this.mapper = mapper;
    }

    /** Atom: an API result page, or an Atom new-submission feed. */
    public static ArxivXmlReader atom(InputStream in, Origin origin, ReaderOptions options) {
        XmlEntries entries = new XmlEntries(
                in, Set.of("entry"), Set.of("totalResults", "startIndex", "itemsPerPage"), options.maxLineBytes());
        return new ArxivXmlReader(
                entries,
                origin,
                (entry, location, position) ->
                        Optional.of(ArxivXmlFormats.atom(entry).build(SourceFormat.ARXIV_ATOM, location, position)));
    }

    /** RSS 2.0: a new-submission feed. */
    public static ArxivXmlReader rss(InputStream in, Origin origin, ReaderOptions options) {
        XmlEntries entries = new XmlEntries(in, Set.of("item"), Set.of(), options.maxLineBytes());
        return new ArxivXmlReader(
                entries,
                origin,
                (entry, location, position) ->
                        Optional.of(ArxivXmlFormats.rss(entry).build(SourceFormat.ARXIV_RSS, location, position)));
    }

    /** OAI-PMH: a {@code ListRecords} (or {@code GetRecord}) page in {@code arXivRaw} or {@code arXiv} metadata. */
    public static ArxivXmlReader oai(InputStream in, Origin origin, ReaderOptions options) {
        XmlEntries entries =
                new XmlEntries(in, Set.of("record"), Set.of("resumptionToken", "error"), options.maxLineBytes());
        ArxivXmlReader[] reader = new ArxivXmlReader[1];
        reader[0] = new ArxivXmlReader(entries, origin, (entry, location, position) -> {
            reader[0].noteDatestamp(ArxivXmlFormats.datestamp(entry));
            return ArxivXmlFormats.oai(entry, location, position);
        });
        return reader[0];
    }

    @Override
    public Optional<ReadResult> next() {
        while (true) {
            Optional<XmlEntries.Item> item = entries.next();
            if (item.isEmpty()) {
                return Optional.empty();
            }
            if (item.get() instanceof XmlEntries.Broken broken) {
                return Optional.of(new BadRecord(origin.at(broken.line()), broken.reason()));
            }
            XmlEntries.Entry entry = (XmlEntries.Entry) item.get();
            entryCount++;
            Optional<ReadResult> result =
                    mapper.map(entry.element(), origin.at(entry.element().line()), entry.position());
            if (result.isPresent()) {
                return result;
            }
        }
    }

    /** How many entries were read so far, papers, bad and deleted records alike. */
    public int entryCount() {
        return entryCount;
    }

    /** The text of a paging element seen so far outside the entries ({@code totalResults}, {@code resumptionToken}). */
    public Optional<String> header(String name) {
        return entries.header(name).map(XmlElement::strippedText);
    }

    /** An element seen so far outside the entries, with its attributes (an OAI {@code error} and its code). */
    public Optional<XmlElement> headerElement(String name) {
        return entries.header(name);
    }

    /** The latest OAI datestamp among the records read so far, if any. */
    public Optional<Instant> latestDatestamp() {
        return Optional.ofNullable(latestDatestamp);
    }

    private void noteDatestamp(Instant datestamp) {
        if (datestamp != null && (latestDatestamp == null || datestamp.isAfter(latestDatestamp))) {
            latestDatestamp = datestamp;
        }
    }

    @Override
    public void close() throws IOException {
        entries.close();
    }
}
