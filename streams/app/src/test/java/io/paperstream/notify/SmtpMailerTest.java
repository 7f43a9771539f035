package io.paperstream.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paperstream.avro.DailyDigest;
import io.paperstream.streams.CorpusDigest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Digest mails sent to a real SMTP server (GreenMail, in this JVM, over loopback). A session the server will not
 * hold ends {@code send} at once: the timeouts fail a mailer that retries it for ever instead.
 */
class SmtpMailerTest {

    private static DailyDigest digest;

    @BeforeAll
    static void digestOfTheCorpus() {
        digest = CorpusDigest.ofOneDay();
    }

    @Test
    void theServerReceivesBothPartsUnderTheMailsOwnMessageId() throws Exception {
        try (GreenMailSmtp smtp = GreenMailSmtp.onFreePort().start();
                SmtpMailer mailer = new SmtpMailer(settings(smtp), new CountDownLatch(1))) {
            DigestMail mail = mail("ada@example.org");

            assertThat(mailer.send(mail)).isEqualTo(DeliveryOutcome.sent());

            MimeMessage received = smtp.messagesTo("ada@example.org").get(0);
            assertThat(received.getMessageID()).isEqualTo(mail.messageId());
            assertThat(received.getSubject()).isEqualTo(mail.subject());
            assertThat(received.getFrom()[0].toString()).isEqualTo("paperstream <digest@paperstream.localhost>");
            MimeMultipart parts = (MimeMultipart) received.getContent();
            assertThat(received.getContentType()).startsWith("multipart/alternative");
            // SMTP carries lines ended by CRLF
            assertThat(crlfToLf(parts.getBodyPart(0).getContent())).isEqualTo(mail.text());
            assertThat(crlfToLf(parts.getBodyPart(1).getContent())).isEqualTo(mail.html());
        }
    }

    @Test
    void aRefusedRecipientIsRejectedWithTheServersReplyAndTheNextOneIsSent() throws Exception {
        try (GreenMailSmtp smtp = GreenMailSmtp.onFreePort().start();
                SmtpMailer mailer = new SmtpMailer(settings(smtp), new CountDownLatch(1))) {
            smtp.refuse("gone@example.org");

            DeliveryOutcome refused = mailer.send(mail("gone@example.org"));
            DeliveryOutcome next = mailer.send(mail("bob@example.org"));

            assertThat(refused.kind()).isEqualTo(DeliveryOutcome.Kind.REJECTED);
            assertThat(refused.detail()).startsWith("550 5.1.1 <gone@example.org>: mailbox unavailable");
            assertThat(next).isEqualTo(DeliveryOutcome.sent());
            assertThat(smtp.messages()).hasSize(1);
            assertThat(smtp.messagesTo("bob@example.org")).hasSize(1);
        }
    }

    @Test
    void aTemporaryRefusalIsRetriedUntilTheServerAccepts() throws Exception {
        try (GreenMailSmtp smtp = GreenMailSmtp.onFreePort().start();
                SmtpMailer mailer = new SmtpMailer(settings(smtp), new CountDownLatch(1))) {
            smtp.defer("busy@example.org", 3);

            DeliveryOutcome outcome = mailer.send(mail("busy@example.org"));

            assertThat(outcome).isEqualTo(DeliveryOutcome.sent());
            assertThat(smtp.messagesTo("busy@example.org")).hasSize(1);
        }
    }

