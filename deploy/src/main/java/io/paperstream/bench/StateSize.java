package io.paperstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;

/**
 * What a Streams application keeps: its state directories on disk (RocksDB stores, checkpoints) and its
 * changelog topics on the brokers (the sum of their partitions' log sizes, every replica counted).
 *
 * @param stateDirectoryMb the instances' state directories, in MiB
 * @param changelogMb the application's changelog topics on the brokers, in MiB
 */
public record StateSize(double stateDirectoryMb, double changelogMb) {

    private static final double MIB = 1024.0 * 1024.0;

    static StateSize of(List<Path> stateDirectories, Admin admin, String applicationId, Duration timeout)
            throws Exception {
        long onDisk = 0;
        for (Path directory : stateDirectories) {
            onDisk += bytesUnder(directory);
        }
        List<Integer> brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                .map(Node::id)
                .toList();
        Map<Integer, Map<String, LogDirDescription>> logDirs =
                admin.describeLogDirs(brokers).allDescriptions().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long changelogs = logDirs.values().stream()
                .flatMap(directories -> directories.values().stream())
                .flatMap(directory -> directory.replicaInfos().entrySet().stream())
                .filter(replica -> replica.getKey().topic().startsWith(applicationId + "-")
                        && replica.getKey().topic().endsWith("-changelog"))
                .mapToLong(replica -> replica.getValue().size())
                .sum();
        return new StateSize(onDisk / MIB, changelogs / MIB);
    }

    private static long bytesUnder(Path directory) {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            // RocksDB deletes obsolete files while it runs
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + directory, e);
        }
    }
}
