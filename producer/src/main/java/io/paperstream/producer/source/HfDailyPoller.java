package io.paperstream.producer.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Hugging Face daily-papers JSON from a URL, once or every interval, and yields each
 * paper id only the first time it appears, so polling the same list again sends only the
 * papers added since. A paper seen before whose engagement figures differ from the last ones
 * seen comes back as an {@link EngagementRecord} of the new figures alone. A failed fetch (network error, HTTP status other than 200) is reported
 * as a bad record for the URL and polling goes on at the next interval.
 */
public final class HfDailyPoller implements PaperReader {

    /** How many ids are remembered for de-duplication; the oldest are forgotten first. */
    private static final int REMEMBERED_IDS = 100_000;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI url;
    private final Origin origin;
    private final Duration interval;
    private final long maxPolls;
    private final HttpClient http;
    private final StopSignal stop;
    private final ReaderOptions options;
    /** Each paper seen, with the last figures seen for it (null: none), oldest first. */
    private final Map<String, Engagement> seen = new LinkedHashMap<>();

    private PaperReader current;
    private long polls;

    /**
     * @param url the daily-papers URL, such as {@code https://huggingface.co/api/daily_papers}
     * @param interval the time between polls
     * @param maxPolls how many times to fetch: 1 reads the URL once; 0 polls until stopped
     * @param http the client to fetch with
     * @param stop ends the polling (and cuts the wait for the next poll short)
     * @param options the longest string accepted
     */
    public HfDailyPoller(
            URI url, Duration interval, long maxPolls, HttpClient http, StopSignal stop, ReaderOptions options) {
        this.url = url;
        this.origin = Origin.url(url);
        this.interval = interval;
        this.maxPolls = maxPolls;
        this.http = http;
        this.stop = stop;
        this.options = options;
    }

    @Override
    public Optional<ReadResult> next() throws IOException {
        while (true) {
            if (current != null) {
                Optional<ReadResult> result = current.next();
                if (result.isEmpty()) {
                    current.close();
                    current = null;
                } else if (!(result.get() instanceof PaperRecord paper)) {
                    return result;
                } else {
                    Optional<ReadResult> news = news(paper);
                    if (news.isPresent()) {
                        return news;
                    }
                }
            } else if (!waitForNextPoll()) {
                return Optional.empty();
            } else {
                Optional<ReadResult> failure = fetch();
                if (failure.isPresent()) {
                    return failure;
                }
            }
        }
    }

    private boolean waitForNextPoll() {
        if (stop.isStopped() || maxPolls > 0 && polls >= maxPolls) {
            return false;
        }
        try {
            return polls == 0 || stop.await(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Optional<ReadResult> fetch() throws IOException {
        polls++;
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            String reason = e.getMessage() == null ? "" : ": " + e.getMessage();
            return Optional.of(
                    new BadRecord(origin.at(0), "fetch failed: " + e.getClass().getSimpleName() + reason));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop();
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            response.body().close();
            return Optional.of(new BadRecord(origin.at(0), "fetch failed: HTTP " + response.statusCode()));
        }
        current = new HfDailyReader(response.body(), origin, options);
        return Optional.empty();
    }

    /** The paper if it is new, its figures alone if they changed since it was last seen, else nothing. */
    private Optional<ReadResult> news(PaperRecord paper) {
        if (!seen.containsKey(paper.id())) {
            seen.put(paper.id(), paper.engagement());
            if (seen.size() > REMEMBERED_IDS) {
                Iterator<String> oldest = seen.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            return Optional.of(paper);
        }
        Engagement figures = paper.engagement();
        if (figures == null || figures.equals(seen.get(paper.id()))) {
            return Optional.empty();
        }
        seen.put(paper.id(), figures);
        return Optional.of(new EngagementRecord(paper.id(), paper.format().id(), figures, paper.location(), null));
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
        }
    }
}
