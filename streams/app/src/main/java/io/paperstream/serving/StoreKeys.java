package io.paperstream.serving;

/**
 * Keys of the serving stores that sort by time: a fixed-width, zero-padded millisecond timestamp,
 * so that the stores' byte order is time order and a prefix selects one window.
 */
final class StoreKeys {

    private static final int TIME_WIDTH = 19;
    private static final int RANK_WIDTH = 4;

    private StoreKeys() {}

    /** The key of a window (its start) in the digests store, and the prefix of its trends. */
    static String window(long windowStart) {
        return pad(windowStart, TIME_WIDTH);
    }

    /** The key of a trend: window, then rank. */
    static String trend(long windowStart, int rank) {
        return window(windowStart) + "/" + pad(rank, RANK_WIDTH);
    }

    /** The prefix of every trend of a window. */
    static String trendsOf(long windowStart) {
        return window(windowStart) + "/";
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(Math.max(0, value));
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
