package io.paperstream.enrich;

import java.util.ArrayList;
import java.util.List;

/**
 * Enriches one paper: URLs and code repositories, arXiv id, code and data release, word count,
 * keyphrases and content hash. Combines {@link LinkExtractor}, {@link CodeHosts},
 * {@link ArxivIds}, {@link ReleaseStatements}, {@link KeyphraseExtractor} and {@link ContentHash}.
 * Immutable and thread-safe: create one and call {@link #enrich} per event.
 */
public final class Enricher {

    // kinds of character for wordCount: bit 0 space, bit 1 letter or digit
    private static final byte OTHER = 0;
    private static final byte SPACE = 1;
    private static final byte ALPHANUMERIC = 2;
    /** What each ASCII character is to {@link #wordCount}: a space, a letter or digit, or other. */
    private static final byte[] ASCII_KINDS = asciiKinds();

    private final LinkExtractor links = new LinkExtractor();
    private final ReleaseStatements releases = new ReleaseStatements();
    private final KeyphraseExtractor keyphrases;

    /** An enricher extracting {@value KeyphraseExtractor#DEFAULT_COUNT} keyphrases per paper. */
    public Enricher() {
        this(new KeyphraseExtractor());
    }

    public Enricher(KeyphraseExtractor keyphrases) {
        this.keyphrases = keyphrases;
    }

    /**
     * Enriches a paper.
     *
     * @param id the paper id (an arXiv id when the source knows one), may be null
     * @param title the title, may be null
     * @param abstractText the abstract, may be null
     * @param paperLinks links the source gives for the paper (may be null or empty)
     */
    public Enrichment enrich(String id, String title, String abstractText, List<String> paperLinks) {
        List<CharSequence> texts = new ArrayList<>();
        texts.add(abstractText);
        if (paperLinks != null) {
            texts.addAll(paperLinks);
        }
        List<String> urls = links.extract(texts);
        List<String> codeUrls =
                urls.stream().filter(CodeHosts::isCodeRepository).toList();
        ReleaseStatements.Released released = releases.find(abstractText);
        boolean codeLinked = codeUrls.stream().anyMatch(url -> !CodeHosts.isDatasetRepository(url));
        boolean dataLinked = codeUrls.stream().anyMatch(CodeHosts::isDatasetRepository);
        String arxivId = ArxivIds.find(id, urls, title, abstractText).orElse(null);
        return new Enrichment(
                urls,
                codeUrls,
                arxivId,
                codeLinked || released.code(),
                dataLinked || released.data(),
                wordCount(abstractText),
                keyphrases.extract(title, abstractText),
                ContentHash.of(title, abstractText));
    }

    /** Words of {@code text}: runs of non-space characters that contain a letter or digit. */
    public static int wordCount(String text) {
        int n = text == null ? 0 : text.length();
        int words = 0;
        // 1 while the current run of non-space characters has a letter or digit; branch-free, since
        // word ends come too irregularly for branch prediction
        int alphanumeric = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int kind = c < 128 ? ASCII_KINDS[c] : unicodeKind(c);
            int space = kind & SPACE;
            words += space & alphanumeric;
            alphanumeric = (alphanumeric & (space ^ 1)) | (kind >> 1);
        }
        return words + alphanumeric;
    }

    private static byte unicodeKind(char c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return SPACE;
        }
        return Character.isLetterOrDigit(c) ? ALPHANUMERIC : OTHER;
    }

    private static byte[] asciiKinds() {
        byte[] kinds = new byte[128];
        for (char c = 0; c < 128; c++) {
            boolean space = c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
            boolean alphanumeric = (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9';
            kinds[c] = space ? SPACE : alphanumeric ? ALPHANUMERIC : OTHER;
        }
        return kinds;
    }
}
