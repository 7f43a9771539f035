package io.paperstream.streams;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact serde for the application's own internal records (state stores and repartition
 * topics that no other program reads), so the hot path does not pay for Avro and the registry
 * there. The first byte is a format version: a changed layout must get a new one.
 *
 * @param <T> the record type
 */
final class BinarySerde<T> implements Serde<T> {

    /** Writes the fields of a value. */
    interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    /** Reads the fields written by the matching {@link Writer}. */
    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private final byte version;
    private final Writer<T> writer;
    private final Reader<T> reader;

    BinarySerde(int version, Writer<T> writer, Reader<T> reader) {
        this.version = (byte) version;
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(version);
                writer.write(out, value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + value, e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte found = in.readByte();
                if (found == version) {
                    return reader.read(in);
                }
                throw new SerializationException("format version " + found + " where " + version + " was expected");
            } catch (IOException e) {
                throw new SerializationException("cannot read " + data.length + " bytes", e);
            }
        };
    }

    static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    static List<String> readStrings(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readUTF());
        }
        return values;
    }
}
