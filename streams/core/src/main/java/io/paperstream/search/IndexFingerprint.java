package io.paperstream.search;

import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.stream.Stream;

/**
 * What a set of indexed papers is, in 16 bytes: how many papers and the sum of their {@linkplain #hash hashes}. Papers
 * in any order give the same fingerprint; a paper missing, extra, twice or different in any field changes it (but for a
 * 64-bit hash collision). It tells whether an index kept from an earlier run holds exactly what its store holds,
 * without indexing the store again.
 *
 * @param papers how many papers
 * @param hashSum the sum of their hashes, modulo 2^64
 */
public record IndexFingerprint(long papers, long hashSum) {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** The fingerprint of {@code papers}. */
    public static IndexFingerprint of(Stream<IndexedPaper> papers) {
        LongSummaryStatistics hashes = papers.mapToLong(IndexFingerprint::hash).summaryStatistics();
        // the sum wraps around, as the index's own sum does
        return new IndexFingerprint(hashes.getCount(), hashes.getSum());
    }

    /**
     * A 64-bit hash of every field of {@code paper} (FNV-1a over each field's length and characters, a text's in four
     * interleaved lanes, then MurmurHash3's finalizer, so that the sum of many hashes has well-mixed bits).
     */
    public static long hash(IndexedPaper paper) {
        long h = FNV_OFFSET;
        h = add(h, paper.id());
        h = add(h, paper.title());
        h = add(h, paper.abstractText());
        h = add(h, paper.publishedAt());
        h = add(h, paper.topics());
        h = add(h, paper.keyphrases());
        return finish(h);
    }

    private static long add(long h, List<String> values) {
        long mixed = add(h, values.size());
        for (String value : values) {
            mixed = add(mixed, value);
        }
        return mixed;
    }

    private static long add(long h, String value) {
        if (value == null) {
            return add(h, -1L);
        }
        // four lanes, each over every fourth character, so that the multiplications do not wait for one another
        int n = value.length();
        long lane0 = add(h, n);
        long lane1 = ~lane0;
        long lane2 = Long.rotateLeft(lane0, 21);
        long lane3 = Long.rotateLeft(lane0, 42);
        int i = 0;
        for (; i + 3 < n; i += 4) {
            lane0 = (lane0 ^ value.charAt(i)) * FNV_PRIME;
            lane1 = (lane1 ^ value.charAt(i + 1)) * FNV_PRIME;
            lane2 = (lane2 ^ value.charAt(i + 2)) * FNV_PRIME;
            lane3 = (lane3 ^ value.charAt(i + 3)) * FNV_PRIME;
        }
        for (; i < n; i++) {
            lane0 = (lane0 ^ value.charAt(i)) * FNV_PRIME;
        }
        return add(add(add(lane0, finish(lane1)), finish(lane2)), finish(lane3));
    }

    private static long add(long h, long value) {
        return (h ^ value) * FNV_PRIME;
    }

    private static long finish(long h) {
        long mixed = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        mixed = (mixed ^ (mixed >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return mixed ^ (mixed >>> 33);
    }
}
