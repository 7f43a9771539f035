package io.paperstream.notify;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.auth.AuthenticationState;
import com.icegreen.greenmail.smtp.auth.LoginAuthenticationState;
import com.icegreen.greenmail.smtp.auth.PlainAuthenticationState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server in the test JVM: GreenMail on 127.0.0.1, which receives mail over the network as any server
 * does and keeps it in mailboxes the test reads. Three server behaviours GreenMail lacks are added through its own
 * extension point (the {@link SmtpManager} of its SMTP sessions): refusing chosen recipients with
 * {@code 550 5.1.1}, as a server does for a mailbox that does not exist, taking a while for each mail, as a
 * remote server does, so that a batch of mails lasts long enough to be interrupted, and refusing mail from a
 * session without a valid login ({@code 530 5.7.0}), as a submission server does (GreenMail checks the
 * credentials of an AUTH but takes mail without one).
 */
public final class GreenMailSmtp implements AutoCloseable {

    private final int port;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> deferrals = new HashMap<>();
    private volatile Duration perMail = Duration.ZERO;
    private volatile boolean loginRequired;
    private final List<String> logins = new CopyOnWriteArrayList<>();
    private GreenMail server;

    private GreenMailSmtp(int port) {
        this.port = port;
    }

    /** A server on a free loopback port, not yet started (as an SMTP server that is down). */
    public static GreenMailSmtp onFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new GreenMailSmtp(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Starts a server that has not run yet and waits until it accepts connections. */
    public GreenMailSmtp start() {
        if (server != null) {
            throw new IllegalStateException("the SMTP server on port " + port + " already ran");
        }
        server = new PolicyGreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return this;
    }

    public int port() {
        return port;
    }

    /** Makes the server refuse mail to {@code address} with a 550 reply to its RCPT TO. */
    public void refuse(String address) {
        refused.add(address.toLowerCase(Locale.ROOT));
    }

    /** Makes the server answer the next {@code times} RCPT TO of {@code address} with a temporary 451. */
    public void defer(String address, int times) {
        deferrals.put(address.toLowerCase(Locale.ROOT), times);
    }

    /** True when a deferral of {@code address} is left, which this call uses up. */
    private boolean deferOnce(String address) {
        synchronized (deferrals) {
            Integer left = deferrals.remove(address);
            if (left != null && left > 1) {
                deferrals.put(address, left - 1);
            }
            return left != null;
        }
    }

    /** Adds the account {@code user} to the started server and makes it take mail only after a valid login. */
    public void requireLogin(String user, String password) {
        server.setUser(user + "@example.org", user, password);
        loginRequired = true;
    }

    /** The account of each mail received, in order (only mails sent after a valid login are listed). */
    public List<String> logins() {
        return List.copyOf(logins);
    }

    /** Makes the server take {@code delay} to accept each mail. */
    public void slowDown(Duration delay) {
        perMail = delay;
    }

    /** Every mail received, in order. */
    public List<MimeMessage> messages() {
        return server == null ? List.of() : List.of(server.getReceivedMessages());
    }

    /** The mails received for {@code address}. */
    public List<MimeMessage> messagesTo(String address) {
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage message : messages()) {
            try {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                    to.add(message);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException("a received mail has no readable recipient", e);
            }
        }
        return to;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }

    /** GreenMail whose SMTP sessions ask {@link PolicySmtpManager} about recipients. */
    private final class PolicyGreenMail extends GreenMail {

        PolicyGreenMail(ServerSetup setup) {
            super(setup);
            // start() keeps managers that are set and builds its servers on them
            managers = new PolicyManagers();
        }
    }

    private final class PolicyManagers extends Managers {

        private final SmtpManager smtp = new PolicySmtpManager(this);

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }
    }

    private final class PolicySmtpManager extends SmtpManager {

        PolicySmtpManager(Managers managers) {
            super(managers.getImapHostManager(), managers.getUserManager());
        }

        @Override
        public String checkSender(SmtpState state, MailAddress sender) {
            return loginRequired && login(state) == null ? "530 5.7.0 Authentication required" : null;
        }

        /** The account the session logged in to, or null: GreenMail keeps the AUTH it answered 535 too. */
        private String login(SmtpState state) {
            AuthenticationState auth = state.getMessage().getAuthenticationState();
            if (auth instanceof LoginAuthenticationState login
                    && getUserManager().test(login.getUsername(), login.getPassword())) {
                return login.getUsername();
            }
            if (auth instanceof PlainAuthenticationState plain
                    && getUserManager().test(plain.getUsername(), plain.getPassword())) {
                return plain.getUsername();
            }
            return null;
        }

        @Override
        public String checkRecipient(SmtpState state, MailAddress recipient) {
            String address = recipient.getEmail().toLowerCase(Locale.ROOT);
            if (refused.contains(address)) {
                return "550 5.1.1 <" + recipient.getEmail() + ">: mailbox unavailable";
            }
            return deferOnce(address) ? "451 4.7.1 <" + recipient.getEmail() + ">: try again later" : null;
        }

        @Override
        public synchronized void send(SmtpState state) {
            try {
                Thread.sleep(perMail.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String login = login(state);
            if (login != null) {
                logins.add(login);
            }
            super.send(state);
        }
    }
}
