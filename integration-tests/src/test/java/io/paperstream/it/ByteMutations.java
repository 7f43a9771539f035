package io.paperstream.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Byte-level edits for the fuzz tests — flip a bit, overwrite a byte, insert a fragment, delete, duplicate, truncate
 * — as values made by {@link Generator}s, so that a failure report lists the edits that made the input. A
 * position is taken modulo the length of the bytes it edits, so every edit applies to every input. The inserted
 * fragments are the bytes parsers trip over: malformed and overlong UTF-8, control bytes, byte-order marks,
 * compression magic, line ends, JSON punctuation, date-like lines, long runs.
 */
final class ByteMutations {

    /** Longest input shown in a failure message. */
    private static final int SHOWN_BYTES = 4000;

    private static final List<byte[]> TRICKY_FRAGMENTS = List.of(
            hex("c3"),
            hex("e282"),
            hex("eda080"),
            hex("edbfbf"),
            hex("f4908080"),
            hex("c080"),
            hex("ff"),
            hex("fe"),
            hex("f0"),
            hex("80"),
            hex("00"),
            hex("01"),
            hex("1b"),
            hex("7f"),
            hex("0b"),
            hex("0c"),
            hex("0d"),
            hex("efbbbf"),
            hex("fffe"),
            hex("feff"),
            hex("0000feff"),
            hex("000000"),
            hex("1f8b"),
            hex("1f8b0800"),
            hex("504b0304"),
            utf8("\n"),
            utf8("\n\n"),
            utf8("\r\n"),
            utf8("\n\n\n"),
            utf8("\r"),
            utf8("\t"),
            utf8("é"),
            utf8("€"),
            utf8("\uD83D\uDE00"),
            utf8("\u2028"),
            utf8("\u00A0"),
            utf8("."),
            utf8(" "),
            utf8("Mar 14"),
            utf8("\nFeb 30\n"),
            utf8("\n2025-02-30\n"),
            utf8("\nSeptember 31, 2025\n"),
            utf8("\nMar 99\n"),
            utf8("\nJan 1, 0000\n"),
            utf8("\nnew\n"),
            utf8("\nSubscribe\n"),
            utf8("{"),
            utf8("}"),
            utf8("["),
            utf8("]"),
            utf8("\""),
            utf8(","),
            utf8(":"),
            utf8("null"),
            utf8("\\u0000"),
            utf8("\\ud800"),
            utf8("\\"),
            utf8("1e999999"),
            utf8("-"),
            utf8("NaN"),
            utf8("{\"paper\":"),
            utf8("\"abstract\":"),
            utf8("\"title\":\"\""),
            utf8("[[[[[[[["),
            utf8("https://arxiv.org/abs/2410.17215v2"),
            utf8("arxiv.org/pdf/math.GT/0309136"));

    private ByteMutations() {}

    /** One edit of a byte string. */
    sealed interface Mutation permits FlipBit, Overwrite, Insert, Delete, Duplicate, Truncate {

        /** The edited copy of {@code input}; {@code input} itself is left as it is. */
        byte[] applyTo(byte[] input);
    }

    /** Flips bit {@code bit} (0-7) of one byte. */
    record FlipBit(int position, int bit) implements Mutation {
        @Override
        public byte[] applyTo(byte[] input) {
            if (input.length == 0) {
                return input;
            }
            byte[] edited = input.clone();
            edited[Math.floorMod(position, input.length)] ^= (byte) (1 << bit);
            return edited;
        }
    }

    /** Replaces one byte. */
    record Overwrite(int position, byte value) implements Mutation {
        @Override
        public byte[] applyTo(byte[] input) {
            if (input.length == 0) {
                return input;
            }
            byte[] edited = input.clone();
            edited[Math.floorMod(position, input.length)] = value;
            return edited;
        }
    }

    /** Inserts a fragment before a position (or at the end). */
    record Insert(int position, Fragment fragment) implements Mutation {
        @Override
        public byte[] applyTo(byte[] input) {
            int at = Math.floorMod(position, input.length + 1);
            ByteArrayOutputStream edited = new ByteArrayOutputStream(input.length + fragment.bytes().length);
            edited.write(input, 0, at);
            edited.writeBytes(fragment.bytes());
            edited.write(input, at, input.length - at);
            return edited.toByteArray();
        }
    }

    /** Removes up to {@code length} bytes from a position. */
    record Delete(int position, int length) implements Mutation {
        @Override
        public byte[] applyTo(byte[] input) {
            if (input.length == 0) {
                return input;
            }
            int at = Math.floorMod(position, input.length);
            int end = Math.min(input.length, at + length);
            byte[] edited = Arrays.copyOf(input, input.length - (end - at));
            System.arraycopy(input, end, edited, at, input.length - end);
            return edited;
        }
    }

