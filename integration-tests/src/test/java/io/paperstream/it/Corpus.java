package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.PaperReader;
import io.paperstream.producer.source.PaperReaders;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.ReadResult;
import io.paperstream.producer.source.ReaderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shared corpus of real trending papers ({@code -Dpaperstream.corpus}, set by the root pom): its text and its
 * papers as the producer's parser reads them; and other files in its format, read the same way.
 */
final class Corpus {

    /** Papers in the corpus. */
    static final int PAPERS = 116;
    /** The corpus's date line says "Mar 14" without a year; the tests read it as this year's. */
    static final int YEAR = 2025;

    private Corpus() {}

    static Path path() {
        String property = System.getProperty("paperstream.corpus");
        assertThat(property).as("system property paperstream.corpus").isNotBlank();
        return Path.of(property);
    }

    /** The corpus file's text. */
    static String text() {
        try {
            return Files.readString(path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus " + path(), e);
        }
    }

    /** The 116 papers of the corpus, in file order. */
    static List<PaperRecord> papers() {
        List<PaperRecord> papers = read(path());
        assertThat(papers).hasSize(PAPERS);
        return papers;
    }

    /**
     * The papers of a file in any format the producer reads, in file order, dates without a year read as
     * {@link #YEAR}'s; fails on a record that is no paper.
     */
    static List<PaperRecord> read(Path file) {
        List<PaperRecord> papers = new ArrayList<>();
        try (PaperReader reader = PaperReaders.open(
                Optional.empty(),
                Files.newInputStream(file),
                Origin.file(file),
                new ReaderOptions(ReaderOptions.DEFAULT_MAX_LINE_BYTES, YEAR))) {
            for (Optional<ReadResult> item = reader.next(); item.isPresent(); item = reader.next()) {
                assertThat(item.get()).as("every record of %s is a paper", file).isInstanceOf(PaperRecord.class);
                papers.add((PaperRecord) item.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return papers;
    }
}
