package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.app.PaperstreamApp;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.classify.Taxonomy;
import io.paperstream.serving.ApiModel.KeywordWindowsView;
import io.paperstream.serving.ApiModel.PaperSummaryView;
import io.paperstream.serving.ApiModel.PaperTopicView;
import io.paperstream.serving.ApiModel.PaperView;
import io.paperstream.serving.ApiModel.PapersView;
import io.paperstream.serving.ApiModel.TimelineView;
import io.paperstream.serving.ApiModel.TopicTimelineView;
import io.paperstream.serving.ApiModel.TrendView;
import io.paperstream.serving.ApiModel.TrendsView;
import io.paperstream.streams.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (headless Chromium driven by Selenium) against the real pipeline on the real
 * broker: after the {@link TrendScenario} is processed, the page shows the ranked rising topics with their
 * sparklines, the counts by topic, the rising keyphrases, the recent papers and the latest digest, all as the API
 * has them; a paper sent while the page is open appears without a reload, with its count; papers gaining engagement
 * appear ranked in the trending panel without a reload. Then the history views, each checked against the API's
 * answer to the same question: the timeline with the burst's rise, a past window opened from it and the burst's
 * window picked by date, a rising keyphrase's history, the burst topic's page, paper search by topic (paged) and by
 * words, a paper's evidence; back, a shared URL and a reload show the same view, and a bad range is named in its
 * place. The browser's console has no error. The pictures go to {@code target/dashboard.png} and
 * {@code target/timeline.png}; with {@code -Dpaperstream.docs=$PWD/docs} also to {@code docs/}, the README's pictures
 * (opt-in, so that a test run leaves the sources as they were).
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} packages ({@code .ci/run} installs them).
 */
