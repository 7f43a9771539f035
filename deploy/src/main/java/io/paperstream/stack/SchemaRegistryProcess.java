package io.paperstream.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Apicurio Registry (the ready-to-run 2.6 distribution from Maven Central) run as a child JVM on
 * 127.0.0.1, serving the Confluent Schema Registry API at {@link #confluentApiUrl()}.
 *
 * <p>Schemas persist in an H2 database file ({@code registry.mv.db} in the registry directory): the
 * distribution's default storage is H2 in memory, and pointing its JDBC URL at a file keeps every schema and
 * its id across restarts, so that schema ids inside Kafka records stay valid. {@code WRITE_DELAY=0} makes each
 * registration durable before it is acknowledged, even if the registry is killed. On every start the global
 * compatibility level is set to BACKWARD, Confluent's default (Apicurio's is NONE).
 */
public final class SchemaRegistryProcess extends StackProcess {

    /** The path of the Confluent-compatible API under the registry's root URL. */
    public static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";
    /** The compatibility level set on every start, as Confluent's default. */
    public static final String GLOBAL_COMPATIBILITY = "BACKWARD";

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ROLE = "schema-registry";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final int managementPort;
    private final Path directory;
    private final Distribution distribution;

    /**
     * A registry on {@code port}, its management interface (if the distribution enables one) on
     * {@code managementPort}, its database and log in {@code directory}.
     */
    public SchemaRegistryProcess(int port, int managementPort, Path directory) {
        this(port, managementPort, directory, Distribution.locate());
    }

    SchemaRegistryProcess(int port, int managementPort, Path directory, Distribution distribution) {
        if (directory.toAbsolutePath().toString().contains(";")) {
            // the path goes into an H2 JDBC URL, where ';' starts a setting
            throw new StackException("the registry directory must not contain ';': " + directory);
        }
        this.port = port;
        this.managementPort = managementPort;
        this.directory = directory.toAbsolutePath();
        this.distribution = distribution;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    /** {@code http://127.0.0.1:port}, the registry's root (its UI is under {@code /ui}). */
    public String url() {
        return "http://" + LoopbackPorts.HOST + ":" + port;
    }

    /** The Confluent API, the {@code schema.registry.url} clients use. */
    public String confluentApiUrl() {
        return url() + CONFLUENT_API_PATH;
    }

    public Path directory() {
        return directory;
    }

    /** The output of the registry's JVM, appended across starts. */
    public Path logFile() {
        return directory.resolve("registry.log");
    }

    /** Starts the registry's JVM without waiting for it. */
    public void launch() {
        requireNotRunning();
        Path runnerJar = distribution.registryRunnerJar();
        List<String> jvmOptions = List.of(
                // C1 only: ready in ~3 s instead of 6-8 s here; serving a few schemas needs no peak throughput
                "-XX:TieredStopAtLevel=1",
                "-Xms128m",
                "-Xmx512m",
                "-Djava.awt.headless=true",
                "-Dquarkus.http.host=" + LoopbackPorts.HOST,
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=" + LoopbackPorts.HOST,
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + directory.resolve("registry") + ";WRITE_DELAY=0");
        launched(ChildJvm.launch(ROLE, jvmOptions, List.of("-jar", runnerJar.toString()), directory, logFile()));
    }

    /**
     * Waits until the Confluent API answers {@code GET /subjects} with 200, then sets the global
     * compatibility to BACKWARD. Fails with the tail of the registry's log when it exits or {@code timeout}
     * passes first.
     */
    public void awaitReady(Duration timeout) {
        requireLaunched();
        awaitUntil("to answer", this::answers, timeout, POLL_INTERVAL);
        setGlobalCompatibility(GLOBAL_COMPATIBILITY);
    }

    /** {@link #launch()}, then {@link #awaitReady(Duration)}. */
    public void start(Duration timeout) {
        launch();
        awaitReady(timeout);
    }

    /** True when the Confluent API answers {@code GET /subjects} with 200. */
    public boolean answers() {
        return answers(url());
    }

    /** True when a registry at {@code url} answers {@code GET /subjects} of its Confluent API with 200. */
    static boolean answers(String url) {
        return HttpCheck.answersOk(URI.create(url + CONFLUENT_API_PATH + "/subjects"));
    }

    /** Sets the registry-wide compatibility level ({@code PUT /config}). */
    public void setGlobalCompatibility(String level) {
        setGlobalCompatibility(confluentApiUrl(), level);
    }

    /** Sets the registry-wide compatibility level of the registry whose Confluent API is {@code confluentApiUrl}. */
    public static void setGlobalCompatibility(String confluentApiUrl, String level) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(confluentApiUrl + "/config"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StackException("the schema registry refused compatibility " + level + " with HTTP "
                        + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new StackException(
                    "could not set the schema registry's compatibility on " + confluentApiUrl + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while configuring the schema registry", e);
        }
    }

    @Override
    public String toString() {
        return "schema registry on " + url();
    }

    /** The {@code -Dpaperstream.role} tag of the registry's JVM. */
    static String role() {
        return ROLE;
    }

    @Override
    String displayName() {
        return "the schema registry";
    }

    @Override
    String endpoint() {
        return url();
    }
}
