package io.paperstream.producer;

import io.paperstream.producer.source.Corpus;
import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.PaperReader;
import io.paperstream.producer.source.PaperReaders;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.ReadResult;
import io.paperstream.producer.source.ReaderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The shared corpus as {@code produce} reads it (trending-page reader, year 2026), read once per test JVM. */
public final class CorpusPapers {

    public static final List<PaperRecord> PAPERS = read();

    private CorpusPapers() {}

    private static List<PaperRecord> read() {
        List<PaperRecord> papers = new ArrayList<>();
        try (PaperReader reader = PaperReaders.open(
                Optional.empty(),
                Files.newInputStream(Corpus.path()),
                Origin.file(Corpus.path()),
                new ReaderOptions(ReaderOptions.DEFAULT_MAX_LINE_BYTES, 2026))) {
            for (Optional<ReadResult> item = reader.next(); item.isPresent(); item = reader.next()) {
                papers.add((PaperRecord) item.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(papers);
    }
}
