package io.paperstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The released versions of a record schema, kept in {@code src/test/resources/history} under their version,
 * checked against the current {@code .avsc} as the registry's BACKWARD level checks a subject.
 */
final class SchemaHistory {

    private SchemaHistory() {}

    /** A released version, parsed from the history resource {@code file}. */
    static Schema released(String file) throws IOException {
        try (InputStream in = SchemaHistory.class.getResourceAsStream("/history/" + file)) {
            assertThat(in).as("test resource history/%s", file).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }

    /** The current schema of the record with this full name, as its {@code .avsc} file defines it. */
    static Schema current(String fullName) {
        return AvscFiles.namedTypes().get(fullName);
    }

    /** Asserts that the current schema reads data written with every released version. */
    static void assertCurrentReadsEvery(String fullName, List<String> releasedFiles) throws IOException {
        for (String file : releasedFiles) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current(fullName), released(file));

            assertThat(result.getType())
                    .as("%s: %s", file, result.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    /** Asserts that a registry holding every released version under {@code subject} accepts the current one. */
    static void assertRegistryAcceptsCurrentAfter(String subject, String fullName, List<String> releasedFiles)
            throws IOException {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        for (String file : releasedFiles) {
            registry.register(subject, released(file));
        }

        int id = registry.register(subject, current(fullName));

        assertThat(registry.getLatestSchemaMetadata(subject).id()).isEqualTo(id);
        assertThat(registry.getLatestSchemaMetadata(subject).version()).isEqualTo(releasedFiles.size() + 1);
    }
}
