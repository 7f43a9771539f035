package io.paperstream.settings;

import java.util.Locale;
import java.util.Optional;

/**
 * How settings are named in the environment: {@code PAPERSTREAM_<KEY>} for a declared setting,
 * {@code KAFKA_<NAME>} for a Kafka property.
 */
final class EnvironmentVariables {

    /** Prefix of the variables that set Kafka properties. */
    private static final String KAFKA_PREFIX = "KAFKA_";
    /** Prefix of the variables that set declared settings. */
    private static final String PAPERSTREAM_PREFIX = "PAPERSTREAM_";

    private EnvironmentVariables() {}

    /**
     * The variable of a declared setting: {@code PAPERSTREAM_} followed by the key without its
     * {@code paperstream.} prefix, upper-cased, dots and dashes as underscores
     * ({@code paperstream.window.size} is {@code PAPERSTREAM_WINDOW_SIZE},
     * {@code bootstrap.servers} is {@code PAPERSTREAM_BOOTSTRAP_SERVERS}).
     */
    static String ofSetting(String key) {
        String rest = key.startsWith(Setting.OWN_PREFIX) ? key.substring(Setting.OWN_PREFIX.length()) : key;
        return PAPERSTREAM_PREFIX
                + rest.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The property name a {@code KAFKA_} variable spells, known or not: {@code KAFKA_} removed, the
     * rest lower-cased, {@code _} read as {@code .}, {@code __} as {@code -} and {@code ___} as
     * {@code _} ({@code KAFKA_LINGER_MS} is {@code linger.ms}); empty for other variables and for
     * runs of four or more underscores.
     */
    static Optional<String> kafkaPropertyNameOf(String variable) {
        if (!variable.startsWith(KAFKA_PREFIX)) {
            return Optional.empty();
        }
        String rest = variable.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT);
        StringBuilder property = new StringBuilder(rest.length());
        int i = 0;
        while (i < rest.length()) {
            if (rest.charAt(i) != '_') {
                property.append(rest.charAt(i++));
                continue;
            }
            int run = 0;
            while (i < rest.length() && rest.charAt(i) == '_') {
                run++;
                i++;
            }
            if (run > 3) {
                return Optional.empty();
            }
            property.append(".-_".charAt(run - 1));
        }
        return Optional.of(property.toString());
    }
}
