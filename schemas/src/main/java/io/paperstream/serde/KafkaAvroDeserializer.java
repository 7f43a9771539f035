package io.paperstream.serde;

import io.paperstream.registry.SchemaNotFoundException;
import io.paperstream.registry.SchemaRegistryClient;
import io.paperstream.registry.SchemaRegistryClientFactory;
import io.paperstream.registry.SchemaRegistryException;
import io.paperstream.registry.SchemaRegistryServerException;
import io.paperstream.registry.SchemaRegistryUnavailableException;
import io.paperstream.registry.SchemaResolution;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes the Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary
 * body). The writer schema is fetched from the registry by id (cached); the reader is, in order:
 * the class given to the constructor, the class of {@code specific.avro.key.type} /
 * {@code specific.avro.value.type}, the generated class named by the writer schema
 * ({@code specific.avro.reader=true}, as Confluent), else {@code GenericRecord} with the writer
 * schema. Avro schema resolution maps the writer schema onto the reader class's schema, so data
 * written by older or newer compatible schemas decodes into the current class.
 *
 * <p>Generated classes of {@code io.paperstream.avro} and of a reader class given explicitly load
 * without Avro 1.12.2's {@code org.apache.avro.SERIALIZABLE_PACKAGES} system property; any other
 * class named by a writer schema still needs it.
 *
 * <p>Null payloads deserialize to null (tombstones). Anything else that is not a decodable record
 * is a {@link SerializationException} naming the topic, key or value, the schema id when known,
 * and what was wrong.
 */
public class KafkaAvroDeserializer<T extends IndexedRecord> implements Deserializer<T> {

    private final SchemaRegistryClient injectedClient;
    private final Class<? extends SpecificRecord> explicitReaderType;
    // one reader per writer schema id: within one configured instance the reader class is a function of the writer
    private final ConcurrentMap<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean specific;
    private Class<? extends SpecificRecord> readerType;
    private TrustedSpecificData specificData;
    private Duration unavailableWait;

    /** For Kafka to instantiate by class name; {@link #configure} must be called before use. */
    public KafkaAvroDeserializer() {
        this.injectedClient = null;
        this.explicitReaderType = null;
    }

    /** A value deserializer with default settings (GenericRecord) over the given client. */
    public KafkaAvroDeserializer(SchemaRegistryClient client) {
        this(client, Map.of());
    }

