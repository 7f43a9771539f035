package io.paperstream.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What the child processes of the local stack run, as found by this build: the Kafka broker's classpath
 * (written by maven-dependency-plugin {@code build-classpath} into the resource
 * {@code io/paperstream/stack/kafka.classpath}: jars of the local Maven repository), the unpacked Apicurio
 * Registry distribution (its directory written into {@code distribution.properties} by resource filtering),
 * and the JVM to run them with. Both locations can be overridden with the system properties
 * {@value #KAFKA_CLASSPATH_PROPERTY} and {@value #REGISTRY_HOME_PROPERTY}.
 */
public final class Distribution {

    /** Overrides the broker classpath (entries separated by the platform path separator). */
    public static final String KAFKA_CLASSPATH_PROPERTY = "paperstream.kafka.classpath";
    /** Overrides the directory of the unpacked Apicurio Registry distribution. */
    public static final String REGISTRY_HOME_PROPERTY = "paperstream.registry.home";

    private static final String REBUILD = "build it with `mvn -B -DskipTests install` in the repository root";

    private static final Properties BUILD = loadBuildProperties();

    private final List<Path> kafkaClasspath;
    private final Path registryHome;

    private Distribution(List<Path> kafkaClasspath, Path registryHome) {
        this.kafkaClasspath = kafkaClasspath;
        this.registryHome = registryHome;
    }

    /** Finds the distribution of this build; fails with a {@link StackException} naming what is missing. */
    public static Distribution locate() {
        String classpath = System.getProperty(KAFKA_CLASSPATH_PROPERTY);
        if (classpath == null) {
            classpath = readResource("kafka.classpath");
        }
        List<Path> kafkaClasspath = Arrays.stream(classpath.trim().split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .toList();
        kafkaClasspath.stream().filter(Files::notExists).findFirst().ifPresent(missing -> {
            throw new StackException(
                    "the Kafka broker classpath names " + missing + ", which does not exist; " + REBUILD);
        });
        Path registryHome = Path.of(System.getProperty(REGISTRY_HOME_PROPERTY, BUILD.getProperty("registry.home")));
        return new Distribution(kafkaClasspath, registryHome);
    }

    /** The paperstream version of this build. */
    public static String paperstreamVersion() {
        return BUILD.getProperty("paperstream.version");
    }

    /** The Kafka version the broker runs. */
    public static String kafkaVersion() {
        return BUILD.getProperty("kafka.version");
    }

    /** The Apicurio Registry version the schema registry runs. */
    public static String registryVersion() {
        return BUILD.getProperty("registry.version");
    }

    /** The jars of the broker child JVM. */
    public List<Path> kafkaClasspath() {
        return kafkaClasspath;
    }

    /** The broker classpath as one {@code -cp} argument. */
    public String kafkaClasspathArgument() {
        return String.join(
                File.pathSeparator, kafkaClasspath.stream().map(Path::toString).toList());
    }

    /** The Apicurio Registry's runnable jar ({@code *-runner.jar} in the unpacked distribution). */
    public Path registryRunnerJar() {
        if (!Files.isDirectory(registryHome)) {
            throw new StackException(
                    "the Apicurio Registry distribution is missing at " + registryHome + "; " + REBUILD);
        }
        try (Stream<Path> files = Files.list(registryHome)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-runner.jar"))
                    .findFirst()
                    .orElseThrow(() -> new StackException("no *-runner.jar in the Apicurio Registry distribution at "
                            + registryHome + "; " + REBUILD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java executable of the running JVM: children run on the same Java as their parent. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static Properties loadBuildProperties() {
        Properties properties = new Properties();
        try (InputStream in = Distribution.class.getResourceAsStream("distribution.properties")) {
            if (in == null) {
                throw new IllegalStateException("distribution.properties is not on the classpath; " + REBUILD);
            }
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readResource(String name) {
        try (InputStream in = Distribution.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new StackException(
                        "the resource io/paperstream/stack/" + name + " is not on the classpath; " + REBUILD);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
