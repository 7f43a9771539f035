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

    private ContentHash() {}

    /** The hash of a paper's title and abstract; null counts as empty. */
    public static String of(String title, String abstractText) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        if (isAscii(title) && isAscii(abstractText)) {
            // the common case, without intermediate strings: normalized ASCII bytes straight into the digest
            byte[] bytes = new byte[length(title) + 1 + length(abstractText)];
            int size = normalizeAscii(title, bytes, 0);
            bytes[size++] = '\n';
            size = normalizeAscii(abstractText, bytes, size);
            sha256.update(bytes, 0, size);
        } else {
            sha256.update((normalize(title) + "\n" + normalize(abstractText)).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Writes NFKC (the identity on ASCII), lower case and collapsed spaces of ASCII {@code text}. */
    private static int normalizeAscii(String text, byte[] out, int from) {
        int size = from;
        boolean space = false;
        int n = length(text);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
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
        // NFKC leaves ASCII unchanged: skip it for the common all-ASCII abstract
        boolean ascii = isAscii(text);
        String folded = ascii ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
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
        return ascii ? out.toString() : out.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < length(text); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