    /** A deserializer over the given client configured with {@code configs} for values. */
    public KafkaAvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs) {
        this.injectedClient = client;
        this.explicitReaderType = null;
        configure(configs, false);
    }

    /** A deserializer into {@code readerType}; {@link #configure} must be called before use. */
    public KafkaAvroDeserializer(Class<T> readerType) {
        this.injectedClient = null;
        this.explicitReaderType = specificType(readerType);
    }

    /** A value deserializer into {@code readerType} over the given client; {@link #configure} may change the settings. */
    public KafkaAvroDeserializer(SchemaRegistryClient client, Class<T> readerType) {
        this.injectedClient = client;
        this.explicitReaderType = specificType(readerType);
        configure(Map.of(), false);
    }

    private static Class<? extends SpecificRecord> specificType(Class<?> readerType) {
        if (!SpecificRecord.class.isAssignableFrom(readerType)) {
            throw new IllegalArgumentException(
                    readerType.getName() + " is not a generated Avro record class (a SpecificRecord)");
        }
        return readerType.asSubclass(SpecificRecord.class);
    }

    /**
     * Reads the {@link AvroSerdeConfig} keys. Without a client given to the constructor,
     * {@code schema.registry.url} is required and selects the registry.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the key that is missing or wrong
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        this.client = injectedClient != null ? injectedClient : SchemaRegistryClientFactory.newClient(configs);
        this.readerType = explicitReaderType != null
                ? explicitReaderType
                : config.specificReaderType(isKey).orElse(null);
        this.specific = readerType != null || config.specificAvroReader();
        this.unavailableWait = config.unavailableWait();
        Set<String> trustedPackages = new HashSet<>(Set.of(TrustedSpecificData.GENERATED_PACKAGE));
        ClassLoader classLoader = KafkaAvroDeserializer.class.getClassLoader();
        if (readerType != null) {
            trustedPackages.add(readerType.getPackageName());
            classLoader = readerType.getClassLoader();
        }
        this.specificData = new TrustedSpecificData(classLoader, trustedPackages);
        readers.clear();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : deserialize(topic, null, ByteBuffer.wrap(data));
    }

    @Override
    public T deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException(
                    "KafkaAvroDeserializer is not configured: call configure(...) or pass a SchemaRegistryClient");
        }
        ByteBuffer payload = data.duplicate();
        if (payload.remaining() < WireFormat.HEADER_LENGTH) {
            throw new SerializationException(place(topic) + ": the payload of " + payload.remaining()
                    + " bytes is shorter than the 5-byte wire-format header (magic byte 0, 4-byte schema id)");
        }
        byte magic = payload.get();
        if (magic != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(
                    place(topic) + ": unknown magic byte " + String.format("0x%02x", magic & 0xff)
                            + " (expected 0x00): the payload is not in the Confluent wire format");
        }
        int schemaId = payload.getInt();
        return decode(topic, schemaId, readerFor(topic, schemaId), payload);
    }

    private T decode(String topic, int schemaId, DatumReader<T> reader, ByteBuffer body) {
        int bodyLength = body.remaining();
        BinaryDecoder decoder = body.hasArray()
                ? DecoderFactory.get()
                        .binaryDecoder(body.array(), body.arrayOffset() + body.position(), bodyLength, null)
                : DecoderFactory.get().binaryDecoder(copy(body), null);
        T value;
        boolean consumedAll;
        try {
            value = reader.read(null, decoder);
            consumedAll = decoder.isEnd();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    place(topic, schemaId) + ": the body of " + bodyLength
                            + " bytes does not decode with the writer schema: " + SerdeErrors.describe(e),
                    e);
        }
        if (!consumedAll) {
            throw new SerializationException(place(topic, schemaId) + ": bytes remain after the record in the body of "
                    + bodyLength + " bytes: it was not written with this schema");
        }
        return value;
    }

    private static byte[] copy(ByteBuffer body) {
        byte[] bytes = new byte[body.remaining()];
        body.duplicate().get(bytes);
        return bytes;
    }

    private DatumReader<T> readerFor(String topic, int schemaId) {
        DatumReader<T> known = readers.get(schemaId);
        if (known != null) {
            return known;
        }
        Schema writer;
        try {
            writer = writerSchema(schemaId);
        } catch (SchemaRegistryUnavailableException | SchemaRegistryServerException e) {
            throw new SerializationException(
                    place(topic, schemaId) + ": the schema registry did not give the writer schema within "
                            + unavailableWait.toMillis() + " ms (" + AvroSerdeConfig.UNAVAILABLE_WAIT_MS_CONFIG
                            + "): " + e.getMessage(),
                    e);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException(
                    place(topic, schemaId) + ": unknown schema id " + schemaId + " (the registry says: "
                            + e.getMessage() + ")",
                    e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    place(topic, schemaId) + ": fetching the writer schema failed: " + e.getMessage(), e);
        }
        DatumReader<T> created = createReader(topic, schemaId, writer);
        DatumReader<T> raced = readers.putIfAbsent(schemaId, created);
        return raced != null ? raced : created;
    }

    /**
     * The writer schema {@code schemaId}, asked again, with a doubling pause of up to 5 s, while the registry does not
     * answer or fails internally, for at most {@link AvroSerdeConfig#unavailableWait()}.
     */
    private Schema writerSchema(int schemaId) {
        long deadline = System.nanoTime() + unavailableWait.toNanos();
        long pauseMs = 100;
        while (true) {
            try {
                return client.getSchemaById(schemaId);
            } catch (SchemaRegistryUnavailableException | SchemaRegistryServerException e) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    throw e;
                }
                try {
                    Thread.sleep(Math.min(pauseMs, leftMs));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMs = Math.min(pauseMs * 2, 5_000);
            }
        }
    }

    private DatumReader<T> createReader(String topic, int schemaId, Schema writer) {
        if (writer.getType() != Schema.Type.RECORD) {
            throw new SerializationException(
                    place(topic, schemaId) + ": the writer schema is a " + writer.getType() + ", not a record");
        }
        if (!specific) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        Class<?> type = readerType != null ? readerType : generatedClassOf(topic, schemaId, writer);
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new SerializationException(place(topic, schemaId) + ": " + type.getName()
                    + ", named by the writer schema, is not a generated Avro record class");
        }
        Schema readerSchema = specificData.getSchema(type);
        Optional<String> problem = SchemaResolution.incompatibility(readerSchema, writer);
        if (problem.isPresent()) {
            throw new SerializationException(place(topic, schemaId) + ": the writer schema " + writer.getFullName()
                    + " cannot be read as " + type.getName() + ": " + problem.get());
        }
        return new SpecificDatumReader<T>(writer, readerSchema, specificData);
    }

    private Class<?> generatedClassOf(String topic, int schemaId, Schema writer) {
        Class<?> type;
        try {
            type = specificData.getClass(writer);
        } catch (SecurityException e) {
            throw new SerializationException(
                    place(topic, schemaId) + ": Avro does not trust the class named by the writer schema "
                            + writer.getFullName() + ": " + e.getMessage(),
                    e);
        }
        if (type == null) {
            throw new SerializationException(place(topic, schemaId) + ": no generated class " + writer.getFullName()
                    + " on the classpath to read the writer schema into (" + AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG
                    + "=true)");
        }
        return type;
    }

    private String place(String topic) {
        return "Cannot deserialize Avro " + (isKey ? "key" : "value") + " of topic '" + topic + "'";
    }

    private String place(String topic, int schemaId) {
        return place(topic) + " (schema id " + schemaId + ")";
    }
}
