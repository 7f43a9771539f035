package io.paperstream.notify;

/**
 * How the delivery of a digest to a subscriber ended; each is final and recorded, so none is attempted again.
 *
 * @param kind what happened
 * @param detail the server's answer for a rejection, else empty
 */
public record DeliveryOutcome(Kind kind, String detail) {

    /** What happened to a delivery. */
    public enum Kind {
        /** The SMTP server accepted the mail. */
        SENT,
        /** The SMTP server refused the address or the mail for good (a 5xx reply). */
        REJECTED,
        /** The subscriber follows topics of which none rose that day: nothing to send. */
        FILTERED
    }

    static DeliveryOutcome sent() {
        return new DeliveryOutcome(Kind.SENT, "");
    }

    static DeliveryOutcome rejected(String reply) {
        return new DeliveryOutcome(Kind.REJECTED, reply);
    }

    static DeliveryOutcome filtered() {
        return new DeliveryOutcome(Kind.FILTERED, "");
    }
}
