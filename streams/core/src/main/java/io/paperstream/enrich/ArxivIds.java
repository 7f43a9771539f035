package io.paperstream.enrich;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a paper's arXiv identifier, normalized without version ("2401.01234", "hep-th/9901001"):
 * from the paper id itself, from an arxiv.org/abs|pdf (or huggingface.co/papers) link, or from an
 * "arXiv:2401.01234" mention in the text, in that order. Stateless and thread-safe; the patterns
 * have no nested quantifiers and only run on text that mentions arXiv.
 */
public final class ArxivIds {

    private static final String NEW_STYLE = "\\d{4}\\.\\d{4,5}";
    private static final String OLD_STYLE = "[a-z][a-z-]*(?:\\.[a-z]{2})?/\\d{7}";
    private static final Pattern ID = Pattern.compile("(?i)(?:arxiv:)?(" + NEW_STYLE + "|" + OLD_STYLE + ")(?:v\\d+)?");
    private static final Pattern IN_URL =
            Pattern.compile("(?i)(?:arxiv\\.org/(?:abs|pdf|html)|huggingface\\.co/papers)/(" + NEW_STYLE + "|"
                    + OLD_STYLE + ")(?:v\\d+)?");
    private static final Pattern IN_TEXT =
            Pattern.compile("(?i)\\barxiv\\s?[:.]?\\s?(" + NEW_STYLE + "|" + OLD_STYLE + ")(?:v\\d+)?");

    private ArxivIds() {}

    /**
     * The arXiv id of a paper.
     *
     * @param id the paper id (an arXiv id when the source knows it), may be null
     * @param urls URLs of the paper (links and URLs found in its text)
     * @param text title and abstract, searched for "arXiv:..." mentions, may be null
     */
    public static Optional<String> find(String id, List<String> urls, String text) {
        if (id != null) {
            Matcher matcher = ID.matcher(id.strip());
            if (matcher.matches()) {
                return Optional.of(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        for (String url : urls) {
            Matcher matcher = IN_URL.matcher(url);
            if (matcher.find()) {
                return Optional.of(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        if (mentionsArxiv(text)) {
            Matcher matcher = IN_TEXT.matcher(text);
            if (matcher.find()) {
                return Optional.of(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /**
     * The arXiv id of a paper, its title and abstract searched as one text (title, a newline, abstract).
     *
     * @param id the paper id (an arXiv id when the source knows it), may be null
     * @param urls URLs of the paper (links and URLs found in its text)
     * @param title the title, may be null
     * @param abstractText the abstract, may be null
     */
    public static Optional<String> find(String id, List<String> urls, String title, String abstractText) {
        // "arxiv" cannot span the newline between them: the text is only joined when one part mentions it
        boolean mentioned = mentionsArxiv(title) || mentionsArxiv(abstractText);
        String text =
                mentioned ? (title == null ? "" : title) + "\n" + (abstractText == null ? "" : abstractText) : null;
        return find(id, urls, text);
    }

    /** Normalizes an arXiv id ("arXiv:2401.01234v2" → "2401.01234"), or empty when it is not one. */
    public static Optional<String> normalize(String id) {
        return find(id, List.of(), null);
    }

    // runs on every abstract: "v" is rare in prose, so find each "v" or "V" (a vectorized indexOf) and look back;
    // ASCII case folding by hand ("c | 0x20" is 'a' only for 'a' and 'A')
    private static boolean mentionsArxiv(String text) {
        return text != null && (mentionsArxivEndingIn(text, 'v') || mentionsArxivEndingIn(text, 'V'));
    }

    private static boolean mentionsArxivEndingIn(String text, char v) {
        for (int at = text.indexOf(v, 4); at >= 0; at = text.indexOf(v, at + 1)) {
            if ((text.charAt(at - 4) | 0x20) == 'a'
                    && (text.charAt(at - 3) | 0x20) == 'r'
                    && (text.charAt(at - 2) | 0x20) == 'x'
                    && (text.charAt(at - 1) | 0x20) == 'i') {
                return true;
            }
        }
        return false;
    }
}
