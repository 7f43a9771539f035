package io.paperstream.text;

/**
 * Splits text into normalized word tokens in one pass, without allocating per token: the single
 * tokenization that taxonomy terms, cue words and paper text all go through, so they always agree.
 *
 * <ul>
 *   <li>A token is a run of letters and digits, lower-cased ({@link java.util.Locale#ROOT} rules
 *       for ASCII, {@link Character#toLowerCase(char)} beyond), then {@link TokenNormalizer normalized}.
 *   <li>A hyphen after a common prefix joins the two parts, so "pre-training" and "pretraining",
 *       "multi-modal" and "multimodal" are the same token; any other hyphen separates words
 *       ("vision-language" is "vision language").
 *   <li>Sentence and clause punctuation (. , ; : ! ? brackets, quotes) is a {@link TokenSink#boundary}.
 *   <li>URLs ("scheme://...", "www....") are skipped: their path words are not part of the prose.
 * </ul>
 */
public final class Tokenizer {

    /** Longest token kept in the buffer; longer tokens are reported with length {@link #OVERLONG}. */
    public static final int MAX_TOKEN_LENGTH = 48;

    /** Length reported for a token longer than {@link #MAX_TOKEN_LENGTH}: it can match nothing. */
    public static final int OVERLONG = -1;

    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte UPPER = 2;
    private static final byte BOUNDARY = 3;
    private static final byte[] ASCII = asciiClasses();

    private static final String[] JOIN_PREFIXES = {
        "pre", "multi", "fine", "re", "co", "non", "semi", "sub", "inter", "intra", "post", "un", "bi"
    };

    private static final String JOIN_PREFIX_FIRST = "pmfrcnsiub";

    private Tokenizer() {}

    /** Scans {@code text} and reports its tokens and boundaries to {@code sink}; null text has none. */
    public static void scan(CharSequence text, TokenSink sink) {
        if (text == null) {
            return;
        }
        char[] buffer = new char[MAX_TOKEN_LENGTH];
        int length = 0;
        boolean overlong = false;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            // most characters are lower-case letters inside a word: the shortest path
            if (c >= 'a' && c <= 'z' && length < MAX_TOKEN_LENGTH) {
                buffer[length++] = c;
                i++;
                continue;
            }
            byte kind = c < 128 ? ASCII[c] : (Character.isLetterOrDigit(c) ? LETTER : OTHER);
            if (kind == LETTER || kind == UPPER) {
                if (length < MAX_TOKEN_LENGTH) {
                    buffer[length++] = kind == UPPER ? (char) (c + 32) : (c < 128 ? c : Character.toLowerCase(c));
                } else {
                    overlong = true;
                }
                i++;
                continue;
            }
            if (length > 0 || overlong) {
                if (c == '-'
                        && !overlong
                        && i + 1 < n
                        && isWordChar(text.charAt(i + 1))
                        && isJoinPrefix(buffer, length)) {
                    i++;
                    continue;
                }
                int urlEnd = overlong || !mayStartUrl(buffer, length) ? -1 : urlEnd(text, i, buffer, length);
                if (urlEnd >= 0) {
                    i = urlEnd;
                    length = 0;
                    overlong = false;
                    sink.url();
                    continue;
                }
                emit(buffer, length, overlong, sink);
                length = 0;
                overlong = false;
            }
            if (kind == BOUNDARY) {
                sink.boundary(c == '.' || c == '!' || c == '?' || c == ';');
            }
            i++;
        }
        if (length > 0 || overlong) {
            emit(buffer, length, overlong, sink);
        }
    }

    private static void emit(char[] buffer, int length, boolean overlong, TokenSink sink) {
        if (overlong) {
            sink.token(buffer, OVERLONG);
        } else {
            sink.token(buffer, TokenNormalizer.normalize(buffer, length));
        }
    }

    private static boolean isWordChar(char c) {
        return c < 128 ? ASCII[c] == LETTER || ASCII[c] == UPPER : Character.isLetterOrDigit(c);
    }

    private static boolean isJoinPrefix(char[] buffer, int length) {
        // most hyphenated words do not start with a prefix: reject on length and first letter first
        if (length < 2 || length > 5 || JOIN_PREFIX_FIRST.indexOf(buffer[0]) < 0) {
            return false;
        }
        for (String prefix : JOIN_PREFIXES) {
            if (equals(buffer, length, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equals(char[] buffer, int length, String word) {
        if (word.length() != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (buffer[k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    // a cheap filter before urlEnd, which runs at the end of every token
    private static boolean mayStartUrl(char[] buffer, int length) {
        return (length == 3 && buffer[0] == 'w') || ((length == 4 || length == 5) && buffer[0] == 'h');
    }

    /**
     * When the token just read starts a URL ("https://", the malformed "https;//", "https: //",
     * "http//", or "www."), returns the index after the URL, else -1.
     */
    private static int urlEnd(CharSequence text, int at, char[] buffer, int length) {
        if (equals(buffer, length, "www")) {
            return text.charAt(at) == '.' ? skipToWhitespace(text, at) : -1;
        }
        if (!equals(buffer, length, "http") && !equals(buffer, length, "https")) {
            return -1;
        }
        boolean slash = false;
        int j = at;
        while (j < text.length() && j - at < 4 && ":; /".indexOf(text.charAt(j)) >= 0) {
            slash |= text.charAt(j) == '/';
            j++;
        }
        return slash ? skipToWhitespace(text, j) : -1;
    }

    private static int skipToWhitespace(CharSequence text, int from) {
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static byte[] asciiClasses() {
        byte[] classes = new byte[128];
        for (char c = 'a'; c <= 'z'; c++) {
            classes[c] = LETTER;
        }
        for (char c = '0'; c <= '9'; c++) {
            classes[c] = LETTER;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            classes[c] = UPPER;
        }
        for (char c : ".,;:!?()[]{}\"".toCharArray()) {
            classes[c] = BOUNDARY;
        }
        return classes;
    }
}
