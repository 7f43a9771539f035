package io.paperstream.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class CachedSchemaRegistryClientTest {

    private static final Schema TREND_V1 = SchemaBuilder.record("TopicTrend")
            .namespace("io.paperstream.test")
            .fields()
            .requiredString("topic")
            .requiredDouble("score")
            .endRecord();
    private static final Schema TREND_V2 = SchemaBuilder.record("TopicTrend")
            .namespace("io.paperstream.test")
            .fields()
            .requiredString("topic")
            .requiredDouble("score")
            .name("rank")
            .type()
            .intType()
            .intDefault(0)
            .endRecord();

    /** An in-memory registry that counts the requests reaching it. */
    static final class CountingRegistry extends InMemorySchemaRegistryClient {
        final AtomicInteger registers = new AtomicInteger();
        final AtomicInteger lookups = new AtomicInteger();
        final AtomicInteger schemaFetches = new AtomicInteger();
        final AtomicInteger latestFetches = new AtomicInteger();

        @Override
        public int register(String subject, Schema schema) {
            registers.incrementAndGet();
            return super.register(subject, schema);
        }

        @Override
        public int getId(String subject, Schema schema) {
            lookups.incrementAndGet();
            return super.getId(subject, schema);
        }

        @Override
        public Schema getSchemaById(int id) {
            schemaFetches.incrementAndGet();
            return super.getSchemaById(id);
        }

        @Override
        public SchemaMetadata getLatestSchemaMetadata(String subject) {
            latestFetches.incrementAndGet();
            return super.getLatestSchemaMetadata(subject);
        }
    }

    private final CountingRegistry registry = new CountingRegistry();
    private final CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(registry);

    @Test
    void cachesSchemaToIdAndIdToSchema() {
        int id = cached.register("trends.topics-value", TREND_V1);

        assertThat(cached.register("trends.topics-value", TREND_V1)).isEqualTo(id);
        assertThat(cached.getId("trends.topics-value", TREND_V1)).isEqualTo(id);
        assertThat(cached.getSchemaById(id)).isEqualTo(TREND_V1);
        assertThat(registry.registers).hasValue(1);
        assertThat(registry.lookups).hasValue(0);
        assertThat(registry.schemaFetches)
                .as("registering taught the cache the id")
                .hasValue(0);

        CachedSchemaRegistryClient reader = new CachedSchemaRegistryClient(registry);
        reader.getSchemaById(id);
        reader.getSchemaById(id);
        reader.getId("trends.topics-value", TREND_V1);
        reader.getId("trends.topics-value", TREND_V1);
        assertThat(registry.schemaFetches).hasValue(1);
        assertThat(registry.lookups).hasValue(1);
    }

    @Test
    void concurrentCallersShareOneRequestPerEntry() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(() -> cached.register("trends.topics-value", TREND_V1)
                        + cached.getSchemaById(1).getFields().size());
            }
            for (Future<Integer> result : threads.invokeAll(calls, 30, TimeUnit.SECONDS)) {
                assertThat(result.get()).isEqualTo(1 + 2);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(registry.registers).hasValue(1);
        assertThat(registry.schemaFetches).hasValue(0);
    }

    @Test
    void theLatestVersionIsCachedUntilThisClientChangesTheSubject() {
        cached.register("trends.topics-value", TREND_V1);
        assertThat(cached.getLatestSchemaMetadata("trends.topics-value").version())
                .isEqualTo(1);
        assertThat(cached.getLatestSchemaMetadata("trends.topics-value").version())
                .isEqualTo(1);
        assertThat(registry.latestFetches).hasValue(1);

        cached.register("trends.topics-value", TREND_V2);

        assertThat(cached.getLatestSchemaMetadata("trends.topics-value").schema())
                .isEqualTo(TREND_V2);
        assertThat(registry.latestFetches).hasValue(2);
    }

    @Test
    void aZeroTtlAsksTheRegistryEveryTime() {
        CachedSchemaRegistryClient uncachedLatest = new CachedSchemaRegistryClient(registry, 0);
        uncachedLatest.register("trends.topics-value", TREND_V1);

        uncachedLatest.getLatestSchemaMetadata("trends.topics-value");
        uncachedLatest.getLatestSchemaMetadata("trends.topics-value");

        assertThat(registry.latestFetches).hasValue(2);
    }

    @Test
    void failuresAreNotCachedAndDeletionForgetsTheSubject() {
        assertThatThrownBy(() -> cached.getSchemaById(42)).isInstanceOf(SchemaNotFoundException.class);
        assertThatThrownBy(() -> cached.getSchemaById(42)).isInstanceOf(SchemaNotFoundException.class);
        assertThat(registry.schemaFetches).hasValue(2);

        cached.register("trends.topics-value", TREND_V1);
        assertThat(cached.deleteSubject("trends.topics-value")).containsExactly(1);
        assertThatThrownBy(() -> cached.getId("trends.topics-value", TREND_V1))
                .isInstanceOf(SubjectNotFoundException.class);
        assertThat(cached.register("trends.topics-value", TREND_V1)).isEqualTo(1);
        assertThat(registry.registers).hasValue(2);
    }
}