    /** Repeats up to {@code length} bytes from a position right after themselves. */
    record Duplicate(int position, int length) implements Mutation {
        @Override
        public byte[] applyTo(byte[] input) {
            if (input.length == 0) {
                return input;
            }
            int at = Math.floorMod(position, input.length);
            int end = Math.min(input.length, at + length);
            return new Insert(end, new Fragment(Arrays.copyOfRange(input, at, end))).applyTo(input);
        }
    }

    /** Cuts the input off at a position, as a half-written file or a short read would. */
    record Truncate(int position) implements Mutation {
        @Override
        public byte[] applyTo(byte[] input) {
            return Arrays.copyOf(input, Math.floorMod(position, input.length + 1));
        }
    }

    /** Bytes to insert, shown readably in failure reports. */
    record Fragment(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Fragment fragment && Arrays.equals(bytes, fragment.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return show(bytes);
        }
    }

    /** Up to {@code max} edits; none in about a third of the cases, so that undamaged structure stays common. */
    static Generator<List<Mutation>> mutations(int max) {
        return Generator.frequency(
                Generator.weight(1, Generator.constant(List.<Mutation>of())),
                Generator.weight(2, mutation().list(1, max)));
    }

    /** One edit of any kind. */
    static Generator<Mutation> mutation() {
        Generator<Integer> position = Generator.between(0, Integer.MAX_VALUE);
        Generator<Integer> bit = Generator.between(0, 7);
        Generator<Byte> value = Generator.anyByte();
        Generator<Integer> deleted = Generator.between(1, 64);
        Generator<Integer> duplicated = Generator.between(1, 256);
        Generator<Fragment> fragment = fragments();
        return Generator.frequency(
                Generator.weight(3, random -> new FlipBit(position.apply(random), bit.apply(random))),
                Generator.weight(2, random -> new Overwrite(position.apply(random), value.apply(random))),
                Generator.weight(4, random -> new Insert(position.apply(random), fragment.apply(random))),
                Generator.weight(2, random -> new Delete(position.apply(random), deleted.apply(random))),
                Generator.weight(1, random -> new Duplicate(position.apply(random), duplicated.apply(random))),
                Generator.weight(1, position.map(Truncate::new)));
    }

    /** Fragments to insert: the tricky ones, random bytes, and long runs of one byte. */
    static Generator<Fragment> fragments() {
        Generator<Byte> runByte = Generator.oneOf((byte) ' ', (byte) 'a', (byte) '\n', (byte) '[');
        Generator<Integer> runLength = Generator.between(100, 5000);
        Generator<Fragment> runs = random -> {
            byte value = runByte.apply(random);
            byte[] run = new byte[runLength.apply(random)];
            Arrays.fill(run, value);
            return new Fragment(run);
        };
        return Generator.frequency(
                Generator.weight(6, Generator.oneOf(TRICKY_FRAGMENTS).map(Fragment::new)),
                Generator.weight(3, Generator.bytes(1, 32).map(Fragment::new)),
                Generator.weight(1, runs));
    }

    /** Random bytes of up to {@code maxLength}, sometimes behind a start a format detector looks at. */
    static Generator<byte[]> noise(int maxLength) {
        Generator<byte[]> randomBytes = Generator.bytes(0, maxLength);
        Generator<byte[]> start = Generator.oneOf(
                utf8("["),
                utf8("{"),
                utf8("{\"paper\":"),
                hex("000000"),
                hex("0000005b"),
                hex("5b000000"),
                hex("efbbbf"),
                hex("1f8b"),
                utf8("new\n\nMar 14\n\n"));
        return Generator.frequency(
                Generator.weight(3, randomBytes),
                Generator.weight(1, random -> concat(start.apply(random), randomBytes.apply(random))));
    }

    /** {@code input} with every edit applied in order. */
    static byte[] apply(byte[] input, List<Mutation> mutations) {
        byte[] edited = input;
        for (Mutation mutation : mutations) {
            edited = mutation.applyTo(edited);
        }
        return edited;
    }

    /**
     * The bytes as text for a failure report: printable ASCII as it is, {@code \n}, {@code \r}, {@code \t}, and
     * {@code \xNN} for every other byte; cut after {@value #SHOWN_BYTES} bytes.
     */
    static String show(byte[] bytes) {
        StringBuilder shown = new StringBuilder("\"");
        for (int i = 0; i < Math.min(bytes.length, SHOWN_BYTES); i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\n' -> shown.append("\\n");
                case '\r' -> shown.append("\\r");
                case '\t' -> shown.append("\\t");
                case '\\' -> shown.append("\\\\");
                case '"' -> shown.append("\\\"");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        shown.append((char) b);
                    } else {
                        shown.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        shown.append('"');
        if (bytes.length > SHOWN_BYTES) {
            shown.append("... (").append(bytes.length - SHOWN_BYTES).append(" more bytes)");
        }
        return shown.append(" [").append(bytes.length).append(" bytes]").toString();
    }

    /** The bytes gzip-compressed, as a {@code .gz} file holds them. */
    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
