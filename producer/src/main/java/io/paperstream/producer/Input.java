package io.paperstream.producer;

import io.paperstream.producer.source.HfDailyPoller;
import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.PaperReader;
import io.paperstream.producer.source.PaperReaders;
import io.paperstream.producer.source.ReaderOptions;
import io.paperstream.producer.source.SourceFormat;
import io.paperstream.producer.source.StopSignal;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** One input of a {@code produce} run — a file, standard input or a URL — opened as a reader. */
interface Input {

    /** The input's name in messages. */
    String name();

    /** Opens a reader from the start of the input. */
    PaperReader open() throws IOException;

    /** A file (or a copy of standard input), which can be opened again. */
    static Input file(Path path, Origin origin, Optional<SourceFormat> format, ReaderOptions options) {
        return new Input() {
            @Override
            public String name() {
                return origin.name();
            }

            @Override
            public PaperReader open() throws IOException {
                return PaperReaders.open(format, Files.newInputStream(path), origin, options);
            }
        };
    }

    /** Standard input, read once. */
    static Input stdin(InputStream in, Optional<SourceFormat> format, ReaderOptions options) {
        Origin origin = Origin.stdin();
        return new Input() {
            @Override
            public String name() {
                return origin.name();
            }

            @Override
            public PaperReader open() throws IOException {
                return PaperReaders.open(format, new NonClosingInputStream(in), origin, options);
            }
        };
    }

    /** Hugging Face daily-papers JSON from a URL, fetched {@code maxPolls} times (0: until stopped). */
    static Input url(URI url, Duration interval, long maxPolls, HttpClient http, StopSignal stop,
            ReaderOptions options) {
        return new Input() {
            @Override
            public String name() {
                return url.toString();
            }

            @Override
            public PaperReader open() {
                return new HfDailyPoller(url, interval, maxPolls, http, stop, options);
            }
        };
    }

    /** Keeps {@code System.in} open when a reader closes its stream. */
    final class NonClosingInputStream extends FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