@RealKafkaStack
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static final int WIDTH = 1440;
    private static final int MAX_HEIGHT = 2400;
    private static final Taxonomy TAXONOMY = Taxonomy.loadDefault();
    private static final int MAX_PAGES = 10;
    private static final int PAGE_SIZE = 5;
    /** A word of the corpus's titles and abstracts: the text query the test searches for. */
    private static final String QUERY = "diffusion";

    private final ApiClient client = new ApiClient();

    @Test
    void theDashboardShowsWhatThePipelineFoundAndANewPaperWithoutAReload(StackEndpoints stack) throws IOException {
        assertThat(CHROMIUM)
                .as("Chromium is missing: install the Debian packages chromium and chromium-driver" + " (.ci/run does)")
                .isExecutable();
        assertThat(CHROMEDRIVER)
                .as("ChromeDriver is missing: install the Debian package chromium-driver" + " (.ci/run does)")
                .isExecutable();
        TrendScenario scenario = TrendScenario.plan(Instant.now());
        Map<String, String> settings = new HashMap<>(TrendScenario.settings());
        settings.put(StreamsSettings.KAFKA_TOPIC_PARTITIONS.name(), "2");

        try (ServingInstances instances = ServingInstances.of(stack, "it-dashboard", settings)) {
            PaperstreamApp app = instances.start();
            instances.awaitReady(client);
            instances.sendAndAwait(scenario.main(), PROCESSING_TIMEOUT);
            instances.sendAndAwait(scenario.closers(), PROCESSING_TIMEOUT);
            instances.awaitClosed(PROCESSING_TIMEOUT);
            URI base = ServingInstances.baseUri(app);
            TrendsView topicTrends = client.getJson(base.resolve("/api/trends?kind=topics"), TrendsView.class);
            TrendsView keywordTrends = client.getJson(base.resolve("/api/trends?kind=keywords"), TrendsView.class);
            Map<String, long[]> counts = scenario.counts(scenario.all());

            WebDriver browser = chromium();
            try {
                browser.get(base.toString());
                WebDriverWait wait = new WebDriverWait(browser, PAGE_TIMEOUT);
                wait.until(page -> !page.findElements(By.cssSelector("#topic-trends li svg.spark polyline"))
                                .isEmpty()
                        && !page.findElements(By.cssSelector("[data-digest-day]"))
                                .isEmpty()
                        && "live".equals(page.findElement(By.id("live")).getDomAttribute("data-state")));

                assertThat(attributes(browser, "#topic-trends li", "data-key"))
                        .as("ranked rising topics")
                        .containsExactlyElementsOf(topicTrends.trends().stream()
                                .map(TrendView::key)
                                .toList())
                        .contains(scenario.burstTopic());
                WebElement burst = browser.findElement(
                        By.cssSelector("#topic-trends li[data-topic='" + scenario.burstTopic() + "']"));
                assertThat(burst.getText())
                        .contains(TAXONOMY.topic(scenario.burstTopic()).name());
                assertThat(burst.findElements(By.cssSelector("svg.spark polyline")))
                        .as("its sparkline")
                        .hasSize(1);
                assertThat(attributes(browser, "#keyword-trends li", "data-key"))
                        .as("ranked rising keyphrases")
                        .containsExactlyElementsOf(keywordTrends.trends().stream()
                                .map(TrendView::key)
                                .toList())
                        .containsAll(scenario.risingKeyphrases());
                assertThat(countsOnPage(browser))
                        .as("counts by topic")
                        .isEqualTo(counts.entrySet().stream()
                                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()[1])));
                List<PaperAbstract> closers = scenario.closers();
                assertThat(attributes(browser, "#recent-papers li", "data-paper-id"))
                        .as("recent papers, newest first")
                        .startsWith(
                                closers.get(2).getId(),
                                closers.get(1).getId(),
                                closers.get(0).getId());
                assertThat(browser.findElement(By.cssSelector("[data-digest-day]"))
                                .getDomAttribute("data-digest-day"))
                        .isEqualTo("2025-03-07");

                PaperAbstract fresh = scenario.copy(
                        closers.get(0),
                        "it-browser-" + UUID.randomUUID(),
                        closers.get(2).getPublishedAt().plusSeconds(60));
                String primary = scenario.classified(closers.get(0).getId()).getPrimaryTopic();
                instances.send(List.of(fresh));
                wait.until(page -> !page.findElements(
                                By.cssSelector("#recent-papers li[data-paper-id='" + fresh.getId() + "']"))
                        .isEmpty());
                wait.until(page -> String.valueOf(counts.get(primary)[1] + 1)
                        .equals(page.findElement(By.cssSelector("#topic-counts li[data-topic='" + primary + "']"))
                                .getDomAttribute("data-any")));
                WebElement freshItem =
                        browser.findElement(By.cssSelector("#recent-papers li[data-paper-id='" + fresh.getId() + "']"));
                assertThat(freshItem.getText())
                        .contains(fresh.getTitle(), TAXONOMY.topic(primary).name());
                assertThat(attributes(browser, "#recent-papers li", "data-paper-id"))
                        .first()
                        .isEqualTo(fresh.getId());

                assertTrendingPanel(browser, wait, instances, closers);

                saveScreenshot(browser, "dashboard.png");

                theTimelineShowsEveryTopicAndTheBurstRising(browser, wait, base, scenario);
                aPastWindowIsOpenedFromTheTimelineAndPickedByDate(browser, wait, base, scenario);
                aRisingKeyphrasesHistoryIsItsCountPerWindow(browser, wait, base, scenario);
                theBurstTopicsPageShowsItsHistoryKeyphrasesAndPapers(browser, wait, base, scenario);
                papersAreFilteredByTopicAndPagedByCursor(browser, wait, base, scenario);
                papersAreFoundByTextAndASharedUrlShowsTheSameView(browser, wait, base);
                aBadRangeIsNamedWhereTheTimelineWouldBeAndTheLivePanelsStay(browser, wait, counts);
                List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                        .toList();
                assertThat(problems).as("errors in the browser console").isEmpty();
            } finally {
                browser.quit();
            }
        }
    }

    /** Engagement for two papers: the "Trending papers" panel ranks them without a reload. */
    private static void assertTrendingPanel(
            WebDriver browser, WebDriverWait wait, ServingInstances instances, List<PaperAbstract> closers) {
        Instant observed = closers.get(2).getPublishedAt();
        instances.sendObservations(List.of(
                ServingInstances.upvotes(closers.get(0).getId(), observed, 4),
                ServingInstances.upvotes(closers.get(1).getId(), observed, 2),
                ServingInstances.upvotes(closers.get(0).getId(), observed.plusSeconds(3600), 54),
                ServingInstances.upvotes(closers.get(1).getId(), observed.plusSeconds(3600), 12)));
        wait.until(page -> attributes(page, "#trending-papers li", "data-paper-id")
                .equals(List.of(closers.get(0).getId(), closers.get(1).getId())));
        assertThat(browser.findElement(By.cssSelector("#trending-papers li")).getText())
                .contains(closers.get(0).getTitle(), "+50 upvotes");
    }

    private static List<String> attributes(WebDriver browser, String selector, String attribute) {
        return browser.findElements(By.cssSelector(selector)).stream()
                .map(e -> e.getDomAttribute(attribute))
                .toList();
    }

    private static Map<String, Long> countsOnPage(WebDriver browser) {
        return browser.findElements(By.cssSelector("#topic-counts li")).stream()
                .collect(Collectors.toMap(
                        row -> row.getDomAttribute("data-topic"),
                        row -> Long.parseLong(row.getDomAttribute("data-any"))));
    }

    /** Headless Chromium of the system packages, with a fresh profile, its console log kept. */
    private static WebDriver chromium() {
        Path profile = ItDirectories.fresh("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=" + WIDTH + ",900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /**
     * The overview's timeline: a line per topic the API's timeline has, in its order, the burst's window marked on the
     * burst topic's line with the API's count, baseline and score; the whole history on the "all" range, whose
     * picture is target/timeline.png (and docs/timeline.png with paperstream.docs); three days chosen from–to.
     */
    private void theTimelineShowsEveryTopicAndTheBurstRising(
            WebDriver browser, WebDriverWait wait, URI base, TrendScenario scenario) throws IOException {
        TimelineView timeline = client.getJson(base.resolve("/api/timeline"), TimelineView.class);
        awaitShown(wait, "#/");
        assertThat(attributes(browser, "#timeline-body .legend li", "data-key"))
                .as("the timeline's topics, most papers first")
                .containsExactlyElementsOf(
                        timeline.topics().stream().map(TopicTimelineView::topic).toList());
        TrendView burst = timeline.topics().stream()
                .filter(topic -> topic.topic().equals(scenario.burstTopic()))
                .flatMap(topic -> topic.rising().stream())
                .filter(trend -> trend.windowStart().equals(TrendScenario.day(TrendScenario.BURST_DAY)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the API's timeline has no rise of " + scenario.burstTopic()));
        WebElement mark = browser.findElement(By.cssSelector("#timeline-body circle.rise[data-key='"
                + scenario.burstTopic() + "'][data-window='" + burst.windowStart() + "']"));
        assertThat(mark.findElement(By.tagName("title")).getDomProperty("textContent"))
                .as("the rise's tooltip")
                .contains(
                        burst.count() + " papers",
                        String.format(Locale.ROOT, "baseline %.1f", burst.baseline()),
                        String.format(Locale.ROOT, "score %.1f", burst.score()));

        browser.findElement(By.cssSelector("#timeline-range button[data-range='all']"))
                .click();
        awaitShown(wait, "#/?range=all");
        assertThat(browser.findElement(By.cssSelector("#timeline-body svg.history"))
                        .getDomAttribute("data-windows"))
                .isEqualTo(String.valueOf(TrendScenario.BURST_DAY + 1));
        savePicture(
                browser.findElement(By.cssSelector("section.timeline")).getScreenshotAs(OutputType.BYTES),
                "timeline.png");

        ((JavascriptExecutor) browser)
                .executeScript("const form = document.querySelector('#timeline-range form');"
                        + " form.elements.from.value = '2025-03-03'; form.elements.to.value = '2025-03-05';"
                        + " form.requestSubmit()");
        awaitShown(wait, "#/?from=2025-03-03&to=2025-03-05");
        TimelineView days = client.getJson(
                base.resolve("/api/timeline?from=2025-03-03T00:00:00Z&to=2025-03-05T23:59:59.999Z"),
                TimelineView.class);
        assertThat(days.windows()).hasSize(3);
        assertThat(attributes(browser, "#timeline-body .legend li", "data-key"))
                .as("the topics of 2025-03-03 to 2025-03-05")
                .containsExactlyElementsOf(
                        days.topics().stream().map(TopicTimelineView::topic).toList());
        browser.findElement(By.cssSelector("#timeline-range button[data-range='all']"))
                .click();
        awaitShown(wait, "#/?range=all");
    }

    /**
     * The latest window from the menu (its URL names it) and back; a window opened by clicking its column on the
     * timeline, then the burst's window picked by its date: its risers, digest and papers are the API's for that
     * window.
     */
    private void aPastWindowIsOpenedFromTheTimelineAndPickedByDate(
            WebDriver browser, WebDriverWait wait, URI base, TrendScenario scenario) {
        Instant burst = TrendScenario.day(TrendScenario.BURST_DAY);
        browser.findElement(By.cssSelector(".nav a[data-view='window']")).click();
        awaitShown(wait, "#/window/" + burst);
        browser.navigate().back();
        awaitShown(wait, "#/?range=all");
        Instant quiet = TrendScenario.day(2);
        browser.findElement(By.cssSelector("#timeline-body a.column[data-window='" + quiet + "']"))
                .click();
        awaitShown(wait, "#/window/" + quiet);
        assertWindowAsTheApiHasIt(browser, base, quiet);

        WebElement date = browser.findElement(By.id("window-date"));
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))",
                        date,
                        "2025-03-07");
        awaitShown(wait, "#/window/" + burst);
        assertWindowAsTheApiHasIt(browser, base, burst);
        assertThat(attributes(browser, "#window-topics li", "data-key")).contains(scenario.burstTopic());
        assertThat(attributes(browser, "#window-keywords li", "data-key")).containsAll(scenario.risingKeyphrases());
        assertThat(attributes(browser, "#window-digest [data-digest-day]", "data-digest-day"))
                .containsExactly("2025-03-07");
    }

    private void assertWindowAsTheApiHasIt(WebDriver browser, URI base, Instant start) {
        TrendsView topics = client.getJson(base.resolve("/api/trends?kind=topics&window=" + start), TrendsView.class);
        TrendsView keywords =
                client.getJson(base.resolve("/api/trends?kind=keywords&window=" + start), TrendsView.class);
        PapersView papers = client.getJson(
                base.resolve("/api/papers?limit=20&from=" + start + "&to="
                        + topics.windowEnd().minusMillis(1).toEpochMilli()),
                PapersView.class);
        assertThat(attributes(browser, "#window-topics li", "data-key"))
                .as("rising topics of %s", start)
                .containsExactlyElementsOf(keys(topics));
        assertThat(attributes(browser, "#window-keywords li", "data-key"))
                .as("rising keyphrases of %s", start)
                .containsExactlyElementsOf(keys(keywords));
        assertThat(attributes(browser, "#window-papers li", "data-paper-id"))
                .as("papers of %s", start)
                .isNotEmpty()
                .containsExactlyElementsOf(ids(papers));
    }

    /**
     * A rising keyphrase of the burst's window, clicked: its count in every window (the hover text of each window) as
     * {@code /api/keywords/{phrase}/windows} has it, its rise marked; back returns to the window.
     */
    private void aRisingKeyphrasesHistoryIsItsCountPerWindow(
            WebDriver browser, WebDriverWait wait, URI base, TrendScenario scenario) {
        String phrase = scenario.risingKeyphrases().get(0);
        Instant burst = TrendScenario.day(TrendScenario.BURST_DAY);
        browser.findElement(By.cssSelector("#window-keywords li[data-key='" + phrase + "'] a"))
                .click();
        wait.until(shown -> !shown.findElements(By.cssSelector(
                        "#view[data-shown^='#/keyword/'] #keyword-view[data-keyphrase='" + phrase + "']"))
                .isEmpty());
        KeywordWindowsView counted = client.getJson(
                base.resolve("/api/keywords/" + phrase.replace(" ", "%20") + "/windows?from=" + TrendScenario.day(0)
                        + "&to=" + burst),
                KeywordWindowsView.class);
        assertThat(browser.findElements(By.cssSelector("#keyword-view a.column title")).stream()
                        .map(title -> title.getDomProperty("textContent"))
                        .toList())
                .as("the hover text of each window")
                .containsExactlyElementsOf(counted.windows().stream()
                        .map(window -> window.windowStart().toString().substring(0, 10) + ": "
                                + (window.count() == 0 ? "no papers" : phrase + " " + window.count()))
                        .toList());
        assertThat(attributes(browser, "#keyword-view circle.rise", "data-window"))
                .containsExactly(burst.toString());
        browser.navigate().back();
        awaitShown(wait, "#/window/" + burst);
    }

    /** The burst topic's page: its rising windows, its latest papers and their top keyphrases, as the API has them. */
    private void theBurstTopicsPageShowsItsHistoryKeyphrasesAndPapers(
            WebDriver browser, WebDriverWait wait, URI base, TrendScenario scenario) {
        String topic = scenario.burstTopic();
        browser.findElement(By.cssSelector("#window-topics li[data-key='" + topic + "'] a"))
                .click();
        awaitShown(wait, "#/topic/" + topic);
        TimelineView timeline = client.getJson(base.resolve("/api/timeline?days=30"), TimelineView.class);
        assertThat(attributes(browser, "#topic-rising tr[data-window]", "data-window"))
                .as("its rising windows, newest first")
                .containsExactlyElementsOf(timeline.topics().stream()
                        .filter(one -> one.topic().equals(topic))
                        .flatMap(one -> one.rising().stream())
                        .map(trend -> trend.windowStart().toString())
                        .sorted(Comparator.reverseOrder())
                        .toList())
                .contains(TrendScenario.day(TrendScenario.BURST_DAY).toString());
        PapersView latest = client.getJson(base.resolve("/api/papers?limit=200&topic=" + topic), PapersView.class);
        assertThat(attributes(browser, "#topic-papers li", "data-paper-id"))
                .containsExactlyElementsOf(
                        ids(latest).subList(0, Math.min(10, latest.papers().size())));
        Map<String, Long> keyphrases = latest.papers().stream()
                .flatMap(paper -> paper.keyphrases().stream().distinct())
                .collect(Collectors.groupingBy(phrase -> phrase, Collectors.counting()));
        assertThat(attributes(browser, "#topic-keyphrases li", "data-key"))
                .as("the keyphrases of most of its latest papers")
                .containsExactlyElementsOf(keyphrases.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(12)
                        .map(Map.Entry::getKey)
                        .toList());
    }

    /**
     * Paper search in the page by topic, chosen in the form: the API's answer to the same filter; then the same search
     * five papers a page, each page by the API's cursor as the API pages it, and back to the previous page.
     */
    private void papersAreFilteredByTopicAndPagedByCursor(
            WebDriver browser, WebDriverWait wait, URI base, TrendScenario scenario) {
        String topic = scenario.burstTopic();
        browser.findElement(By.cssSelector(".nav a[data-view='papers']")).click();
        awaitShown(wait, "#/papers");
        new Select(browser.findElement(By.cssSelector("#paper-filter select[name='topic']"))).selectByValue(topic);
        browser.findElement(By.cssSelector("#paper-filter button[type='submit']"))
                .click();
        awaitShown(wait, "#/papers?topic=" + topic);
        PapersView all = client.getJson(base.resolve("/api/papers?limit=200&topic=" + topic), PapersView.class);
        assertThat(attributes(browser, "#paper-results li", "data-paper-id"))
                .containsExactlyElementsOf(
                        ids(all).subList(0, Math.min(20, all.papers().size())));

        String query = "topic=" + topic + "&limit=" + PAGE_SIZE;
        browser.get(base.resolve("/#/papers?" + query).toString());
        List<List<String>> pages = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        String hash = "#/papers?" + query;
        PapersView page = client.getJson(base.resolve("/api/papers?" + query), PapersView.class);
        for (int i = 0; i < MAX_PAGES; i++) {
            awaitShown(wait, hash);
            assertThat(attributes(browser, "#paper-results li", "data-paper-id"))
                    .containsExactlyElementsOf(ids(page));
            pages.add(ids(page));
            hashes.add(hash);
            if (page.nextCursor() == null) {
                break;
            }
            browser.findElement(By.id("papers-next")).click();
            hash = "#/papers?" + query + "&cursor=" + page.nextCursor();
            page = client.getJson(
                    base.resolve("/api/papers?" + query + "&cursor=" + page.nextCursor()), PapersView.class);
        }
        assertThat(page.nextCursor())
                .as("the topic's last page within %s pages", MAX_PAGES)
                .isNull();
        assertThat(pages).as("pages of %s papers", PAGE_SIZE).hasSizeGreaterThan(1);
        assertThat(pages.stream().flatMap(List::stream).toList())
                .as("every paper of the topic once, in order")
                .containsExactlyElementsOf(ids(all));
        browser.findElement(By.id("papers-previous")).click();
        awaitShown(wait, hashes.get(hashes.size() - 2));
        assertThat(attributes(browser, "#paper-results li", "data-paper-id"))
                .containsExactlyElementsOf(pages.get(pages.size() - 2));
    }

    /**
     * Paper search by words, typed in the form: the API's answer to the same query; a paper's view with its topics,
     * scores and evidence; back returns to the results; their URL, opened again and reloaded, shows the same results.
     */
    private void papersAreFoundByTextAndASharedUrlShowsTheSameView(WebDriver browser, WebDriverWait wait, URI base) {
        new Select(browser.findElement(By.cssSelector("#paper-filter select[name='topic']"))).selectByValue("");
        browser.findElement(By.cssSelector("#paper-filter input[name='q']")).sendKeys(QUERY);
        browser.findElement(By.cssSelector("#paper-filter button[type='submit']"))
                .click();
        String results = "#/papers?q=" + QUERY + "&limit=" + PAGE_SIZE;
        awaitShown(wait, results);
        List<String> found =
                ids(client.getJson(base.resolve("/api/papers?q=" + QUERY + "&limit=" + PAGE_SIZE), PapersView.class));
        assertThat(attributes(browser, "#paper-results li", "data-paper-id"))
                .isNotEmpty()
                .containsExactlyElementsOf(found);

        browser.findElement(By.cssSelector("#paper-results li a.paper-title")).click();
        PaperView paper = client.getJson(base.resolve("/api/papers/" + found.get(0)), PaperView.class);
        // the id is in the URL as encodeURIComponent writes it: wait for the view of the paper instead
        wait.until(shown -> !shown.findElements(
                        By.cssSelector("#view[data-shown^='#/paper/'] #paper-view[data-paper-id='" + paper.id() + "']"))
                .isEmpty());
        assertThat(attributes(browser, "#paper-topics li", "data-topic"))
                .containsExactlyElementsOf(
                        paper.topics().stream().map(PaperTopicView::id).toList());
        for (PaperTopicView scored : paper.topics()) {
            assertThat(browser.findElement(By.cssSelector("#paper-topics li[data-topic='" + scored.id() + "']"))
                            .getText())
                    .contains(String.format(Locale.ROOT, "%.2f", scored.score()))
                    .contains(scored.evidence());
        }
        browser.navigate().back();
        awaitShown(wait, results);
        assertThat(attributes(browser, "#paper-results li", "data-paper-id")).containsExactlyElementsOf(found);

        String shared = browser.getCurrentUrl();
        browser.get(base.toString());
        awaitShown(wait, "#/");
        browser.get(shared);
        awaitShown(wait, results);
        browser.navigate().refresh();
        awaitShown(wait, results);
        assertThat(attributes(browser, "#paper-results li", "data-paper-id")).containsExactlyElementsOf(found);
        assertThat(browser.findElement(By.cssSelector("#paper-filter input[name='q']"))
                        .getDomProperty("value"))
                .isEqualTo(QUERY);
    }

    /** A URL with a range the page does not know: the timeline's place says so, the live panels still count. */
    private static void aBadRangeIsNamedWhereTheTimelineWouldBeAndTheLivePanelsStay(
            WebDriver browser, WebDriverWait wait, Map<String, long[]> counts) {
        browser.get(browser.getCurrentUrl().replaceFirst("#.*", "") + "#/?range=week");
        awaitShown(wait, "#/?range=week");
        assertThat(browser.findElement(By.cssSelector("#timeline-body .view-problem"))
                        .getText())
                .isEqualTo("#/?range=week: range must be 30d, 90d or all, not \"week\"");
        wait.until(page -> countsOnPage(page).size() == counts.size());
    }

    /** Waits until the page has drawn the view of {@code hash}. */
    private static void awaitShown(WebDriverWait wait, String hash) {
        wait.withMessage(() -> "the view of " + hash)
                .until(page -> hash.equals(page.findElement(By.id("view")).getDomAttribute("data-shown")));
    }

    private static List<String> keys(TrendsView trends) {
        return trends.trends().stream().map(TrendView::key).toList();
    }

    private static List<String> ids(PapersView papers) {
        return papers.papers().stream().map(PaperSummaryView::id).toList();
    }

    /** The whole page (up to {@value #MAX_HEIGHT} px) to target/{@code name}, and to the paperstream.docs folder. */
    private static void saveScreenshot(WebDriver browser, String name) throws IOException {
        ChromeDriver chromium = (ChromeDriver) browser;
        Number height = (Number) chromium.executeScript("return document.documentElement.scrollHeight");
        // a viewport as tall as the page: the screenshot shows all of it
        chromium.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        WIDTH,
                        "height",
                        Math.min(MAX_HEIGHT, height.intValue()),
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        false));
        savePicture(chromium.getScreenshotAs(OutputType.BYTES), name);
    }

    /** A picture to target/{@code name} and, opted in with paperstream.docs, to that folder (the README's). */
    private static void savePicture(byte[] png, String name) throws IOException {
        Path target = Path.of("target", name);
        Files.write(target, png);
        String docs = System.getProperty("paperstream.docs");
        if (docs != null) {
            try {
                Files.createDirectories(Path.of(docs));
                Files.copy(target, Path.of(docs, name), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the screenshot to " + docs, e);
            }
        }
    }
}
