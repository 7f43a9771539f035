package io.paperstream.it;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * The container images the build made (deploy's profile {@code images} writes them as tar files into the
 * directory {@value #DIRECTORY_PROPERTY} names), loaded once per test run into the engine Testcontainers talks
 * to, through its API: no {@code docker} or {@code podman} command needed.
 */
final class ContainerImages {

    /** The directory of the image tar files; set by the build when it made them. */
    static final String DIRECTORY_PROPERTY = "paperstream.it.images";

    private static final ConcurrentMap<String, DockerImageName> LOADED = new ConcurrentHashMap<>();

    private ContainerImages() {}

    /** The image {@code name} loaded from {@code file} of the images directory; empty when the build made none. */
    static Optional<DockerImageName> built(String file, String name) {
        String directory = System.getProperty(DIRECTORY_PROPERTY, "");
        Path tar = Path.of(directory, file);
        if (directory.isBlank() || !Files.isRegularFile(tar)) {
            return Optional.empty();
        }
        return Optional.of(LOADED.computeIfAbsent(name, key -> load(tar, key)));
    }

    /** The image {@code name} of {@code file}; fails naming the property when the build made no images. */
    static DockerImageName required(String file, String name) {
        return built(file, name)
                .orElseThrow(() -> new IllegalStateException("no image " + file + " in -D" + DIRECTORY_PROPERTY + "="
                        + System.getProperty(DIRECTORY_PROPERTY, "") + "; build deploy with -Pimages (or set "
                        + "PAPERSTREAM_IMAGE_BASE, as deploy/containers/podman-setup does)"));
    }

    private static DockerImageName load(Path tar, String name) {
        try (InputStream in = Files.newInputStream(tar)) {
            DockerClientFactory.instance().client().loadImageCmd(in).exec();
        } catch (IOException e) {
            throw new UncheckedIOException("loading the image " + tar, e);
        }
        return DockerImageName.parse(name);
    }

    /**
     * Publishes every exposed port of a container on 127.0.0.1 only (on a free host port), instead of every
     * interface: test traffic stays on this machine.
     */
    static CreateContainerCmd publishOnLoopback(CreateContainerCmd command) {
        Ports bindings = new Ports();
        for (ExposedPort port : command.getExposedPorts()) {
            bindings.bind(port, Ports.Binding.bindIp("127.0.0.1"));
        }
        command.getHostConfig().withPublishAllPorts(false).withPortBindings(bindings);
        return command;
    }
}
