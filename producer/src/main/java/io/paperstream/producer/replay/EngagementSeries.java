package io.paperstream.producer.replay;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.paperstream.producer.source.Engagement;
import io.paperstream.producer.source.EngagementRecord;
import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.ReadResult;
import io.paperstream.producer.source.SourceLocation;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The engagement time series of a replay's papers: every paper is observed every {@link EngagementSettings#every()}
 * after its publication for {@link EngagementSettings#span()} (until the end of the last day), with cumulative
 * upvotes, GitHub stars and comments that grow by Poisson increments at the paper's own rates. A share of the papers
 * ({@link EngagementSettings#risingShare()}) rises fast — 40 to 120 upvotes a day, a quarter to three quarters as
 * many stars — and the rest slowly: exponentially distributed rates with a mean of 3 upvotes and 1 star a day.
 * Comments come at a tenth of the upvotes' rate. Each paper's draws come from its own random stream of the seed
 * and its id, so the series is the same on every run and the ground truth ({@link #risingPapers()}) is known before
 * anything is sent.
 *
 * <p>Pure: no I/O and no Kafka.
 */
public final class EngagementSeries {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Origin ORIGIN = new Origin("replay", "replay:engagement", false);
    private static final double DAY_MS = Duration.ofDays(1).toMillis();
    private static final double MIN_RISING_UPVOTES_PER_DAY = 40;
    private static final double RISING_UPVOTES_RANGE = 80;
    private static final double SLOW_UPVOTES_PER_DAY = 3;
    private static final double SLOW_STARS_PER_DAY = 1;
    private static final double COMMENTS_PER_UPVOTE = 0.1;

    private final Replay replay;
    private final EngagementSettings settings;

    public EngagementSeries(Replay replay, EngagementSettings settings) {
        this.replay = replay;
        this.settings = settings;
    }

    public EngagementSettings settings() {
        return settings;
    }

    /** When observation ends: the end of the replay's last day (the closing event is no paper). */
    public Instant end() {
        ReplaySettings replaySettings = replay.settings();
        return replaySettings.dayStart(replaySettings.days());
    }

    /** The papers that rise fast, in publication order: the ground truth of trending papers. */
    public List<RisingPaper> risingPapers() {
        ReplaySettings replaySettings = replay.settings();
        List<RisingPaper> rising = new ArrayList<>();
        long n = 0;
        for (int day = 0; day < replaySettings.days(); day++) {
            int papers = replay.papersOn(day);
            long dayStart = replaySettings.dayStart(day).toEpochMilli();
            for (int k = 0; k < papers; k++) {
                String id = Replay.id(replaySettings.seed(), n++);
                Rates rates = rates(id);
                Instant publishedAt = Replay.publishedAt(dayStart, k, papers);
                Instant last = lastObservation(publishedAt);
                // a paper published within the last interval is never observed: nothing to trend on
                if (rates.rising() && last.isAfter(publishedAt)) {
                    rising.add(new RisingPaper(id, publishedAt, last, rates.upvotes(), rates.stars()));
                }
            }
        }
        return rising;
    }

    /**
     * Writes the ground truth as one pretty-printed UTF-8 JSON document and a newline: the settings, the end of
     * observation, and every rising paper with its publication, its last observation and its rates; leaves
     * {@code out} open.
     */
    public void writeJson(OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("seed", replay.settings().seed());
            json.writeNumberField("risingShare", settings.risingShare());
            json.writeStringField("every", settings.every().toString());
            json.writeStringField("span", settings.span().toString());
            json.writeStringField("end", end().toString());
            json.writeArrayFieldStart("risingPapers");
            for (RisingPaper paper : risingPapers()) {
                json.writeStartObject();
                json.writeStringField("id", paper.id());
                json.writeStringField("publishedAt", paper.publishedAt().toString());
                json.writeStringField("gainsUntil", paper.gainsUntil().toString());
                json.writeNumberField("upvotesPerDay", Math.round(paper.upvotesPerDay() * 1000) / 1000.0);
                json.writeNumberField("starsPerDay", Math.round(paper.starsPerDay() * 1000) / 1000.0);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /** The replay's papers in order, each followed, in time order, by the observations of the papers before. */
    public Iterator<ReadResult> interleave(Iterator<ReplayEvent> events) {
        return new Interleaved(events);
    }

    /** A paper's expected gains per day. */
    private record Rates(boolean rising, double upvotes, double stars, Random draws) {}

    private Rates rates(String id) {
        Random random = RandomDraws.stream(replay.settings().seed(), ReplayGenerator.ENGAGEMENT, id);
        boolean rising = random.nextDouble() < settings.risingShare();
        if (rising) {
            double upvotes = MIN_RISING_UPVOTES_PER_DAY + RISING_UPVOTES_RANGE * random.nextDouble();
            return new Rates(true, upvotes, upvotes * (0.25 + 0.5 * random.nextDouble()), random);
        }
        double upvotes = -SLOW_UPVOTES_PER_DAY * Math.log(1 - random.nextDouble());
        return new Rates(false, upvotes, -SLOW_STARS_PER_DAY * Math.log(1 - random.nextDouble()), random);
    }

    private Instant lastObservation(Instant publishedAt) {
        long steps = settings.span().toMillis() / settings.every().toMillis();
        Instant last = publishedAt.plus(settings.every().multipliedBy(steps));
        while (!last.isBefore(end())) {
            last = last.minus(settings.every());
        }
        return last;
    }

    /** Every observation of a paper published at {@code publishedAt}, in time order. */
    List<EngagementRecord> observations(String id, Instant publishedAt) {
        Rates rates = rates(id);
        double part = settings.every().toMillis() / DAY_MS;
        long upvotes = 0;
        long stars = 0;
        long comments = 0;
        List<EngagementRecord> observations = new ArrayList<>();
        Instant last = lastObservation(publishedAt);
        for (Instant at = publishedAt.plus(settings.every()); !at.isAfter(last); at = at.plus(settings.every())) {
            upvotes += RandomDraws.poisson(rates.draws(), rates.upvotes() * part);
            stars += RandomDraws.poisson(rates.draws(), rates.stars() * part);
            comments += RandomDraws.poisson(rates.draws(), rates.upvotes() * COMMENTS_PER_UPVOTE * part);
            observations.add(new EngagementRecord(
                    id,
                    ReplayGenerator.SOURCE,
                    new Engagement(upvotes, stars, comments),
                    new SourceLocation(ORIGIN, 0),
                    at));
        }
        return observations;
    }

    /** Merges the papers with the pending observations by time; a paper comes before observations at its time. */
    private final class Interleaved implements Iterator<ReadResult> {
        private record Pending(EngagementRecord observation, long order) {}

        private final Iterator<ReplayEvent> events;
        private final PriorityQueue<Pending> pending = new PriorityQueue<>(
                Comparator.comparing((Pending p) -> p.observation().observedAt())
                        .thenComparingLong(Pending::order));
        private ReplayEvent nextEvent;
        private long scheduled;

        Interleaved(Iterator<ReplayEvent> events) {
            this.events = events;
        }

        @Override
        public boolean hasNext() {
            if (nextEvent == null && events.hasNext()) {
                nextEvent = events.next();
            }
            return nextEvent != null || !pending.isEmpty();
        }

        @Override
        public ReadResult next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the replay has no more events");
            }
            if (!pending.isEmpty()
                    && (nextEvent == null
                            || pending.peek().observation().observedAt().isBefore(nextEvent.publishedAt()))) {
                return pending.poll().observation();
            }
            ReplayEvent event = nextEvent;
            nextEvent = null;
            if (!event.closing()) {
                for (EngagementRecord observation : observations(event.paper().id(), event.publishedAt())) {
                    pending.add(new Pending(observation, scheduled++));
                }
            }
            return event.paper();
        }
    }
}
