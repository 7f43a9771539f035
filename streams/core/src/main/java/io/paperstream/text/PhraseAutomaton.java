package io.paperstream.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho–Corasick automaton over token ids: it recognizes every phrase of a fixed set in one
 * left-to-right pass over a token stream, one {@link #step} per token, whatever the number of
 * phrases — linear in the text and free of backtracking. Immutable once built; thread-safe.
 *
 * <p>After each step, {@link #longestMatch} names the longest phrase that ends at the current
 * token (shorter phrases ending there are suffixes of it and are not reported).
 */
public final class PhraseAutomaton {

    /** The start state; also the state after a token that no phrase contains. */
    public static final int START = 0;

    /** Returned by {@link #longestMatch} when no phrase ends at the current token. */
    public static final int NO_MATCH = -1;

    private final long[] keys;
    private final int[] targets;
    /** Transitions out of {@link #START}, by token id: most steps start there, so they skip the hash. */
    private final int[] fromStart;

    private final int mask;
    private final int[] failure;
    private final int[] longest;
    private final int[] phraseLengths;

    private PhraseAutomaton(List<int[]> phrases) {
        phraseLengths = phrases.stream().mapToInt(p -> p.length).toArray();
        List<long[]> edges = new ArrayList<>();
        List<Integer> terminal = new ArrayList<>();
        terminal.add(NO_MATCH);
        TrieBuilder trie = new TrieBuilder();
        for (int phrase = 0; phrase < phrases.size(); phrase++) {
            int state = START;
            for (int token : phrases.get(phrase)) {
                state = trie.child(state, token, edges, terminal);
            }
            if (terminal.get(state) == NO_MATCH) {
                terminal.set(state, phrase);
            }
        }
        int states = terminal.size();
        int capacity = Integer.highestOneBit(Math.max(4, edges.size() * 2)) << 1;
        keys = new long[capacity];
        targets = new int[capacity];
        Arrays.fill(keys, -1L);
        mask = capacity - 1;
        int maxToken = -1;
        for (long[] edge : edges) {
            put(edge[0], (int) edge[1]);
            maxToken = Math.max(maxToken, (int) edge[0]);
        }
        fromStart = new int[maxToken + 1];
        for (long[] edge : edges) {
            if ((edge[0] >>> 32) == START) {
                fromStart[(int) edge[0]] = (int) edge[1];
            }
        }
        failure = new int[states];
        longest = new int[states];
        buildFailureLinks(edges, terminal, states);
    }

    /** Builds the automaton for {@code phrases}, each a non-empty sequence of token ids ≥ 0. */
    public static PhraseAutomaton of(List<int[]> phrases) {
        for (int[] phrase : phrases) {
            if (phrase.length == 0) {
                throw new IllegalArgumentException("empty phrase");
            }
            for (int token : phrase) {
                if (token < 0) {
                    throw new IllegalArgumentException("negative token id in phrase " + Arrays.toString(phrase));
                }
            }
        }
        return new PhraseAutomaton(phrases);
    }

    /** The state after reading {@code token} in {@code state}; an unknown token (&lt; 0) restarts. */
    public int step(int state, int token) {
        if (token < 0) {
            return START;
        }
        if (state == START) {
            return token < fromStart.length ? fromStart[token] : START;
        }
        int current = state;
        while (true) {
            int next = get(current, token);
            if (next >= 0) {
                return next;
            }
            current = failure[current];
            if (current == START) {
                return token < fromStart.length ? fromStart[token] : START;
            }
        }
    }

    /** The index of the longest phrase ending in {@code state}, or {@link #NO_MATCH}. */
    public int longestMatch(int state) {
        return longest[state];
    }

    /** Number of tokens of phrase {@code phrase}. */
    public int phraseLength(int phrase) {
        return phraseLengths[phrase];
    }

    private void buildFailureLinks(List<long[]> edges, List<Integer> terminal, int states) {
        List<List<long[]>> children = new ArrayList<>(states);
        for (int s = 0; s < states; s++) {
            children.add(new ArrayList<>(2));
        }
        for (long[] edge : edges) {
            children.get((int) (edge[0] >>> 32)).add(edge);
        }
        longest[START] = NO_MATCH;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (long[] edge : children.get(START)) {
            int child = (int) edge[1];
            failure[child] = START;
            longest[child] = terminal.get(child);
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (long[] edge : children.get(state)) {
                int child = (int) edge[1];
                int token = (int) edge[0];
                failure[child] = step(failure[state], token);
                // a state's own phrase is longer than any phrase reached through its failure link
                longest[child] = terminal.get(child) != NO_MATCH ? terminal.get(child) : longest[failure[child]];
                queue.add(child);
            }
        }
    }

    private int get(int state, int token) {
        long key = ((long) state << 32) | token;
        int slot = mix(key) & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return targets[slot];
            }
            if (k == -1L) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void put(long key, int target) {
        int slot = mix(key) & mask;
        while (keys[slot] != -1L) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        targets[slot] = target;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    /** Assigns trie states while phrases are inserted. */
    private static final class TrieBuilder {
        private final Map<Long, Integer> children = new HashMap<>();

        int child(int state, int token, List<long[]> edges, List<Integer> terminal) {
            long key = ((long) state << 32) | token;
            Integer existing = children.get(key);
            if (existing != null) {
                return existing;
            }
            int created = terminal.size();
            terminal.add(NO_MATCH);
            children.put(key, created);
            edges.add(new long[] {key, created});
            return created;
        }
    }
}
