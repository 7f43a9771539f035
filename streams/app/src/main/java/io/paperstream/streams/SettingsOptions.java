package io.paperstream.streams;

import io.paperstream.settings.SettingsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The settings options shared by the streams commands: a properties file, overrides and the settings help. */
public final class SettingsOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Kafka-style properties file (see --settings-help); environment variables PAPERSTREAM_* override it.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set one setting, over the file and the environment (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--settings-help", description = "Print every setting with its default, environment variable and meaning.")
    boolean settingsHelp;

    /** The outcome of {@link #resolve}: settings to run with, or the exit code the command ends with. */
    public record Resolution(StreamsSettings settings, int exitCode) {
        /** True when the command goes on with {@link #settings()}. */
        public boolean ready() {
            return settings != null;
        }
    }

    /**
     * Prints the settings help (exit code 0) or loads the settings from the file, the process environment
     * and the overrides, reporting invalid settings in one line (exit code 2).
     */
    public Resolution resolve(PrintWriter out, PrintWriter err) {
        if (settingsHelp) {
            out.print(StreamsSettings.describe());
            out.flush();
            return new Resolution(null, 0);
        }
        try {
            return new Resolution(StreamsSettings.load(config, System.getenv(), overrides), 0);
        } catch (SettingsException e) {
            err.println("invalid settings: " + e.getMessage());
            return new Resolution(null, 2);
        }
    }
}
