package io.paperstream.settings;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The loaded values of a command's declared settings, and the Kafka properties to pass on as they are. */
public final class SettingValues {

    private final Map<Setting<?>, Object> values;
    private final Map<String, String> kafkaPassThrough;

    SettingValues(Map<Setting<?>, Object> values, Map<String, String> kafkaPassThrough) {
        this.values = Map.copyOf(values);
        this.kafkaPassThrough = Collections.unmodifiableMap(new TreeMap<>(kafkaPassThrough));
    }

    /** The value of a setting; {@code null} only for an optional setting left unset. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    /**
     * These values with {@code setting} set to {@code value}, which the program works out (a user's value is loaded).
     *
     * @throws IllegalArgumentException when {@code value} breaks the setting's constraint
     */
    public <T> SettingValues with(Setting<T> setting, T value) {
        setting.constraint().filter(valid -> !valid.accepts(value)).ifPresent(valid -> {
            throw new IllegalArgumentException(setting.name() + " must be " + valid.text() + ", not " + value);
        });
        Map<Setting<?>, Object> changed = new HashMap<>(values);
        changed.put(setting, value);
        return new SettingValues(changed, kafkaPassThrough);
    }

    /** The keys that are not declared settings, sorted, for Kafka as they are. */
    public Map<String, String> kafkaPassThrough() {
        return kafkaPassThrough;
    }
}
