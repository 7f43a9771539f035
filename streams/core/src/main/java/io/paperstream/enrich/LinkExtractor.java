package io.paperstream.enrich;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the URLs in paper text, including the malformed ones real abstracts contain, and returns
 * them repaired and de-duplicated in order of appearance.
 *
 * <p>Recognized: {@code http(s)://...}; {@code www....}; bare code-host links such as
 * {@code github.com/owner/repo}. Repaired: a mistyped scheme separator ({@code https;//},
 * {@code https: //}, {@code http//}, {@code https:/}); LaTeX escapes inside a URL (a backslash
 * before {@code _ % # & ~}). A URL ends at white space, at LaTeX or Markdown delimiters
 * ({@code { } [ ] < > "}, a backslash, an unbalanced {@code )}), so a LaTeX url or href command,
 * {@code u}{u} and {@code [u](u)} yield the URL once; trailing sentence punctuation
 * ({@code . , ; : ! ? ' * ~}) is dropped. A URL without a scheme gets {@code https://}. Scheme
 * and host are lower-cased; URLs that differ only in a trailing slash count as one.
 *
 * <p>One pass over the text, no regular expressions; stateless and thread-safe.
 */
public final class LinkExtractor {

    /** Substrings every URL we recognize contains: the scheme, "www." or a code host's domain. */
    private static final String[] MARKERS = {"ttp", "TTP", "ww.", "WW.", ".com/", ".co/", ".org/"};

    private static final int MAX_HOST_LENGTH = 256;

    private static final String[] BARE_HOSTS = {
        "github.com/", "gitlab.com/", "huggingface.co/", "hf.co/", "bitbucket.org/", "codeberg.org/", "gitee.com/"
    };

    /** Every URL in {@code text}, repaired, de-duplicated, in order of appearance. */
    public List<String> extract(CharSequence text) {
        Map<String, String> found = new LinkedHashMap<>();
        collect(text, found);
        return List.copyOf(found.values());
    }

    /**
     * Every URL of several texts (e.g. an abstract and a paper's link list), de-duplicated across
     * all of them, in order of appearance.
     */
    public List<String> extract(List<? extends CharSequence> texts) {
        Map<String, String> found = new LinkedHashMap<>();
        for (CharSequence text : texts) {
            collect(text, found);
        }
        return List.copyOf(found.values());
    }

    private static void collect(CharSequence text, Map<String, String> found) {
        int first = text == null ? -1 : firstMarker(text.toString());
        if (first < 0) {
            return;
        }
        int n = text.length();
        // every URL contains a marker within its first MAX_HOST_LENGTH characters
        int i = Math.max(0, first - MAX_HOST_LENGTH);
        while (i < n) {
            char c = text.charAt(i);
            if (mayStartLink(text, i) && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
                int[] end = new int[1];
                String url = urlAt(text, i, end);
                if (url != null) {
                    found.putIfAbsent(dedupeKey(url), url);
                    i = end[0];
                    continue;
                }
            }
            i++;
        }
    }

    /** Where the first URL marker is, or -1 when the text has no URL: most abstracts are skipped this way. */
    private static int firstMarker(String text) {
        int first = -1;
        for (String marker : MARKERS) {
            int at = text.indexOf(marker);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** The repaired URL starting at {@code start}, or null; {@code end[0]} receives where it ends. */
    private static String urlAt(CharSequence text, int start, int[] end) {
        int rest = schemeEnd(text, start);
        String scheme;
        if (rest >= 0) {
            scheme = startsWithIgnoreCase(text, start, "https") ? "https://" : "http://";
        } else if (startsWithIgnoreCase(text, start, "www.") || bareHostAt(text, start)) {
            scheme = "https://";
            rest = start;
        } else {
            return null;
        }
        StringBuilder body = new StringBuilder();
        int i = readBody(text, rest, body);
        end[0] = Math.max(i, start + 1);
        stripTrailingPunctuation(body);
        return normalize(scheme, body);
    }

    /**
     * After "http" or "https" at {@code start}: the index where host and path begin, when what
     * follows is a scheme separator, possibly mistyped (":", ";", one space, then one to three
     * slashes; or slashes alone); -1 when it is not a URL.
     */
    private static int schemeEnd(CharSequence text, int start) {
        int i;
        if (startsWithIgnoreCase(text, start, "https")) {
            i = start + 5;
        } else if (startsWithIgnoreCase(text, start, "http")) {
            i = start + 4;
        } else {
            return -1;
        }
        int n = text.length();
        boolean colon = false;
        while (i < n && (text.charAt(i) == ':' || text.charAt(i) == ';' || text.charAt(i) == '\uFF1A') && !colon) {
            colon = true;
            i++;
        }
        if (colon && i < n && text.charAt(i) == ' ' && i + 1 < n && text.charAt(i + 1) == '/') {
            i++;
        }
        int slashes = 0;
        while (i < n && (text.charAt(i) == '/' || text.charAt(i) == '\\') && slashes < 3) {
            slashes++;
            i++;
        }
        boolean separator = slashes >= 2 || (colon && slashes == 1);
        return separator && i < n && isHostChar(text.charAt(i)) ? i : -1;
    }

    /** Reads host and path into {@code body}; returns the index after the URL. */
    private static int readBody(CharSequence text, int from, StringBuilder body) {
        int n = text.length();
        int open = 0;
        int i = from;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && "_%#&~".indexOf(text.charAt(i + 1)) >= 0) {
                    body.append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                break;
            }
            if (Character.isWhitespace(c) || "{}[]<>\"|^`".indexOf(c) >= 0 || c > 0x7E) {
                break;
            }
            if (c == '(') {
                open++;
            } else if (c == ')') {
                if (open == 0) {
                    break;
                }
                open--;
            }
            body.append(c);
            i++;
        }
        return i;
    }

    private static void stripTrailingPunctuation(StringBuilder body) {
        while (body.length() > 0 && ".,;:!?'*~".indexOf(body.charAt(body.length() - 1)) >= 0) {
            body.setLength(body.length() - 1);
        }
    }

    /** Lower-cases the host, checks it looks like a domain; null when it does not. */
    private static String normalize(String scheme, StringBuilder body) {
        int hostEnd = 0;
        while (hostEnd < body.length() && "/?#".indexOf(body.charAt(hostEnd)) < 0) {
            hostEnd++;
        }
        String host = body.substring(0, hostEnd).toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int dot = host.lastIndexOf('.');
        if (dot <= 0 || dot == host.length() - 1 || !host.chars().allMatch(LinkExtractor::isHostCharOrPort)) {
            return null;
        }
        return scheme + host + body.substring(hostEnd);
    }

    private static String dedupeKey(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean bareHostAt(CharSequence text, int start) {
        for (String host : BARE_HOSTS) {
            if (startsWithIgnoreCase(text, start, host)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cheap filter on the first two letters before the full checks: "ht" (http), "hf", "hu"
     * (huggingface), "ww", "gi" (github, gitlab, gitee), "co" (codeberg), "bi" (bitbucket).
     */
    private static boolean mayStartLink(CharSequence text, int i) {
        if (i + 1 >= text.length()) {
            return false;
        }
        int first = text.charAt(i) | 0x20;
        int second = text.charAt(i + 1) | 0x20;
        return switch (first) {
            case 'h' -> second == 't' || second == 'f' || second == 'u';
            case 'w' -> second == 'w';
            case 'g', 'b' -> second == 'i';
            case 'c' -> second == 'o';
            default -> false;
        };
    }

    private static boolean startsWithIgnoreCase(CharSequence text, int start, String prefix) {
        if (start + prefix.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            char c = text.charAt(start + k);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            if (lower != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    // a URL glued to a preceding letter ("xhttp://") is not a URL start; "~https://" and "(https://" are
    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '@';
    }

    private static boolean isHostChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    private static boolean isHostCharOrPort(int c) {
        return isHostChar(c) || c == ':';
    }
}
