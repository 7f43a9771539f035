package io.paperstream.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The operations of the Confluent Schema Registry REST API that Avro serdes and tools need.
 * Implementations: {@link HttpSchemaRegistryClient} (a real registry over HTTP),
 * {@link CachedSchemaRegistryClient} (caches in front of another client) and
 * {@link InMemorySchemaRegistryClient} (tests). Failures are {@link SchemaRegistryException}s
 * typed by the Confluent error code.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} (POST /subjects/{subject}/versions) and returns
     * its global id; registering a schema the subject already has returns the existing id.
     *
     * @throws IncompatibleSchemaException when the subject's compatibility level forbids it
     * @throws InvalidSchemaException when the registry rejects the schema
     */
    int register(String subject, Schema schema);

    /**
     * The schema with this global id (GET /schemas/ids/{id}).
     *
     * @throws SchemaNotFoundException when no schema has the id
     */
    Schema getSchemaById(int id);

    /**
     * The id of {@code schema} as registered under {@code subject}, without registering it
     * (POST /subjects/{subject}).
     *
     * @throws SubjectNotFoundException when the subject does not exist
     * @throws SchemaNotFoundException when the subject does not have the schema
     */
    int getId(String subject, Schema schema);

    /**
     * The latest version of a subject (GET /subjects/{subject}/versions/latest).
     *
     * @throws SubjectNotFoundException when the subject does not exist
     */
    SchemaMetadata getLatestSchemaMetadata(String subject);

    /**
     * Whether {@code schema} could be registered under {@code subject} given its compatibility
     * level (POST /compatibility/subjects/{subject}/versions/latest).
     */
    boolean testCompatibility(String subject, Schema schema);

    /** The names of all subjects (GET /subjects). */
    List<String> getAllSubjects();

    /**
     * Deletes a subject (DELETE /subjects/{subject}) and returns the versions it had. Schema ids
     * stay valid: data written with them still decodes.
     *
     * @throws SubjectNotFoundException when the subject does not exist
     */
    List<Integer> deleteSubject(String subject);

    /** The registry-wide compatibility level (GET /config). */
    CompatibilityLevel getGlobalCompatibility();

    /** Sets the registry-wide compatibility level (PUT /config) and returns the level now in force. */
    CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level);

    /**
     * The level that applies to {@code subject} (GET /config/{subject}): its own setting, else the
     * registry-wide one.
     */
    CompatibilityLevel getCompatibility(String subject);

    /** Sets the level of one subject (PUT /config/{subject}) and returns the level now in force. */
    CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level);
}
