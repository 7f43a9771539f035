package io.paperstream.producer.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Opens the right {@link PaperReader} for an input: in the format given, or in the format
 * detected from its first bytes. Gzip-compressed input is decompressed on the fly; a zip
 * archive or UTF-16 text is refused with one bad record rather than read as garbage.
 */
public final class PaperReaders {

    /** How far detection looks into the input. */
    private static final int DETECTION_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    // the first element's name, past the declaration, comments and processing instructions: a peek at the first
    // bytes, not a parse (the reader parses with StAX)
    private static final Pattern XML_ROOT = Pattern.compile("<([A-Za-z][\\w:.-]*)");

    private PaperReaders() {}

    /**
     * Opens a reader.
     *
     * @param format the input's format, or empty to detect it
     * @param in the input, closed when the reader is closed
     * @param origin where the input comes from
     * @param options reader settings
     */
    public static PaperReader open(Optional<SourceFormat> format, InputStream in, Origin origin, ReaderOptions options)
            throws IOException {
        BufferedInputStream input = new BufferedInputStream(in, DETECTION_BYTES);
        byte[] head = peek(input);
        if (startsWith(head, 0x1f, 0x8b)) {
            return open(format, new GZIPInputStream(input), origin, options);
        }
        Optional<String> unsupported = unsupportedEncoding(head);
        if (unsupported.isPresent()) {
            input.close();
            return new SingleBadRecord(new BadRecord(origin.at(1), unsupported.get()));
        }
        return switch (format.orElseGet(() -> detect(head))) {
            case ARXIV_JSONL -> new ArxivJsonlReader(input, origin, options);
            case HF_DAILY -> new HfDailyReader(input, origin, options);
            case TRENDING_PAGE -> new TrendingPageReader(input, origin, options);
            case ARXIV_ATOM -> ArxivXmlReader.atom(input, origin, options);
            case ARXIV_RSS -> ArxivXmlReader.rss(input, origin, options);
            case ARXIV_OAI -> ArxivXmlReader.oai(input, origin, options);
        };
    }

    /**
     * The format of an input starting with these bytes: a JSON array is daily-papers JSON; an
     * object is arXiv JSON Lines when its first line is an object with an {@code abstract}
     * field (or without {@code paper} and {@code summary}), else daily-papers JSON (such as a
     * pretty-printed object); XML is arXiv Atom, RSS or OAI-PMH by its root element; anything else is
     * trending-page text.
     */
    public static SourceFormat detect(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).stripLeading();
        }
        if (text.startsWith("<")) {
            return xmlFormat(text);
        }
        if (text.startsWith("[")) {
            return SourceFormat.HF_DAILY;
        }
        if (!text.startsWith("{")) {
            return SourceFormat.TRENDING_PAGE;
        }
        int end = text.indexOf('\n');
        String firstLine = end < 0 ? text : text.substring(0, end);
        try {
            JsonNode first = JSON.readTree(firstLine);
            boolean daily = !first.has("abstract") && (first.has("paper") || first.has("summary"));
            return daily ? SourceFormat.HF_DAILY : SourceFormat.ARXIV_JSONL;
        } catch (JsonProcessingException e) {
            boolean lineCutShort = end < 0;
            return lineCutShort && text.contains("\"abstract\"") ? SourceFormat.ARXIV_JSONL : SourceFormat.HF_DAILY;
        }
    }

    /** The arXiv XML format of a document by its root element (after any declaration and comments). */
    private static SourceFormat xmlFormat(String text) {
        Matcher root = XML_ROOT.matcher(text);
        String name = root.find() ? root.group(1) : "";
        return switch (name) {
            case "rss", "rdf:RDF" -> SourceFormat.ARXIV_RSS;
            case "OAI-PMH" -> SourceFormat.ARXIV_OAI;
            case "feed" -> SourceFormat.ARXIV_ATOM;
            default -> SourceFormat.TRENDING_PAGE;
        };
    }

    private static byte[] peek(BufferedInputStream input) throws IOException {
        input.mark(DETECTION_BYTES);
        byte[] head = input.readNBytes(DETECTION_BYTES);
        input.reset();
        return head;
    }

    private static Optional<String> unsupportedEncoding(byte[] head) {
        if (startsWith(head, 'P', 'K', 3, 4)) {
            return Optional.of("zip archive: unzip it first (gzip is read directly)");
        }
        if (startsWith(head, 0xff, 0xfe) || startsWith(head, 0xfe, 0xff)) {
            return Optional.of("UTF-16 text: convert it to UTF-8 first");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        int[] actual = new int[prefix.length];
        for (int i = 0; i < prefix.length; i++) {
            actual[i] = head[i] & 0xff;
        }
        return Arrays.equals(actual, prefix);
    }

    /** A reader for an input refused as a whole: one bad record, then the end. */
    private static final class SingleBadRecord implements PaperReader {
        private BadRecord record;

        SingleBadRecord(BadRecord record) {
            this.record = record;
        }

        @Override
        public Optional<ReadResult> next() {
            Optional<ReadResult> result = Optional.ofNullable(record);
            record = null;
            return result;
        }

        @Override
        public void close() {}
    }
}
