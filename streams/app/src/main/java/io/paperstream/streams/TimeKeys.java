package io.paperstream.streams;

/**
 * Store keys that sort by time: a fixed-width, zero-padded millisecond time, a slash, then a name (a paper id, a
 * topic id), so that a store's byte order is time order and the prefix of one time selects its entries. Event times
 * are never negative (Kafka refuses negative record timestamps).
 */
final class TimeKeys {

    private static final int TIME_WIDTH = 19;

    private TimeKeys() {}

    /** The key of {@code name} at {@code time}. */
    static String of(long time, String name) {
        return prefix(time) + name;
    }

    /** The prefix every key at {@code time} starts with. */
    static String prefix(long time) {
        String digits = Long.toString(time);
        return "0".repeat(TIME_WIDTH - digits.length()) + digits + "/";
    }

    /** The time of {@code key}. */
    static long timeOf(String key) {
        return Long.parseLong(key.substring(0, TIME_WIDTH));
    }

    /** The name of {@code key}. */
    static String nameOf(String key) {
        return key.substring(TIME_WIDTH + 1);
    }
}
