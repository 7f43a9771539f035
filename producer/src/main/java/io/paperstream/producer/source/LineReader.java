package io.paperstream.producer.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into numbered UTF-8 lines, holding at most {@code maxLineBytes} of a
 * line in memory: a longer line is counted to its end and reported, never loaded. Lines end
 * at {@code \n}; a {@code \r} before it and a UTF-8 byte-order mark at the start are not
 * part of the text. A line with control bytes (binary data), malformed UTF-8 or too many
 * bytes comes back with a problem instead of text.
 */
final class LineReader implements Closeable {

    /** One line: its text, or the reason it has none. */
    record Line(long number, String text, String problem) {

        boolean isBad() {
            return problem != null;
        }

        boolean isBlank() {
            return problem == null && text.isBlank();
        }
    }

    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[READ_BUFFER_BYTES];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private boolean endOfInput;
    private byte[] line = new byte[256];
    private int lineLength;
    private CharBuffer chars = CharBuffer.allocate(256);
    private long lineNumber;

    LineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The number of the last line returned (0 before the first). */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * The next line.
     *
     * @return the line, or {@code null} at the end of the input
     */
    Line next() throws IOException {
        lineLength = 0;
        long totalBytes = 0;
        int lastByte = -1;
        boolean newline = false;
        while (!newline) {
            if (position == limit && !fill()) {
                break;
            }
            int end = indexOfNewline();
            newline = end < limit;
            if (end > position) {
                lastByte = buffer[end - 1];
            }
            totalBytes += end - position;
            keep(position, end);
            position = newline ? end + 1 : end;
        }
        if (!newline && totalBytes == 0) {
            return null;
        }
        lineNumber++;
        if (lastByte == '\r') {
            totalBytes--;
            lineLength = (int) Math.min(lineLength, totalBytes);
        }
        if (totalBytes > maxLineBytes) {
            return new Line(
                    lineNumber,
                    null,
                    "line of " + totalBytes + " bytes is longer than the limit of " + maxLineBytes
                            + " bytes (--max-line-bytes)");
        }
        int start = lineNumber == 1 ? byteOrderMarkLength() : 0;
        String problem = controlByteProblem(start);
        if (problem != null) {
            return new Line(lineNumber, null, problem);
        }
        return decode(start);
    }

    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        int n = in.read(buffer);
        if (n == 0) {
            // a stream may answer 0 without being at its end; a one-byte read blocks until it knows
            int b = in.read();
            buffer[0] = (byte) b;
            n = b < 0 ? -1 : 1;
        }
        if (n < 0) {
            endOfInput = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return limit;
    }

    /** Keeps bytes up to one past the limit: enough to tell an over-long line, and a trailing CR, apart. */
    private void keep(int from, int to) {
        int room = maxLineBytes + 1 - lineLength;
        int n = Math.min(to - from, room);
        if (n <= 0) {
            return;
        }
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + n, Math.min(line.length * 2, maxLineBytes + 1)));
        }
        System.arraycopy(buffer, from, line, lineLength, n);
        lineLength += n;
    }

    private int byteOrderMarkLength() {
        boolean bom =
                lineLength >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb && (line[2] & 0xff) == 0xbf;
        return bom ? 3 : 0;
    }

    private String controlByteProblem(int start) {
        for (int i = start; i < lineLength; i++) {
            int b = line[i] & 0xff;
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                return String.format("binary data (control byte 0x%02X at column %d)", b, i - start + 1);
            }
        }
        return null;
    }

    private Line decode(int start) {
        if (chars.capacity() < lineLength) {
            chars = CharBuffer.allocate(Math.max(lineLength, chars.capacity() * 2));
        }
        chars.clear();
        ByteBuffer bytes = ByteBuffer.wrap(line, start, lineLength - start);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            int offset = bytes.position();
            return new Line(
                    lineNumber,
                    null,
                    String.format("invalid UTF-8 (byte 0x%02X at column %d)", line[offset] & 0xff, offset - start + 1));
        }
        chars.flip();
        return new Line(lineNumber, chars.toString(), null);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
