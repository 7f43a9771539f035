package io.paperstream.it;

import static io.paperstream.waits.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.avro.DailyDigest;
import io.paperstream.notify.DigestMail;
import io.paperstream.notify.GreenMailSmtp;
import io.paperstream.notify.NotifyCommand;
import io.paperstream.notify.NotifySettings;
import io.paperstream.notify.Subscriber;
import io.paperstream.producer.ProduceCommand;
import io.paperstream.stack.ChildJvm;
import io.paperstream.streams.StreamsSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code paperstream notify} end to end on real parts: the real {@code produce} command sends the corpus over two
 * days, the real streams application closes the first day and writes its digest to {@code digests.daily}, and
 * {@code notify}, a child process as a user runs it, mails it through a real SMTP server (GreenMail, in this JVM)
 * whose mailboxes the test reads. Killed with SIGKILL in the middle of 200 subscribers and restarted, it leaves every
 * subscriber the digest, a second copy only of the one mail in flight, under the same Message-ID.
 */
@RealKafkaStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifyIT {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyIT.class);
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(120);
    private static final int SUBSCRIBERS = 200;
    /** How long the SMTP server takes per mail: the 200 mails last several seconds, so a kill lands among them. */
    private static final Duration SMTP_DELAY = Duration.ofMillis(25);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackEndpoints stack;
    private StreamsAppRun app;
    private DailyDigest digest;

    NotifyIT(StackEndpoints stack) {
        this.stack = stack;
    }

    /** The corpus over two days through the real pipeline: the first day closes and has its digest. */
    @BeforeAll
    void digestOfTheCorpus() {
        // one day of history: lowered thresholds let the day's largest topics and keyphrases rise, with their papers
        app = StreamsAppRun.start(
                stack,
                "it-notify",
                Map.of(
                        StreamsSettings.TRENDS_MIN_BASELINE_WINDOWS.name(), "0",
                        StreamsSettings.TRENDS_MIN_COUNT.name(), "3",
                        StreamsSettings.TRENDS_MIN_SCORE.name(), "1"));
        List<String> arguments = new ArrayList<>(List.of("--event-time", "2025-03-10T00:00:00Z", "--spread", "2d"));
        arguments.addAll(stack.produceArguments(
                app.topic(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS),
                Corpus.YEAR,
                Corpus.path().toString()));
        ProduceCommandRun.Outcome produced = ProduceCommandRun.inProcess(arguments);
        assertThat(produced.exitCode()).as(produced.err()).isEqualTo(ProduceCommand.EXIT_OK);
        app.awaitCaughtUp(PROCESSING_TIMEOUT);
        List<AvroTopic.Keyed<DailyDigest>> digests =
                AvroTopic.read(stack, app.topic(StreamsSettings.KAFKA_TOPIC_DIGESTS), DailyDigest.class);
        assertThat(digests)
                .as("digests of the corpus's two days: the first closed")
                .hasSize(1);
        digest = digests.get(0).value();
        assertThat(digest.getDay()).isEqualTo("2025-03-10");
        assertThat(digest.getTopics()).isNotEmpty();
    }

    @AfterAll
    void stopTheApplication() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everySubscriberHasTheDigestAfterAKillMinus9MidBatchAndACopyCarriesTheSameMessageId() throws Exception {
        Path directory = ItDirectories.fresh("notify-crash");
        List<Subscriber> subscribers = IntStream.rangeClosed(1, SUBSCRIBERS)
                .mapToObj(i -> new Subscriber(String.format(Locale.ROOT, "reader-%03d@example.org", i), Set.of(), i))
                .toList();
        Path file = subscriptions(
                directory, subscribers.stream().map(Subscriber::address).toList());
        try (GreenMailSmtp smtp = GreenMailSmtp.onFreePort().start()) {
            smtp.slowDown(SMTP_DELAY);
            Map<String, String> settings = settings("crash", smtp);

            // Step 1: notify mails the digest; killed with SIGKILL once a quarter of the subscribers have it
            ChildJvm notify = start(directory, file, settings);
            await("a quarter of the mails received")
                    .atMost(DELIVERY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(5))
                    .failFast(() -> assertThat(notify.isAlive())
                            .as(notify.logTailMessage())
                            .isTrue())
                    .until(() -> smtp.messages().size() >= SUBSCRIBERS / 4);
            notify.kill();
            int receivedAtKill = smtp.messages().size();
            LOG.info("killed notify with {} of {} mails received", receivedAtKill, SUBSCRIBERS);
            assertThat(receivedAtKill)
                    .as("mails received when notify was killed")
                    .isLessThan(SUBSCRIBERS);

            // Step 2: restarted, it finishes the batch
            ChildJvm restarted = start(directory, file, settings);
            Map<String, JsonNode> deliveries = awaitDeliveries(settings, SUBSCRIBERS, restarted);
            restarted.stop(Duration.ofSeconds(30));

            // Step 3: every subscriber has the digest; a second copy has the first one's Message-ID
            int copies = 0;
            for (Subscriber subscriber : subscribers) {
                List<MimeMessage> received = smtp.messagesTo(subscriber.address());
                assertThat(received)
                        .as("mails to %s", subscriber.address())
                        .isNotEmpty()
                        .hasSizeLessThanOrEqualTo(2);
                for (MimeMessage message : received) {
                    assertThat(message.getMessageID()).isEqualTo(DigestMail.messageId(digest.getDay(), subscriber));
                }
                copies += received.size() - 1;
                assertThat(deliveries
                                .get(digest.getDay() + " " + subscriber.key())
                                .get("outcome")
                                .asText())
                        .isEqualTo("sent");
            }
            LOG.info(
                    "after SIGKILL at {} of {} mails and a restart: {} mails received, {} second copies"
                            + " (each under its first copy's Message-ID)",
                    receivedAtKill,
                    SUBSCRIBERS,
                    smtp.messages().size(),
                    copies);
            System.out.printf(
                    Locale.ROOT,
                    "NotifyIT: kill -9 at %d/%d mails; %d second copies, same Message-ID%n",
                    receivedAtKill,
                    SUBSCRIBERS,
                    copies);
            assertThat(copies)
                    .as("second copies: at most the one mail in flight at the kill")
                    .isLessThanOrEqualTo(1);
            assertThat(smtp.messages()).hasSize(SUBSCRIBERS + copies);
            assertContent(smtp.messagesTo(subscribers.get(0).address()).get(0), subscribers.get(0));
        }
    }

    @Test
    void aRejectedAddressIsSkippedOthersAreDeliveredAndAServerDownAtStartIsWaitedFor() throws Exception {
        Path directory = ItDirectories.fresh("notify-reject");
        String followed = digest.getTopics().get(0).getKey();
        Path file = subscriptions(
                directory,
                List.of(
                        "ada@example.org",
                        "gone@example.org",
                        "bob@example.org " + followed,
                        "carol@example.org no-such-topic",
                        "dan@example.org"));
        try (GreenMailSmtp smtp = GreenMailSmtp.onFreePort()) {
            smtp.refuse("gone@example.org");
            Map<String, String> settings = settings("reject", smtp);

            // Step 1: the SMTP server is down when notify starts: it retries with backoff
            ChildJvm notify = start(directory, file, settings);
            await("notify retrying the SMTP server that is down")
                    .atMost(DELIVERY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .failFast(() -> assertThat(notify.isAlive())
                            .as(notify.logTailMessage())
                            .isTrue())
                    .until(() -> count(notify.logFile(), "unavailable for ada@example.org") >= 3);

            // Step 2: the server comes up; every delivery finishes
            smtp.start();
            Map<String, JsonNode> deliveries = awaitDeliveries(settings, 5, notify);
            notify.stop(Duration.ofSeconds(30));

            assertThat(smtp.messagesTo("ada@example.org")).hasSize(1);
            assertThat(smtp.messagesTo("bob@example.org")).hasSize(1);
            assertThat(smtp.messagesTo("dan@example.org")).hasSize(1);
            assertThat(smtp.messagesTo("gone@example.org")).isEmpty();
            assertThat(smtp.messagesTo("carol@example.org"))
                    .as("follows no topic that rose")
                    .isEmpty();
            assertThat(smtp.messages()).hasSize(3);
            String day = digest.getDay() + " ";
            assertThat(deliveries.get(day + "gone@example.org").get("outcome").asText())
                    .isEqualTo("rejected");
            assertThat(deliveries.get(day + "gone@example.org").get("detail").asText())
                    .startsWith("550 5.1.1 <gone@example.org>: mailbox unavailable");
            assertThat(deliveries.get(day + "carol@example.org").get("outcome").asText())
                    .isEqualTo("filtered");
            assertThat(deliveries.get(day + "bob@example.org").get("outcome").asText())
                    .isEqualTo("sent");
            assertThat(Files.readString(notify.logFile()))
                    .contains("gone@example.org rejected by the SMTP server: 550 5.1.1");
            assertContent(
                    smtp.messagesTo("bob@example.org").get(0), new Subscriber("bob@example.org", Set.of(followed), 3));
        }
    }

    /** The received mail is the digest's mail for {@code subscriber}: both parts as rendered, lines ended by CRLF. */
    private void assertContent(MimeMessage received, Subscriber subscriber) throws MessagingException, IOException {
        DigestMail expected = DigestMail.compose(digest, subscriber).orElseThrow();
        assertThat(received.getSubject()).isEqualTo(expected.subject());
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString().replace("\r\n", "\n"))
                .isEqualTo(expected.text());
        assertThat(parts.getBodyPart(1).getContent().toString().replace("\r\n", "\n"))
                .isEqualTo(expected.html());
    }

    private Map<String, String> settings(String name, GreenMailSmtp smtp) {
        String unique = TestTopics.unique("it-notify-" + name);
        Map<String, String> settings = new HashMap<>();
        settings.put(NotifySettings.BOOTSTRAP_SERVERS.name(), stack.bootstrapServers());
        settings.put(NotifySettings.SCHEMA_REGISTRY_URL.name(), stack.registryUrl());
        settings.put(NotifySettings.DIGESTS_TOPIC.name(), app.topic(StreamsSettings.KAFKA_TOPIC_DIGESTS));
        settings.put(NotifySettings.DELIVERIES_TOPIC.name(), unique + ".deliveries");
        settings.put(NotifySettings.GROUP_ID.name(), unique);
        settings.put(NotifySettings.TRANSACTIONAL_ID.name(), unique);
        settings.put(NotifySettings.FROM_BEGINNING.name(), "true");
        settings.put(NotifySettings.SMTP_PORT.name(), Integer.toString(smtp.port()));
        settings.put(NotifySettings.SMTP_TIMEOUT.name(), "5s");
        settings.put(NotifySettings.RETRY_INITIAL.name(), "200ms");
        settings.put(NotifySettings.RETRY_MAX.name(), "1s");
        return settings;
    }

    /** {@code paperstream notify} as its own OS process, its log appended to {@code <directory>/notify.log}. */
    private static ChildJvm start(Path directory, Path subscriptions, Map<String, String> settings) {
        List<String> arguments = new ArrayList<>(List.of("--subscriptions", subscriptions.toString()));
        settings.forEach((key, value) -> arguments.addAll(List.of("--set", key + "=" + value)));
        return ChildJvm.startMain(
                "notify",
                NotifyCommand.class.getName(),
                arguments,
                List.of("-Xmx256m", "-Djava.io.tmpdir=" + ItDirectories.temporary()),
                directory,
                directory.resolve("notify.log"));
    }

    private static Path subscriptions(Path directory, List<String> lines) throws IOException {
        return Files.write(directory.resolve("subscribers.txt"), lines, StandardCharsets.UTF_8);
    }

    /** Waits until the deliveries topic holds {@code expected} finished deliveries, read committed; by key. */
    private Map<String, JsonNode> awaitDeliveries(Map<String, String> settings, int expected, ChildJvm notify) {
        String topic = settings.get(NotifySettings.DELIVERIES_TOPIC.name());
        Map<String, JsonNode> deliveries = new HashMap<>();
        await(expected + " finished deliveries in " + topic)
                .atMost(DELIVERY_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .failFast(() ->
                        assertThat(notify.isAlive()).as(notify.logTailMessage()).isTrue())
                .until(() -> {
                    deliveries.clear();
                    for (ConsumerRecord<byte[], byte[]> record :
                            TestTopics.readAll(stack.bootstrapServers(), topic, Duration.ofSeconds(30))) {
                        deliveries.put(new String(record.key(), StandardCharsets.UTF_8), json(record.value()));
                    }
                    return deliveries.size() >= expected;
                });
        assertThat(deliveries).hasSize(expected);
        return deliveries;
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(Path log, String text) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(text))
                .collect(Collectors.counting());
    }
}
