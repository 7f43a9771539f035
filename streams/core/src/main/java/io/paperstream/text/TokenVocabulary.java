package io.paperstream.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed set of normalized tokens with dense ids, looked up straight from a token buffer without
 * allocating (open addressing over a shared character pool). Immutable once built; thread-safe.
 */
public final class TokenVocabulary {

    /** Id returned for a token that is not in the vocabulary. */
    public static final int UNKNOWN = -1;

    private final char[] pool;
    private final int[] offsets;
    private final int[] table;
    /** The hash of the token in each slot: most mismatches are rejected without comparing characters. */
    private final int[] slotHashes;

    private final int mask;

    private TokenVocabulary(List<String> tokens) {
        int totalChars = tokens.stream().mapToInt(String::length).sum();
        pool = new char[totalChars];
        offsets = new int[tokens.size() + 1];
        int at = 0;
        for (int id = 0; id < tokens.size(); id++) {
            String token = tokens.get(id);
            token.getChars(0, token.length(), pool, at);
            offsets[id] = at;
            at += token.length();
        }
        offsets[tokens.size()] = at;
        int capacity = Integer.highestOneBit(Math.max(4, tokens.size() * 3)) << 1;
        table = new int[capacity];
        slotHashes = new int[capacity];
        Arrays.fill(table, UNKNOWN);
        mask = capacity - 1;
        for (int id = 0; id < tokens.size(); id++) {
            int hash = hash(pool, offsets[id], offsets[id + 1] - offsets[id]);
            int slot = hash & mask;
            while (table[slot] != UNKNOWN) {
                slot = (slot + 1) & mask;
            }
            table[slot] = id;
            slotHashes[slot] = hash;
        }
    }

    /** Collects tokens and assigns ids in insertion order; not thread-safe. */
    public static final class Builder {
        private final List<String> tokens = new ArrayList<>();
        private final Map<String, Integer> ids = new HashMap<>();

        /** Returns the id of {@code token} (already normalized), adding it if new. */
        public int add(String token) {
            return ids.computeIfAbsent(token, t -> {
                tokens.add(t);
                return tokens.size() - 1;
            });
        }

        public TokenVocabulary build() {
            return new TokenVocabulary(tokens);
        }
    }

    /** The id of the token in {@code buffer[0..length)}, or {@link #UNKNOWN}. */
    public int idOf(char[] buffer, int length) {
        return idOf(buffer, 0, length);
    }

    /** The id of the token in {@code buffer[offset..offset + length)}, or {@link #UNKNOWN}. */
    public int idOf(char[] buffer, int offset, int length) {
        if (length <= 0) {
            return UNKNOWN;
        }
        int hash = hash(buffer, offset, length);
        int slot = hash & mask;
        while (true) {
            int id = table[slot];
            if (id == UNKNOWN || (slotHashes[slot] == hash && sameChars(id, buffer, offset, length))) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The id of an already normalized token, or {@link #UNKNOWN}. */
    public int idOf(String token) {
        return idOf(token.toCharArray(), token.length());
    }

    public int size() {
        return offsets.length - 1;
    }

    private boolean sameChars(int id, char[] buffer, int offset, int length) {
        int start = offsets[id];
        if (offsets[id + 1] - start != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (pool[start + k] != buffer[offset + k]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(char[] chars, int from, int length) {
        int h = 0;
        for (int k = from; k < from + length; k++) {
            h = 31 * h + chars[k];
        }
        // spread the low bits, which the mask keeps
        return h ^ (h >>> 16) ^ (h >>> 7);
    }
}
