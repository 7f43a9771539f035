package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged copies of the corpus, made in memory: each damage gives one clear error naming its
 * line, and every other paper is still read.
 */
class TrendingPageReaderMalformedTest {

    private static final int TEN_MIB = 10 * 1024 * 1024;

    @Test
    void truncatedFileReportsTheTitleWithoutAbstract() {
        Page page = Page.corpus().truncateAfterLine(Corpus.titleLine(50));

        ReadAll all = ReadAll.trendingPage(page.bytes());

        assertThat(all.titles()).containsExactlyElementsOf(Corpus.titles().subList(0, 50));
        assertThat(all.messages())
                .containsExactly("trending-papers.txt:" + Corpus.titleLine(50) + ": title '"
                        + Corpus.titles().get(50) + "' has no abstract (the input ends)");
    }

    @Test
    void truncatedFileWithoutFinalNewlineOrWithTheBlankLineToo() {
        byte[] titleOnly = Page.corpus().truncateAfterLine(Corpus.titleLine(7)).bytes();
        byte[] withoutNewline = Arrays.copyOf(titleOnly, titleOnly.length - 1);
        byte[] withBlank =
                Page.corpus().truncateAfterLine(Corpus.titleLine(7) + 1).bytes();

        for (byte[] truncated : List.of(withoutNewline, withBlank)) {
            ReadAll all = ReadAll.trendingPage(truncated);
            assertThat(all.papers).hasSize(7);
            assertThat(all.messages())
                    .singleElement()
                    .asString()
                    .startsWith("trending-papers.txt:" + Corpus.titleLine(7) + ": title 'FILIP: Fine-grained")
                    .contains("has no abstract");
        }
    }

    @Test
    void invalidUtf8InAnAbstractSkipsThatPaperOnly() {
        int line = Corpus.abstractLine(20);
        Page page = Page.corpus().corruptByte(line, 100, 0xFF);

        ReadAll all = ReadAll.trendingPage(page.bytes());

        assertThat(all.papers).hasSize(Corpus.PAPERS - 1);
        assertThat(all.titles())
                .doesNotContain(Corpus.titles().get(20))
                .contains(Corpus.titles().get(19), Corpus.titles().get(21));
        assertThat(all.messages())
                .containsExactly(
                        "trending-papers.txt:" + line + ": invalid UTF-8 (byte 0xFF at column 101) in the abstract of '"
                                + Corpus.titles().get(20) + "'");
    }

    @Test
    void invalidUtf8InATitleSkipsThatTitleWithItsAbstract() {
        int line = Corpus.titleLine(30);
        Page page = Page.corpus().corruptByte(line, 3, 0xE9);

        ReadAll all = ReadAll.trendingPage(page.bytes());

        assertThat(all.papers).hasSize(Corpus.PAPERS - 1);
        assertThat(all.titles()).doesNotContain(Corpus.titles().get(30));
        assertThat(all.papers.stream().map(PaperRecord::abstractText))
                .doesNotContain(Corpus.abstracts().get(30));
        assertThat(all.messages())
                .containsExactly("trending-papers.txt:" + line
                        + ": invalid UTF-8 (byte 0xE9 at column 4); skipped with the abstract that follows");
    }

    @Test
    void emptyAbstractIsReportedOnItsLine() {
        int line = Corpus.abstractLine(40);
        for (String empty : List.of("", "   \t")) {
            Page page = Page.corpus().replace(line, empty);

            ReadAll all = ReadAll.trendingPage(page.bytes());

            assertThat(all.papers).hasSize(Corpus.PAPERS - 1);
            assertThat(all.titles())
                    .doesNotContain(Corpus.titles().get(40))
                    .contains(Corpus.titles().get(41));
            assertThat(all.messages())
                    .containsExactly("trending-papers.txt:" + line + ": empty abstract for title '"
                            + Corpus.titles().get(40) + "'");
        }
    }

    @Test
    void missingAbstractLineIsReportedAtItsTitle() {
        int line = Corpus.abstractLine(45);
        Page page = Page.corpus().delete(line, 2);

        ReadAll all = ReadAll.trendingPage(page.bytes());

        assertThat(all.papers).hasSize(Corpus.PAPERS - 1);
        assertThat(all.titles())
                .doesNotContain(Corpus.titles().get(45))
                .contains(Corpus.titles().get(46));
        assertThat(all.messages())
                .singleElement()
                .asString()
                .startsWith("trending-papers.txt:" + Corpus.titleLine(45) + ": no abstract for title '");
    }

