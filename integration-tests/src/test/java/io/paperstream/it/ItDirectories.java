package io.paperstream.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directories the integration tests write: brokers' logs and data, the registry's database, child
 * processes' output, all under {@code target/it-data} ({@value #DATA_PROPERTY}, set by failsafe) so that
 * {@code mvn clean} removes them and a failed run leaves them to read until the next run.
 */
final class ItDirectories {

    /** The system property naming the base directory. */
    static final String DATA_PROPERTY = "paperstream.it.data";

    private ItDirectories() {}

    /** {@code name} under the base directory, emptied: a broker must not find the topics of a previous run. */
    static Path fresh(String name) {
        Path directory = base().resolve(name);
        try {
            deleteRecursively(directory);
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the test directory " + directory, e);
        }
    }

    /** {@code java.io.tmpdir}, created: failsafe points it into {@code target/} without creating it. */
    static Path temporary() {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the temporary directory " + directory, e);
        }
    }

    private static Path base() {
        return Path.of(System.getProperty(DATA_PROPERTY, "target/it-data"))
                .toAbsolutePath()
                .normalize();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
