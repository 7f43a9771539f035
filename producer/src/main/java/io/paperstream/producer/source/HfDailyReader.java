package io.paperstream.producer.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.text.TextNormalizer;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Hugging Face daily-papers JSON, the response of {@code /api/daily_papers}: an array of
 * entries {@code {"paper": {"id": "2410.17215", "title", "summary", "authors": [{"name"}],
 * "publishedAt", "githubRepo", "projectPage", ...}, "publishedAt", "title", "numComments",
 * ...}}. The entry's engagement figures ({@code upvotes}, {@code githubStars}, {@code numComments}, in the paper
 * object or the entry) come with the paper ({@link Engagement#ofDailyPapersEntry}). Also accepted: a paper object without the {@code paper} wrapper, and several such
 * arrays or objects one after another (JSON Lines). The paper's {@code publishedAt} is the
 * event time, else the entry's. Title and summary are normalized ({@link TextNormalizer}), the
 * source's text kept beside them; the id is made from the source's text.
 *
 * <p>Entries are parsed one at a time from a streaming parser, so a large file is never held
 * whole; a string longer than {@link ReaderOptions#maxLineBytes()} is refused. An entry without
 * title or summary is reported and skipped; a JSON syntax error (including malformed UTF-8,
 * and bytes Jackson takes for UTF-32 because they start with NULs) is reported with its line
 * and ends this input, because nothing after it can be trusted to be where it seems.
 */
public final class HfDailyReader implements PaperReader {

    private final InputStream in;
    private final Origin origin;
    private final ObjectMapper json;
    private JsonParser parser;
    private boolean inArray;
    private boolean finished;

    /**
     * @param in the JSON, read lazily and closed by {@link #close()}
     * @param origin where the JSON comes from, for messages and source URIs
     * @param options the longest string accepted
     */
    public HfDailyReader(InputStream in, Origin origin, ReaderOptions options) {
        this.in = in;
        this.origin = origin;
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxStringLength(options.maxLineBytes())
                .build();
        this.json = new ObjectMapper(
                JsonFactory.builder().streamReadConstraints(limits).build());
    }

    @Override
    public Optional<ReadResult> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        try {
            if (parser == null) {
                parser = json.getFactory().createParser(in);
            }
            return nextEntry();
        } catch (JsonProcessingException e) {
            return Optional.of(invalidJson(e.getLocation(), e.getOriginalMessage()));
        } catch (CharConversionException e) {
            // Jackson reads input whose first four bytes hold NULs as UTF-32 (or UTF-16): no UTF-8 JSON, no I/O error
            return Optional.of(invalidJson(parser == null ? null : parser.currentLocation(), e.getMessage()));
        }
    }

    /** The bad record that ends this input. */
    private BadRecord invalidJson(JsonLocation where, String problem) {
        finished = true;
        long line = where == null ? 0 : Math.max(where.getLineNr(), 0);
        return new BadRecord(origin.at(line), "invalid JSON: " + problem + "; the rest of this input is skipped");
    }

    private Optional<ReadResult> nextEntry() throws IOException {
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            long line = parser.currentTokenLocation().getLineNr();
            if (token == JsonToken.START_ARRAY && !inArray) {
                inArray = true;
            } else if (token == JsonToken.END_ARRAY) {
                inArray = false;
            } else if (token == JsonToken.START_OBJECT) {
                JsonNode entry = json.readTree(parser);
                return Optional.of(entry(entry, origin.at(line)));
            } else {
                String found = parser.getText();
                parser.skipChildren();
                return Optional.of(new BadRecord(
                        origin.at(line), "expected a daily-papers entry (a JSON object), found " + found));
            }
        }
        finished = true;
        return Optional.empty();
    }

    private static ReadResult entry(JsonNode entry, SourceLocation location) {
        JsonNode paper = entry.path("paper").isObject() ? entry.get("paper") : entry;
        String title = JsonFields.firstPresent(JsonFields.text(paper, "title"), JsonFields.text(entry, "title"));
        if (title == null) {
            return new BadRecord(location, "missing title");
        }
        String summary = JsonFields.firstPresent(JsonFields.text(paper, "summary"), JsonFields.text(entry, "summary"));
        if (summary == null) {
            return new BadRecord(location, "empty abstract for title " + BadRecord.quote(title));
        }
        String hfId = JsonFields.text(paper, "id");
        Optional<String> arxivId = PaperId.normalizeArxivId(hfId);
        Instant published = Optional.ofNullable(JsonFields.iso(JsonFields.text(paper, "publishedAt")))
                .orElseGet(() -> JsonFields.iso(JsonFields.text(entry, "publishedAt")));
        return new PaperRecord(
                PaperId.of(arxivId.orElse(null), title, summary),
                TextNormalizer.normalize(title),
                TextNormalizer.normalize(summary),
                title,
                summary,
                authors(paper),
                List.of(),
                links(hfId, arxivId, paper),
                SourceFormat.HF_DAILY,
                location,
                published,
                null,
                Engagement.ofDailyPapersEntry(entry, paper));
    }

    private static List<String> authors(JsonNode paper) {
        List<String> names = new ArrayList<>();
        JsonNode authors = paper.get("authors");
        if (authors != null && authors.isArray()) {
            for (JsonNode author : authors) {
                String name = author.isTextual() ? author.asText() : JsonFields.text(author, "name");
                if (name != null && !name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    private static List<String> links(String hfId, Optional<String> arxivId, JsonNode paper) {
        List<String> links = new ArrayList<>();
        if (hfId != null && !hfId.isBlank()) {
            links.add("https://huggingface.co/papers/" + hfId.strip());
        }
        arxivId.ifPresent(id -> links.add("https://arxiv.org/abs/" + id));
        for (String field : List.of("githubRepo", "projectPage")) {
            String link = JsonFields.text(paper, field);
            if (link != null && !link.isBlank()) {
                links.add(link.strip());
            }
        }
        return links;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        in.close();
    }
}
