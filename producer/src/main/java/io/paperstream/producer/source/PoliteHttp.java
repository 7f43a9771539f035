package io.paperstream.producer.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches documents the way arXiv asks API users to: one request at a time, each at least the interval (3 s by
 * default) after the answer to the one before, a {@code User-Agent} naming the tool, its version and a contact, and on 503 or 429
 * a retry after the server's {@code Retry-After} (seconds or an HTTP date; the interval doubled per attempt when
 * it gives none), each wait capped, a bounded number of times.
 */
public final class PoliteHttp {

    /** The largest document read; arXiv's biggest pages (2000 API results) are a few megabytes. */
    static final int MAX_DOCUMENT_BYTES = 64 << 20;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How to be polite.
     *
     * @param interval the least time between the starts of two requests
     * @param retries how many times a 503 or 429 is retried
     * @param maxRetryWait the longest wait before a retry, whatever Retry-After says
     * @param userAgent the User-Agent header
     */
    public record Manners(Duration interval, int retries, Duration maxRetryWait, String userAgent) {

        public Manners {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(maxRetryWait, "maxRetryWait");
            Objects.requireNonNull(userAgent, "userAgent");
            if (retries < 0) {
                throw new IllegalArgumentException("retries must not be negative: " + retries);
            }
        }
    }

    private final HttpClient http;
    private final Manners manners;
    private final StopSignal stop;
    private final Clock clock;
    private Instant lastRequest;

    /**
     * @param http the client
     * @param manners spacing, retries and User-Agent
     * @param stop cuts waits short
     * @param clock the clock Retry-After dates are measured against
     */
    public PoliteHttp(HttpClient http, Manners manners, StopSignal stop, Clock clock) {
        this.http = http;
        this.manners = manners;
        this.stop = stop;
        this.clock = clock;
    }

    /**
     * The body of a 200 answer to a GET of {@code url}.
     *
     * @throws IOException naming the URL when the server keeps answering 503/429, answers another status, the
     *     document is too large, or the connection fails
     * @throws InterruptedException when stopped while waiting
     */
    public byte[] get(URI url) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            awaitTurn();
            HttpResponse<InputStream> response = send(url);
            int status = response.statusCode();
            if (status == 200) {
                try (InputStream body = response.body()) {
                    byte[] bytes = body.readNBytes(MAX_DOCUMENT_BYTES + 1);
                    if (bytes.length > MAX_DOCUMENT_BYTES) {
                        throw new IOException("document larger than " + MAX_DOCUMENT_BYTES + " bytes");
                    }
                    return bytes;
                }
            }
            response.body().close();
            boolean retryable = status == 503 || status == 429;
            if (!retryable || attempt >= manners.retries()) {
                throw new IOException("HTTP " + status + (retryable ? " after " + (attempt + 1) + " attempts" : ""));
            }
            Duration wait =
                    retryAfter(response).orElse(manners.interval().multipliedBy(1L << Math.min(attempt + 1, 20)));
            if (!stop.await(min(wait, manners.maxRetryWait()))) {
                throw new InterruptedException("stopped while waiting to retry " + url);
            }
        }
    }

    private HttpResponse<InputStream> send(URI url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("User-Agent", manners.userAgent())
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            String reason = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw new IOException(e.getClass().getSimpleName() + reason, e);
        } finally {
            // counted from the answer, so the server sees the spacing whatever the network's delays
            lastRequest = clock.instant();
        }
    }

    /** Waits until the interval since the last request has passed. */
    private void awaitTurn() throws InterruptedException {
        if (lastRequest == null) {
            return;
        }
        Duration since = Duration.between(lastRequest, clock.instant());
        Duration left = manners.interval().minus(since);
        if (!left.isNegative() && !left.isZero() && !stop.await(left)) {
            throw new InterruptedException("stopped while waiting for the next request");
        }
    }

    /** Retry-After as delta-seconds or an HTTP date. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
