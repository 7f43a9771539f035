package io.paperstream.settings;

/** A setting has a value that cannot be used; the message names the key, the value and where it came from. */
public class SettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
