package io.paperstream.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One registered version of a subject: its global schema id, its version number within the
 * subject, and the schema.
 */
public record SchemaMetadata(String subject, int id, int version, Schema schema) {

    public SchemaMetadata {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
