package io.paperstream.producer.source;

import io.paperstream.text.TextNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the text of the Hugging Face trending-papers page, the format of
 * {@code trending-papers.txt}: header lines ({@code new}, {@code Subscribe}, ...), a date line
 * such as {@code Mar 14}, then per paper a title line, a blank line, the abstract line and a
 * blank line; the last abstract may end without a newline. Titles and abstracts are normalized
 * ({@link TextNormalizer}), the file's text kept beside them (its lines joined by {@code \n},
 * whatever the line ends); the id is made from the file's text. The date line gives the papers' event time (start of that day, UTC).
 *
 * <p>The header is every short line before a date line within the first 12 paragraphs (so
 * header variants need no list), else just the known header lines.
 *
 * <p>The reader works on paragraphs (runs of non-blank lines) and, past the header, looks at
 * most two paragraphs ahead, so it holds at most three paragraphs of at most
 * {@link ReaderOptions#maxLineBytes()} each. Bad input becomes a {@link BadRecord} and the
 * reader resynchronizes on the next title:
 * <ul>
 *   <li>a paragraph with a bad line (malformed UTF-8, control bytes, over-long) is skipped;
 *       where a title belongs, the paragraph after it is skipped too if it is shaped like an
 *       abstract (so a damaged title takes its abstract along, while garbage between papers
 *       takes nothing else);</li>
 *   <li>an empty abstract (two or more blank lines after a title, then a title-shaped line) and
 *       a missing abstract (a title followed by another title and its abstract) skip the title;</li>
 *   <li>a title at the end of the input without an abstract (a truncated file) is reported;</li>
 *   <li>a paragraph too long to be a title where a title belongs is reported and skipped.</li>
 * </ul>
 * "Title-shaped" means one line of at most 300 characters not ending with a period: every
 * real title, and no real abstract of the corpus.
 */
public final class TrendingPageReader implements PaperReader {

    /** A line longer than this is never a title. */
    private static final int MAX_TITLE_CHARS = 1000;

    private static final int TITLE_SHAPED_MAX_CHARS = 300;
    private static final int MAX_HEADER_PARAGRAPHS = 12;
    private static final Set<String> HEADER_LINES =
            Set.of("new", "get trending papers in your email inbox!", "subscribe", "byak and the research community");

    private final LineReader lines;
    private final Origin origin;
    private final ReaderOptions options;
    private final ArrayDeque<Paragraph> lookahead = new ArrayDeque<>();
    private int blankLinesPending;
    private LineReader.Line pushedBack;
    private boolean atStart = true;
    private Instant pageTime;

    /**
     * @param in the page text, read lazily and closed by {@link #close()}
     * @param origin where the text comes from, for messages and source URIs
     * @param options line limit and the year of dates without one
     */
    public TrendingPageReader(InputStream in, Origin origin, ReaderOptions options) {
        this.lines = new LineReader(in, options.maxLineBytes());
        this.origin = origin;
        this.options = options;
    }

    @Override
    public Optional<ReadResult> next() throws IOException {
        if (atStart) {
            skipHeader();
            atStart = false;
        }
        for (Paragraph p = take(); p != null; p = take()) {
            Optional<LocalDate> date = dateOf(p);
            if (date.isEmpty()) {
                return Optional.of(recordStartingAt(p));
            }
            pageTime = date.get().atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return Optional.empty();
    }

    /**
     * Drops the page header: every short line before a date line among the first
     * {@value #MAX_HEADER_PARAGRAPHS} paragraphs, else just the known header lines.
     */
    private void skipHeader() throws IOException {
        int count = 0;
        Paragraph p = peek(0);
        while (p != null
                && count < MAX_HEADER_PARAGRAPHS
                && dateOf(p).isEmpty()
                && (p.isTitleShaped() || isKnownHeader(p))) {
            p = peek(++count);
        }
        boolean dateFollows = p != null && dateOf(p).isPresent();
        for (int i = 0; i < count && (dateFollows || isKnownHeader(peek(0))); i++) {
            take();
        }
    }

    private ReadResult recordStartingAt(Paragraph first) throws IOException {
        if (first.isBad()) {
            Paragraph following = peek(0);
            boolean ownAbstract = isAbstractShaped(following);
            if (ownAbstract) {
                take();
            }
            String skipped = ownAbstract ? "; skipped with the abstract that follows" : "";
            return bad(first.problemLine, first.problem() + skipped);
        }
        String title = first.lines.get(0);
        if (title.length() > MAX_TITLE_CHARS) {
            return bad(
                    first.firstLine,
                    "expected a title but found " + title.length()
                            + " characters of text (an abstract without its title?)");
        }
        if (first.lines.size() > 1) {
            String abstractText = String.join("\n", first.lines.subList(1, first.lines.size()));
            return paper(first, title, abstractText);
        }
        return titleThenAbstract(first, title);
    }

    private ReadResult titleThenAbstract(Paragraph titleParagraph, String title) throws IOException {
        Paragraph next = peek(0);
        if (next == null) {
            return bad(
                    titleParagraph.firstLine, "title " + BadRecord.quote(title) + " has no abstract (the input ends)");
        }
        if (next.isBad()) {
            take();
            return bad(next.problemLine, next.problem() + " in the abstract of " + BadRecord.quote(title));
        }
        if (next.blankLinesBefore >= 2 && next.isTitleShaped()) {
            return bad(titleParagraph.lastLine + 2, "empty abstract for title " + BadRecord.quote(title));
        }
        if (dateOf(next).isPresent() || next.isTitleShaped() && isAbstractShaped(peek(1))) {
            return bad(
                    titleParagraph.firstLine,
                    "no abstract for title " + BadRecord.quote(title)
                            + " (the next paragraph is another title or a date)");
        }
        take();
        return paper(titleParagraph, title, String.join("\n", next.lines));
    }

    private PaperRecord paper(Paragraph titleParagraph, String title, String abstractText) {
        return new PaperRecord(
                PaperId.of(null, title, abstractText),
                TextNormalizer.normalize(title),
                TextNormalizer.normalize(abstractText),
                title,
                abstractText,
                List.of(),
                List.of(),
                List.of(),
                SourceFormat.TRENDING_PAGE,
                origin.at(titleParagraph.firstLine),
                pageTime,
                null);
    }

    private BadRecord bad(long line, String reason) {
        return new BadRecord(origin.at(line), reason);
    }

    private boolean isAbstractShaped(Paragraph p) {
        return p != null && !p.isBad() && !p.isTitleShaped() && dateOf(p).isEmpty();
    }

    private Optional<LocalDate> dateOf(Paragraph p) {
        return p.isBad() || p.lines.size() != 1 ? Optional.empty() : PageDate.parse(p.lines.get(0), options.year());
    }

    private static boolean isKnownHeader(Paragraph p) {
        return !p.isBad()
                && p.lines.stream()
                        .allMatch(line -> HEADER_LINES.contains(line.strip().toLowerCase(Locale.ROOT)));
    }

    private Paragraph take() throws IOException {
        return lookahead.isEmpty() ? readParagraph() : lookahead.removeFirst();
    }

    /** The paragraph {@code index} places ahead (0 = the next one), or null past the end. */
    private Paragraph peek(int index) throws IOException {
        while (lookahead.size() <= index) {
            Paragraph p = readParagraph();
            if (p == null) {
                return null;
            }
            lookahead.addLast(p);
        }
        Iterator<Paragraph> ahead = lookahead.iterator();
        for (int i = 0; i < index; i++) {
            ahead.next();
        }
        return ahead.next();
    }

    /**
     * The next run of non-blank lines that are all readable or all bad: a bad line ends a
     * paragraph of good ones and the other way round, so that garbage glued to a title does not
     * take the title with it.
     */
    private Paragraph readParagraph() throws IOException {
        int blanks = blankLinesPending;
        blankLinesPending = 0;
        LineReader.Line line = pushedBack != null ? pushedBack : lines.next();
        pushedBack = null;
        while (line != null && line.isBlank()) {
            blanks++;
            line = lines.next();
        }
        if (line == null) {
            return null;
        }
        Paragraph p = new Paragraph(line.number(), blanks);
        boolean badRun = line.isBad();
        while (line != null && !line.isBlank() && line.isBad() == badRun) {
            p.add(line, options.maxLineBytes());
            line = lines.next();
        }
        if (line != null && line.isBlank()) {
            blankLinesPending = 1;
        } else {
            pushedBack = line;
        }
        return p;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    /** Consecutive non-blank lines, with the blank lines before them. */
    private static final class Paragraph {
        final long firstLine;
        final int blankLinesBefore;
        final List<String> lines = new ArrayList<>(1);
        long lastLine;
        long chars;
        long problemLine;
        String problem;
        int badLines;

        Paragraph(long firstLine, int blankLinesBefore) {
            this.firstLine = firstLine;
            this.blankLinesBefore = blankLinesBefore;
        }

        void add(LineReader.Line line, int maxChars) {
            lastLine = line.number();
            if (line.isBad()) {
                badLines++;
            }
            if (problem != null) {
                return;
            }
            if (line.isBad()) {
                problem = line.problem();
                problemLine = line.number();
                lines.clear();
                return;
            }
            chars += line.text().length();
            if (chars > maxChars) {
                problem = "paragraph of more than " + maxChars + " characters (--max-line-bytes)";
                problemLine = firstLine;
                lines.clear();
                return;
            }
            lines.add(line.text());
        }

        boolean isBad() {
            return problem != null;
        }

        /** What is wrong, with the number of bad lines when more than one. */
        String problem() {
            return badLines > 1 ? badLines + " bad lines starting with " + problem : problem;
        }

        boolean isTitleShaped() {
            if (isBad() || lines.size() != 1) {
                return false;
            }
            String text = lines.get(0).strip();
            return text.length() <= TITLE_SHAPED_MAX_CHARS && !text.endsWith(".");
        }
    }
}
