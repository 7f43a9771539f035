package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.app.PaperstreamApp;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.classify.Taxonomy;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (headless Chromium driven by Selenium) against the real pipeline on the real
 * broker: after the {@link TrendScenario} is processed, the page shows the ranked rising topics with their
 * sparklines, the counts by topic, the rising keyphrases, the recent papers and the latest digest, all as the API
 * has them; a paper sent while the page is open appears without a reload, with its count; papers gaining engagement
 * appear ranked in the trending panel without a reload; the browser's console
 * has no error. The screenshot goes to {@code target/dashboard.png}; with {@code -Dpaperstream.docs=$PWD/docs} also to
 * {@code docs/dashboard.png}, the README's picture (opt-in, so that a test run leaves the sources as they were).
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

                saveScreenshot(browser);
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

    /** The whole page (up to {@value #MAX_HEIGHT} px) to target/dashboard.png, and to the paperstream.docs folder. */
    private static void saveScreenshot(WebDriver browser) throws IOException {
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
        byte[] png = chromium.getScreenshotAs(OutputType.BYTES);
        Path target = Path.of("target", "dashboard.png");
        Files.write(target, png);
        String docs = System.getProperty("paperstream.docs");
        if (docs != null) {
            try {
                Files.createDirectories(Path.of(docs));
                Files.copy(target, Path.of(docs, "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the screenshot to " + docs, e);
            }
        }
    }
}
