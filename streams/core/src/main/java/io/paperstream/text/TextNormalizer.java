package io.paperstream.text;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Turns the title or abstract of any source into text as people read it. Every paper reader uses it, so a paper reads
 * the same whichever source it came from.
 *
 * <ul>
 *   <li><b>Hard wraps</b> are undone: a single line break and the indentation around it become one space (the arXiv
 *       snapshot wraps titles and abstracts as a newline and two spaces). A break after a hyphen that ends a word joins
 *       without a space when the word goes on ({@code structure-\n  property} is {@code structure-property}), except
 *       before {@code and}/{@code or}, where the hyphen is a suspended one ({@code first- and second-order}).
 *   <li><b>Paragraphs</b>: a blank line is a paragraph break, kept as one blank line ({@code "\n\n"}). arXiv's own
 *       abstract layout wraps lines flush left and indents a new paragraph by two spaces; so in a text that has
 *       flush-left wraps, a line indented by two or more spaces after a line that ends a sentence is a paragraph
 *       break too. In a text whose wraps are all indented (the snapshot's titles, and any text wrapped as newline plus
 *       two spaces), indentation says nothing and every single line break is a wrap.
 *   <li><b>LaTeX</b> becomes Unicode: accents and special letters ({@code {\"o}}, {@code \'e}, {@code \c{c}},
 *       {@code \ss}, ...); {@code --} an en dash and {@code ---} an em dash (but not {@code --option} after a space);
 *       {@code \emph}, {@code \textbf}, {@code \textit}, {@code \texttt}, the other {@code \text..} styles and
 *       {@code \mathrm} their text, as do {@code {\em ..}}, {@code {\bf ..}} and {@code {\it ..}}; {@code \%},
 *       {@code \&}, {@code \_}, {@code \#} their character; {@code \eg} and {@code \ie} "e.g." and "i.e.". A tie
 *       {@code ~} becomes a plain space (readers want a space, not a no-break one) where it ties two words, as in
 *       {@code Fig.~3} or {@code models~(LLMs)}; where it stands for "about" or a range ({@code (~10x},
 *       {@code 2~3%}, {@code 5 ~ 9}: after a space or an opening bracket, or between digits) it stays. Other commands stay as written.
 *   <li><b>Math</b> between {@code $..$}, {@code $$..$$}, {@code \(..\)} and {@code \[..\]} is kept as written; only a
 *       line break inside it (a wrap of the source, not of the author) becomes one space. A {@code $} opens math
 *       only when a non-space follows it and a matching {@code $} has a non-space before it and no digit after it,
 *       so prices such as {@code $5 and $10} are text.
 *   <li><b>URLs</b> ({@code scheme://..}, {@code www...}) are kept as written up to the next space, so a {@code ~user}
 *       or a {@code --} in a link survives.
 *   <li><b>Whitespace</b> runs become one space; the text is trimmed.
 * </ul>
 *
 * <p>Total and linear: one pass over the text, no regular expressions, every search for a closing delimiter
 * remembered so that no part of the text is searched twice; unbalanced braces, an unclosed math delimiter and unknown
 * commands are left as they are, and no input makes it throw. Text with nothing to normalize comes back as the same
 * {@code String}. Stateless and thread-safe.
 */
public final class TextNormalizer {

    private TextNormalizer() {}

    /**
     * The text as people read it.
     *
     * @param text a title or abstract as a source has it; null gives null
     * @return the normalized text, or {@code text} itself when there is nothing to normalize
     */
    public static String normalize(String text) {
        if (text == null || !needsWork(text)) {
            return text;
        }
        String normalized = new Pass(text).run();
        return normalized.equals(text) ? text : normalized;
    }

    /** Whether {@code c} is white space, the no-break spaces included. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Whether the text has anything the pass could change; most short titles do not. */
    private static boolean needsWork(String text) {
        int n = text.length();
        if (n == 0) {
            return false;
        }
        if (isSpace(text.charAt(0)) || isSpace(text.charAt(n - 1))) {
            return true;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean doubled = i + 1 < n && text.charAt(i + 1) == c;
            if (c == '\\' || c == '{' || c == '~' || c == '-' && doubled || c == ' ' && doubled) {
                return true;
            }
            if (c != ' ' && isSpace(c)) {
                return true;
            }
        }
        return false;
    }

    /** One normalization of one text: the output so far and what the pass remembers about the text. */
    private static final class Pass {

        private static final Set<String> TEXT_STYLES = Set.of(
                "emph",
                "textbf",
                "textit",
                "texttt",
                "textrm",
                "textsf",
                "textsl",
                "textsc",
                "textup",
                "textnormal",
                "mathrm");
        private static final Set<String> STYLE_DECLARATIONS = Set.of("em", "bf", "it", "sl", "sc", "tt", "rm", "sf");
        private static final Map<String, String> ABBREVIATIONS = Map.of("eg", "e.g.", "ie", "i.e.");
        private static final String ESCAPED_CHARACTERS = "%&_#";
        private static final String CLOSING_PUNCTUATION = ")]\"'\u201d\u2019";
        private static final String TIE_AFTER = ".,;:)]";
        private static final int MAX_SCHEME_LENGTH = 10;

        private enum Gap {
            NONE,
            SPACE,
            PARAGRAPH
        }

        private final String s;
        private final int n;
        private final StringBuilder out;
        private Gap gap = Gap.NONE;
        private Boolean flushWraps;
        private int[] braceMatch;
        // closing braces of \emph{..} and {\em ..} to drop, innermost last
        private int[] dropped = new int[4];
        private int droppedCount;
        // no valid closer exists at or after these positions (searches that failed are not repeated)
        private int noDollarFrom = Integer.MAX_VALUE;
        private int noDisplayDollarFrom = Integer.MAX_VALUE;
        private int noParenFrom = Integer.MAX_VALUE;
        private int noBracketFrom = Integer.MAX_VALUE;

        Pass(String s) {
            this.s = s;
            this.n = s.length();
            this.out = new StringBuilder(n);
        }

        String run() {
            int i = 0;
            while (i < n) {
                i = step(i);
            }
            return out.toString();
        }

        /** Reads what starts at {@code i}; returns where the next step starts. */
        private int step(int i) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                return whitespace(i);
            }
            if (c == '}' && isDroppedCloser(i)) {
                return i + 1;
            }
            return switch (c) {
                case '\\' -> command(i);
                case '{' -> group(i);
                case '$' -> dollar(i);
                case '-' -> dashes(i);
                case '~' -> tie(i);
                default -> plain(i, c);
            };
        }

        private int plain(int i, char c) {
            if (isAsciiLetter(c) && startsUrl(i)) {
                return url(i);
            }
            emit(c);
            return i + 1;
        }

        private int whitespace(int i) {
            int j = i;
            int breaks = 0;
            int indent = 0;
            while (j < n && isSpace(s.charAt(j))) {
                int lineBreaks = lineBreaksAt(j);
                breaks += lineBreaks;
                indent = lineBreaks > 0 ? 0 : indent + (s.charAt(j) == '\t' ? 2 : 1);
                j++;
            }
            if (breaks >= 2 || breaks == 1 && indent >= 2 && endsSentence() && hasFlushWraps()) {
                gap = Gap.PARAGRAPH;
            } else if (!(breaks == 1 && joinsHyphenBreak(j))) {
                gap = gap == Gap.PARAGRAPH ? gap : Gap.SPACE;
            }
            return j;
        }

        /** How many line breaks the character at {@code j} makes: {@code \r\n} is one, a paragraph separator two. */
        private int lineBreaksAt(int j) {
            char c = s.charAt(j);
            if (c == '\n' || c == '\u2028' || c == '\u0085') {
                return 1;
            }
            if (c == '\r') {
                return j + 1 < n && s.charAt(j + 1) == '\n' ? 0 : 1;
            }
            return c == '\u2029' ? 2 : 0;
        }

        /** A line ended by a hyphen inside a word that the next line goes on with: joined without a space. */
        private boolean joinsHyphenBreak(int next) {
            int last = out.length() - 1;
            return gap == Gap.NONE
                    && last >= 1
                    && out.charAt(last) == '-'
                    && Character.isLetterOrDigit(out.charAt(last - 1))
                    && next < n
                    && Character.isLetterOrDigit(s.charAt(next))
                    && !startsWord(next, "and")
                    && !startsWord(next, "or");
        }

        private boolean startsWord(int at, String word) {
            int end = at + word.length();
            return s.regionMatches(true, at, word, 0, word.length())
                    && (end == n || !Character.isLetter(s.charAt(end)));
        }

        private boolean endsSentence() {
            int at = out.length() - 1;
            while (at >= 0 && CLOSING_PUNCTUATION.indexOf(out.charAt(at)) >= 0) {
                at--;
            }
            return at >= 0 && ".!?".indexOf(out.charAt(at)) >= 0;
        }

        /** Whether some line of the text goes on flush left after a break: arXiv's abstract layout. */
        private boolean hasFlushWraps() {
            if (flushWraps == null) {
                flushWraps = false;
                for (int i = s.indexOf('\n'); i >= 0 && i + 1 < n; i = s.indexOf('\n', i + 1)) {
                    if (!isSpace(s.charAt(i + 1))) {
                        flushWraps = true;
                        break;
                    }
                }
            }
            return flushWraps;
        }

        private int command(int i) {
            LatexCharacters.Parsed character = gluedToControlWord() ? null : LatexCharacters.at(s, i);
            if (character != null) {
                emit(character.text());
                return character.end();
            }
            if (i + 1 >= n) {
                emit('\\');
                return i + 1;
            }
            int nameEnd = LatexCharacters.endOfName(s, i + 1);
            return nameEnd == i + 1 ? controlSymbol(i) : controlWord(i, nameEnd);
        }

        private int controlSymbol(int i) {
            char symbol = s.charAt(i + 1);
            if (ESCAPED_CHARACTERS.indexOf(symbol) >= 0) {
                emit(symbol);
                return i + 2;
            }
            if (symbol == '(' || symbol == '[') {
                return bracketMath(i, symbol);
            }
            if (symbol == ' ' && !endsWithControlWord()) {
                gap = gap == Gap.PARAGRAPH ? gap : Gap.SPACE;
                return i + 2;
            }
            // \$, \{, \\ and the like stay, and what they escape is not read as a delimiter
            emit('\\');
            emit(symbol);
            return i + 2;
        }

        private int controlWord(int i, int nameEnd) {
            String name = s.substring(i + 1, nameEnd);
            if (TEXT_STYLES.contains(name) && nameEnd < n && s.charAt(nameEnd) == '{') {
                int close = closingBrace(nameEnd);
                if (close >= 0) {
                    drop(close);
                    return nameEnd + 1;
                }
            }
            String abbreviation = ABBREVIATIONS.get(name);
            emit(abbreviation != null ? abbreviation : s.substring(i, nameEnd));
            return nameEnd;
        }

        /** A brace: around a character command ({@code {\"o}}), a style declaration ({@code {\em x}}), or text. */
        private int group(int i) {
            if (i + 1 < n && s.charAt(i + 1) == '\\') {
                LatexCharacters.Parsed character = gluedToControlWord() ? null : LatexCharacters.at(s, i + 1);
                if (character != null && character.end() < n && s.charAt(character.end()) == '}') {
                    emit(character.text());
                    return character.end() + 1;
                }
                int nameEnd = LatexCharacters.endOfName(s, i + 2);
                if (nameEnd < n
                        && isSpace(s.charAt(nameEnd))
                        && STYLE_DECLARATIONS.contains(s.substring(i + 2, nameEnd))) {
                    int close = closingBrace(i);
                    if (close >= 0) {
                        drop(close);
                        int next = nameEnd;
                        while (next < n && isSpace(s.charAt(next))) {
                            next++;
                        }
                        return next;
                    }
                }
            }
            emit('{');
            return i + 1;
        }

        /** The index of the brace closing the one at {@code open}, or -1; all pairs are found on first use. */
        private int closingBrace(int open) {
            if (braceMatch == null) {
                braceMatch = new int[n];
                Arrays.fill(braceMatch, -1);
                int[] openers = new int[16];
                int depth = 0;
                for (int k = 0; k < n; k++) {
                    char c = s.charAt(k);
                    if (c == '\\') {
                        k++;
                    } else if (c == '{') {
                        if (depth == openers.length) {
                            openers = Arrays.copyOf(openers, depth * 2);
                        }
                        openers[depth++] = k;
                    } else if (c == '}' && depth > 0) {
                        braceMatch[openers[--depth]] = k;
                    }
                }
            }
            return braceMatch[open];
        }

        private void drop(int closer) {
            if (droppedCount == dropped.length) {
                dropped = Arrays.copyOf(dropped, droppedCount * 2);
            }
            dropped[droppedCount++] = closer;
        }

        /** Whether the brace at {@code i} closes a dropped group; forgets closers passed inside math or a URL. */
        private boolean isDroppedCloser(int i) {
            while (droppedCount > 0 && dropped[droppedCount - 1] < i) {
                droppedCount--;
            }
            if (droppedCount > 0 && dropped[droppedCount - 1] == i) {
                droppedCount--;
                return true;
            }
            return false;
        }

        private int dollar(int i) {
            if (i + 1 < n && s.charAt(i + 1) == '$') {
                int close = i + 2 < noDisplayDollarFrom ? s.indexOf("$$", i + 2) : -1;
                if (close >= 0) {
                    return copyMath(i, close + 2);
                }
                noDisplayDollarFrom = Math.min(noDisplayDollarFrom, i + 2);
                emit('$');
                emit('$');
                return i + 2;
            }
            int close = i + 1 < n && !isSpace(s.charAt(i + 1)) ? inlineCloser(i + 2) : -1;
            if (close >= 0) {
                return copyMath(i, close + 1);
            }
            emit('$');
            return i + 1;
        }

        /** The first {@code $} at or after {@code from} that can close inline math, or -1. */
        private int inlineCloser(int from) {
            if (from >= noDollarFrom) {
                return -1;
            }
            for (int k = s.indexOf('$', from); k >= 0; k = s.indexOf('$', k + 1)) {
                char before = s.charAt(k - 1);
                boolean digitAfter = k + 1 < n && Character.isDigit(s.charAt(k + 1));
                if (!isSpace(before) && before != '\\' && !digitAfter) {
                    return k;
                }
            }
            noDollarFrom = from;
            return -1;
        }

        private int bracketMath(int i, char opening) {
            boolean paren = opening == '(';
            String closing = paren ? "\\)" : "\\]";
            int searchedFrom = paren ? noParenFrom : noBracketFrom;
            int close = i + 2 < searchedFrom ? s.indexOf(closing, i + 2) : -1;
            if (close >= 0) {
                return copyMath(i, close + 2);
            }
            if (paren) {
                noParenFrom = Math.min(noParenFrom, i + 2);
            } else {
                noBracketFrom = Math.min(noBracketFrom, i + 2);
            }
            emit('\\');
            emit(opening);
            return i + 2;
        }

        /** Copies math as written, but for a line break (and the spaces around it), which becomes one space. */
        private int copyMath(int from, int to) {
            flushGap();
            int k = from;
            while (k < to) {
                int runEnd = k;
                boolean lineBreak = false;
                while (runEnd < to && isSpace(s.charAt(runEnd))) {
                    lineBreak |= lineBreaksAt(runEnd) > 0;
                    runEnd++;
                }
                if (runEnd > k) {
                    out.append(lineBreak ? " " : s.substring(k, runEnd));
                    k = runEnd;
                } else {
                    out.append(s.charAt(k++));
                }
            }
            return to;
        }

        private int dashes(int i) {
            int j = i;
            while (j < n && s.charAt(j) == '-') {
                j++;
            }
            int length = j - i;
            boolean option =
                    length == 2 && (i == 0 || isSpace(s.charAt(i - 1))) && j < n && Character.isLetter(s.charAt(j));
            if (length == 1) {
                emit('-');
            } else if (length == 2 && !option) {
                emit('\u2013');
            } else if (length == 3) {
                emit('\u2014');
            } else {
                emit(s.substring(i, j));
            }
            return j;
        }

        private int tie(int i) {
            char next = i + 1 < n ? s.charAt(i + 1) : ' ';
            char before = out.length() > 0 ? out.charAt(out.length() - 1) : ' ';
            boolean ties = gap == Gap.NONE
                    && !endsWithControlWord()
                    && !isSpace(next)
                    && !isSpace(before)
                    && (Character.isLetter(before)
                            || TIE_AFTER.indexOf(before) >= 0
                            || Character.isDigit(before) && !Character.isDigit(next));
            if (ties) {
                gap = Gap.SPACE;
            } else {
                emit('~');
            }
            return i + 1;
        }

        /**
         * Whether the output ends with a command left as written ({@code \\sim~3}): a space there could join it to what
         * follows (as {@code \\v~c} would become {@code \\v c}, then č), so ties and control spaces after it stay.
         */
        private boolean endsWithControlWord() {
            int at = out.length() - 1;
            while (at >= 0 && isAsciiLetter(out.charAt(at))) {
                at--;
            }
            return at >= 0 && at < out.length() - 1 && out.charAt(at) == '\\';
        }

        /** Whether a letter written now would become part of the command the output ends with. */
        private boolean gluedToControlWord() {
            return gap == Gap.NONE && endsWithControlWord();
        }

        private boolean startsUrl(int i) {
            if (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
                return false;
            }
            if (s.regionMatches(true, i, "www.", 0, 4)) {
                return true;
            }
            int k = i;
            while (k < n && k - i < MAX_SCHEME_LENGTH && isAsciiLetter(s.charAt(k))) {
                k++;
            }
            return k > i && s.startsWith("://", k);
        }

        /** Copies a URL as written, up to a space or the brace closing a dropped group around it. */
        private int url(int i) {
            int stop = droppedCount > 0 ? dropped[droppedCount - 1] : -1;
            int j = i;
            while (j < n && !isSpace(s.charAt(j)) && j != stop) {
                j++;
            }
            emit(s.substring(i, j));
            return j;
        }

        private void emit(char c) {
            flushGap();
            out.append(c);
        }

        private void emit(String text) {
            flushGap();
            out.append(text);
        }

        /** Writes the pending space or paragraph break, unless nothing has been written yet (the text is trimmed). */
        private void flushGap() {
            if (gap != Gap.NONE && out.length() > 0) {
                out.append(gap == Gap.PARAGRAPH ? "\n\n" : " ");
            }
            gap = Gap.NONE;
        }

        private static boolean isAsciiLetter(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }
    }
}
