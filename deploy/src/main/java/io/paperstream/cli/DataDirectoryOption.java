package io.paperstream.cli;

import io.paperstream.stack.LocalStackConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option shared by the {@code stack} commands. */
public final class DataDirectoryOption {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the stack keeps its data, logs and state file "
                    + "(default: $PAPERSTREAM_DATA_DIR, else the repository's .paperstream folder).")
    private Path dataDirectory;

    /** The directory given, else the default. */
    public Path resolve() {
        return (dataDirectory != null ? dataDirectory : LocalStackConfig.defaultDataDirectory())
                .toAbsolutePath()
                .normalize();
    }
}
