package io.paperstream.serde;

import java.io.OutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * One thread's output of {@link KafkaAvroSerializer}: a byte array kept from record to record, so a record is
 * written without growing a new stream's array several times on the way (what a fresh
 * {@code ByteArrayOutputStream} per record costs), and with no lock per write. Not thread-safe: one per thread.
 */
final class RecordBuffer extends OutputStream {

    private static final int INITIAL_BYTES = 4096;
    /** A buffer grown past this by an unusually large record is given back after it rather than kept. */
    private static final int RETAINED_BYTES = 1 << 20;

    private static final ThreadLocal<RecordBuffer> OF_THREAD = ThreadLocal.withInitial(RecordBuffer::new);

    private byte[] bytes = new byte[INITIAL_BYTES];
    private int size;
    private BinaryEncoder encoder;

    private RecordBuffer() {}

    /** The calling thread's buffer, emptied, with the wire format's header for {@code schemaId} written. */
    static RecordBuffer startRecord(int schemaId) {
        RecordBuffer buffer = OF_THREAD.get();
        // first: reusing the encoder flushes what a record that failed half-way left in it, then it is dropped
        buffer.encoder = EncoderFactory.get().binaryEncoder(buffer, buffer.encoder);
        buffer.size = 0;
        buffer.write(WireFormat.MAGIC_BYTE);
        buffer.write(schemaId >>> 24);
        buffer.write(schemaId >>> 16);
        buffer.write(schemaId >>> 8);
        buffer.write(schemaId);
        return buffer;
    }

    /** The Avro binary encoder writing to this buffer (it buffers: flush it before {@link #finish}). */
    BinaryEncoder encoder() {
        return encoder;
    }

    /** The bytes written since {@link #startRecord}. */
    byte[] finish() {
        byte[] record = Arrays.copyOf(bytes, size);
        if (bytes.length > RETAINED_BYTES) {
            bytes = new byte[INITIAL_BYTES];
        }
        return record;
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + more));
        }
    }
}
