package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splitsOnLineFeedAndDropsTheCarriageReturnOfCrlf() throws IOException {
        assertThat(texts("a\nb\r\n\nlast")).containsExactly("a", "b", "", "last");
        assertThat(texts("a\n")).containsExactly("a");
        assertThat(texts("a\n\n")).containsExactly("a", "");
        assertThat(texts("")).isEmpty();
    }

    @Test
    void numbersLinesFromOneAndDropsAByteOrderMark() throws IOException {
        List<LineReader.Line> lines = read("\uFEFFfirst\nsecond".getBytes(StandardCharsets.UTF_8), 100);

        assertThat(lines).extracting(LineReader.Line::number).containsExactly(1L, 2L);
        assertThat(lines).extracting(LineReader.Line::text).containsExactly("first", "second");
    }

    @Test
    void keepsTabsAndTrailingSpacesAndNonAsciiText() throws IOException {
        assertThat(texts("\tCafé — naïve  \nΣ 日本")).containsExactly("\tCafé — naïve  ", "Σ 日本");
    }

    @Test
    void reportsMalformedUtf8WithItsByteAndColumn() throws IOException {
        byte[] bytes = {'o', 'k', '\n', 'a', 'b', (byte) 0xC3, 'c', '\n', 'n', 'e', 'x', 't'};

        List<LineReader.Line> lines = read(bytes, 100);

        assertThat(lines.get(1).problem()).isEqualTo("invalid UTF-8 (byte 0xC3 at column 3)");
        assertThat(lines.get(1).text()).isNull();
        assertThat(lines.get(2).text()).isEqualTo("next");
    }

    @Test
    void reportsATruncatedSequenceAtTheEndOfInput() throws IOException {
        byte[] bytes = {'x', (byte) 0xE2, (byte) 0x82};

        assertThat(read(bytes, 100).get(0).problem()).isEqualTo("invalid UTF-8 (byte 0xE2 at column 2)");
    }

    @Test
    void reportsControlBytesAsBinaryData() throws IOException {
        byte[] bytes = {'a', 'b', 'c', 0, 'd'};

        assertThat(read(bytes, 100).get(0).problem()).isEqualTo("binary data (control byte 0x00 at column 4)");
    }

    @Test
    void reportsAnOverlongLineAndReadsTheNextOneNormally() throws IOException {
        byte[] bytes = ("0123456789ab\r\n" + "short\n" + "0123456789\r\n").getBytes(StandardCharsets.US_ASCII);

        List<LineReader.Line> lines = read(bytes, 10);

        assertThat(lines.get(0).problem())
                .isEqualTo("line of 12 bytes is longer than the limit of 10 bytes (--max-line-bytes)");
        assertThat(lines.get(1).text()).isEqualTo("short");
        assertThat(lines.get(2).text())
                .as("exactly at the limit, before its CR")
                .isEqualTo("0123456789");
    }

    @Test
    void aHundredMegabyteLineIsCountedThroughWithoutBeingLoaded() throws IOException {
        long size = 100L * 1024 * 1024;
        InputStream huge = new InputStream() {
            long served;

            @Override
            public int read() {
                return served++ < size ? 'q' : served == size + 1 ? '\n' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served > size) {
                    return -1;
                }
                int n = (int) Math.min(len, size + 1 - served);
                for (int i = 0; i < n; i++) {
                    b[off + i] = served + i < size ? (byte) 'q' : (byte) '\n';
                }
                served += n;
                return n;
            }
        };
        try (LineReader reader = new LineReader(huge, 1 << 20)) {
            LineReader.Line line = reader.next();

            assertThat(line.problem()).startsWith("line of 104857600 bytes is longer than the limit");
            assertThat(reader.next()).isNull();
        }
    }

    private static List<String> texts(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8), 1000).stream()
                .map(LineReader.Line::text)
                .toList();
    }

    private static List<LineReader.Line> read(byte[] bytes, int maxLineBytes) throws IOException {
        List<LineReader.Line> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(new ByteArrayInputStream(bytes), maxLineBytes)) {
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