    @Test
    void abstractWithoutItsTitleIsReportedAndSkipped() {
        Page page = Page.corpus().delete(Corpus.titleLine(47), 2);

        ReadAll all = ReadAll.trendingPage(page.bytes());

        assertThat(all.papers).hasSize(Corpus.PAPERS - 1);
        assertThat(all.titles())
                .doesNotContain(Corpus.titles().get(47))
                .contains(Corpus.titles().get(48));
        assertThat(all.messages())
                .containsExactly("trending-papers.txt:" + Corpus.titleLine(47)
                        + ": expected a title but found "
                        + Corpus.abstracts().get(47).length()
                        + " characters of text (an abstract without its title?)");
    }

    @Test
    void binaryGarbageBetweenPapersLosesNoPaper() {
        int line = Corpus.titleLine(61);
        byte[] garbage = garbage(4096, 7);
        Page page = Page.corpus().insertBefore(line, garbage, new byte[0]);

        ReadAll all = ReadAll.trendingPage(page.bytes());

        assertThat(all.titles()).containsExactlyElementsOf(Corpus.titles());
        assertThat(all.messages())
                .containsExactly("trending-papers.txt:" + line + ": " + lineCount(garbage)
                        + " bad lines starting with binary data (control byte 0x00 at column 1)");
    }

    @Test
    void binaryGarbageGluedToTheNextTitleLosesNoPaper() {
        int line = Corpus.titleLine(62);
        byte[] garbage = garbage(1000, 5);
        Page page = Page.corpus().insertBefore(line, garbage);

        ReadAll all = ReadAll.trendingPage(page.bytes());

        assertThat(all.titles()).containsExactlyElementsOf(Corpus.titles());
        assertThat(all.bad).singleElement().satisfies(bad -> {
            assertThat(bad.location().line()).isEqualTo(line);
            assertThat(bad.reason()).contains("binary data (control byte 0x00 at column 1)");
        });
    }

    @Test
    void binaryGarbageInPlaceOfAnAbstractSkipsThatPaperOnly() {
        int line = Corpus.abstractLine(70);
        byte[] garbage = garbage(2048, 11);
        Page page = Page.corpus().replace(line, garbage);

        ReadAll all = ReadAll.trendingPage(page.bytes());

        List<String> expected = new ArrayList<>(Corpus.titles());
        expected.remove(70);
        assertThat(all.titles()).containsExactlyElementsOf(expected);
        assertThat(all.bad.get(0).location().line()).isEqualTo(line);
        assertThat(all.bad.get(0).reason())
                .contains("in the abstract of '" + Corpus.titles().get(70) + "'");
    }

    @Test
    void tenMegabyteLineBetweenPapersIsReportedWithoutLosingAPaper() {
        int line = Corpus.titleLine(80);
        Page page = Page.corpus().insertBefore(line, repeat('x', TEN_MIB), new byte[0]);

        ReadAll all = ReadAll.trendingPage(page.bytes());

        assertThat(all.titles()).containsExactlyElementsOf(Corpus.titles());
        assertThat(all.messages())
                .containsExactly("trending-papers.txt:" + line
                        + ": line of 10485760 bytes is longer than the limit of 1048576 bytes (--max-line-bytes)");
    }

    @Test
    void tenMegabyteAbstractSkipsThatPaperOnly() {
        int line = Corpus.abstractLine(90);
        Page page = Page.corpus().replace(line, repeat('y', TEN_MIB));

        ReadAll all = ReadAll.trendingPage(page.bytes());

        assertThat(all.papers).hasSize(Corpus.PAPERS - 1);
        assertThat(all.titles())
                .doesNotContain(Corpus.titles().get(90))
                .contains(Corpus.titles().get(91));
        assertThat(all.messages())
                .containsExactly("trending-papers.txt:" + line
                        + ": line of 10485760 bytes is longer than the limit of 1048576 bytes (--max-line-bytes)"
                        + " in the abstract of '" + Corpus.titles().get(90) + "'");
    }

    @Test
    void tenMegabyteLastLineWithoutNewline() {
        Page page = Page.corpus().append(new byte[0], repeat('z', TEN_MIB));

        ReadAll all = ReadAll.trendingPage(page.bytes());

        assertThat(all.titles()).containsExactlyElementsOf(Corpus.titles());
        assertThat(all.messages())
                .containsExactly("trending-papers.txt:" + (Corpus.lines().size() + 2)
                        + ": line of 10485760 bytes is longer than the limit of 1048576 bytes (--max-line-bytes)");
    }

