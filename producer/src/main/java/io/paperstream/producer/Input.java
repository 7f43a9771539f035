package io.paperstream.producer;

import io.paperstream.producer.replay.EngagementSeries;
import io.paperstream.producer.replay.Replay;
import io.paperstream.producer.replay.ReplayEvent;
import io.paperstream.producer.source.ArxivHarvester;
import io.paperstream.producer.source.BadRecord;
import io.paperstream.producer.source.HfDailyPoller;
import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.PaperReader;
import io.paperstream.producer.source.PaperReaders;
import io.paperstream.producer.source.ReadResult;
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
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** One input of a {@code produce} run — a file, standard input, a URL or a generated replay — opened as a reader. */
interface Input {

    /** The input's name in messages. */
    String name();

    /** Opens a reader from the start of the input. */
    PaperReader open() throws IOException;

    /** A file (or a copy of standard input), which can be opened again. */
    static Input file(Path path, Origin origin, Optional<SourceFormat> format, ReaderOptions options) {
        return fromStream(origin, () -> Files.newInputStream(path), format, options);
    }

    /** Standard input, read once. */
    static Input stdin(InputStream in, Optional<SourceFormat> format, ReaderOptions options) {
        return fromStream(Origin.stdin(), () -> new NonClosingInputStream(in), format, options);
    }

    /** Bytes read in some format from {@code origin}: each {@link #open()} reads the stream {@code bytes} opens. */
    private static Input fromStream(
            Origin origin, ByteSource bytes, Optional<SourceFormat> format, ReaderOptions options) {
        return new Input() {
            @Override
            public String name() {
                return origin.name();
            }

            @Override
            public PaperReader open() throws IOException {
                return PaperReaders.open(format, bytes.open(), origin, options);
            }
        };
    }

    /** Hugging Face daily-papers JSON from a URL, fetched {@code maxPolls} times (0: until stopped). */
    static Input url(
            URI url, Duration interval, long maxPolls, HttpClient http, StopSignal stop, ReaderOptions options) {
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

    /** arXiv harvests: every {@link Input#open()} starts a harvester on the same state. */
    static Input arxiv(Supplier<ArxivHarvester> harvester) {
        return new Input() {
            @Override
            public String name() {
                return "arXiv";
            }

            @Override
            public PaperReader open() {
                return harvester.get();
            }
        };
    }

    /**
     * A generated replay: first the bad records met while reading its pool (so the run reports
     * and counts them), then its events in order, with the engagement observations in time order among them
     * when {@code engagement} is present.
     */
    static Input replay(List<BadRecord> poolProblems, Replay replay, Optional<EngagementSeries> engagement) {
        return new Input() {
            @Override
            public String name() {
                return "replay";
            }

            @Override
            public PaperReader open() {
                Iterator<BadRecord> problems = poolProblems.iterator();
                Iterator<ReadResult> events = engagement.isPresent()
                        ? engagement.get().interleave(replay.events())
                        : new Iterator<>() {
                            private final Iterator<ReplayEvent> papers = replay.events();

                            @Override
                            public boolean hasNext() {
                                return papers.hasNext();
                            }

                            @Override
                            public ReadResult next() {
                                return papers.next().paper();
                            }
                        };
                return new PaperReader() {
                    @Override
                    public Optional<ReadResult> next() {
                        if (problems.hasNext()) {
                            return Optional.of(problems.next());
                        }
                        return events.hasNext() ? Optional.of(events.next()) : Optional.empty();
                    }

                    @Override
                    public void close() {}
                };
            }
        };
    }

    /** Opens the stream of an input's bytes. */
    @FunctionalInterface
    interface ByteSource {
        InputStream open() throws IOException;
    }

    /** Keeps {@code System.in} open when a reader closes its stream. */
    final class NonClosingInputStream extends FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
