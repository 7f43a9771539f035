package io.paperstream.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of papers ended: the last paper's publication time and id. Papers are listed newest first,
 * ties by id, so the next page starts after this pair; it holds no reader state, so any instance can continue
 * any other's page.
 */
public record PaperCursor(long publishedAt, String id) {

    /** The cursor as an opaque URL-safe token. */
    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((publishedAt + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor of a token from {@link #encode()}.
     *
     * @throws IllegalArgumentException naming the token when it is not one
     */
    public static PaperCursor decode(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor " + token + " is not one this API gave", e);
        }
        int colon = text.indexOf(':');
        try {
            if (colon > 0 && colon < text.length() - 1) {
                return new PaperCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
            }
        } catch (NumberFormatException e) {
            // answered below, as every other malformed token
        }
        throw new IllegalArgumentException("cursor " + token + " is not one this API gave");
    }
}
