package io.paperstream.producer;

import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.ReaderOptions;
import io.paperstream.producer.source.SourceFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The input options that the commands reading paper sources ({@code produce}, {@code classify}) share, as a
 * picocli mixin: the named files, positional or with {@code -i}, and {@code --format}.
 */
final class InputFiles {

    /** The file name that stands for standard input. */
    static final String STDIN = "-";
    /** The --format value that detects the format from the first bytes. */
    static final String AUTO = "auto";

    @Parameters(
            paramLabel = "FILE",
            arity = "0..*",
            description = "Input files; - reads standard input. Gzip-compressed files are read directly.")
    private List<String> files = new ArrayList<>();

    @Option(
            names = {"-i", "--input"},
            paramLabel = "FILE",
            arity = "1..*",
            description = "More input files (same as the positional FILEs).")
    private List<String> inputFiles = new ArrayList<>();

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = AUTO,
            description =
                    "trending-page, arxiv-jsonl, hf-daily, arxiv-atom, arxiv-rss, arxiv-oai or auto (from the first"
                            + " bytes; default: ${DEFAULT-VALUE}).")
    private String format;

    /** Makes the input that {@code -} stands for. */
    @FunctionalInterface
    interface StdinInput {
        Input get() throws UsageError;
    }

    /** The named files, the positional ones first, then those of {@code -i}. */
    List<String> names() {
        List<String> names = new ArrayList<>(files);
        names.addAll(inputFiles);
        return names;
    }

    /** The format of the --format value: empty for {@value #AUTO}. */
    Optional<SourceFormat> format() throws UsageError {
        if (AUTO.equals(format)) {
            return Optional.empty();
        }
        return Optional.of(SourceFormat.byId(format)
                .orElseThrow(() -> new UsageError("Unknown --format '" + format
                        + "': use trending-page, arxiv-jsonl, hf-daily, arxiv-atom, arxiv-rss, arxiv-oai or auto")));
    }

    /** Refuses standard input named more than once: it can be read only once. */
    void checkStdinOnce() throws UsageError {
        if (names().stream().filter(STDIN::equals).count() > 1) {
            throw new UsageError("Standard input (-) can be read only once");
        }
    }

    /**
     * The named files as inputs, in order: {@code stdin} makes the one that {@code -} stands for; every other
     * name must be a readable regular file.
     */
    List<Input> inputs(Optional<SourceFormat> sourceFormat, ReaderOptions options, StdinInput stdin) throws UsageError {
        List<Input> inputs = new ArrayList<>();
        for (String name : names()) {
            inputs.add(STDIN.equals(name) ? stdin.get() : file(name, sourceFormat, options));
        }
        return inputs;
    }

    /** A named file as an input, after checking that it is a readable regular file. */
    private static Input file(String name, Optional<SourceFormat> format, ReaderOptions options) throws UsageError {
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
