package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.serving.ApiModel;
import io.paperstream.waits.Waits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A client of the serving API as any HTTP client sees it: status, headers, JSON bodies, the live event stream. */
final class ApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** One sample of the Prometheus text format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);

    /**
     * One answer.
     *
     * @param status HTTP status
     * @param headers response headers
     * @param body the body, UTF-8
     */
    record Response(int status, Map<String, List<String>> headers, String body) {

        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }
    }

    /**
     * One Server-Sent Event.
     *
     * @param type the {@code event:} field
     * @param data the {@code data:} field
     */
    record Event(String type, String data) {}

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    Response get(URI uri) {
        return get(uri, Map.of());
    }

    Response get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        headers.forEach(request::header);
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during GET " + uri, e);
        }
    }

    /** GETs {@code uri}, which must answer 200 with JSON, as {@code type}. */
    <T> T getJson(URI uri, Class<T> type) {
        Response response = get(uri);
        assertThat(response.status()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("application/json"));
        return parse(response.body(), type);
    }

    <T> T parse(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new AssertionError("not " + type.getSimpleName() + ": " + body, e);
        }
    }

    /**
     * The ids of every paper {@code /api/papers?query} answers at {@code base}, in order: page after page of {@code
     * limit}, following each page's {@code nextCursor}; every page but the last must be full, and there must be at
     * most {@code maxPages}.
     */
    List<String> allPaperIds(URI base, String query, int limit, int maxPages) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < maxPages; page++) {
            ApiModel.PapersView view = getJson(
                    base.resolve("/api/papers?" + (query.isEmpty() ? "" : query + "&") + "limit=" + limit
                            + (cursor == null ? "" : "&cursor=" + cursor)),
                    ApiModel.PapersView.class);
            view.papers().forEach(paper -> ids.add(paper.id()));
            cursor = view.nextCursor();
            if (cursor == null) {
                return ids;
            }
            assertThat(view.papers()).hasSize(limit);
        }
        throw new AssertionError("more than " + maxPages + " pages for " + query);
    }

    /** The ids of the {@code papers} that match, in the order {@code /api/papers} lists them: newest first, ties by id. */
    static List<String> newestFirst(Collection<PaperAbstract> papers, Predicate<PaperAbstract> matching) {
        return papers.stream()
                .filter(matching)
                .sorted(Comparator.comparing(PaperAbstract::getPublishedAt)
                        .reversed()
                        .thenComparing(PaperAbstract::getId))
                .map(PaperAbstract::getId)
                .toList();
    }

    /** The sum over Prometheus scrapes of every sample of {@code metric} whose labels contain {@code labels}. */
    static double sum(List<String> scrapes, String metric, String labels) {
        double sum = 0;
        for (String scrape : scrapes) {
            Matcher sample = SAMPLE.matcher(scrape);
            while (sample.find()) {
                if (sample.group(1).equals(metric)
                        && (sample.group(2) == null ? "" : sample.group(2)).contains(labels)) {
                    sum += Double.parseDouble(sample.group(3));
                }
            }
        }
        return sum;
    }

    /** Opens the live stream at {@code uri}; its events queue up until read. */
    LiveStream openStream(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("text/event-stream"));
            return new LiveStream(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during GET " + uri, e);
        }
    }

    /** The events of one live-stream connection, parsed by a reader thread of its own. */
    static final class LiveStream implements AutoCloseable {

        private final InputStream body;
        /** Every event since the stream opened, in order; appended by the reader thread. */
        private final List<Event> events = new CopyOnWriteArrayList<>();

        private LiveStream(InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "live-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String type = "message";
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new Event(type, data.toString()));
                        }
                        type = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event: ")) {
                        type = line.substring("event: ".length());
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring("data: ".length()));
                    }
                }
            } catch (IOException e) {
                // closed by the test or the server
            }
        }

        /** The first event (since the stream opened) that {@code match}es; fails after {@code timeout}. */
        Event await(Predicate<Event> match, Duration timeout) {
            return Waits.await("a matching live event")
                    .atMost(timeout)
                    .until(() -> events.stream().filter(match).findFirst(), Optional::isPresent)
                    .orElseThrow();
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // the connection is gone either way
            }
        }
    }
}
