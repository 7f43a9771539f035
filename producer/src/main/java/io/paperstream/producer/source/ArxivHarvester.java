package io.paperstream.producer.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Harvests arXiv politely ({@link PoliteHttp}) page by page ({@link HarvestPages}), once or every poll interval,
 * and yields only what was not sent before: a paper never sent, or a later version of one (sent again under the
 * same id, so the streams application revises it). After each page the deliveries so far are confirmed and then
 * the state (papers sent, the harvest's position) is saved, so a restart resends nothing that was delivered. A
 * page that cannot be fetched (after the retries) or an OAI-PMH error is reported as a bad record naming the URL,
 * and the round ends there; the next round starts from the last saved position.
 */
public final class ArxivHarvester implements PaperReader {

    /** Confirms that every paper handed over so far was delivered. */
    @FunctionalInterface
    public interface Delivery {
        /** Waits for the outstanding deliveries; true when all of them succeeded. */
        boolean confirm();
    }

    /**
     * How long a harvest runs.
     *
     * @param interval the time between the starts of two rounds
     * @param maxRounds rounds to run; 0 runs until stopped
     * @param maxPages pages per round at most
     */
    public record Schedule(Duration interval, long maxRounds, int maxPages) {}

    private final List<HarvestPages> harvests;
    private final PoliteHttp http;
    private final HarvestState state;
    private final Delivery delivery;
    private final Schedule schedule;
    private final StopSignal stop;
    private final ReaderOptions options;
    private int harvest;
    private ArxivXmlReader current;
    private BadRecord failed;
    private URI currentUrl;
    private long rounds;
    private int pagesThisRound;
    private boolean unsaved;

    /**
     * @param harvests the harvests of a round, each read to its end in turn
     * @param http fetches them
     * @param state what was sent, loaded by the caller
     * @param delivery confirms deliveries before the state is saved
     * @param schedule rounds and their pages
     * @param stop ends the harvest and cuts waits short
     * @param options reader limits
     */
    public ArxivHarvester(
            List<HarvestPages> harvests,
            PoliteHttp http,
            HarvestState state,
            Delivery delivery,
            Schedule schedule,
            StopSignal stop,
            ReaderOptions options) {
        this.harvests = List.copyOf(harvests);
        this.http = http;
        this.state = state;
        this.delivery = delivery;
        this.schedule = schedule;
        this.stop = stop;
        this.options = options;
    }

    @Override
    public Optional<ReadResult> next() throws IOException {
        while (!stop.isStopped()) {
            if (current == null && !startRound()) {
                return Optional.empty();
            }
            Optional<ReadResult> item = current == null ? Optional.empty() : current.next();
            if (item.isEmpty()) {
                Optional<ReadResult> problem = finishPage();
                if (problem.isPresent()) {
                    return problem;
                }
            } else if (item.get() instanceof PaperRecord paper) {
                HarvestState.Decision decision = state.offer(paper);
                if (decision.verdict() != HarvestState.Verdict.KNOWN) {
                    unsaved = true;
                    return Optional.of(decision.paper());
                }
            } else {
                return item;
            }
        }
        return Optional.empty();
    }

    /** Waits for the next round (none before the first) and fetches its first page; false when the harvest ends. */
    private boolean startRound() throws IOException {
        if (currentUrl != null) {
            return true;
        }
        if (schedule.maxRounds() > 0 && rounds >= schedule.maxRounds()) {
            return false;
        }
        try {
            if (rounds > 0 && !stop.await(schedule.interval())) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        rounds++;
        harvest = 0;
        pagesThisRound = 0;
        currentUrl = harvests.get(0).first(state);
        return fetch();
    }

    /** Fetches {@link #currentUrl}; false when stopped meanwhile. */
    private boolean fetch() throws IOException {
        pagesThisRound++;
        try {
            byte[] body = http.get(currentUrl);
            current = harvests.get(harvest).open(new ByteArrayInputStream(body), Origin.url(currentUrl), options);
            return true;
        } catch (IOException e) {
            failed = new BadRecord(Origin.url(currentUrl).at(0), "fetch failed: " + e.getMessage());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop();
            return false;
        }
    }

    /**
     * After a page: a failed fetch or an OAI error is reported and ends the round; else the deliveries are
     * confirmed, the position advanced and saved, and the next page fetched (or the round ends).
     */
    private Optional<ReadResult> finishPage() throws IOException {
        Optional<BadRecord> problem = Optional.ofNullable(failed).or(this::oaiError);
        failed = null;
        if (problem.isPresent()) {
            closePage();
            nextHarvest();
            return Optional.of(problem.get());
        }
        if (!delivery.confirm()) {
            // the run stops on the failed delivery; the state on disk still says where the last confirmed page ended
            closePage();
            currentUrl = null;
            return Optional.empty();
        }
        Optional<URI> nextPage = harvests.get(harvest).next(currentUrl, current, state);
        state.save();
        unsaved = false;
        closePage();
        if (nextPage.isPresent() && pagesThisRound < schedule.maxPages()) {
            currentUrl = nextPage.get();
            fetch();
        } else {
            nextHarvest();
        }
        return Optional.empty();
    }

    /** Goes on with the round's next harvest, or ends the round after the last. */
    private void nextHarvest() throws IOException {
        harvest++;
        pagesThisRound = 0;
        if (harvest < harvests.size()) {
            currentUrl = harvests.get(harvest).first(state);
            fetch();
        } else {
            currentUrl = null;
        }
    }

    /** An OAI-PMH error other than {@code noRecordsMatch} (nothing new: an empty round, not a problem). */
    private Optional<BadRecord> oaiError() {
        return current.headerElement("error")
                .filter(error -> !"noRecordsMatch".equals(error.attribute("code")))
                .map(error -> {
                    if ("badResumptionToken".equals(error.attribute("code"))) {
                        // an expired token: the next round starts again from the last finished harvest's day
                        state.setPosition(harvests.get(harvest).key(), HarvestPages.Oai.TOKEN, null);
                    }
                    return new BadRecord(
                            Origin.url(currentUrl).at(error.line()),
                            "OAI-PMH error " + error.attribute("code") + ": " + error.strippedText());
                });
    }

    private void closePage() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /**
     * Ends the harvest. Papers handed out since the last save (a run stopped in the middle of a page) are saved as
     * sent once their delivery is confirmed, so a restart reads that page again but sends none of them twice.
     */
    @Override
    public void close() throws IOException {
        closePage();
        currentUrl = null;
        if (unsaved && delivery.confirm()) {
            state.save();
            unsaved = false;
        }
    }
}
