package io.paperstream.notify;

import io.paperstream.settings.Setting;
import io.paperstream.streams.SettingsOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code paperstream notify}: mails every new daily digest to the subscribers of a subscriptions file, until
 * stopped (SIGTERM ends it after the delivery in progress). Exit codes: 0 stopped, 1 failure (the SMTP server
 * refused the login), 2 invalid settings or subscriptions file, 3 Kafka unreachable.
 */
@Command(
        name = "notify",
        mixinStandardHelpOptions = true,
        modelTransformer = NotifyCommand.SettingsFooter.class,
        description = {
            "Mail each new digest of digests.daily to every subscriber over SMTP (HTML and plain text), and record",
            "every finished delivery in a compacted topic in the consumer's transaction: a restart neither skips nor",
            "repeats one. Its settings are listed below; --settings-help adds their environment variables and meaning."
        })
public final class NotifyCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settingsOptions;

    @Option(
            names = "--subscriptions",
            paramLabel = "FILE",
            description = "Subscriptions file: one 'address [topic,topic...]' a line, '#' comments"
                    + " (overrides paperstream.notify.subscriptions).")
    Path subscriptionsFile;

    @Override
    public Integer call() throws Exception {
        return settingsOptions.runWith(NotifySettings::load, NotifySettings.describe(), this::run);
    }

    private int run(NotifySettings settings, PrintWriter out, PrintWriter err) throws Exception {
        Path file = subscriptionsFile;
        if (file == null && settings.get(NotifySettings.SUBSCRIPTIONS_FILE) != null) {
            file = Path.of(settings.get(NotifySettings.SUBSCRIPTIONS_FILE));
        }
        if (file == null) {
            err.println("no subscriptions: name the file with --subscriptions FILE or "
                    + NotifySettings.SUBSCRIPTIONS_FILE.name());
            return 2;
        }
        List<Subscriber> subscribers;
        try {
            subscribers = Subscriptions.read(file);
        } catch (SubscriptionsException e) {
            err.println("invalid subscriptions: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = null;
        try (Notifier notifier = new Notifier(settings, subscribers, stopped)) {
            Thread shutdown = new Thread(() -> stopGracefully(notifier, closed), "notify-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            hook = shutdown;
            notifier.run();
        } catch (WakeupException | InterruptedException e) {
            out.println("notify stopped");
        } catch (TimeoutException e) {
            err.println("Kafka at " + settings.get(NotifySettings.BOOTSTRAP_SERVERS) + " did not answer: "
                    + e.getMessage());
            return 3;
        } catch (SmtpSessionException e) {
            err.println(e.getMessage());
            return 1;
        } finally {
            closed.countDown();
            removeQuietly(hook);
        }
        out.flush();
        return 0;
    }

    /** On SIGTERM: stop after the delivery in progress and wait (bounded) for the loop to close the clients. */
    private static void stopGracefully(Notifier notifier, CountDownLatch closed) {
        notifier.stop();
        try {
            closed.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lists every setting of {@link NotifySettings} with its default under {@code --help}, from the declarations. */
    static final class SettingsFooter implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            List<String> lines = new ArrayList<>(List.of("", "Settings (--set KEY=VALUE, --config FILE):"));
            for (Setting<?> setting : NotifySettings.DECLARED.all()) {
                // the footer is a format string: a % of a default must stay one
                lines.add(("  " + setting.name() + " = " + setting.defaultText()).replace("%", "%%"));
            }
            spec.usageMessage().footer(lines.toArray(String[]::new));
            return spec;
        }
    }

    /** Unregisters the shutdown hook of a run that ended by itself; while the JVM shuts down it has run already. */
    private static void removeQuietly(Thread hook) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is what stopped the run
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new NotifyCommand()).execute(args));
    }
}
