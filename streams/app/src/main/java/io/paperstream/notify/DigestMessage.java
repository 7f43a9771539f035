package io.paperstream.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * A {@link DigestMail} as a MIME message: {@code multipart/alternative} with the plain-text part first and the
 * HTML part last (the one clients prefer), and the mail's own {@code Message-ID}, which Jakarta Mail would
 * otherwise replace with a random one on every send.
 */
final class DigestMessage extends MimeMessage {

    private final String messageId;

    private DigestMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    /** The message of {@code mail} from {@code from}, dated {@code sentAt}. */
    static DigestMessage of(Session session, DigestMail mail, InternetAddress from, Date sentAt)
            throws MessagingException {
        DigestMessage message = new DigestMessage(session, mail.messageId());
        message.setFrom(from);
        message.setRecipient(
                Message.RecipientType.TO, new InternetAddress(mail.subscriber().address()));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(sentAt);
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
