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

    /** Each thread reuses one digest and one buffer: hashing allocates only its hex result. */
    private static final ThreadLocal<Hashing> SCRATCH = ThreadLocal.withInitial(Hashing::new);

    private ContentHash() {}

    /** The hash of a paper's title and abstract; null counts as empty. */
    public static String of(String title, String abstractText) {
        Hashing hashing = SCRATCH.get();
        MessageDigest sha256 = hashing.sha256;
        sha256.reset();
        byte[] bytes = hashing.buffer(length(title) + 1 + length(abstractText));
        // the common case, without intermediate strings: normalized ASCII bytes straight into the digest
        int size = normalizeAscii(title, bytes, 0);
        if (size >= 0) {
            bytes[size++] = '\n';
            size = normalizeAscii(abstractText, bytes, size);
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
     */
    private static int normalizeAscii(String text, byte[] out, int from) {
        int size = from;
        boolean space = false;
        int n = length(text);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                return -1;
            }
            if (isAsciiSpace(c)) {
                space = size > from;
            } else {
                if (space) {
                    out[size++] = ' ';
                    space = false;
                }
                out[size++] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
        }
        return size;
    }

    /** One thread's digest and byte buffer. */
    private static final class Hashing {
        final MessageDigest sha256;
        private byte[] bytes = new byte[4096];

        Hashing() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        /** The buffer, with room for {@code size} bytes. */
        byte[] buffer(int size) {
            if (bytes.length < size) {
                bytes = new byte[Math.max(size, 2 * bytes.length)];
            }
            return bytes;
        }

        void release() {
            if (bytes.length > RETAINED_BYTES) {
                bytes = new byte[4096];
            }
        }
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
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
