package io.paperstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Avro 1.12.2 refuses to load generated classes unless their package is in the system property
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES}, which the build passes to every test JVM. This test
 * starts a JVM without it to prove the serde does not need it while plain Avro does.
 */
class TrustedPackagesTest {

    @Test
    void theSerdeReadsGeneratedClassesInAJvmWithoutTheTrustedPackagesProperty()
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("untrusted-jvm", ".txt");
        ProcessBuilder probe = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dpaperstream.corpus=" + System.getProperty("paperstream.corpus"),
                        UntrustedJvmProbe.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        probe.environment().remove("JAVA_TOOL_OPTIONS");
        probe.environment().remove("JDK_JAVA_OPTIONS");

        Process process = probe.start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);

        assertThat(finished).as("the probe finished within 60 s").isTrue();
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("property: null");
        assertThat(lines.get(1))
                .as("plain Avro refuses the class")
                .startsWith("plain avro: Forbidden io.paperstream.avro.PaperAbstract! This class is not trusted");
        assertThat(lines.subList(2, 5))
                .containsExactly("by writer name: true", "explicit class: true", "nested records: true");
    }
}
