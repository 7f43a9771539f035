package io.paperstream.producer;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.producer.source.BadRecord;
import io.paperstream.producer.source.EngagementRecord;
import io.paperstream.producer.source.PaperReader;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.ReadResult;
import io.paperstream.producer.source.StopSignal;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One run of {@code produce}: reads the inputs in order, reports and counts bad records, makes
 * each paper's event (and an engagement event of the figures the source shows with it, or on their own),
 * hands the events to the sink (paced if asked), prints a progress
 * line every few seconds and a summary at the end. The run stops early on a stop signal, on
 * the first bad record with fail-fast, and on the first delivery failure; whatever was handed
 * to the sink is then still flushed within the close timeout.
 */
final class ProduceRun {

    /** Bad records printed before the rest are only counted. */
    static final int MAX_REPORTED_BAD_RECORDS = 1000;

    /** What a run did. */
    record Result(long read, long sent, long skipped, long failed, Duration elapsed, Optional<String> stoppedBecause) {

        /** Whether everything read was sent and nothing was skipped. */
        boolean clean() {
            return skipped == 0 && failed == 0 && stoppedBecause.isEmpty();
        }
    }

    /** The run's settings. */
    record Settings(boolean failFast, double ratePerSecond, Duration progressInterval, Duration closeTimeout) {}

    /** Makes the event of each paper read; the command decides its event time and source. */
    @FunctionalInterface
    interface EventFactory {

        /** The event of {@code paper}, read at {@code ingestedAt}. */
        PaperAbstract event(PaperRecord paper, Instant ingestedAt);
    }

    private final List<Input> inputs;
    private final EventFactory events;
    private final PaperSink sink;
    private final Settings settings;
    private final StopSignal stop;
    private final PrintWriter err;
    private final Clock clock;
    private long read;
    private long skipped;
    private long startNanos;
    private long lastProgressNanos;

    ProduceRun(
            List<Input> inputs,
            EventFactory events,
            PaperSink sink,
            Settings settings,
            StopSignal stop,
            PrintWriter err,
            Clock clock) {
        this.inputs = inputs;
        this.events = events;
        this.sink = sink;
        this.settings = settings;
        this.stop = stop;
        this.err = err;
        this.clock = clock;
    }

    Result run() {
        startNanos = System.nanoTime();
        lastProgressNanos = startNanos;
        Optional<String> stoppedBecause = readAll(new Pacer(settings.ratePerSecond(), stop));
        stoppedBecause.ifPresent(err::println);
        sink.close(settings.closeTimeout());
        if (stoppedBecause.isEmpty() && sink.failure().isPresent()) {
            err.println(sink.failure().get());
        }
        Result result = new Result(
                read,
                sink.sent(),
                skipped,
                sink.failed(),
                Duration.ofNanos(System.nanoTime() - startNanos),
                stoppedBecause);
        err.println(summary(result));
        err.flush();
        return result;
    }

    private Optional<String> readAll(Pacer pacer) {
        for (Input input : inputs) {
            try (PaperReader reader = input.open()) {
                Optional<String> stopped = readInput(reader, pacer);
                if (stopped.isPresent()) {
                    return stopped;
                }
            } catch (IOException e) {
                skipped++;
                err.println(input.name() + ": cannot read: " + e.getMessage());
                if (settings.failFast()) {
                    return Optional.of("Stopped at the first bad input (--fail-fast)");
                }
            } catch (SinkException e) {
                return Optional.of(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("Interrupted");
            }
        }
        return Optional.empty();
    }

    private Optional<String> readInput(PaperReader reader, Pacer pacer)
            throws IOException, SinkException, InterruptedException {
        for (Optional<ReadResult> item = reader.next(); item.isPresent(); item = reader.next()) {
            if (item.get() instanceof BadRecord bad) {
                report(bad);
                if (settings.failFast()) {
                    return Optional.of("Stopped at the first bad record (--fail-fast)");
                }
            } else if (item.get() instanceof EngagementRecord figures) {
                Instant observedAt = figures.observedAt() != null ? figures.observedAt() : clock.instant();
                sink.send(PaperEvents.toEngagement(
                        figures.paperId(),
                        figures.source(),
                        figures.engagement(),
                        figures.location().uri(),
                        observedAt));
            } else {
                PaperRecord paper = (PaperRecord) item.get();
                pacer.awaitTurn(read);
                read++;
                Instant now = clock.instant();
                sink.send(events.event(paper, now));
                if (paper.engagement() != null) {
                    sink.send(PaperEvents.toEngagement(
                            paper.id(),
                            paper.format().id(),
                            paper.engagement(),
                            paper.location().uri(),
                            now));
                }
            }
            if (sink.failure().isPresent()) {
                return sink.failure();
            }
            if (stop.isStopped()) {
                return Optional.of("Stopped on request");
            }
            progress();
        }
        return Optional.empty();
    }

    private void report(BadRecord bad) {
        skipped++;
        if (skipped <= MAX_REPORTED_BAD_RECORDS) {
            err.println(bad.message());
        } else if (skipped == MAX_REPORTED_BAD_RECORDS + 1) {
            err.println("(more bad records are counted in the summary but not shown)");
        }
    }

    private void progress() {
        long now = System.nanoTime();
        if (now - lastProgressNanos < settings.progressInterval().toNanos()) {
            return;
        }
        lastProgressNanos = now;
        err.println(String.format(
                Locale.ROOT,
                "produce: %d read, %d sent, %d skipped, %d failed, %.0f records/s",
                read,
                sink.sent(),
                skipped,
                sink.failed(),
                perSecond(read, Duration.ofNanos(now - startNanos))));
        err.flush();
    }

    static String summary(Result r) {
        return String.format(
                Locale.ROOT,
                "produce: read %d, sent %d, skipped %d, failed %d in %.1f s (%.0f records/s)",
                r.read(),
                r.sent(),
                r.skipped(),
                r.failed(),
                r.elapsed().toMillis() / 1000.0,
                perSecond(r.sent(), r.elapsed()));
    }

    private static double perSecond(long count, Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : count / seconds;
    }
}
