package io.paperstream.registry;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;

/**
 * Caches in front of another {@link SchemaRegistryClient}, in both directions: schema to id per
 * subject (filled by {@link #register} and {@link #getId}) and id to schema. Ids never change
 * meaning in a registry, so those entries never expire. The latest version of a subject is cached
 * for {@code latest.cache.ttl.sec} (negative: until this client registers in or deletes that
 * subject; 0: not cached). Compatibility checks, subject lists and configuration are not cached.
 * Concurrent callers asking for the same entry make one request between them. Thread-safe.
 */
public class CachedSchemaRegistryClient implements SchemaRegistryClient {

    private record Latest(SchemaMetadata metadata, long fetchedAtNanos) {}

    private final SchemaRegistryClient delegate;
    private final long latestTtlNanos;
    private final ConcurrentMap<String, ConcurrentMap<String, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Latest> latestBySubject = new ConcurrentHashMap<>();

    /** Caches with the latest version of each subject kept until this client changes the subject. */
    public CachedSchemaRegistryClient(SchemaRegistryClient delegate) {
        this(delegate, -1);
    }

    /**
     * @param latestCacheTtlSeconds how long a subject's latest version stays cached: negative until
     *     this client registers in or deletes the subject, 0 not cached
     */
    public CachedSchemaRegistryClient(SchemaRegistryClient delegate, long latestCacheTtlSeconds) {
        this.delegate = delegate;
        this.latestTtlNanos = latestCacheTtlSeconds < 0 ? -1 : TimeUnit.SECONDS.toNanos(latestCacheTtlSeconds);
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsOf(subject).computeIfAbsent(schema.toString(), text -> {
            int id = delegate.register(subject, schema);
            schemasById.putIfAbsent(id, schema);
            latestBySubject.remove(subject);
            return id;
        });
    }

    @Override
    public int getId(String subject, Schema schema) {
        return idsOf(subject).computeIfAbsent(schema.toString(), text -> {
            int id = delegate.getId(subject, schema);
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema getSchemaById(int id) {
        return schemasById.computeIfAbsent(id, delegate::getSchemaById);
    }

    @Override
    public SchemaMetadata getLatestSchemaMetadata(String subject) {
        if (latestTtlNanos == 0) {
            return delegate.getLatestSchemaMetadata(subject);
        }
        Latest cached = latestBySubject.get(subject);
        if (cached != null && (latestTtlNanos < 0 || System.nanoTime() - cached.fetchedAtNanos() < latestTtlNanos)) {
            return cached.metadata();
        }
        SchemaMetadata latest = delegate.getLatestSchemaMetadata(subject);
        latestBySubject.put(subject, new Latest(latest, System.nanoTime()));
        schemasById.putIfAbsent(latest.id(), latest.schema());
        return latest;
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        return delegate.testCompatibility(subject, schema);
    }

    @Override
    public List<String> getAllSubjects() {
        return delegate.getAllSubjects();
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        List<Integer> versions = delegate.deleteSubject(subject);
        idsBySubject.remove(subject);
        latestBySubject.remove(subject);
        return versions;
    }

    @Override
    public CompatibilityLevel getGlobalCompatibility() {
        return delegate.getGlobalCompatibility();
    }

    @Override
    public CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level) {
        return delegate.setGlobalCompatibility(level);
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        return delegate.getCompatibility(subject);
    }

    @Override
    public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        return delegate.setCompatibility(subject, level);
    }

    private ConcurrentMap<String, Integer> idsOf(String subject) {
        return idsBySubject.computeIfAbsent(subject, any -> new ConcurrentHashMap<>());
    }
}
