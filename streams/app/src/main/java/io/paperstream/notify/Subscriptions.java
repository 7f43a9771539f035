package io.paperstream.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The subscriptions file: one subscriber a line, the address and optionally, after white space, the
 * topics followed, comma-separated taxonomy ids ({@code ada@example.org nlp,multimodal}). Blank lines
 * and lines starting with {@code #} are ignored. Every error names the file and the line.
 */
public final class Subscriptions {

    private static final Pattern TOPIC_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Subscriptions() {}

    /**
     * Reads the subscribers of {@code file}, in the file's order.
     *
     * @throws SubscriptionsException naming the file and line of a malformed line, a repeated address, or a file
     *     without any subscriber
     * @throws UncheckedIOException when the file cannot be read
     */
    public static List<Subscriber> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new SubscriptionsException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the subscriptions file " + file, e);
        }
        Map<String, Subscriber> byKey = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            Subscriber subscriber = parse(text, file + ":" + (i + 1), i + 1);
            Subscriber earlier = byKey.putIfAbsent(subscriber.key(), subscriber);
            if (earlier != null) {
                throw new SubscriptionsException(file + ":" + (i + 1) + ": " + subscriber.address()
                        + " is already subscribed on line " + earlier.line());
            }
        }
        if (byKey.isEmpty()) {
            throw new SubscriptionsException(file + ": no subscriber (one address a line)");
        }
        return new ArrayList<>(byKey.values());
    }

    private static Subscriber parse(String text, String where, int line) {
        String[] parts = WHITESPACE.split(text);
        if (parts.length > 2) {
            throw new SubscriptionsException(
                    where + ": expected 'address [topic,topic...]', found " + parts.length + " words: " + text);
        }
        String address = parts[0];
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (!parsed.getAddress().equals(address) || address.indexOf('@') < 1) {
                throw new AddressException("not a plain address local@domain", address);
            }
        } catch (AddressException e) {
            throw new SubscriptionsException(where + ": invalid e-mail address " + address + ": " + e.getMessage());
        }
        Set<String> topics = new LinkedHashSet<>();
        if (parts.length == 2) {
            for (String topic : parts[1].split(",", -1)) {
                if (!TOPIC_ID.matcher(topic).matches()) {
                    throw new SubscriptionsException(where + ": invalid topic id '" + topic
                            + "' (taxonomy ids: lower-case letters, digits and '-', comma-separated)");
                }
                topics.add(topic);
            }
        }
        return new Subscriber(address, topics, line);
    }
}
