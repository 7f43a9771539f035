package io.paperstream.streams;

import io.paperstream.settings.SettingsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The settings options shared by the streams commands: a properties file, overrides and the settings help. */
public final class SettingsOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Kafka-style properties file (see --settings-help); environment variables PAPERSTREAM_* override it.")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Set one setting, over the file and the environment (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(
            names = "--settings-help",
            description = "Print every setting with its default, environment variable and meaning.")
    boolean settingsHelp;

    /** What a command does once its settings of type {@code S} are loaded. */
    @FunctionalInterface
    public interface TypedSettingsCommand<S> {
        /** Runs with the settings, writing to the command's {@code out} and {@code err}; returns its exit code. */
        int run(S settings, PrintWriter out, PrintWriter err) throws Exception;
    }

    /** What a streams command does once its settings are loaded. */
    @FunctionalInterface
    public interface SettingsCommand extends TypedSettingsCommand<StreamsSettings> {}

    /** How a command's settings class loads its settings ({@code StreamsSettings::load}). */
    @FunctionalInterface
    public interface SettingsLoad<S> {
        /** Loads from the file (or none), the environment and the overrides; throws SettingsException when invalid. */
        S load(Path file, Map<String, String> environment, Map<String, String> overrides);
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * Prints the settings help (exit code 0), or loads the settings from the file, the process environment
     * and the overrides and runs {@code command} with them; invalid settings are reported in one line
     * (exit code 2).
     */
    public int runWith(SettingsCommand run) throws Exception {
        return runWith(StreamsSettings::load, StreamsSettings.describe(), run);
    }

    /**
     * As {@link #runWith(SettingsCommand)}, for a command with settings of its own: {@code load} loads them and
     * {@code help} is their settings help.
     */
    public <S> int runWith(SettingsLoad<S> load, String help, TypedSettingsCommand<S> run) throws Exception {
        if (settingsHelp) {
            PrintWriter out = command.commandLine().getOut();
            out.print(help);
            out.flush();
            return 0;
        }
        S settings;
        try {
            settings = load.load(config, System.getenv(), overrides);
        } catch (SettingsException e) {
            command.commandLine().getErr().println("invalid settings: " + e.getMessage());
            return 2;
        }
        return run.run(
                settings, command.commandLine().getOut(), command.commandLine().getErr());
    }
}