    @Test
    void aServerThatRequiresALoginTakesTheMailFromTheConfiguredAccount() throws Exception {
        try (GreenMailSmtp smtp = GreenMailSmtp.onFreePort().start();
                SmtpMailer mailer = new SmtpMailer(settings(smtp, login("digest", "s3cret")), new CountDownLatch(1))) {
            smtp.requireLogin("digest", "s3cret");

            DeliveryOutcome outcome = mailer.send(mail("ada@example.org"));

            assertThat(outcome).isEqualTo(DeliveryOutcome.sent());
            assertThat(smtp.messagesTo("ada@example.org")).hasSize(1);
            assertThat(smtp.logins()).containsExactly("digest");
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void withoutALoginAServerThatRequiresOneEndsSendingInsteadOfRejectingTheSubscriber() throws Exception {
        try (GreenMailSmtp smtp = GreenMailSmtp.onFreePort().start();
                SmtpMailer mailer = new SmtpMailer(settings(smtp), new CountDownLatch(1))) {
            smtp.requireLogin("digest", "s3cret");

            assertThatThrownBy(() -> mailer.send(mail("ada@example.org")))
                    .isInstanceOf(SmtpSessionException.class)
                    .hasMessage("the SMTP server 127.0.0.1:" + smtp.port() + " takes mail only after a login or TLS"
                            + " (no paperstream.notify.smtp.username is set, paperstream.notify.smtp.starttls=false):"
                            + " 530 5.7.0 Authentication required");
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWrongPasswordEndsSendingAtOnceNamingTheServerAndTheUser() throws Exception {
        try (GreenMailSmtp smtp = GreenMailSmtp.onFreePort().start();
                SmtpMailer mailer = new SmtpMailer(settings(smtp, login("digest", "wrong")), new CountDownLatch(1))) {
            smtp.requireLogin("digest", "s3cret");

            assertThatThrownBy(() -> mailer.send(mail("ada@example.org")))
                    .isInstanceOf(SmtpSessionException.class)
                    .hasMessageStartingWith(
                            "the SMTP server 127.0.0.1:" + smtp.port() + " refused the login of digest: ")
                    .hasMessageContaining("535 5.7.8");
            assertThat(smtp.messages()).isEmpty();
            assertThat(smtp.logins()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void requiredStartTlsThatTheServerDoesNotOfferEndsSendingWithNothingSent() throws Exception {
        Map<String, String> startTlsAndLogin = new HashMap<>(login("digest", "s3cret"));
        startTlsAndLogin.put(NotifySettings.SMTP_STARTTLS.name(), "true");
        try (GreenMailSmtp smtp = GreenMailSmtp.onFreePort().start();
                SmtpMailer mailer = new SmtpMailer(settings(smtp, startTlsAndLogin), new CountDownLatch(1))) {
            smtp.requireLogin("digest", "s3cret");

            assertThatThrownBy(() -> mailer.send(mail("ada@example.org")))
                    .isInstanceOf(SmtpSessionException.class)
                    .hasMessage("the SMTP server 127.0.0.1:" + smtp.port() + " does not offer STARTTLS, which"
                            + " paperstream.notify.smtp.starttls=true requires; nothing was sent");
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void backoffDoublesUpToItsMaximumAndStartsOverAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(350));

        assertThat(List.of(backoff.next(), backoff.next(), backoff.next(), backoff.next()))
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(350), Duration.ofMillis(350));
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aServerDownAtTheStartIsWaitedForWithBackoff() throws Exception {
        try (GreenMailSmtp smtp = GreenMailSmtp.onFreePort();
                SmtpMailer mailer = new SmtpMailer(settings(smtp), new CountDownLatch(1))) {
            DigestMail mail = mail("ada@example.org");
            long start = System.nanoTime();
            CompletableFuture<DeliveryOutcome> sending = CompletableFuture.supplyAsync(() -> send(mailer, mail));

            // backoff 100, 200, 400 ms ... : the mailer has tried and waited several times when the server comes up
            Thread.sleep(1_500);
            assertThat(sending).isNotDone();
            smtp.start();

            assertThat(sending.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryOutcome.sent());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1_500));
            assertThat(smtp.messagesTo("ada@example.org")).hasSize(1);
        }
    }

    @Test
    void stoppingEndsTheWaitForAServerThatIsDown() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        try (GreenMailSmtp smtp = GreenMailSmtp.onFreePort();
                SmtpMailer mailer = new SmtpMailer(settings(smtp), stopped)) {
            CompletableFuture<DeliveryOutcome> sending =
                    CompletableFuture.supplyAsync(() -> send(mailer, mail("ada@example.org")));
            Thread.sleep(300);

            stopped.countDown();

            assertThatThrownBy(() -> sending.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseInstanceOf(InterruptedException.class);
        }
    }

    private static String crlfToLf(Object content) {
        return content.toString().replace("\r\n", "\n");
    }

    private static DeliveryOutcome send(SmtpMailer mailer, DigestMail mail) {
        try {
            return mailer.send(mail);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DigestMail mail(String address) {
        return DigestMail.compose(digest, new Subscriber(address, Set.of(), 1)).orElseThrow();
    }

    private static Map<String, String> login(String user, String password) {
        return Map.of(NotifySettings.SMTP_USERNAME.name(), user, NotifySettings.SMTP_PASSWORD.name(), password);
    }

    private static NotifySettings settings(GreenMailSmtp smtp) {
        return settings(smtp, Map.of());
    }

    private static NotifySettings settings(GreenMailSmtp smtp, Map<String, String> more) {
        Map<String, String> values = new HashMap<>(more);
        values.put(NotifySettings.SMTP_PORT.name(), Integer.toString(smtp.port()));
        values.put(NotifySettings.SMTP_TIMEOUT.name(), "2s");
        values.put(NotifySettings.RETRY_INITIAL.name(), "100ms");
        values.put(NotifySettings.RETRY_MAX.name(), "400ms");
        return NotifySettings.of(values);
    }
}
