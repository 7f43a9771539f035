package io.paperstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every released version of a value schema (kept in {@code src/test/resources/history} under its version) can be
 * read by the current {@code .avsc}, as the registry's BACKWARD level demands of the value subject.
 */
class SchemaHistoryTest {

    /** Each evolving record with its value subject and its released versions, oldest first. */
    static Stream<Arguments> releasedVersions() {
        return Stream.of(
                // v1 before originalTitle/originalAbstract, v2 before updatedAt
                Arguments.of(
                        "io.paperstream.avro.PaperAbstract",
                        "papers.raw-value",
                        List.of("PaperAbstract-v1.avsc", "PaperAbstract-v2.avsc")),
                // v1 before originalTitle/originalAbstract, v2 before TopicScore.categories
                Arguments.of(
                        "io.paperstream.avro.ClassifiedPaper",
                        "papers.classified-value",
                        List.of("ClassifiedPaper-v1.avsc", "ClassifiedPaper-v2.avsc")),
                // v1 before trendingPapers
                Arguments.of("io.paperstream.avro.DailyDigest", "digests.daily-value", List.of("DailyDigest-v1.avsc")));
    }

    /** A released version, parsed from the history resource {@code file}. */
    static Schema released(String file) throws IOException {
        try (InputStream in = SchemaHistoryTest.class.getResourceAsStream("/history/" + file)) {
            assertThat(in).as("test resource history/%s", file).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }

    private static Schema current(String fullName) {
        return AvscFiles.namedTypes().get(fullName);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedVersions")
    void theCurrentSchemaReadsDataOfEveryReleasedVersion(String fullName, String subject, List<String> released)
            throws IOException {
        for (String file : released) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current(fullName), released(file));

            assertThat(result.getType())
                    .as("%s: %s", file, result.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("releasedVersions")
    void theRegistryAcceptsTheCurrentSchemaAfterEveryReleasedVersion(
            String fullName, String subject, List<String> released) throws IOException {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        for (String file : released) {
            registry.register(subject, released(file));
        }

        int id = registry.register(subject, current(fullName));

        assertThat(registry.getLatestSchemaMetadata(subject).id()).isEqualTo(id);
        assertThat(registry.getLatestSchemaMetadata(subject).version()).isEqualTo(released.size() + 1);
    }
}
