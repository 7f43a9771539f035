package io.paperstream.serde;

/** The Confluent wire format: magic byte 0, the schema id as 4 bytes big-endian, then the Avro binary body. */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;

    private WireFormat() {}
}
