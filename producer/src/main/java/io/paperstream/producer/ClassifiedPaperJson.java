package io.paperstream.producer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.TopicScore;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes classified papers as JSON Lines in UTF-8, the output of {@code classify}: per paper one
 * object with {@code id}, {@code title} (exactly as in the input), {@code primary},
 * {@code topics} (primary first, each with {@code id}, {@code score} and {@code evidence}),
 * {@code urls}, {@code codeUrls}, {@code arxivId} (null when unknown), {@code codeReleased},
 * {@code dataReleased}, {@code keyphrases}, {@code words}, {@code taxonomyVersion} and
 * {@code location} (file:line of the paper in the input).
 */
final class ClassifiedPaperJson {

    // characters outside the Basic Multilingual Plane (emoji, rare CJK) as UTF-8 too, not as escaped surrogate pairs
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private final JsonGenerator json;

    /** Writes to {@code out}, which is flushed after every paper and never closed. */
    ClassifiedPaperJson(OutputStream out) throws SinkException {
        try {
            this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw failure(e);
        }
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // each object ends its own line; no separator before the next
        json.setRootValueSeparator(null);
    }

    /**
     * Writes one paper as one line and flushes it.
     *
     * @param paper the paper as the streams application classifies it
     * @param location where it was read, {@code file:line}
     * @throws SinkException when the output cannot be written (a closed pipe)
     */
    void write(ClassifiedPaper paper, String location) throws SinkException {
        try {
            writeObject(paper, location);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void writeObject(ClassifiedPaper paper, String location) throws IOException {
        EnrichedPaper enriched = paper.getPaper();
        json.writeStartObject();
        json.writeStringField("id", enriched.getPaper().getId());
        json.writeStringField("title", enriched.getPaper().getTitle());
        json.writeStringField("primary", paper.getPrimaryTopic());
        json.writeArrayFieldStart("topics");
        for (TopicScore topic : paper.getTopics()) {
            json.writeStartObject();
            json.writeStringField("id", topic.getId());
            json.writeNumberField("score", topic.getScore());
            writeStrings("evidence", topic.getEvidence());
            writeStrings("categories", topic.getCategories());
            json.writeEndObject();
        }
        json.writeEndArray();
        writeStrings("urls", enriched.getUrls());
        writeStrings("codeUrls", enriched.getCodeUrls());
        json.writeStringField("arxivId", enriched.getArxivId());
        json.writeBooleanField("codeReleased", enriched.getCodeReleased());
        json.writeBooleanField("dataReleased", enriched.getDataReleased());
        writeStrings("keyphrases", enriched.getKeyphrases());
        json.writeNumberField("words", enriched.getWordCount());
        json.writeStringField("taxonomyVersion", paper.getTaxonomyVersion());
        json.writeStringField("location", location);
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
    }

    private void writeStrings(String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static SinkException failure(IOException e) {
        return new SinkException("cannot write to standard output: " + e.getMessage(), e);
    }
}
