package io.paperstream.producer.source;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The pages of one arXiv harvest round, in order: which URL comes first, which follows a page once it has been
 * read, and how a page is parsed. The harvest's position lives in the {@link HarvestState} under {@link #key()}.
 */
public sealed interface HarvestPages {

    /** The harvest's name in the state file: the source and its query. */
    String key();

    /** The first page of a round, from the position on record. */
    URI first(HarvestState state);

    /** The page after {@code page} (read to its end), recording the position reached; empty at the round's end. */
    Optional<URI> next(URI page, ArxivXmlReader read, HarvestState state);

    /** Opens a page's parser. */
    ArxivXmlReader open(InputStream in, Origin origin, ReaderOptions options);

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Search or listing results of the Atom API, newest submissions first, in pages of {@code pageSize}
     * ({@code start}/{@code max_results}) up to {@code maxResults}; each round starts from the newest again.
     *
     * @param api the API's query URL ({@code http://export.arxiv.org/api/query})
     * @param query the {@code search_query}, such as {@code cat:cs.CL}
     * @param pageSize results per request
     * @param maxResults results per round
     */
    record Api(URI api, String query, int pageSize, int maxResults) implements HarvestPages {

        @Override
        public String key() {
            return "api " + api + " " + query;
        }

        @Override
        public URI first(HarvestState state) {
            return page(0);
        }

        private URI page(int start) {
            return URI.create(api + "?search_query=" + encode(query)
                    + "&sortBy=submittedDate&sortOrder=descending&start=" + start + "&max_results="
                    + Math.min(pageSize, maxResults - start));
        }

        @Override
        public Optional<URI> next(URI page, ArxivXmlReader read, HarvestState state) {
            int start = Integer.parseInt(parameter(page, "start").orElse("0")) + read.entryCount();
            int total = read.header("totalResults").map(Api::number).orElse(0);
            return read.entryCount() == 0 || start >= Math.min(total, maxResults)
                    ? Optional.empty()
                    : Optional.of(page(start));
        }

        private static int number(String text) {
            return text.matches("\\d{1,9}") ? Integer.parseInt(text) : 0;
        }

        @Override
        public ArxivXmlReader open(InputStream in, Origin origin, ReaderOptions options) {
            return ArxivXmlReader.atom(in, origin, options);
        }
    }

    /**
     * The new-submission feeds of some categories ({@code <feeds>/rss/cs.CL} or {@code <feeds>/atom/cs.CL}), one
     * page each.
     *
     * @param feeds the feeds' base URL ({@code https://rss.arxiv.org})
     * @param categories the categories, such as {@code cs.CL}
     * @param atom Atom feeds instead of RSS
     */
    record Feeds(URI feeds, List<String> categories, boolean atom) implements HarvestPages {

        public Feeds {
            categories = List.copyOf(categories);
            if (categories.isEmpty()) {
                throw new IllegalArgumentException("no category");
            }
        }

        @Override
        public String key() {
            return (atom ? "atom " : "rss ") + feeds + " " + String.join(",", categories);
        }

        private URI feed(int index) {
            return URI.create(feeds + (atom ? "/atom/" : "/rss/") + encode(categories.get(index)));
        }

        @Override
        public URI first(HarvestState state) {
            return feed(0);
        }

        @Override
        public Optional<URI> next(URI page, ArxivXmlReader read, HarvestState state) {
            for (int i = 0; i + 1 < categories.size(); i++) {
                if (feed(i).equals(page)) {
                    return Optional.of(feed(i + 1));
                }
            }
            return Optional.empty();
        }

        @Override
        public ArxivXmlReader open(InputStream in, Origin origin, ReaderOptions options) {
            return atom ? ArxivXmlReader.atom(in, origin, options) : ArxivXmlReader.rss(in, origin, options);
        }
    }

    /**
     * OAI-PMH {@code ListRecords}: the first request names the metadata format, set and dates; the following ones
     * only the resumption token of the page before. The token is recorded after each page, so a restarted harvest
     * goes on where it stopped; a finished harvest records the day of its latest record, and the next round
     * harvests from that day (OAI's incremental harvesting: records changed since).
     *
     * @param oai the repository's base URL ({@code https://export.arxiv.org/oai2})
     * @param metadataPrefix {@code arXivRaw} or {@code arXiv}
     * @param set a set such as {@code cs}, or null for all
     * @param from the first day of the first round, or null for the repository's beginning
     * @param until the last day, or null for today
     */
    record Oai(URI oai, String metadataPrefix, String set, LocalDate from, LocalDate until) implements HarvestPages {

        static final String TOKEN = "resumptionToken";
        static final String FROM = "from";
        static final String LATEST = "latestDatestamp";

        @Override
        public String key() {
            return "oai " + oai + " " + metadataPrefix + " " + (set == null ? "*" : set) + " "
                    + (from == null ? "*" : from) + ".." + (until == null ? "*" : until);
        }

        @Override
        public URI first(HarvestState state) {
            Optional<String> token = state.position(key(), TOKEN);
            if (token.isPresent()) {
                return resume(token.get());
            }
            Optional<String> next = state.position(key(), FROM)
                    .or(() -> Optional.ofNullable(from).map(String::valueOf));
            return URI.create(oai + "?verb=ListRecords&metadataPrefix=" + encode(metadataPrefix)
                    + (set == null ? "" : "&set=" + encode(set))
                    + next.map(day -> "&from=" + day).orElse("")
                    + (until == null ? "" : "&until=" + until));
        }

        private URI resume(String token) {
            return URI.create(oai + "?verb=ListRecords&resumptionToken=" + encode(token));
        }

        @Override
        public Optional<URI> next(URI page, ArxivXmlReader read, HarvestState state) {
            read.latestDatestamp()
                    .map(at -> at.atZone(ZoneOffset.UTC).toLocalDate().toString())
                    .filter(day -> day.compareTo(state.position(key(), LATEST).orElse("")) > 0)
                    .ifPresent(day -> state.setPosition(key(), LATEST, day));
            Optional<String> token = read.header(TOKEN);
            state.setPosition(key(), TOKEN, token.orElse(null));
            if (token.isPresent()) {
                return Optional.of(resume(token.get()));
            }
            // the day of the round's latest record: the next round asks for what changed since (that day again
            // included, its records already sent are known)
            state.position(key(), LATEST).ifPresent(day -> state.setPosition(key(), FROM, day));
            state.setPosition(key(), LATEST, null);
            return Optional.empty();
        }

        @Override
        public ArxivXmlReader open(InputStream in, Origin origin, ReaderOptions options) {
            return ArxivXmlReader.oai(in, origin, options);
        }
    }

    /** A query parameter's (undecoded) value. */
    private static Optional<String> parameter(URI url, String name) {
        String query = url.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return Optional.of(pair.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }
}
