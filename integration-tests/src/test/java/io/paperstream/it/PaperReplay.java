package io.paperstream.it;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.producer.PaperEvents;
import io.paperstream.producer.source.PaperRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated replay of the corpus for the fault tests: {@code count} {@code PaperAbstract} events, each the text of
 * a corpus paper picked at random (fixed seed) under an id of its own, published in ascending event time over
 * {@code span} from {@code start}. Its {@link #closers closers} are papers published long after the
 * replay, which close every window the replay counted in.
 *
 * @param name the prefix of every paper id, so that two replays never share an id
 * @param events the events in event-time order
 * @param start the publication time of the first event
 * @param span the time from the first event to the last
 */
record PaperReplay(String name, List<PaperAbstract> events, Instant start, Duration span) {

    /** Day-aligned, so the replay's days are the windows of the default one-day windows. */
    static final Instant DEFAULT_START = Instant.parse("2025-03-01T00:00:00Z");
    /** Twenty days of papers: twenty one-day windows per topic. */
    static final Duration DEFAULT_SPAN = Duration.ofDays(20);
    /**
     * A window grace covering the whole replay, for the fault tests: a partition whose task stops for longer than
     * {@code paperstream.window.source-idle} (its instance killed or leaving, a rebalance, a broker down) no longer
     * holds windows open, so with the default grace (1 h) its papers could be late when it comes back.
     */
    static final Duration GRACE_OVER_SPAN = DEFAULT_SPAN.plus(Duration.ofDays(2));

    PaperReplay {
        events = List.copyOf(events);
    }

    /** {@code count} papers over {@link #DEFAULT_SPAN} from {@link #DEFAULT_START}. */
    static PaperReplay generate(String name, int count, long seed) {
        List<PaperRecord> corpus = Corpus.papers();
        Random random = new Random(seed);
        Instant ingestedAt = Instant.now();
        long stepMillis = DEFAULT_SPAN.toMillis() / Math.max(1, count - 1);
        List<PaperAbstract> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PaperRecord paper = corpus.get(random.nextInt(corpus.size()));
            events.add(event(paper, name + "-" + i, DEFAULT_START.plusMillis(i * stepMillis), ingestedAt));
        }
        return new PaperReplay(name, events, DEFAULT_START, DEFAULT_SPAN);
    }

    /** The events from {@code fromInclusive} to {@code toExclusive}. */
    List<PaperAbstract> slice(int fromInclusive, int toExclusive) {
        return events.subList(fromInclusive, toExclusive);
    }

    int size() {
        return events.size();
    }

    /** The publication time of the last event. */
    Instant end() {
        return events.get(events.size() - 1).getPublishedAt();
    }

    /**
     * The closing papers: every corpus paper once more, published at {@code publishedAt}. Every topic the replay
     * counted appears in them, and they spread over every partition of the input, so they move the time of every
     * partition to {@code publishedAt}.
     */
    List<PaperAbstract> closers(Instant publishedAt) {
        Instant ingestedAt = Instant.now();
        List<PaperRecord> corpus = Corpus.papers();
        List<PaperAbstract> events = new ArrayList<>(corpus.size());
        for (int i = 0; i < corpus.size(); i++) {
            events.add(event(corpus.get(i), name + "-closing-" + i, publishedAt, ingestedAt));
        }
        return events;
    }

    private static PaperAbstract event(PaperRecord paper, String id, Instant publishedAt, Instant ingestedAt) {
        return PaperAbstract.newBuilder(PaperEvents.toEvent(paper, publishedAt, ingestedAt))
                .setId(id)
                .build();
    }
}
