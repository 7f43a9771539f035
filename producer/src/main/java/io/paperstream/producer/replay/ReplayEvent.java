package io.paperstream.producer.replay;

import io.paperstream.producer.source.PaperRecord;
import java.time.Instant;

/**
 * One paper of a replay: a copy of a pool paper under an id of its own ({@code g:<seed>:<n>}),
 * with its simulated publication time as the record's source time.
 *
 * @param paper the paper to send: the pool paper's text and metadata, the replay's id and time
 * @param day the simulated day it is published on ({@code days} for the closing event)
 * @param source the pool paper it copies
 * @param injectedBy the burst that added it, or {@code null} for base traffic and the closing event
 * @param closing whether it is the closing event, published after the last day to close its window
 */
public record ReplayEvent(PaperRecord paper, int day, PoolPaper source, BurstSpec injectedBy, boolean closing) {

    /** The simulated publication time: the event time of the streams application. */
    public Instant publishedAt() {
        return paper.sourceTime();
    }

    /** Whether a burst added this paper on top of the base traffic. */
    public boolean injected() {
        return injectedBy != null;
    }
}
