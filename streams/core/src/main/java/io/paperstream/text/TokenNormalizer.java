package io.paperstream.text;

/**
 * Reduces a lower-cased word to the form under which taxonomy terms and text tokens are compared:
 * regular English plurals become singular ("queries" → "query", "models" → "model", "LLMs" → "llm").
 *
 * <p>It is deliberately not a stemmer: it must be cheap on the hot path and predictable for people
 * writing taxonomy files, and it only has to map both sides of a comparison to the same form.
 */
public final class TokenNormalizer {

    private TokenNormalizer() {}

    /**
     * Normalizes {@code buffer[0..length)} in place.
     *
     * @return the new length
     */
    public static int normalize(char[] buffer, int length) {
        if (length < 3 || buffer[length - 1] != 's') {
            return length;
        }
        char before = buffer[length - 2];
        if (length > 4 && before == 'e' && buffer[length - 3] == 'i') {
            buffer[length - 3] = 'y';
            return length - 2;
        }
        if (length > 4 && before == 'e' && endsWithSibilant(buffer, length - 2)) {
            return length - 2;
        }
        if (before == 's' || before == 'u' || before == 'i' || isNews(buffer, length)) {
            return length;
        }
        return length - 1;
    }

    // "classes", "approaches", "boxes", "wishes": the plural adds "es", not "s"
    private static boolean endsWithSibilant(char[] buffer, int stemLength) {
        char last = buffer[stemLength - 1];
        if (last == 'x') {
            return true;
        }
        if (last == 's') {
            return buffer[stemLength - 2] == 's';
        }
        return last == 'h' && (buffer[stemLength - 2] == 'c' || buffer[stemLength - 2] == 's');
    }

    // "news" would otherwise become "new", a contribution cue word
    private static boolean isNews(char[] buffer, int length) {
        return length == 4 && buffer[0] == 'n' && buffer[1] == 'e' && buffer[2] == 'w';
    }
}
