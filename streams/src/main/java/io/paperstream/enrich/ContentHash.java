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

    private ContentHash() {
    }

    /** The hash of a paper's title and abstract; null counts as empty. */
    public static String of(String title, String abstractText) {
        String content = normalize(title) + "\n" + normalize(abstractText);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
            if (c < 128 ? c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F)
                : Character.isWhitespace(c) || Character.isSpaceChar(c)) {
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
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
