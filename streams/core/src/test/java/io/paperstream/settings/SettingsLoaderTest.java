package io.paperstream.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    /** A settings class as the commands write them. */
    static final class ExampleSettings {
        public static final Setting<String> SERVERS = ConnectionSettings.BOOTSTRAP_SERVERS;
        public static final Setting<Duration> WINDOW = Setting.duration("paperstream.window.size")
                .defaultValue(Duration.ofDays(1))
                .constraint(Constraint.positive())
                .doc("Window size.");
        public static final Setting<Duration> ADVANCE = Setting.duration("paperstream.window.advance")
                .unsetMeans("the window size")
                .constraint(Constraint.positive())
                .doc("Window advance.");
        public static final Setting<Integer> TOP_N = Setting.integer("paperstream.top-n")
                .defaultValue(10)
                .constraint(Constraint.atLeast(1))
                .doc("How many.");
        static final Setting<Integer> NOT_PUBLIC =
                Setting.integer("paperstream.hidden").doc("Not collected.");
        public static final String NOT_A_SETTING = "paperstream.other";
    }

    static final class UndocumentedSettings {
        public static final Setting<Integer> TOP_N =
                Setting.integer("paperstream.top-n").defaultValue(10);
    }

    static final class TwiceDeclaredSettings {
        public static final Setting<String> ONE =
                Setting.text("paperstream.name").doc("One.");
        public static final Setting<String> TWO =
                Setting.text("paperstream.name").doc("Two.");
    }

    private static final SettingsDeclaration DECLARED = SettingsDeclaration.of(ExampleSettings.class);
    private static final SettingsLoader LOADER = new SettingsLoader(
            DECLARED, Set.of("linger.ms", "acks", "commit.interval.ms"), Map.of("acks", "all", "linger.ms", "20"));

    @TempDir
    Path dir;

    @Test
    void theDeclarationIsEveryPublicSettingConstantInOrder() {
        assertThat(DECLARED.all())
                .containsExactly(
                        ExampleSettings.SERVERS,
                        ExampleSettings.WINDOW,
                        ExampleSettings.ADVANCE,
                        ExampleSettings.TOP_N);
        assertThat(DECLARED.named("paperstream.top-n")).containsSame(ExampleSettings.TOP_N);
        assertThat(DECLARED.named("paperstream.hidden")).isEmpty();
    }

    @Test
    void aDeclarationWithoutDescriptionOrWithAKeyTwiceIsRefused() {
        assertThatThrownBy(() -> SettingsDeclaration.of(UndocumentedSettings.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("paperstream.top-n has no description");
        assertThatThrownBy(() -> SettingsDeclaration.of(TwiceDeclaredSettings.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declared twice: paperstream.name");
    }

    @Test
    void theHelpComesFromTheDeclarations() {
        assertThat(DECLARED.describe()).contains("""
                paperstream.window.advance (duration, positive)
                    default: (unset: the window size)
                    env:     PAPERSTREAM_WINDOW_ADVANCE
                    Window advance.
                paperstream.top-n (int, at least 1)
                    default: 10
                    env:     PAPERSTREAM_TOP_N
                    How many.
                """);
    }

    @Test
    void defaultsThenFileThenEnvironmentThenOverrides() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(
                file, "paperstream.window.size=12h\npaperstream.top-n=7\nlinger.ms=100\nacks=1\nstate.dir=/tmp/x\n");

        SettingValues values = LOADER.load(
                file,
                Map.of(
                        "KAFKA_LINGER_MS", "5",
                        "KAFKA_BOOTSTRAP_SERVERS", "kafka-env:9092",
                        "PAPERSTREAM_BOOTSTRAP_SERVERS", "paperstream-env:9092",
                        "PAPERSTREAM_TOP_N", "8",
                        "KAFKA_HEAP_OPTS", "-Xmx1g",
                        "UNRELATED", "x"),
                Map.of("paperstream.top-n", "3"));

        assertThat(values.get(ExampleSettings.WINDOW)).isEqualTo(Duration.ofHours(12));
        assertThat(values.get(ExampleSettings.ADVANCE)).isNull();
        assertThat(values.get(ExampleSettings.TOP_N)).isEqualTo(3);
        assertThat(values.get(ExampleSettings.SERVERS)).isEqualTo("paperstream-env:9092");
        assertThat(values.kafkaPassThrough())
                .containsExactly(Map.entry("acks", "1"), Map.entry("linger.ms", "5"), Map.entry("state.dir", "/tmp/x"));
    }

    @Test
    void withNothingGivenTheDefaultsHold() {
        SettingValues values = LOADER.load(null, Map.of(), Map.of());

        assertThat(values.get(ExampleSettings.SERVERS)).isEqualTo(ConnectionSettings.DEFAULT_BOOTSTRAP_SERVERS);
        assertThat(values.get(ExampleSettings.WINDOW)).isEqualTo(Duration.ofDays(1));
        assertThat(values.kafkaPassThrough()).containsExactly(Map.entry("acks", "all"), Map.entry("linger.ms", "20"));
    }

    @Test
    void kafkaVariablesSetOnlyKnownPropertiesAndDeclaredKafkaKeys() {
        assertThat(LOADER.kafkaPropertyOf("KAFKA_LINGER_MS")).contains("linger.ms");
        assertThat(LOADER.kafkaPropertyOf("KAFKA_BOOTSTRAP_SERVERS")).contains("bootstrap.servers");
        assertThat(LOADER.kafkaPropertyOf("KAFKA_HEAP_OPTS")).isEmpty();
        assertThat(LOADER.kafkaPropertyOf("KAFKA_PAPERSTREAM_TOP_N")).isEmpty();
    }

    @Test
    void aBlankEnvironmentVariableCountsAsUnset() {
        SettingValues values =
                LOADER.load(null, Map.of("PAPERSTREAM_BOOTSTRAP_SERVERS", " ", "KAFKA_LINGER_MS", ""), Map.of());

        assertThat(values.get(ExampleSettings.SERVERS)).isEqualTo(ConnectionSettings.DEFAULT_BOOTSTRAP_SERVERS);
        assertThat(values.kafkaPassThrough()).containsEntry("linger.ms", "20");
    }

    @Test
    void aBlankOverrideUnsetsAnOptionalSetting() {
        assertThat(LOADER.load(
                                null,
                                Map.of("PAPERSTREAM_WINDOW_ADVANCE", "1h"),
                                Map.of("paperstream.window.advance", ""))
                        .get(ExampleSettings.ADVANCE))
                .isNull();
    }

    @Test
    void errorsNameTheKeyAndWhereTheValueCameFrom() {
        assertThatThrownBy(() -> LOADER.load(null, Map.of("PAPERSTREAM_WINDOW_SIZE", "one day"), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining(
                        "paperstream.window.size=one day (from environment variable PAPERSTREAM_WINDOW_SIZE)");
        assertThatThrownBy(() -> LOADER.load(null, Map.of(), Map.of("paperstream.top-n", "0")))
                .hasMessage("paperstream.top-n=0 (from override) must be at least 1");
        assertThatThrownBy(() -> LOADER.load(null, Map.of(), Map.of("paperstream.topn", "3")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("unknown setting paperstream.topn (from override)");
        assertThatThrownBy(() -> LOADER.load(dir.resolve("missing.properties"), Map.of(), Map.of()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.properties");
    }

    @Test
    void aKafkaDefaultOfADeclaredSettingIsRefused() {
        assertThatThrownBy(() -> new SettingsLoader(DECLARED, Set.of(), Map.of("bootstrap.servers", "x:1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bootstrap.servers is declared");
    }
}
