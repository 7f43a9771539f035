package io.paperstream.enrich;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The content hash of a paper: SHA-256 (lower-case hex) of its NFKC-normalized, lower-cased,
 * white-space-collapsed title, a newline, and its abstract normalized the same way. A paper
 * re-ingested unchanged, or with only case or spacing changes, has the same hash; any change of
 * wording gives a new one.
 */
public final class ContentHash {

    /** Buffers grown past this for an unusually long paper are given back rather than kept. */
    private static final int RETAINED_BYTES = 1 << 16;

    /** 1 for ASCII white space, else 0. */
    private static final byte[] ASCII_SPACE = asciiSpaces();
    /** Each ASCII character, lower-cased. */
    private static final byte[] ASCII_LOWER = asciiLowerCase();

    /** Each thread reuses one digest and one buffer: hashing allocates only its hex result. */
    private static final ThreadLocal<Hashing> SCRATCH = ThreadLocal.withInitial(Hashing::new);

    private ContentHash() {}

    /** The hash of a paper's title and abstract; null counts as empty. */
    public static String of(String title, String abstractText) {
        Hashing hashing = SCRATCH.get();
        MessageDigest sha256 = hashing.sha256;
        sha256.reset();
        byte[] bytes = hashing.bytes(length(title) + 1 + length(abstractText));
        char[] chars = hashing.chars(Math.max(length(title), length(abstractText)));
        // the common case, without intermediate strings: normalized ASCII bytes straight into the digest
        int size = normalizeAscii(title, chars, bytes, 0);
        if (size >= 0) {
            bytes[size++] = '\n';
            size = normalizeAscii(abstractText, chars, bytes, size);
        }
        if (size >= 0) {
            sha256.update(bytes, 0, size);
        } else {
            sha256.update((normalize(title) + "\n" + normalize(abstractText)).getBytes(StandardCharsets.UTF_8));
        }
        hashing.release();
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * Writes NFKC (the identity on ASCII), lower case and collapsed spaces of {@code text} from
     * {@code from} on and returns where it ends; -1, having written some, when the text is not ASCII.
     * {@code chars} is room for a copy of the text: a loop over an array beats one over {@code charAt}.
     */
    private static int normalizeAscii(String text, char[] chars, byte[] out, int from) {
        int size = from;
        // 1 once a character is written, and while white space follows one; branch-free, since
        // word ends come too irregularly for branch prediction
        int written = 0;
        int spaceDue = 0;
        int n = length(text);
        if (n > 0) {
            text.getChars(0, n, chars, 0);
        }
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (c >= 128) {
                return -1;
            }
            int space = ASCII_SPACE[c];
            int kept = space ^ 1;
            // both writes land at most at the index of the character read: out has room
            out[size] = ' ';
            size += spaceDue & kept;
            out[size] = ASCII_LOWER[c];
            size += kept;
            written |= kept;
            spaceDue = space & written;
        }
        return size;
    }

    /** One thread's digest and buffers. */
    private static final class Hashing {
        final MessageDigest sha256;
        private byte[] bytes = new byte[4096];
        private char[] chars = new char[4096];

        Hashing() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        /** The byte buffer, with room for {@code size} bytes. */
        byte[] bytes(int size) {
            if (bytes.length < size) {
                bytes = new byte[Math.max(size, 2 * bytes.length)];
            }
            return bytes;
        }

        /** The char buffer, with room for {@code size} chars. */
        char[] chars(int size) {
            if (chars.length < size) {
                chars = new char[Math.max(size, 2 * chars.length)];
            }
            return chars;
        }

        void release() {
            if (bytes.length > RETAINED_BYTES) {
                bytes = new byte[4096];
            }
            if (chars.length > RETAINED_BYTES) {
                chars = new char[4096];
            }
        }
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
    }

    private static byte[] asciiSpaces() {
        byte[] spaces = new byte[128];
        for (char c = 0; c < 128; c++) {
            spaces[c] = (byte) (isAsciiSpace(c) ? 1 : 0);
        }
        return spaces;
    }

    private static byte[] asciiLowerCase() {
        byte[] lower = new byte[128];
        for (char c = 0; c < 128; c++) {
            lower[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return lower;
    }

    /** NFKC, lower case ({@link Locale#ROOT}), runs of white space as one space, trimmed. */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        boolean space = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c < 128 ? isAsciiSpace(c) : Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
        }
        // ASCII was lower-cased above; the rest needs the full Unicode rules
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
