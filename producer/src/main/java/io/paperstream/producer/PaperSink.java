package io.paperstream.producer;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
import java.time.Duration;
import java.util.Optional;

/** Where {@code produce} delivers its events: Kafka, or standard output for a dry run. */
interface PaperSink {

    /**
     * Hands one event over for delivery, keyed by its id.
     *
     * @throws SinkException when nothing more can be delivered (the run stops)
     */
    void send(PaperAbstract event) throws SinkException;

    /**
     * Hands one engagement observation over for delivery, keyed by its paper id.
     *
     * @throws SinkException when nothing more can be delivered (the run stops)
     */
    void send(PaperEngagement event) throws SinkException;

    /**
     * Waits until every event handed over so far is delivered or failed.
     *
     * @return true when none of them failed
     */
    boolean flush();

    /** Events (papers and engagement observations) whose delivery is confirmed. */
    long sent();

    /** Events handed over whose delivery failed. */
    long failed();

    /** The first delivery failure, as one sentence; once present, the run stops reading. */
    Optional<String> failure();

    /**
     * Waits up to the timeout for outstanding deliveries, then releases the sink; anything
     * still unconfirmed counts as failed.
     */
    void close(Duration timeout);
}
