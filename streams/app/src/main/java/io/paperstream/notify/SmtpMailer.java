package io.paperstream.notify;

import io.paperstream.settings.SettingsException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends digest mails over one SMTP connection, kept open between mails. A permanent refusal of a mail (a
 * 5xx reply to its recipient or its data) is an outcome; a server that cannot be reached, drops the
 * connection or answers 4xx is retried with exponential backoff, each attempt bounded by the timeout,
 * for as long as it takes, so that no mail is given up while the server is down. A session the server will not
 * hold (a refused login, a login or TLS it requires first, a required STARTTLS it does not offer) ends sending
 * with {@link SmtpSessionException}: no subscriber is recorded as rejected for what the settings got wrong.
 */
public final class SmtpMailer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);
    /** RFC 4954's reply to mail before a required login (RFC 3207 uses it for mail before a required STARTTLS). */
    private static final int AUTHENTICATION_REQUIRED = 530;

    private final Session session;
    private final String server;
    private final String username;
    private final String password;
    private final boolean startTls;
    private final InternetAddress from;
    private final Backoff backoff;
    private final CountDownLatch stopped;
    private Transport transport;

    /**
     * @param settings the {@code paperstream.notify.smtp.*} and {@code retry.*} settings
     * @param stopped counted down to end a wait between retries early
     * @throws SettingsException when the from address is not one
     */
    public SmtpMailer(NotifySettings settings, CountDownLatch stopped) {
        this.session = Session.getInstance(properties(settings));
        this.server = settings.get(NotifySettings.SMTP_HOST) + ":" + settings.get(NotifySettings.SMTP_PORT);
        this.username = settings.get(NotifySettings.SMTP_USERNAME);
        this.password = settings.get(NotifySettings.SMTP_PASSWORD);
        this.startTls = settings.get(NotifySettings.SMTP_STARTTLS);
        this.from = fromAddress(settings.get(NotifySettings.SMTP_FROM));
        this.backoff = new Backoff(settings.get(NotifySettings.RETRY_INITIAL), settings.get(NotifySettings.RETRY_MAX));
        this.stopped = stopped;
    }

    private static Properties properties(NotifySettings settings) {
        Properties p = new Properties();
        String timeout = Long.toString(settings.get(NotifySettings.SMTP_TIMEOUT).toMillis());
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", settings.get(NotifySettings.SMTP_HOST));
        p.put("mail.smtp.port", settings.get(NotifySettings.SMTP_PORT).toString());
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        p.put("mail.smtp.writetimeout", timeout);
        boolean startTls = settings.get(NotifySettings.SMTP_STARTTLS);
        p.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        p.put("mail.smtp.starttls.required", Boolean.toString(startTls));
        p.put("mail.smtp.auth", Boolean.toString(settings.get(NotifySettings.SMTP_USERNAME) != null));
        return p;
    }

    private static InternetAddress fromAddress(String text) {
        try {
            return new InternetAddress(text, true);
        } catch (AddressException e) {
            throw new SettingsException(
                    NotifySettings.SMTP_FROM.name() + "=" + text + " is not an e-mail address: " + e.getMessage());
        }
    }

    /**
     * Sends {@code mail}, retrying while the server is unavailable.
     *
     * @return {@link DeliveryOutcome.Kind#SENT}, or {@link DeliveryOutcome.Kind#REJECTED} with the server's reply
     * @throws InterruptedException when stopped while waiting to retry
     * @throws SmtpSessionException when the server refuses the login, requires one (or TLS) before mail, or does not
     *     offer the STARTTLS that is required
     */
    public DeliveryOutcome send(DigestMail mail) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                connect();
                DigestMessage message = DigestMessage.of(session, mail, from, new Date());
                transport.sendMessage(message, message.getAllRecipients());
                backoff.reset();
                return DeliveryOutcome.sent();
            } catch (AuthenticationFailedException e) {
                closeQuietly();
                throw new SmtpSessionException(
                        "the SMTP server " + server + " refused the login of " + username + ": " + e.getMessage());
            } catch (MessagingException e) {
                int code = replyCode(e);
                if (code == AUTHENTICATION_REQUIRED || startTlsNotOffered(e)) {
                    closeQuietly();
                    throw sessionRefused(code, e);
                }
                if (code >= 500 && code < 600) {
                    return DeliveryOutcome.rejected(reply(e));
                }
                closeQuietly();
                Duration wait = backoff.next();
                LOG.warn(
                        "SMTP server {} unavailable for {} ({}); attempt {} failed, retrying in {} ms",
                        server,
                        mail.subscriber().address(),
                        reply(e),
                        attempt,
                        wait.toMillis());
                if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new InterruptedException("stopped while waiting for the SMTP server " + server);
                }
            }
        }
    }

    private void connect() throws MessagingException {
        if (transport != null && transport.isConnected()) {
            return;
        }
        transport = session.getTransport();
        if (username == null) {
            transport.connect();
        } else {
            transport.connect(username, password);
        }
    }

    /** Angus' words when the server's EHLO lacks the STARTTLS that {@code starttls.required} demands. */
    private boolean startTlsNotOffered(MessagingException e) {
        return startTls && e.getMessage() != null && e.getMessage().contains("does not support STARTTLS");
    }

    private SmtpSessionException sessionRefused(int code, MessagingException e) {
        if (code == AUTHENTICATION_REQUIRED) {
            String user =
                    username == null ? "no " + NotifySettings.SMTP_USERNAME.name() + " is set" : "user " + username;
            return new SmtpSessionException("the SMTP server " + server + " takes mail only after a login or TLS ("
                    + user + ", " + NotifySettings.SMTP_STARTTLS.name() + "=" + startTls + "): " + reply(e));
        }
        return new SmtpSessionException("the SMTP server " + server + " does not offer STARTTLS, which "
                + NotifySettings.SMTP_STARTTLS.name() + "=true requires; nothing was sent");
    }

    /** The SMTP reply code behind a failure (the recipient's or the data's), or -1 when there was no reply. */
    static int replyCode(MessagingException failure) {
        Exception e = failure;
        while (e != null) {
            if (e instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (e instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
            e = e instanceof MessagingException m ? m.getNextException() : null;
        }
        return -1;
    }

    private static String reply(MessagingException failure) {
        Exception e = failure;
        while (e instanceof SendFailedException && ((SendFailedException) e).getNextException() != null) {
            e = ((SendFailedException) e).getNextException();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip();
    }

    private void closeQuietly() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("closing the SMTP connection to {} failed", server, e);
            }
            transport = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
