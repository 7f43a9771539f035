package io.paperstream.text;

import java.text.Normalizer;
import java.util.Map;

/**
 * LaTeX's commands for accented and special letters, read as Unicode: the accents {@code \"o \'e \`a \^o \~n \=a \.z}
 * (base letter bare or braced, {@code \'{\i}} for í) and {@code \c{c} \v{s}} <code>&#92;u{a}</code> {@code \H{o} \k{a} \r{a}} (base braced or
 * after white space), and the letters {@code \ss \o \O \aa \AA \ae \AE \oe \OE \l \L \i \j}. Anything else is not a
 * character command and is left to the caller.
 */
final class LatexCharacters {

    /** A character command read from the text: its Unicode text and the index just after it. */
    record Parsed(String text, int end) {}

    private static final String SYMBOL_ACCENTS = "\"'`^~=.";
    // the combining marks of SYMBOL_ACCENTS, in the same order
    private static final String SYMBOL_MARKS = "\u0308\u0301\u0300\u0302\u0303\u0304\u0307";
    private static final Map<String, Character> LETTER_ACCENTS =
            Map.of("c", '\u0327', "v", '\u030C', "u", '\u0306', "H", '\u030B', "k", '\u0328', "r", '\u030A');
    private static final Map<String, String> LETTERS = Map.ofEntries(
            Map.entry("ss", "ß"),
            Map.entry("o", "ø"),
            Map.entry("O", "Ø"),
            Map.entry("aa", "å"),
            Map.entry("AA", "Å"),
            Map.entry("ae", "æ"),
            Map.entry("AE", "Æ"),
            Map.entry("oe", "œ"),
            Map.entry("OE", "Œ"),
            Map.entry("l", "ł"),
            Map.entry("L", "Ł"),
            Map.entry("i", "ı"),
            Map.entry("j", "ȷ"));

    private LatexCharacters() {}

    /**
     * The character command starting with the backslash at {@code s[backslash]}.
     *
     * @return the command read, or null when none starts there
     */
    static Parsed at(String s, int backslash) {
        int nameStart = backslash + 1;
        if (nameStart >= s.length()) {
            return null;
        }
        int symbol = SYMBOL_ACCENTS.indexOf(s.charAt(nameStart));
        if (symbol >= 0) {
            return accented(s, nameStart + 1, SYMBOL_MARKS.charAt(symbol), false);
        }
        int nameEnd = endOfName(s, nameStart);
        if (nameEnd == nameStart) {
            return null;
        }
        String name = s.substring(nameStart, nameEnd);
        Character mark = LETTER_ACCENTS.get(name);
        if (mark != null) {
            return accented(s, nameEnd, mark, true);
        }
        String letter = LETTERS.get(name);
        return letter == null ? null : new Parsed(letter, afterControlWord(s, nameEnd));
    }

    /** The end of the ASCII letters starting at {@code from}: a control word's name. */
    static int endOfName(String s, int from) {
        int end = from;
        while (end < s.length() && isAsciiLetter(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /**
     * An accent's argument: {@code {x}}, or a bare letter right after a symbol accent ({@code \"o}) or after the space
     * that ends a named accent ({@code \c c}).
     */
    private static Parsed accented(String s, int from, char mark, boolean named) {
        if (from < s.length() && s.charAt(from) == '{') {
            Parsed base = base(s, from + 1);
            return base != null && base.end() < s.length() && s.charAt(base.end()) == '}'
                    ? new Parsed(compose(base.text(), mark), base.end() + 1)
                    : null;
        }
        int at = from;
        if (named) {
            while (at < s.length() && TextNormalizer.isSpace(s.charAt(at))) {
                at++;
            }
            if (at == from) {
                return null;
            }
        }
        Parsed base = base(s, at);
        return base == null ? null : new Parsed(compose(base.text(), mark), base.end());
    }

    /**
     * An ASCII letter without a combining mark, or the dotless {@code \i} or {@code \j} that accents sit on. Stacked
     * accents and accents on ø and the like stay as written: read, they would read differently a second time.
     */
    private static Parsed base(String s, int at) {
        if (at >= s.length()) {
            return null;
        }
        char c = s.charAt(at);
        boolean marked = at + 1 < s.length() && Character.getType(s.charAt(at + 1)) == Character.NON_SPACING_MARK;
        if (isAsciiLetter(c) && !marked) {
            return new Parsed(String.valueOf(c), at + 1);
        }
        if (c == '\\' && at + 2 <= s.length() && endOfName(s, at + 1) == at + 2) {
            char name = s.charAt(at + 1);
            if (name == 'i' || name == 'j') {
                return new Parsed(String.valueOf(name), at + 2);
            }
        }
        return null;
    }

    private static String compose(String base, char mark) {
        return Normalizer.normalize(base + mark, Normalizer.Form.NFC);
    }

    /**
     * Where the text goes on after a control word such as {@code \ss}: past an empty group {@code {}}, or past the
     * spaces that end the word when a letter follows ({@code Stra\ss e} is Straße, as LaTeX reads it).
     */
    private static int afterControlWord(String s, int nameEnd) {
        if (s.startsWith("{}", nameEnd)) {
            return nameEnd + 2;
        }
        int at = nameEnd;
        while (at < s.length() && TextNormalizer.isSpace(s.charAt(at))) {
            at++;
        }
        return at > nameEnd && at < s.length() && Character.isLetter(s.charAt(at)) ? at : nameEnd;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
