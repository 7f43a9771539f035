package io.paperstream.producer.source;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads papers from one source lazily, one record at a time, in input order. A bad record
 * comes back as a {@link BadRecord} and the reader carries on with the next one.
 */
public interface PaperReader extends Closeable {

    /**
     * The next paper or bad record.
     *
     * @return the next item, or empty at the end of the source
     * @throws IOException when the source itself cannot be read
     */
    Optional<ReadResult> next() throws IOException;
}
