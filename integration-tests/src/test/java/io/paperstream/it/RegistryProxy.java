package io.paperstream.it;

import io.paperstream.stack.Distribution;
import io.paperstream.stack.LoopbackPorts;
import io.paperstream.waits.Waits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The schema registry as many deployments run it: behind a reverse proxy (Debian's nginx) that ends TLS (a
 * certificate for 127.0.0.1 made with openssl at test time) and asks for HTTP Basic credentials. Listens on
 * 127.0.0.1 only; stopped by {@link #close()}.
 */
final class RegistryProxy implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

    private final Process nginx;
    private final int port;
    private final Path truststore;
    private final String truststorePassword;

    private RegistryProxy(Process nginx, int port, Path truststore, String truststorePassword) {
        this.nginx = nginx;
        this.port = port;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
    }

    /**
     * Starts nginx in {@code directory} in front of the registry at {@code upstream} ({@code http://host:port}),
     * letting in {@code user} with {@code password} only.
     */
    static RegistryProxy start(Path directory, String upstream, String user, String password) throws IOException {
        Files.createDirectories(directory.resolve("temp"));
        HostCommand.run(
                List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "30",
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1,DNS:localhost",
                        "-keyout",
                        "key.pem",
                        "-out",
                        "certificate.pem"),
                directory,
                Map.of(),
                TOOL_TIMEOUT);
        String storePassword = "registry-truststore";
        Path truststore = directory.resolve("truststore.p12");
        HostCommand.run(
                List.of(
                        Distribution.javaExecutable().resolveSibling("keytool").toString(),
                        "-importcert",
                        "-noprompt",
                        "-alias",
                        "registry",
                        "-file",
                        "certificate.pem",
                        "-keystore",
                        truststore.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        storePassword),
                directory,
                Map.of(),
                TOOL_TIMEOUT);
        // nginx reads {PLAIN} passwords as they are
        Files.writeString(directory.resolve("htpasswd"), user + ":{PLAIN}" + password + "\n");
        int port = LoopbackPorts.freePorts(1)[0];
        Files.writeString(directory.resolve("nginx.conf"), configuration(directory, port, upstream));
        Process nginx = new ProcessBuilder(
                        "nginx",
                        "-p",
                        directory.toString(),
                        "-c",
                        directory.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("nginx.out").toFile())
                .start();
        RegistryProxy proxy = new RegistryProxy(nginx, port, truststore, storePassword);
        try {
            Waits.await("nginx in front of the registry on 127.0.0.1:" + port)
                    .atMost(START_TIMEOUT)
                    .until(() -> !nginx.isAlive() || LoopbackPorts.accepts(port, 200));
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx exited with " + nginx.exitValue() + ": "
                        + Files.readString(directory.resolve("nginx.out"), StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    /** The Confluent API behind the proxy. */
    String url(String apiPath) {
        return "https://127.0.0.1:" + port + apiPath;
    }

    /**
     * The registry client's settings for this proxy, with {@code user} and {@code password}: Confluent's keys
     * ({@code basic.auth.*}, {@code schema.registry.ssl.truststore.*}).
     */
    Map<String, String> clientConfig(String apiPath, String user, String password) {
        Map<String, String> config = new TreeMap<>();
        config.put("schema.registry.url", url(apiPath));
        config.put("basic.auth.credentials.source", "USER_INFO");
        config.put("basic.auth.user.info", user + ":" + password);
        config.put("schema.registry.ssl.truststore.location", truststore.toString());
        config.put("schema.registry.ssl.truststore.password", truststorePassword);
        config.put("schema.registry.ssl.truststore.type", "PKCS12");
        return config;
    }

    @Override
    public void close() {
        nginx.destroy();
        try {
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String configuration(Path directory, int port, String upstream) {
        String temp = directory.resolve("temp").toString();
        boolean root = "root".equals(System.getProperty("user.name"));
        return String.join(
                "\n",
                "daemon off;",
                // as root, the workers would run as nobody, who may not read this directory
                root ? "user root;" : "",
                "worker_processes 1;",
                "pid " + directory.resolve("nginx.pid") + ";",
                "error_log " + directory.resolve("error.log") + ";",
                "events { worker_connections 64; }",
                "http {",
                "  access_log " + directory.resolve("access.log") + ";",
                "  client_body_temp_path " + temp + "/body;",
                "  proxy_temp_path " + temp + "/proxy;",
                "  fastcgi_temp_path " + temp + "/fastcgi;",
                "  uwsgi_temp_path " + temp + "/uwsgi;",
                "  scgi_temp_path " + temp + "/scgi;",
                "  server {",
                "    listen 127.0.0.1:" + port + " ssl;",
                "    ssl_certificate " + directory.resolve("certificate.pem") + ";",
                "    ssl_certificate_key " + directory.resolve("key.pem") + ";",
                "    auth_basic \"schema registry\";",
                "    auth_basic_user_file " + directory.resolve("htpasswd") + ";",
                "    location / {",
                "      proxy_pass " + upstream + ";",
                "      proxy_set_header Authorization \"\";",
                "    }",
                "  }",
                "}",
                "");
    }
}
