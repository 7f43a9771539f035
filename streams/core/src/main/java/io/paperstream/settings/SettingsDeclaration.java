package io.paperstream.settings;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a command declares: every {@code public static final} {@link Setting} field of its
 * settings class, in declaration order, collected once so the list is never kept by hand. The
 * settings help comes from here.
 */
public final class SettingsDeclaration {

    private final List<Setting<?>> all;
    private final Map<String, Setting<?>> byName;

    private SettingsDeclaration(List<Setting<?>> all) {
        this.all = List.copyOf(all);
        Map<String, Setting<?>> names = new HashMap<>();
        for (Setting<?> setting : all) {
            if (names.put(setting.name(), setting) != null) {
                throw new IllegalStateException("setting declared twice: " + setting.name());
            }
            if (setting.doc() == null) {
                throw new IllegalStateException("setting " + setting.name() + " has no description");
            }
        }
        this.byName = Map.copyOf(names);
    }

    /**
     * The settings declared as {@code public static final Setting} fields of {@code holder}. Call it
     * from {@code holder}'s static initializer after the last of them, or from outside.
     *
     * @throws IllegalStateException when a field is still unset, a key is declared twice or a setting has no description
     */
    public static SettingsDeclaration of(Class<?> holder) {
        List<Setting<?>> settings = new ArrayList<>();
        // getDeclaredFields lists the fields in the order of the source, which is the order of the help
        for (Field field : holder.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers)
                    && Modifier.isStatic(modifiers)
                    && Modifier.isFinal(modifiers)
                    && field.getType() == Setting.class) {
                settings.add(valueOf(field));
            }
        }
        return new SettingsDeclaration(settings);
    }

    private static Setting<?> valueOf(Field field) {
        try {
            Setting<?> setting = (Setting<?>) field.get(null);
            if (setting == null) {
                throw new IllegalStateException(field + " is read before it is declared");
            }
            return setting;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    /** Every setting, in the order of the help text. */
    public List<Setting<?>> all() {
        return all;
    }

    /** The setting with this key, if declared. */
    public Optional<Setting<?>> named(String key) {
        return Optional.ofNullable(byName.get(key));
    }

    /** The settings help: every key with its type, constraint, default, environment variable and description. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Setting<?> s : all) {
            out.append(s.name()).append(" (").append(s.type().name());
            s.constraint().ifPresent(c -> out.append(", ").append(c.text()));
            out.append(")\n    default: ")
                    .append(s.defaultText())
                    .append("\n    env:     ")
                    .append(s.environmentVariable())
                    .append("\n    ")
                    .append(s.doc())
                    .append("\n");
        }
        return out.toString();
    }
}
