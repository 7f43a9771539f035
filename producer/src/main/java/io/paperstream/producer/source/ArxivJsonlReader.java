package io.paperstream.producer.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.text.TextNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the arXiv metadata snapshot format: JSON Lines, one paper object per line with
 * {@code id}, {@code title}, {@code abstract}, {@code authors} (a string) and
 * {@code authors_parsed} ({@code [[last, first, suffix], ...]}), {@code categories}
 * (space-separated), {@code versions} ({@code [{"version": "v1", "created": "Mon, 2 Apr 2007
 * 19:18:42 GMT"}]}), {@code update_date} ({@code 2008-11-13}), {@code doi}. Title and abstract
 * are normalized ({@link TextNormalizer}: the snapshot hard-wraps both and writes LaTeX), the
 * snapshot's text kept beside them; the id is made from the snapshot's text. Event time: the first version's creation time,
 * else the update date; the last version (number and creation time) is the paper's revision. Each line is parsed on its own, so a bad line is reported and the next
 * line is read normally; blank lines are ignored.
 */
public final class ArxivJsonlReader implements PaperReader {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // a separator may start only where a run of whitespace starts (or where the last separator ended): tried at
    // every position inside a long run, as the plain \s*,\s*|\s+and\s+ is, splitting takes time quadratic in the run
    private static final Pattern AUTHOR_SEPARATOR = Pattern.compile("(?:(?<!\\s)|\\G)(?:\\s*,\\s*|\\s+and\\s+)");

    private final LineReader lines;
    private final Origin origin;

    /**
     * @param in the JSON Lines, read lazily and closed by {@link #close()}
     * @param origin where the lines come from, for messages and source URIs
     * @param options the line limit
     */
    public ArxivJsonlReader(InputStream in, Origin origin, ReaderOptions options) {
        this.lines = new LineReader(in, options.maxLineBytes());
        this.origin = origin;
    }

    @Override
    public Optional<ReadResult> next() throws IOException {
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.isBad()) {
                return Optional.of(new BadRecord(origin.at(line.number()), line.problem()));
            }
            if (!line.isBlank()) {
                return Optional.of(parse(line));
            }
        }
        return Optional.empty();
    }

    private ReadResult parse(LineReader.Line line) {
        SourceLocation location = origin.at(line.number());
        JsonNode node;
        try {
            node = JSON.readTree(line.text());
        } catch (JsonProcessingException e) {
            return new BadRecord(location, "invalid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            return new BadRecord(
                    location,
                    "expected a JSON object, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String title = JsonFields.text(node, "title");
        if (title == null || title.isBlank()) {
            return new BadRecord(location, "missing title");
        }
        String abstractText = JsonFields.text(node, "abstract");
        if (abstractText == null || abstractText.isBlank()) {
            return new BadRecord(location, "empty abstract for title " + BadRecord.quote(title));
        }
        Optional<String> arxivId = PaperId.normalizeArxivId(JsonFields.text(node, "id"));
        String id = PaperId.of(arxivId.orElse(null), title, abstractText);
        return new PaperRecord(
                id,
                TextNormalizer.normalize(title),
                TextNormalizer.normalize(abstractText),
                title,
                abstractText,
                authors(node),
                JsonFields.words(node, "categories"),
                links(arxivId, JsonFields.text(node, "doi")),
                SourceFormat.ARXIV_JSONL,
                location,
                eventTime(node),
                latestVersion(node));
    }

    private static List<String> authors(JsonNode node) {
        JsonNode parsed = node.get("authors_parsed");
        List<String> names = new ArrayList<>();
        if (parsed != null && parsed.isArray() && !parsed.isEmpty()) {
            for (JsonNode author : parsed) {
                String last = JsonFields.text(author, 0);
                String first = JsonFields.text(author, 1);
                String suffix = JsonFields.text(author, 2);
                String name = String.join(" ", nonBlank(first, last, suffix));
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            return names;
        }
        return splitAuthors(JsonFields.text(node, "authors"));
    }

    /** Author names from one string such as {@code A. One, B. Two and C. Three}; empty for null. */
    static List<String> splitAuthors(String authors) {
        List<String> names = new ArrayList<>();
        if (authors != null) {
            for (String name : AUTHOR_SEPARATOR.split(authors.strip())) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    private static List<String> nonBlank(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                kept.add(part.strip());
            }
        }
        return kept;
    }

    private static List<String> links(Optional<String> arxivId, String doi) {
        List<String> links = new ArrayList<>();
        arxivId.ifPresent(id -> links.add("https://arxiv.org/abs/" + id));
        if (doi != null && !doi.isBlank()) {
            links.add("https://doi.org/" + doi.strip().split("\\s+")[0]);
        }
        return links;
    }

    private static Instant eventTime(JsonNode node) {
        JsonNode versions = node.get("versions");
        if (versions != null && versions.isArray() && !versions.isEmpty()) {
            Instant created = JsonFields.rfc1123(JsonFields.text(versions.get(0), "created"));
            if (created != null) {
                return created;
            }
        }
        return JsonFields.iso(JsonFields.text(node, "update_date"));
    }

    /** The last entry of {@code versions} (number and creation time); null when there is none or its time is unreadable. */
    private static PaperRecord.Revision latestVersion(JsonNode node) {
        JsonNode versions = node.get("versions");
        if (versions == null || !versions.isArray() || versions.isEmpty()) {
            return null;
        }
        JsonNode last = versions.get(versions.size() - 1);
        Instant created = JsonFields.rfc1123(JsonFields.text(last, "created"));
        return created == null
                ? null
                : new PaperRecord.Revision(ArxivPaper.version(JsonFields.text(last, "version")), created);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
