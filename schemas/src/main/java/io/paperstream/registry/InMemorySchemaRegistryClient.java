package io.paperstream.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, for unit tests and {@code TopologyTestDriver}: global ids
 * from 1 (the same schema text gets the same id in every subject), versions per subject, and the
 * compatibility check of the real registry (BACKWARD unless set otherwise) with Avro's schema
 * resolution rules. Errors carry the codes a real registry sends. Serdes configured with
 * {@code schema.registry.url=mock://<scope>} share the instance of that scope
 * ({@link MockSchemaRegistry}). Thread-safe.
 */
public class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionIdsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> levelBySubject = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    @Override
    public synchronized int register(String subject, Schema schema) {
        String text = schema.toString();
        List<Integer> versionIds = versionIdsBySubject.getOrDefault(subject, List.of());
        Integer known = idsByText.get(text);
        if (known != null && versionIds.contains(known)) {
            return known;
        }
        List<Schema> versions = versionIds.stream().map(schemasById::get).toList();
        Optional<String> violation = getCompatibility(subject).violation(schema, versions);
        if (violation.isPresent()) {
            throw new IncompatibleSchemaException(
                    RegistryErrorCode.INCOMPATIBLE_SCHEMA.code(),
                    409,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\", details: " + violation.get());
        }
        int id = idsByText.computeIfAbsent(text, any -> nextId++);
        // stored as parsed from its text, as a real registry would return it
        schemasById.computeIfAbsent(id, any -> new Schema.Parser().parse(text));
        versionIdsBySubject.computeIfAbsent(subject, any -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized Schema getSchemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException(
                    RegistryErrorCode.SCHEMA_NOT_FOUND.code(), 404, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
        List<Integer> versionIds = existingVersionIds(subject);
        Integer id = idsByText.get(schema.toString());
        if (id == null || !versionIds.contains(id)) {
            throw new SchemaNotFoundException(RegistryErrorCode.SCHEMA_NOT_FOUND.code(), 404, "Schema not found");
        }
        return id;
    }

    @Override
    public synchronized SchemaMetadata getLatestSchemaMetadata(String subject) {
        List<Integer> versionIds = existingVersionIds(subject);
        int id = versionIds.get(versionIds.size() - 1);
        return new SchemaMetadata(subject, id, versionIds.size(), schemasById.get(id));
    }

    @Override
    public synchronized boolean testCompatibility(String subject, Schema schema) {
        List<Schema> versions = versionIdsBySubject.getOrDefault(subject, List.of()).stream()
                .map(schemasById::get)
                .toList();
        return getCompatibility(subject).violation(schema, versions).isEmpty();
    }

    @Override
    public synchronized List<String> getAllSubjects() {
        return versionIdsBySubject.keySet().stream().sorted().toList();
    }

    @Override
    public synchronized List<Integer> deleteSubject(String subject) {
        int versions = existingVersionIds(subject).size();
        versionIdsBySubject.remove(subject);
        levelBySubject.remove(subject);
        return IntStream.rangeClosed(1, versions).boxed().toList();
    }

    @Override
    public synchronized CompatibilityLevel getGlobalCompatibility() {
        return globalLevel;
    }

    @Override
    public synchronized CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level) {
        globalLevel = level;
        return level;
    }

    @Override
    public synchronized CompatibilityLevel getCompatibility(String subject) {
        return levelBySubject.getOrDefault(subject, globalLevel);
    }

    @Override
    public synchronized CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        levelBySubject.put(subject, level);
        return level;
    }

    private List<Integer> existingVersionIds(String subject) {
        List<Integer> versionIds = versionIdsBySubject.get(subject);
        if (versionIds == null) {
            throw new SubjectNotFoundException(
                    RegistryErrorCode.SUBJECT_NOT_FOUND.code(), 404, "Subject '" + subject + "' not found.");
        }
        return versionIds;
    }
}
