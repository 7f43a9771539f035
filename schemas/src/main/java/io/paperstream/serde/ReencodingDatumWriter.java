package io.paperstream.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes records in another schema than their own ({@code use.latest.version} with a latest schema
 * that differs from the record's): encodes with the record's schema, reads that back through Avro
 * schema resolution into the target schema, and writes the result. Field order, added fields with
 * defaults and removed fields all come out right, which writing the record's fields by position
 * in the target schema would not guarantee.
 */
final class ReencodingDatumWriter<T> implements DatumWriter<T> {

    private final DatumWriter<T> recordWriter;
    private final GenericDatumReader<Object> resolver;
    private final GenericDatumWriter<Object> targetWriter;

    ReencodingDatumWriter(DatumWriter<T> recordWriter, Schema recordSchema, Schema targetSchema) {
        this.recordWriter = recordWriter;
        this.resolver = new GenericDatumReader<>(recordSchema, targetSchema, GenericData.get());
        this.targetWriter = new GenericDatumWriter<>(targetSchema, GenericData.get());
    }

    @Override
    public void setSchema(Schema schema) {
        throw new UnsupportedOperationException("the record and target schemas are fixed when the writer is built");
    }

    @Override
    public void write(T datum, Encoder out) throws IOException {
        ByteArrayOutputStream recordBytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(recordBytes, null);
        recordWriter.write(datum, encoder);
        encoder.flush();
        Object converted = resolver.read(null, DecoderFactory.get().binaryDecoder(recordBytes.toByteArray(), null));
        targetWriter.write(converted, out);
    }
}
