package io.paperstream.streams;

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

    /** Loads the settings from the file, the process environment and the overrides. */
    public StreamsSettings load() {
        return StreamsSettings.load(config, System.getenv(), overrides);
    }
}
