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
        String arxivId = ArxivIds.find(id, urls, joined(title, abstractText)).orElse(null);
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
        if (text == null) {
            return 0;
        }
        int words = 0;
        boolean inWord = false;
        boolean hasAlphanumeric = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean space = c < 128
                    ? c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F)
                    : Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (space) {
                if (inWord && hasAlphanumeric) {
                    words++;
                }
                inWord = false;
                hasAlphanumeric = false;
            } else {
                inWord = true;
                hasAlphanumeric |= c < 128
                        ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9'
                        : Character.isLetterOrDigit(c);
            }
        }
        return words;
    }

    private static String joined(String title, String abstractText) {
        return (title == null ? "" : title) + "\n" + (abstractText == null ? "" : abstractText);
    }
}
