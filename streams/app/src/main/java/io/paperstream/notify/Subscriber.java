package io.paperstream.notify;

import java.util.Locale;
import java.util.Set;

/**
 * One subscriber of the daily digest.
 *
 * @param address the e-mail address, as written in the subscriptions file
 * @param topics the taxonomy topic ids the subscriber follows; empty for every topic
 * @param line the line of the subscriptions file it was read from, for messages
 */
public record Subscriber(String address, Set<String> topics, int line) {

    public Subscriber {
        topics = Set.copyOf(topics);
    }

    /** The address as it identifies the subscriber: lower-cased, so that a re-typed address is the same one. */
    public String key() {
        return address.toLowerCase(Locale.ROOT);
    }

    /** True when the subscriber follows every topic. */
    public boolean followsEverything() {
        return topics.isEmpty();
    }
}
