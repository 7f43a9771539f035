package io.paperstream.producer;

import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.ReaderOptions;
import io.paperstream.producer.source.SourceFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the commands reading paper sources share about their command line: the format option and the named files. */
final class InputFiles {

    /** The file name that stands for standard input. */
    static final String STDIN = "-";
    /** The --format value that detects the format from the first bytes. */
    static final String AUTO = "auto";

    private InputFiles() {
    }

    /** The format of a --format value: empty for {@value #AUTO}. */
    static Optional<SourceFormat> format(String name) throws UsageError {
        if (AUTO.equals(name)) {
            return Optional.empty();
        }
        return Optional.of(SourceFormat.byId(name).orElseThrow(() -> new UsageError(
                "Unknown --format '" + name + "': use trending-page, arxiv-jsonl, hf-daily or auto")));
    }

    /** Refuses standard input named more than once: it can be read only once. */
    static void checkStdinOnce(List<String> names) throws UsageError {
        if (names.stream().filter(STDIN::equals).count() > 1) {
            throw new UsageError("Standard input (-) can be read only once");
        }
    }

    /** A named file as an input, after checking that it is a readable regular file. */
    static Input file(String name, Optional<SourceFormat> format, ReaderOptions options) throws UsageError {
        Path path = Path.of(name);
        if (!Files.isRegularFile(path)) {
            throw new UsageError(Files.exists(path) ? "Not a regular file: " + name : "No such file: " + name);
        }
        if (!Files.isReadable(path)) {
            throw new UsageError("Cannot read file: " + name);
        }
        return Input.file(path, Origin.file(path), format, options);
    }
}
