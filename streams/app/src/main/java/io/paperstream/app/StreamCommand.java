package io.paperstream.app;

import io.paperstream.classify.TaxonomyException;
import io.paperstream.serving.HttpBindException;
import io.paperstream.streams.ClusterNotReadyException;
import io.paperstream.streams.SettingsOptions;
import io.paperstream.streams.StreamsSettings;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code paperstream stream}: runs the streams application until it is stopped (Ctrl-C or
 * SIGTERM), serving the API, the dashboard and metrics over HTTP. Exit codes: 0 stopped cleanly,
 * 1 stopped on an error (also: the HTTP port is taken), 2 invalid settings or taxonomy file, 3 Kafka
 * unreachable.
 */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        description =
                "Run the Kafka Streams application: enrich, classify, count, window, detect trends, write digests.")
public final class StreamCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settingsOptions;

    @Override
    public Integer call() throws Exception {
        return settingsOptions.runWith(this::run);
    }

    private int run(StreamsSettings settings, PrintWriter out, PrintWriter err) throws Exception {
        PaperstreamApp app = new PaperstreamApp(settings);
        Thread hook = new Thread(app::close, "paperstream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try {
                app.start();
            } catch (Exception e) {
                Optional<String> refused = ThreadReplacements.refusal(e);
                if (refused.isEmpty()) {
                    throw e;
                }
                err.println(refused.get());
                return 3;
            }
            out.println("paperstream streams application " + settings.get(StreamsSettings.APPLICATION_ID)
                    + " started against " + settings.get(StreamsSettings.BOOTSTRAP_SERVERS) + "; stop it with Ctrl-C");
            InetSocketAddress http = app.httpAddress();
            if (http != null) {
                // bound to every interface (0.0.0.0, as in the image), this machine reaches it at localhost
                String host = http.getAddress().isAnyLocalAddress() ? "localhost" : http.getHostString();
                out.println("dashboard and API: http://" + host + ":" + http.getPort() + "/ (metrics at /metrics)");
            }
            out.flush();
            if (app.awaitStop()) {
                return 0;
            }
            Optional<String> refused = app.refusedPermission();
            refused.ifPresent(err::println);
            return refused.isPresent() ? 3 : 1;
        } catch (HttpBindException e) {
            err.println(e.getMessage());
            return 1;
        } catch (TaxonomyException e) {
            err.println("invalid settings: " + StreamsSettings.TAXONOMY_FILE.name() + ": " + e.getMessage());
            return 2;
        } catch (TimeoutException e) {
            err.println(e.getMessage());
            return 3;
        } catch (ClusterNotReadyException e) {
            err.println(e.getMessage());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is shutting down and the hook is closing the application already
            }
            app.close();
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StreamCommand()).execute(args));
    }
}
