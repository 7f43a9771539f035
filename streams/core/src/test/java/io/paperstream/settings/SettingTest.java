package io.paperstream.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingTest {

    private static final Setting<Duration> GRACE = Setting.duration("paperstream.window.grace")
            .defaultValue(Duration.ofHours(1))
            .constraint(Constraint.notNegative())
            .doc("Late papers still count.");

    @Test
    void aDeclarationNamesItsParts() {
        assertThat(GRACE.name()).isEqualTo("paperstream.window.grace");
        assertThat(GRACE.type()).isSameAs(ValueType.DURATION);
        assertThat(GRACE.defaultValue()).isEqualTo(Duration.ofHours(1));
        assertThat(GRACE.defaultText()).isEqualTo("1h");
        assertThat(GRACE.constraint()).map(Constraint::text).contains("not negative");
        assertThat(GRACE.doc()).isEqualTo("Late papers still count.");
        assertThat(GRACE.environmentVariable()).isEqualTo("PAPERSTREAM_WINDOW_GRACE");
    }

    @Test
    void anOptionalSettingSaysWhatUnsetMeans() {
        Setting<String> host = Setting.text("paperstream.http.advertised-host").unsetMeans("paperstream.http.host");

        assertThat(host.defaultValue()).isNull();
        assertThat(host.defaultText()).isEqualTo("(unset: paperstream.http.host)");
        assertThat(host.constraint()).isEmpty();
    }

    @Test
    void aDefaultThatBreaksItsOwnConstraintIsRefusedAtDeclaration() {
        assertThatThrownBy(() -> Setting.integer("paperstream.trends.top-n")
                        .defaultValue(0)
                        .constraint(Constraint.atLeast(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("paperstream.trends.top-n")
                .hasMessageContaining("at least 1");
    }

    @Test
    void parsingNamesTheKeyTheValueAndWhereItCameFrom() {
        assertThat(GRACE.parse(" 30m ", "in a.properties")).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> GRACE.parse("soon", "in a.properties"))
                .isInstanceOf(SettingsException.class)
                .hasMessage("paperstream.window.grace=soon (in a.properties) is not a valid duration: "
                        + "write it as 500ms, 30s, 15m, 12h, 1d or ISO-8601 such as PT1H");
        assertThatThrownBy(() -> GRACE.parse("-PT1H", "from override"))
                .hasMessage("paperstream.window.grace=-PT1H (from override) must be not negative");
    }

    @Test
    void constraintsCarryTheirWords() {
        assertThat(Constraint.atLeast(-1L).text()).isEqualTo("at least -1");
        assertThat(Constraint.atLeast(-1L).accepts(-1L)).isTrue();
        assertThat(Constraint.atLeast(-1L).accepts(-2L)).isFalse();
        assertThat(Constraint.positive().accepts(Duration.ZERO)).isFalse();
        assertThat(Constraint.notNegative().accepts(Duration.ZERO)).isTrue();
        assertThat(Constraint.oneOf(java.util.Set.of("b", "a")).text()).isEqualTo("one of a, b");
    }

    @Test
    void durationsAreWrittenTheShortWayOrAsIso8601() {
        assertThat(ValueType.DURATION.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ValueType.DURATION.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ValueType.DURATION.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ValueType.DURATION.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(ValueType.DURATION.parse("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(ValueType.DURATION.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(ValueType.DURATION.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() {
        assertThat(ValueType.BOOLEAN.parse("TRUE")).isTrue();
        assertThat(ValueType.BOOLEAN.parse("false")).isFalse();
        assertThatThrownBy(() -> ValueType.BOOLEAN.parse("yes")).hasMessage("write true or false");
    }

    @Test
    void kafkaVariablesSpellPropertyNames() {
        assertThat(EnvironmentVariables.kafkaPropertyNameOf("KAFKA_LINGER_MS")).contains("linger.ms");
        assertThat(EnvironmentVariables.kafkaPropertyNameOf("KAFKA_SOME__NAME___WITH_PARTS"))
                .contains("some-name_with.parts");
        assertThat(EnvironmentVariables.kafkaPropertyNameOf("KAFKA_LINGER____MS"))
                .isEmpty();
        assertThat(EnvironmentVariables.kafkaPropertyNameOf("PAPERSTREAM_TOPIC"))
                .isEmpty();
        assertThat(EnvironmentVariables.kafkaPropertyNameOf("LINGER_MS")).isEmpty();
    }
}