    @Test
    void everyDamageAtOnceGivesEachErrorWithItsLineInOrder() {
        // Damage from the end backwards, so that earlier line numbers stay as in the corpus.
        Page page = Page.corpus()
                .truncateAfterLine(Corpus.titleLine(110))
                .replace(Corpus.abstractLine(90), repeat('y', TEN_MIB))
                .replace(Corpus.abstractLine(40), "")
                .corruptByte(Corpus.titleLine(30), 3, 0xE9)
                .corruptByte(Corpus.abstractLine(20), 100, 0xFF);

        ReadAll all = ReadAll.trendingPage(page.bytes());

        assertThat(all.papers).hasSize(110 - 4);
        assertThat(all.bad)
                .extracting(bad -> bad.location().line())
                .containsExactly(
                        (long) Corpus.abstractLine(20),
                        (long) Corpus.titleLine(30),
                        (long) Corpus.abstractLine(40),
                        (long) Corpus.abstractLine(90),
                        (long) Corpus.titleLine(110));
        assertThat(all.bad)
                .extracting(BadRecord::reason)
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("invalid UTF-8"),
                        r -> assertThat(r).startsWith("invalid UTF-8"),
                        r -> assertThat(r).startsWith("empty abstract"),
                        r -> assertThat(r).startsWith("line of 10485760 bytes"),
                        r -> assertThat(r).endsWith("has no abstract (the input ends)"));
    }

    @Test
    void aSmallerLineLimitRejectsLongerAbstracts() {
        ReadAll all = ReadAll.of(new TrendingPageReader(
                new java.io.ByteArrayInputStream(Corpus.bytes()), ReadAll.PAGE, new ReaderOptions(1700, 2025)));

        long longer = Corpus.abstracts().stream().filter(a -> a.length() > 1700).count();
        assertThat(longer).isPositive();
        assertThat(all.papers).hasSize((int) (Corpus.PAPERS - longer));
        assertThat(all.bad)
                .hasSize((int) longer)
                .allSatisfy(bad -> assertThat(bad.reason()).contains("longer than the limit of 1700 bytes"));
    }

    @Test
    void aParagraphOfManyLinesOverTheLimitIsSkippedAsOne() {
        int line = Corpus.titleLine(100);
        byte[][] wrapped = new byte[20_000][];
        Arrays.fill(wrapped, repeat('w', 100));
        Page page = Page.corpus().insertBefore(line, wrapped).insertBefore(line + wrapped.length, new byte[0]);

        ReadAll all = ReadAll.trendingPage(page.bytes());

        assertThat(all.titles()).containsExactlyElementsOf(Corpus.titles());
        assertThat(all.messages())
                .containsExactly("trending-papers.txt:" + line
                        + ": paragraph of more than 1048576 characters (--max-line-bytes)");
    }

    private static byte[] garbage(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        bytes[0] = 0;
        return bytes;
    }

    private static int lineCount(byte[] bytes) {
        int lines = 1;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static byte[] repeat(char c, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    /** The corpus as a list of raw lines (joined by LF), damaged by line number (1-based). */
    private static final class Page {
        private final List<byte[]> lines = new ArrayList<>();

        static Page corpus() {
            Page page = new Page();
            Corpus.lines().forEach(line -> page.lines.add(line.getBytes(StandardCharsets.UTF_8)));
            return page;
        }

        Page replace(int line, String text) {
            return replace(line, text.getBytes(StandardCharsets.UTF_8));
        }

        Page replace(int line, byte[] bytes) {
            lines.set(line - 1, bytes);
            return this;
        }

        Page corruptByte(int line, int index, int value) {
            byte[] bytes = lines.get(line - 1).clone();
            bytes[index] = (byte) value;
            return replace(line, bytes);
        }

        Page delete(int line, int count) {
            for (int i = 0; i < count; i++) {
                lines.remove(line - 1);
            }
            return this;
        }

        /** Inserts raw bytes (which may hold newlines) as lines before the given line. */
        Page insertBefore(int line, byte[]... inserted) {
            lines.addAll(line - 1, List.of(inserted));
            return this;
        }

        Page append(byte[]... appended) {
            lines.addAll(List.of(appended));
            return this;
        }

        /** Keeps the lines up to and including this one, each ended by a newline. */
        Page truncateAfterLine(int line) {
            lines.subList(line, lines.size()).clear();
            lines.add(new byte[0]);
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    out.write('\n');
                }
                out.writeBytes(lines.get(i));
            }
            return out.toByteArray();
        }
    }
}
