package io.paperstream.producer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The dry-run sink: each event as one JSON object per line ({@code id}, {@code title},
 * {@code abstract}, {@code authors}, {@code categories}, {@code links}, {@code publishedAt} in
 * ISO-8601, {@code source}, {@code sourceUri}, and {@code originalTitle},
 * {@code originalAbstract} and {@code updatedAt} when the event has them); each engagement observation as one
 * object with {@code paperId}, {@code source}, {@code observedAt}, and {@code upvotes}, {@code githubStars},
 * {@code comments} and {@code sourceUri} when it has them. Non-ASCII characters are written as JSON
 * escapes, so the output is exact whatever the console's encoding.
 */
final class JsonLinesSink implements PaperSink {

    private static final JsonFactory JSON =
            JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final PrintWriter out;
    private long sent;

    JsonLinesSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void send(PaperAbstract event) throws SinkException {
        try {
            JsonGenerator json = startObject();
            json.writeStringField("id", event.getId());
            json.writeStringField("title", event.getTitle());
            json.writeStringField("abstract", event.getAbstract$());
            writeArray(json, "authors", event.getAuthors());
            writeArray(json, "categories", event.getCategories());
            writeArray(json, "links", event.getLinks());
            json.writeStringField("publishedAt", event.getPublishedAt().toString());
            json.writeStringField("source", event.getSource());
            json.writeStringField("sourceUri", event.getSourceUri());
            writeIfPresent(json, "originalTitle", event.getOriginalTitle());
            writeIfPresent(json, "originalAbstract", event.getOriginalAbstract());
            writeIfPresent(
                    json,
                    "updatedAt",
                    event.getUpdatedAt() == null ? null : event.getUpdatedAt().toString());
            endLine(json);
        } catch (IOException e) {
            throw new SinkException("cannot write to standard output: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(PaperEngagement event) throws SinkException {
        try {
            JsonGenerator json = startObject();
            json.writeStringField("paperId", event.getPaperId());
            json.writeStringField("source", event.getSource());
            json.writeStringField("observedAt", event.getObservedAt().toString());
            writeIfPresent(json, "upvotes", event.getUpvotes());
            writeIfPresent(json, "githubStars", event.getGithubStars());
            writeIfPresent(json, "comments", event.getComments());
            writeIfPresent(json, "sourceUri", event.getSourceUri());
            endLine(json);
        } catch (IOException e) {
            throw new SinkException("cannot write to standard output: " + e.getMessage(), e);
        }
    }

    private JsonGenerator startObject() throws IOException {
        JsonGenerator json = JSON.createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        return json;
    }

    private void endLine(JsonGenerator json) throws IOException, SinkException {
        json.writeEndObject();
        json.flush();
        out.println();
        if (out.checkError()) {
            throw new SinkException("cannot write to standard output");
        }
        sent++;
    }

    private static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    private static void writeIfPresent(JsonGenerator json, String field, Long value) throws IOException {
        if (value != null) {
            json.writeNumberField(field, value);
        }
    }

    private static void writeArray(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    @Override
    public long sent() {
        return sent;
    }

    @Override
    public long failed() {
        return 0;
    }

    @Override
    public Optional<String> failure() {
        return Optional.empty();
    }

    @Override
    public boolean flush() {
        out.flush();
        return !out.checkError();
    }

    @Override
    public void close(Duration timeout) {
        out.flush();
    }
}
