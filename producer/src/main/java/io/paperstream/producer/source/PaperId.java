package io.paperstream.producer.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paper id, the key of {@code papers.raw}: the arXiv id when it is known (from the source,
 * or from an arxiv.org link in the abstract), else {@code h:} followed by the first 16 hex
 * digits of the SHA-256 of the normalized title — so the same paper read from any source
 * gets the same key, and a re-ingested paper replaces itself instead of counting twice.
 */
public final class PaperId {

    /** Prefix of ids made from a title hash. */
    public static final String TITLE_HASH_PREFIX = "h:";

    private static final int TITLE_HASH_HEX_DIGITS = 16;
    private static final String NEW_STYLE = "\\d{4}\\.\\d{4,5}(?![0-9])";
    private static final String OLD_STYLE = "[a-z]+(?:-[a-z]+)*(?:\\.[a-z]{2})?/\\d{7}(?![0-9])";
    private static final Pattern ID =
            Pattern.compile("(?:" + NEW_STYLE + "|" + OLD_STYLE + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern PREFIX = Pattern.compile(
            "^(?:arxiv:|https?://(?:www\\.|export\\.)?arxiv\\.org/(?:abs|pdf)/)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SUFFIX = Pattern.compile("(?:v\\d+)?(?:\\.pdf)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK =
            Pattern.compile("arxiv\\.org/(?:abs|pdf)/(" + NEW_STYLE + "|" + OLD_STYLE + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private PaperId() {}

    /**
     * The id of a paper.
     *
     * @param sourceArxivId the arXiv id the source gives, in any accepted spelling, or {@code null}
     * @param title the title as in the source
     * @param abstractText the abstract, searched for an arxiv.org link when the source gives no id
     * @return the normalized arXiv id, else the title hash id
     */
    public static String of(String sourceArxivId, String title, String abstractText) {
        return normalizeArxivId(sourceArxivId)
                .or(() -> findArxivLink(abstractText))
                .orElseGet(() -> ofTitle(title));
    }

    /**
     * The arXiv id in canonical form: without an {@code arXiv:} or arxiv.org URL prefix, without
     * a version ({@code v2}) or {@code .pdf} suffix, with the archive of an old-style id in lower
     * case and its subject class in upper case ({@code math.GT/0309136}).
     *
     * @return the id, or empty when {@code raw} is null or not an arXiv id
     */
    public static Optional<String> normalizeArxivId(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String id = SUFFIX.matcher(PREFIX.matcher(raw.strip()).replaceFirst("")).replaceFirst("");
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        int slash = id.indexOf('/');
        if (slash < 0) {
            return Optional.of(id);
        }
        String archive = id.substring(0, slash);
        int dot = archive.indexOf('.');
        String canonical = dot < 0
                ? archive.toLowerCase(Locale.ROOT)
                : archive.substring(0, dot).toLowerCase(Locale.ROOT)
                        + archive.substring(dot).toUpperCase(Locale.ROOT);
        return Optional.of(canonical + id.substring(slash));
    }

    /** The arXiv id of the first arxiv.org/abs or arxiv.org/pdf link in the text, if any. */
    public static Optional<String> findArxivLink(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = LINK.matcher(text);
        return m.find() ? normalizeArxivId(m.group(1)) : Optional.empty();
    }

    /** {@code h:} and the first 16 hex digits of the SHA-256 of the {@linkplain #normalizeTitle normalized} title. */
    public static String ofTitle(String title) {
        byte[] digest = sha256().digest(normalizeTitle(title).getBytes(StandardCharsets.UTF_8));
        return TITLE_HASH_PREFIX + HexFormat.of().formatHex(digest).substring(0, TITLE_HASH_HEX_DIGITS);
    }

    /**
     * The title as compared across sources: NFKC-normalized, lower case (locale-independent),
     * punctuation and symbols removed, whitespace runs collapsed to one space, trimmed.
     */
    public static String normalizeTitle(String title) {
        String folded = Normalizer.normalize(title, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String bare = PUNCTUATION.matcher(folded).replaceAll("");
        return WHITESPACE.matcher(bare).replaceAll(" ").strip();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
