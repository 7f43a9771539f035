package io.paperstream.serde;

import io.paperstream.registry.SchemaMetadata;
import io.paperstream.registry.SchemaNotFoundException;
import io.paperstream.registry.SchemaRegistryClient;
import io.paperstream.registry.SchemaRegistryClientFactory;
import io.paperstream.registry.SchemaRegistryException;
import io.paperstream.registry.SchemaResolution;
import io.paperstream.registry.SubjectNotFoundException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro records (generated {@link SpecificRecord}s or {@code GenericRecord}s) in the
 * Confluent wire format: magic byte 0, the 4-byte big-endian schema id, the Avro binary body. The
 * schema id comes from the registry under the subject {@code <topic>-key} / {@code <topic>-value}:
 * registered ({@code auto.register.schemas=true}, the default), the subject's latest version
 * ({@code use.latest.version=true}), or looked up. The schema registered or looked up is the
 * record's schema as written in its {@code .avsc} ({@link JavaStringProperty}). Ids are cached per
 * subject and schema, so the registry is asked once per schema. Null records serialize to null
 * (tombstones). Failures are {@link SerializationException}s naming the topic and subject.
 *
 * <p>Use as {@code value.serializer=io.paperstream.serde.KafkaAvroSerializer} with
 * {@code schema.registry.url}, or construct it with a {@link SchemaRegistryClient}.
 */
public class KafkaAvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private record BindingKey(String subject, Schema schema, Class<?> recordType) {}

    private record Binding<T>(int schemaId, DatumWriter<T> writer) {}

    private final SchemaRegistryClient injectedClient;
    private final ConcurrentMap<BindingKey, Binding<T>> bindings = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private AvroSerdeConfig config;
    private boolean isKey;

    /** For Kafka to instantiate by class name; {@link #configure} must be called before use. */
    public KafkaAvroSerializer() {
        this.injectedClient = null;
    }

    /** A value serializer with default settings over the given client; {@link #configure} may change the settings. */
    public KafkaAvroSerializer(SchemaRegistryClient client) {
        this.injectedClient = client;
        configure(Map.of(), false);
    }

    /** A serializer over the given client configured with {@code configs} for values. */
    public KafkaAvroSerializer(SchemaRegistryClient client, Map<String, ?> configs) {
        this.injectedClient = client;
        configure(configs, false);
    }

    /**
     * Reads the {@link AvroSerdeConfig} keys. Without a client given to the constructor,
     * {@code schema.registry.url} is required and selects the registry.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the key that is missing or wrong
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        this.client = injectedClient != null ? injectedClient : SchemaRegistryClientFactory.newClient(configs);
        bindings.clear();
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException(
                    "KafkaAvroSerializer is not configured: call configure(...) or pass a SchemaRegistryClient");
        }
        String subject = config.subjectName(topic, isKey);
        Binding<T> binding = bindings.computeIfAbsent(
                new BindingKey(subject, record.getSchema(), record.getClass()), key -> bind(topic, key, record));
        RecordBuffer out = RecordBuffer.startRecord(binding.schemaId());
        try {
            BinaryEncoder encoder = out.encoder();
            binding.writer().write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    place(topic) + " (schema id " + binding.schemaId() + "): the "
                            + record.getSchema().getFullName() + " does not encode: " + SerdeErrors.describe(e),
                    e);
        }
        return out.finish();
    }

    private Binding<T> bind(String topic, BindingKey key, T record) {
        Schema registrable = JavaStringProperty.removeFrom(key.schema());
        String schemaName = key.schema().getFullName();
        String action = config.autoRegisterSchemas()
                ? "registering"
                : config.useLatestVersion() ? "looking up the latest version for" : "looking up";
        try {
            if (config.autoRegisterSchemas()) {
                return new Binding<>(client.register(key.subject(), registrable), datumWriter(record));
            }
            if (config.useLatestVersion()) {
                return latestBinding(topic, key, registrable, record);
            }
            return new Binding<>(client.getId(key.subject(), registrable), datumWriter(record));
        } catch (SchemaRegistryException e) {
            String hint = !config.autoRegisterSchemas()
                            && (e instanceof SubjectNotFoundException || e instanceof SchemaNotFoundException)
                    ? " (" + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + " is false: register the schema before producing)"
                    : "";
            throw new SerializationException(
                    place(topic) + ": " + action + " schema " + schemaName + " under subject '" + key.subject()
                            + "' failed: " + e.getMessage() + hint,
                    e);
        }
    }

    private Binding<T> latestBinding(String topic, BindingKey key, Schema registrable, T record) {
        SchemaMetadata latest = client.getLatestSchemaMetadata(key.subject());
        if (JavaStringProperty.removeFrom(latest.schema()).equals(registrable)) {
            return new Binding<>(latest.id(), datumWriter(record));
        }
        Optional<String> problem = SchemaResolution.incompatibility(latest.schema(), key.schema());
        if (problem.isPresent()) {
            throw new SerializationException(
                    place(topic) + ": the latest schema of subject '" + key.subject() + "' (id "
                            + latest.id() + ", version " + latest.version() + ") cannot represent "
                            + key.schema().getFullName()
                            + " records: " + problem.get());
        }
        return new Binding<>(
                latest.id(), new ReencodingDatumWriter<>(datumWriter(record), key.schema(), latest.schema()));
    }

    private DatumWriter<T> datumWriter(T record) {
        if (record instanceof SpecificRecord) {
            // the generated class's own model carries its logical-type conversions (Instant for timestamp-millis)
            return new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForClass(record.getClass()));
        }
        return new GenericDatumWriter<>(record.getSchema(), GenericData.get());
    }

    private String place(String topic) {
        return "Cannot serialize Avro " + (isKey ? "key" : "value") + " for topic '" + topic + "'";
    }
}
