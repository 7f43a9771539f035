package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.paperstream.app.PaperstreamApp;
import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicTrend;
import io.paperstream.classify.Taxonomy;
import io.paperstream.serving.ApiModel.DigestView;
import io.paperstream.serving.ApiModel.ErrorView;
import io.paperstream.serving.ApiModel.KeywordWindowView;
import io.paperstream.serving.ApiModel.KeywordWindowsView;
import io.paperstream.serving.ApiModel.PaperSummaryView;
import io.paperstream.serving.ApiModel.PaperTopicView;
import io.paperstream.serving.ApiModel.PaperView;
import io.paperstream.serving.ApiModel.PapersView;
import io.paperstream.serving.ApiModel.StatusView;
import io.paperstream.serving.ApiModel.TimelineView;
import io.paperstream.serving.ApiModel.TopicCountView;
import io.paperstream.serving.ApiModel.TopicTimelineView;
import io.paperstream.serving.ApiModel.TopicWindowsView;
import io.paperstream.serving.ApiModel.TopicsView;
import io.paperstream.serving.ApiModel.TrendHistoryView;
import io.paperstream.serving.ApiModel.TrendView;
import io.paperstream.serving.ApiModel.TrendingPapersView;
import io.paperstream.serving.ApiModel.TrendsView;
import io.paperstream.serving.ApiModel.WindowCountView;
import io.paperstream.serving.ApiModel.WindowTrendsView;
import io.paperstream.streams.DeadLetters;
import io.paperstream.streams.StoreNames;
import io.paperstream.streams.StreamsSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The serving API of two real instances of the streams application that share the work (two partitions, one
 * application id, each its own HTTP port and state directory): the first processes the {@link TrendScenario} on
 * the real broker and registry, then the second joins and takes over some partitions, restoring their stores
 * from the changelogs. Every endpoint answers with what the classifier, the output topics and the scenario say,
 * from either instance, whichever owns the key; errors are JSON; a starting instance answers 503 with
 * Retry-After; metrics count what the pipeline did; the live stream of either instance carries a new paper as it
 * comes, whichever instance processes it.
 */
@RealKafkaStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServingApiIT {

    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(60);
    private static final Taxonomy TAXONOMY = Taxonomy.loadDefault();

    private final ApiClient client = new ApiClient();
    private StackEndpoints stack;
    private TrendScenario scenario;
    private ServingInstances instances;
    private PaperstreamApp first;
    private PaperstreamApp second;

    @BeforeAll
    void runThePipelineOnTwoInstances(StackEndpoints stack) {
        this.stack = stack;
        scenario = TrendScenario.plan(Instant.now());
        Map<String, String> settings = new HashMap<>(TrendScenario.settings());
        settings.put(StreamsSettings.KAFKA_TOPIC_PARTITIONS.name(), "2");
        // the joining instance counts as caught up at once, so that it takes over partitions in the first rebalance
        // (restoring their stores) rather than after warm-up replicas and a probing rebalance minutes later
        settings.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, "1000000");
        instances = ServingInstances.of(stack, "it-serving", settings);
        first = instances.start();
        instances.awaitReady(client);
        instances.sendAndAwait(scenario.main(), PROCESSING_TIMEOUT);
        sendUndecodableRecord();
        instances.sendAndAwait(scenario.closers(), PROCESSING_TIMEOUT);
        instances.awaitClosed(PROCESSING_TIMEOUT);

        second = instances.start();
        instances.awaitReady(client);
    }

    /** Bytes that are no Avro record of the registry: the pipeline sends them to the dead-letter topic. */
    private void sendUndecodableRecord() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                    instances.inputTopic(), "it-not-avro", "not an avro record".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @AfterAll
    void stopTheInstances() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    @Order(0)
    void theUndecodableRecordIsTheOnlyDeadLetter() {
        List<ConsumerRecord<byte[], byte[]>> deadLetters = TestTopics.readAll(
                stack.bootstrapServers(),
                instances.topic(StreamsSettings.KAFKA_TOPIC_DEAD_LETTERS),
                Duration.ofSeconds(30));
        assertThat(deadLetters)
                .as(
                        "dead letters: %s",
                        deadLetters.stream().map(ServingApiIT::describe).toList())
                .singleElement()
                .satisfies(record -> {
                    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("it-not-avro");
                    assertThat(new String(
                                    record.headers()
                                            .lastHeader(DeadLetters.STAGE_HEADER)
                                            .value(),
                                    StandardCharsets.UTF_8))
                            .isEqualTo(DeadLetters.DESERIALIZE_STAGE);
                });
    }

    private static String describe(ConsumerRecord<byte[], byte[]> deadLetter) {
        StringBuilder out = new StringBuilder(new String(deadLetter.key(), StandardCharsets.UTF_8));
        deadLetter
                .headers()
                .forEach(header -> out.append(' ')
                        .append(header.key())
                        .append('=')
                        .append(
                                new String(header.value(), StandardCharsets.UTF_8),
                                0,
                                Math.min(300, header.value().length)));
        return out.toString();
    }

    @Test
    @Order(1)
    void topicsAnswersEveryTopicsAllTimeCountFromEitherInstanceGatheredFromBoth() {
        Map<String, long[]> expected = scenario.counts(scenario.all());

        for (PaperstreamApp app : List.of(first, second)) {
            TopicsView view = client.getJson(uri(app, "/api/topics"), TopicsView.class);
            assertThat(view.topics())
                    .extracting(TopicCountView::topic)
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(view.topics()).allSatisfy(count -> {
                assertThat(count.primaryCount())
                        .as("primary count of %s", count.topic())
                        .isEqualTo(expected.get(count.topic())[0]);
                assertThat(count.anyCount())
                        .as("any count of %s", count.topic())
                        .isEqualTo(expected.get(count.topic())[1]);
                assertThat(count.label())
                        .isEqualTo(TAXONOMY.topic(count.topic()).name());
            });
            assertThat(view.topics())
                    .isSortedAccordingTo(Comparator.comparingLong(TopicCountView::anyCount)
                            .reversed()
                            .thenComparing(Comparator.comparingLong(TopicCountView::primaryCount)
                                    .reversed()));
        }
        List<TopicCountView> firstOwn = client.getJson(uri(first, "/api/topics?scope=local"), TopicsView.class)
                .topics();
        List<TopicCountView> secondOwn = client.getJson(uri(second, "/api/topics?scope=local"), TopicsView.class)
                .topics();
        assertThat(firstOwn).as("each instance counts some topics").isNotEmpty();
        assertThat(secondOwn).as("each instance counts some topics").isNotEmpty();
        List<String> both =
                new ArrayList<>(firstOwn.stream().map(TopicCountView::topic).toList());
        both.addAll(secondOwn.stream().map(TopicCountView::topic).toList());
        assertThat(both)
                .as("every topic lives on exactly one instance")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    @Order(2)
    void windowsAnswersATopicsCountPerWindowWithZerosFromEitherInstance() {
        String burst = scenario.burstTopic();
        List<Long> burstPerDay = scenario.papersPerDay(burst);
        assertThat(burstPerDay.subList(0, TrendScenario.BURST_DAY)).containsOnly(0L);

        for (PaperstreamApp app : List.of(first, second)) {
            TopicWindowsView latest =
                    client.getJson(uri(app, "/api/topics/" + burst + "/windows"), TopicWindowsView.class);
            assertThat(latest.topic()).isEqualTo(burst);
            assertThat(latest.label()).isEqualTo(TAXONOMY.topic(burst).name());
            assertThat(latest.windows()).as("the 60 windows up to its latest").hasSize(60);
            assertThat(latest.to()).isEqualTo(TrendScenario.day(TrendScenario.BURST_DAY));
            WindowCountView burstDay = latest.windows().get(59);
            assertThat(burstDay.windowStart()).isEqualTo(TrendScenario.day(TrendScenario.BURST_DAY));
            assertThat(burstDay.windowEnd()).isEqualTo(TrendScenario.day(TrendScenario.BURST_DAY + 1));
            assertThat(burstDay.anyCount())
                    .isEqualTo(burstPerDay.get(TrendScenario.BURST_DAY))
                    .isPositive();
            assertThat(latest.windows().subList(0, 59))
                    .extracting(WindowCountView::anyCount)
                    .containsOnly(0L);

            String background = scenario.busiestBackgroundTopic();
            TopicWindowsView week = client.getJson(
                    uri(
                            app,
                            "/api/topics/" + background + "/windows?from=" + TrendScenario.day(0) + "&to="
                                    + TrendScenario.day(TrendScenario.BURST_DAY).toEpochMilli()),
                    TopicWindowsView.class);
            assertThat(week.windows())
                    .extracting(WindowCountView::windowStart)
                    .containsExactlyElementsOf(IntStream.rangeClosed(0, TrendScenario.BURST_DAY)
                            .mapToObj(TrendScenario::day)
                            .toList());
            assertThat(week.windows())
                    .extracting(WindowCountView::anyCount)
                    .containsExactlyElementsOf(scenario.papersPerDay(background));
        }
    }

    @Test
    @Order(2)
    void keywordWindowsAnswersAKeyphrasesCountPerClosedWindowWithZerosFromEitherInstance() {
        String rising = scenario.risingKeyphrases().get(0);
        String background = scenario.busiestBackgroundKeyphrase();
        List<Long> backgroundPerDay = scenario.keyphrasePerDay(background);
        assertThat(backgroundPerDay.stream().filter(count -> count > 0))
                .as("%s is seen on several days", background)
                .hasSizeGreaterThan(1);

        for (PaperstreamApp app : List.of(first, second)) {
            KeywordWindowsView latest = client.getJson(
                    uri(app, "/api/keywords/" + encode(rising.toUpperCase(Locale.ROOT)) + "/windows"),
                    KeywordWindowsView.class);
            assertThat(latest.keyphrase()).isEqualTo(rising);
            assertThat(latest.windows()).as("the 60 windows up to its latest").hasSize(60);
            assertThat(latest.to()).isEqualTo(TrendScenario.day(TrendScenario.BURST_DAY));
            assertThat(latest.windows().get(59))
                    .isEqualTo(new KeywordWindowView(
                            TrendScenario.day(TrendScenario.BURST_DAY),
                            TrendScenario.day(TrendScenario.BURST_DAY + 1),
                            scenario.burstDayPapersWith(rising)));
            assertThat(latest.windows().subList(0, 59))
                    .extracting(KeywordWindowView::count)
                    .containsOnly(0L);

            KeywordWindowsView week = client.getJson(
                    uri(
                            app,
                            "/api/keywords/" + encode(background) + "/windows?from=" + TrendScenario.day(0) + "&to="
                                    + TrendScenario.day(TrendScenario.BURST_DAY).toEpochMilli()),
                    KeywordWindowsView.class);
            assertThat(week.windows())
                    .extracting(KeywordWindowView::windowStart)
                    .containsExactlyElementsOf(IntStream.rangeClosed(0, TrendScenario.BURST_DAY)
                            .mapToObj(TrendScenario::day)
                            .toList());
            assertThat(week.windows()).extracting(KeywordWindowView::count).containsExactlyElementsOf(backgroundPerDay);
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    @Order(2)
    void theWindowedCountsChangelogKeepsAReplaysOldWindowsForRestores() throws Exception {
        // the broker deletes by record time, and a replay's windows are a year old: the second instance restored
        // them above only because the changelog keeps records as long as paperstream.topic.retention.ms (forever)
        ConfigResource changelog = new ConfigResource(
                ConfigResource.Type.TOPIC,
                instances.applicationId() + "-" + StoreNames.TOPIC_WINDOW_COUNTS + "-changelog");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Config config = admin.describeConfigs(List.of(changelog))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(changelog);
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        }
    }

    @Test
    @Order(3)
    void trendsAnswersTheRankedRisersOfAClosedWindowAsTheTrendTopicsHaveThem() {
        Map<Instant, List<TopicTrend>> topicTrends = byWindow(
                AvroTopic.read(stack, instances.topic(StreamsSettings.KAFKA_TOPIC_TOPIC_TRENDS), TopicTrend.class),
                TopicTrend::getWindowStart,
                TopicTrend::getRank);
        Map<Instant, List<KeywordTrend>> keywordTrends = byWindow(
                AvroTopic.read(stack, instances.topic(StreamsSettings.KAFKA_TOPIC_KEYWORD_TRENDS), KeywordTrend.class),
                KeywordTrend::getWindowStart,
                KeywordTrend::getRank);
        Instant burstDay = TrendScenario.day(TrendScenario.BURST_DAY);
        assertThat(topicTrends.get(burstDay))
                .as("the burst topic rose on its day")
                .anySatisfy(trend -> {
                    assertThat(trend.getTopic()).isEqualTo(scenario.burstTopic());
                    assertThat(trend.getCount())
                            .isEqualTo(
                                    scenario.papersPerDay(scenario.burstTopic()).get(TrendScenario.BURST_DAY));
                    assertThat(trend.getBaseline()).isZero();
                });
        for (String keyphrase : scenario.risingKeyphrases()) {
            assertThat(keywordTrends.get(burstDay))
                    .as("%s rose on the burst day", keyphrase)
                    .anySatisfy(trend -> {
                        assertThat(trend.getKeyphrase()).isEqualTo(keyphrase);
                        assertThat(trend.getCount()).isEqualTo(scenario.burstDayPapersWith(keyphrase));
                        assertThat(trend.getBaseline()).isZero();
                    });
        }

        for (PaperstreamApp app : List.of(first, second)) {
            TrendsView latest = client.getJson(uri(app, "/api/trends"), TrendsView.class);
            assertThat(latest.kind()).isEqualTo("topics");
            assertThat(latest.windowStart()).isEqualTo(burstDay);
            assertThat(latest.windowEnd()).isEqualTo(TrendScenario.day(TrendScenario.BURST_DAY + 1));
            assertThat(latest.trends())
                    .extracting(
                            TrendView::key,
                            TrendView::label,
                            TrendView::count,
                            TrendView::baseline,
                            TrendView::score,
                            TrendView::rank)
                    .containsExactlyElementsOf(topicTrends.get(burstDay).stream()
                            .map(t -> tuple(
                                    t.getTopic(),
                                    TAXONOMY.topic(t.getTopic()).name(),
                                    t.getCount(),
                                    t.getBaseline(),
                                    t.getScore(),
                                    t.getRank()))
                            .toList());

            for (int day = 0; day <= TrendScenario.BURST_DAY; day++) {
                Instant start = TrendScenario.day(day);
                TrendsView keywords =
                        client.getJson(uri(app, "/api/trends?kind=keywords&window=" + start), TrendsView.class);
                assertThat(keywords.windowStart()).isEqualTo(start);
                assertThat(keywords.trends())
                        .extracting(TrendView::key, TrendView::count, TrendView::rank)
                        .containsExactlyElementsOf(keywordTrends.getOrDefault(start, List.of()).stream()
                                .map(k -> tuple(k.getKeyphrase(), k.getCount(), k.getRank()))
                                .toList());
                TrendsView topics = client.getJson(
                        uri(app, "/api/trends?kind=topics&window=" + start.toEpochMilli()), TrendsView.class);
                assertThat(topics.trends())
                        .extracting(TrendView::key, TrendView::rank)
                        .containsExactlyElementsOf(topicTrends.getOrDefault(start, List.of()).stream()
                                .map(t -> tuple(t.getTopic(), t.getRank()))
                                .toList());
            }
        }
    }

    @Test
    @Order(3)
    void timelineAnswersEveryTopicsCountPerWindowWithItsRisingWindowsFromEitherInstance() {
        Map<String, List<TopicTrend>> risingByTopic = new HashMap<>();
        AvroTopic.read(stack, instances.topic(StreamsSettings.KAFKA_TOPIC_TOPIC_TRENDS), TopicTrend.class)
                .forEach(record -> risingByTopic
                        .computeIfAbsent(record.value().getTopic(), topic -> new ArrayList<>())
                        .add(record.value()));
        assertThat(risingByTopic).containsKey(scenario.burstTopic());
        Map<String, long[]> expected = scenario.counts(scenario.main());
        List<Instant> days = IntStream.rangeClosed(0, TrendScenario.BURST_DAY)
                .mapToObj(TrendScenario::day)
                .toList();

        for (PaperstreamApp app : List.of(first, second)) {
            // the default 30 days up to the latest closed window start at the oldest window kept
            TimelineView timeline = client.getJson(uri(app, "/api/timeline"), TimelineView.class);
            assertThat(timeline.windows()).containsExactlyElementsOf(days);
            assertThat(timeline.from()).isEqualTo(days.get(0));
            assertThat(timeline.to()).isEqualTo(TrendScenario.day(TrendScenario.BURST_DAY));
            assertThat(timeline.topics())
                    .extracting(TopicTimelineView::topic)
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            assertThat(timeline.topics()).allSatisfy(topic -> {
                assertThat(topic.label())
                        .isEqualTo(TAXONOMY.topic(topic.topic()).name());
                assertThat(topic.anyCounts()).containsExactlyElementsOf(scenario.papersPerDay(topic.topic()));
                assertThat(topic.primaryCounts()).containsExactlyElementsOf(scenario.primaryPerDay(topic.topic()));
                assertThat(topic.rising())
                        .extracting(TrendView::windowStart, TrendView::count, TrendView::baseline, TrendView::score)
                        .containsExactlyInAnyOrderElementsOf(
                                risingByTopic.getOrDefault(topic.topic(), List.of()).stream()
                                        .map(t ->
                                                tuple(t.getWindowStart(), t.getCount(), t.getBaseline(), t.getScore()))
                                        .toList());
            });
            assertThat(timeline.topics())
                    .extracting(topic -> topic.anyCounts().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isSortedAccordingTo(Comparator.reverseOrder());

            TimelineView twoDays = client.getJson(
                    uri(app, "/api/timeline?from=" + TrendScenario.day(5) + "&to=" + TrendScenario.day(6)),
                    TimelineView.class);
            assertThat(twoDays.windows()).containsExactly(TrendScenario.day(5), TrendScenario.day(6));
            TimelineView noWindowStarts = client.getJson(
                    uri(
                            app,
                            "/api/timeline?from=" + TrendScenario.day(3).plusSeconds(3600) + "&to="
                                    + TrendScenario.day(3).plusSeconds(7200)),
                    TimelineView.class);
            assertThat(noWindowStarts.windows()).isEmpty();
            assertThat(noWindowStarts.topics()).isEmpty();
            assertThat(twoDays.topics())
                    .filteredOn(topic -> topic.topic().equals(scenario.burstTopic()))
                    .singleElement()
                    .satisfies(topic -> assertThat(topic.anyCounts())
                            .containsExactly(
                                    0L,
                                    scenario.papersPerDay(scenario.burstTopic()).get(TrendScenario.BURST_DAY)));
        }
    }

    @Test
    @Order(3)
    void trendHistoryAnswersEveryClosedWindowOfARangeWithItsRisers() {
        Map<String, DailyDigest> digests = AvroTopic.latestByKey(
                AvroTopic.read(stack, instances.topic(StreamsSettings.KAFKA_TOPIC_DIGESTS), DailyDigest.class));
        Map<Instant, List<KeywordTrend>> keywordTrends = byWindow(
                AvroTopic.read(stack, instances.topic(StreamsSettings.KAFKA_TOPIC_KEYWORD_TRENDS), KeywordTrend.class),
                KeywordTrend::getWindowStart,
                KeywordTrend::getRank);
        for (PaperstreamApp app : List.of(first, second)) {
            TrendHistoryView history =
                    client.getJson(uri(app, "/api/trends/history?kind=keywords&days=2"), TrendHistoryView.class);
            assertThat(history.kind()).isEqualTo("keywords");
            assertThat(history.windows())
                    .extracting(WindowTrendsView::windowStart)
                    .containsExactly(TrendScenario.day(5), TrendScenario.day(6));
            assertThat(history.windows()).allSatisfy(window -> {
                DailyDigest digest = digests.get(window.windowStart().toString().substring(0, 10));
                assertThat(window.papersInWindow()).isEqualTo(digest.getPapersInWindow());
                assertThat(window.trends())
                        .extracting(TrendView::key, TrendView::count, TrendView::rank)
                        .containsExactlyElementsOf(keywordTrends.getOrDefault(window.windowStart(), List.of()).stream()
                                .map(k -> tuple(k.getKeyphrase(), k.getCount(), k.getRank()))
                                .toList());
            });
            assertThat(history.windows().get(1).trends())
                    .extracting(TrendView::key)
                    .containsAll(scenario.risingKeyphrases());
        }
    }

    @Test
    @Order(4)
    void papersAnswersEveryClassifiedPaperFromEitherInstanceWhicheverOwnsIt() {
        List<PaperAbstract> sent = scenario.all();
        for (int i = 0; i < sent.size(); i++) {
            PaperAbstract paper = sent.get(i);
            ClassifiedPaper expected = scenario.classified(paper.getId());
            PaperView view =
                    client.getJson(uri(i % 2 == 0 ? first : second, "/api/papers/" + paper.getId()), PaperView.class);
            assertThat(view.id()).isEqualTo(paper.getId());
            assertThat(view.title()).isEqualTo(paper.getTitle());
            assertThat(view.abstractText()).isEqualTo(paper.getAbstract$());
            assertThat(view.publishedAt()).isEqualTo(paper.getPublishedAt());
            assertThat(view.primaryTopic()).isEqualTo(expected.getPrimaryTopic());
            assertThat(view.topics())
                    .extracting(PaperTopicView::id, PaperTopicView::score, PaperTopicView::evidence)
                    .containsExactlyElementsOf(expected.getTopics().stream()
                            .map(t -> tuple(t.getId(), t.getScore(), t.getEvidence()))
                            .toList());
            assertThat(view.keyphrases())
                    .containsExactlyElementsOf(expected.getPaper().getKeyphrases());
            assertThat(view.codeUrls())
                    .containsExactlyElementsOf(expected.getPaper().getCodeUrls());
        }

        List<String> closersNewestFirst = new ArrayList<>(
                scenario.closers().stream().map(PaperAbstract::getId).toList());
        Collections.reverse(closersNewestFirst);
        List<PaperSummaryView> recent = client.getJson(uri(second, "/api/papers?limit=3"), PapersView.class)
                .papers();
        assertThat(recent)
                .extracting(PaperSummaryView::id)
                .as("the closers, newest first")
                .containsExactlyElementsOf(closersNewestFirst);
    }

    @Test
    @Order(4)
    void papersSearchFiltersByTopicKeyphraseTextAndDatesPagedAcrossBothInstances() {
        Pattern diffusion = Pattern.compile("\\bdiffusion\\b", Pattern.CASE_INSENSITIVE);
        Predicate<PaperAbstract> mentionsDiffusion =
                paper -> diffusion.matcher(paper.getTitle()).find()
                        || diffusion.matcher(paper.getAbstract$()).find();
        String burst = scenario.burstTopic();
        String keyphrase = scenario.risingKeyphrases().get(0);
        Instant from = TrendScenario.day(1);
        Instant to = TrendScenario.day(4);
        Predicate<PaperAbstract> inRange = paper -> !paper.getPublishedAt().isBefore(from)
                && !paper.getPublishedAt().isAfter(to);
        assertThat(scenario.all().stream().filter(mentionsDiffusion)).isNotEmpty();

        Map<String, Predicate<PaperAbstract>> searches = Map.of(
                "topic=" + burst,
                paper ->
                        TrendScenario.topics(scenario.classified(paper.getId())).contains(burst),
                "keyword=" + encode(keyphrase.toUpperCase(Locale.ROOT)),
                paper -> scenario.classified(paper.getId())
                        .getPaper()
                        .getKeyphrases()
                        .contains(keyphrase),
                "q=Diffusion",
                mentionsDiffusion,
                "q=diffusion&from=" + from + "&to=" + to.toEpochMilli(),
                mentionsDiffusion.and(inRange),
                "from=" + from + "&to=" + to,
                inRange);
        searches.forEach((query, expected) -> {
            List<String> newestFirst = ApiClient.newestFirst(scenario.all(), expected);
            assertThat(newestFirst).as(query).isNotEmpty();
            assertThat(allPages(first, query, 4)).as(query).containsExactlyElementsOf(newestFirst);
            assertThat(allPages(second, query, 200)).as(query).containsExactlyElementsOf(newestFirst);
        });

        assertError(client.get(uri(first, "/api/papers?q=x&cursor=not-a-cursor")), 400, "bad_request");
    }

    /** Every page of {@code /api/papers?query} from {@code app}, following nextCursor; the papers' ids in order. */
    private List<String> allPages(PaperstreamApp app, String query, int limit) {
        return client.allPaperIds(
                ServingInstances.baseUri(app), query, limit, scenario.all().size() + 1);
    }

    @Test
    @Order(5)
    void aPaperOwnedByTheOtherInstanceIsFetchedFromItAndAForwardedQueryIsNeverForwardedAgain() {
        HostInfo secondHost = hostOf(second);
        List<String> ownedBySecond = new ArrayList<>();
        List<String> ownedByFirst = new ArrayList<>();
        for (PaperAbstract paper : scenario.all()) {
            KeyQueryMetadata owner = first.streams()
                    .queryMetadataForKey(StoreNames.SERVED_PAPERS, paper.getId(), new StringSerializer());
            (owner.activeHost().equals(secondHost) ? ownedBySecond : ownedByFirst).add(paper.getId());
        }
        assertThat(ownedBySecond)
                .as("papers of the second instance's partition")
                .isNotEmpty();
        assertThat(ownedByFirst).as("papers of the first instance's partition").isNotEmpty();

        String id = ownedBySecond.get(0);
        ApiClient.Response viaFirst = client.get(uri(first, "/api/papers/" + id));
        ApiClient.Response fromOwner = client.get(uri(second, "/api/papers/" + id));
        assertThat(viaFirst.status()).isEqualTo(200);
        assertThat(viaFirst.body()).isEqualTo(fromOwner.body());
        assertThat(client.parse(viaFirst.body(), PaperView.class).title())
                .isEqualTo(scenario.classified(id).getPaper().getPaper().getTitle());

        ApiClient.Response forwardedToTheWrongInstance =
                client.get(uri(first, "/api/papers/" + id), Map.of("X-Paperstream-Forwarded", "true"));
        assertThat(forwardedToTheWrongInstance.status()).isEqualTo(503);
        assertThat(forwardedToTheWrongInstance.header("Retry-After")).isPresent();
    }

    @Test
    @Order(6)
    void latestDigestIsTheDigestsTopicsRecordOfTheLatestClosedWindowAndAPastWindowsDigestIsAskedByItsStart() {
        Map<String, DailyDigest> digests = AvroTopic.latestByKey(
                AvroTopic.read(stack, instances.topic(StreamsSettings.KAFKA_TOPIC_DIGESTS), DailyDigest.class));
        assertThat(digests).as("digests of the burst day and the day before").containsKeys("2025-03-07", "2025-03-06");
        DailyDigest expected = digests.get("2025-03-07");
        DailyDigest past = digests.get("2025-03-06");

        for (PaperstreamApp app : List.of(first, second)) {
            DigestView digest = client.getJson(uri(app, "/api/digest/latest"), DigestView.class);
            assertThat(digest.day()).isEqualTo("2025-03-07");
            assertThat(digest.papersInWindow())
                    .isEqualTo(scenario.main().stream()
                            .filter(p -> !p.getPublishedAt().isBefore(TrendScenario.day(TrendScenario.BURST_DAY)))
                            .count());
            assertDigest(digest, expected);
            assertThat(digest.topics()).extracting(e -> e.key()).contains(scenario.burstTopic());
            DigestView dayBefore = client.getJson(uri(app, "/api/digest/" + past.getWindowStart()), DigestView.class);
            assertThat(dayBefore.day()).isEqualTo("2025-03-06");
            assertDigest(dayBefore, past);
        }
    }

    private static void assertDigest(DigestView digest, DailyDigest expected) {
        assertThat(digest.windowStart()).isEqualTo(expected.getWindowStart());
        assertThat(digest.papersInWindow()).isEqualTo(expected.getPapersInWindow());
        assertThat(digest.topics())
                .extracting(
                        e -> e.key(),
                        e -> e.count(),
                        e -> e.rank(),
                        e -> e.papers().stream().map(p -> p.id()).toList())
                .containsExactlyElementsOf(expected.getTopics().stream()
                        .map(e -> tuple(
                                e.getKey(),
                                e.getCount(),
                                e.getRank(),
                                e.getPapers().stream().map(p -> p.getId()).toList()))
                        .toList());
        assertThat(digest.keyphrases())
                .extracting(e -> e.key())
                .containsExactlyElementsOf(
                        expected.getKeyphrases().stream().map(e -> e.getKey()).toList());
    }

    @Test
    @Order(7)
    void wrongRequestsAnswerJsonErrorsWithoutStackTraces() {
        assertError(client.get(uri(first, "/api/trends?window=2025-03-01T12:00:00Z")), 404, "not_found");
        assertError(client.get(uri(first, "/api/trends?kind=authors")), 400, "bad_request");
        assertError(client.get(uri(second, "/api/trends?window=yesterday")), 400, "bad_request");
        assertError(client.get(uri(first, "/api/digest/2025-03-01T12:00:00Z")), 404, "not_found");
        assertError(client.get(uri(second, "/api/digest/yesterday")), 400, "bad_request");
        assertError(client.get(uri(first, "/api/papers/0000.00000")), 404, "not_found");
        assertError(client.get(uri(second, "/api/papers/0000.00000")), 404, "not_found");
        assertError(client.get(uri(first, "/api/topics/no-such-topic/windows")), 404, "not_found");
        assertError(
                client.get(uri(
                        first,
                        "/api/topics/" + scenario.burstTopic() + "/windows?from=2025-03-05T00:00:00Z&to="
                                + "2025-03-01T00:00:00Z")),
                400,
                "bad_request");
        assertError(client.get(uri(first, "/api/papers?limit=100000")), 400, "bad_request");
        assertError(client.get(uri(second, "/api/keywords/no%20such%20keyphrase/windows")), 404, "not_found");
        assertError(client.get(uri(first, "/api/timeline?days=0")), 400, "bad_request");
        assertError(client.get(uri(second, "/api/trends/history?kind=authors")), 400, "bad_request");
        assertError(
                client.get(uri(
                        first,
                        "/api/keywords/" + encode(scenario.risingKeyphrases().get(0)) + "/windows?to=x")),
                400,
                "bad_request");
        assertError(client.get(uri(first, "/api/nothing-here")), 404, "not_found");
        assertError(client.get(uri(first, "/no-such-page.html")), 404, "not_found");
    }

    private void assertError(ApiClient.Response response, int status, String error) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        ErrorView view = client.parse(response.body(), ErrorView.class);
        assertThat(view.error()).isEqualTo(error);
        assertThat(view.message()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    @Order(8)
    void theOpenApiDocumentHasEveryEndpointAndTheRealAnswersValidateAgainstItsSchemas() {
        JsonNode document =
                client.parse(client.get(uri(second, "/api/openapi.json")).body(), JsonNode.class);
        assertThat(document.path("openapi").asText()).startsWith("3.");
        String paper = scenario.all().get(0).getId();
        String keyphrase = encode(scenario.risingKeyphrases().get(0));
        String trendingTopic = rankByEngagement(scenario.closers().get(0));
        // every endpoint with answers of each documented kind; the live stream never ends, so it has no body to check
        Map<String, List<String>> asked = new TreeMap<>(Map.ofEntries(
                Map.entry("/api/topics", List.of("/api/topics")),
                Map.entry(
                        "/api/topics/{id}/windows",
                        List.of(
                                "/api/topics/" + scenario.burstTopic() + "/windows",
                                "/api/topics/no-such-topic/windows",
                                "/api/topics/nlp/windows?from=2025-03-05T00:00:00Z&to=2025-03-01T00:00:00Z")),
                Map.entry(
                        "/api/keywords/{phrase}/windows",
                        List.of(
                                "/api/keywords/" + keyphrase + "/windows",
                                "/api/keywords/nothing%20like%20it/windows")),
                Map.entry(
                        "/api/trends",
                        List.of(
                                "/api/trends?kind=keywords",
                                "/api/trends?window=2025-03-01T12:00:00Z",
                                "/api/trends?kind=x")),
                Map.entry("/api/trends/history", List.of("/api/trends/history?days=3", "/api/trends/history?days=x")),
                Map.entry("/api/timeline", List.of("/api/timeline", "/api/timeline?from=" + TrendScenario.day(3))),
                Map.entry(
                        "/api/papers",
                        List.of("/api/papers?limit=3", "/api/papers?q=diffusion&limit=2", "/api/papers?cursor=x")),
                Map.entry("/api/papers/{id}", List.of("/api/papers/" + paper, "/api/papers/0000.00000")),
                Map.entry(
                        "/api/papers/trending",
                        List.of(
                                "/api/papers/trending",
                                "/api/papers/trending?topic=" + trendingTopic,
                                "/api/papers/trending?topic=no-such-topic")),
                Map.entry(
                        "/api/digest/{window}",
                        List.of(
                                "/api/digest/latest",
                                "/api/digest/" + TrendScenario.day(2),
                                "/api/digest/2025-03-01T12:00:00Z",
                                "/api/digest/yesterday")),
                Map.entry("/api/openapi.json", List.of("/api/openapi.json")),
                Map.entry("/metrics", List.of("/metrics")),
                Map.entry("/health", List.of("/health")),
                Map.entry("/ready", List.of("/ready"))));
        List<String> documented = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(documented::add);
        List<String> expected = new ArrayList<>(asked.keySet());
        expected.add("/api/stream");
        assertThat(documented).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(document.at("/paths/~1api~1stream/get/responses/200/content").has("text/event-stream"))
                .isTrue();

        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        asked.forEach((path, requests) -> {
            JsonNode responses = document.path("paths").path(path).path("get").path("responses");
            for (int i = 0; i < requests.size(); i++) {
                ApiClient.Response answer = client.get(uri(i % 2 == 0 ? first : second, requests.get(i)));
                JsonNode documentedAnswer = responses.path(Integer.toString(answer.status()));
                assertThat(documentedAnswer.isMissingNode())
                        .as("%s answered %s, which %s does not document", requests.get(i), answer.status(), path)
                        .isFalse();
                String type = answer.header("Content-Type").orElseThrow().split(";")[0];
                JsonNode schema = documentedAnswer.path("content").path(type).path("schema");
                assertThat(schema.isMissingNode())
                        .as("%s answered %s, which %s does not document", requests.get(i), type, path)
                        .isFalse();
                if (type.equals("application/json")) {
                    ObjectNode root = ((ObjectNode) schema.deepCopy())
                            .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                            .set("components", document.path("components"));
                    assertThat(schemas.getSchema(root.toString()).validate(client.parse(answer.body(), JsonNode.class)))
                            .as("%s answering %s: %s", path, requests.get(i), answer.body())
                            .isEmpty();
                }
            }
        });
    }

    /**
     * Sends upvotes gained by {@code paper} at the latest publication time and waits until the trending ranking
     * shows it, so that the document's trending schemas are checked against a ranking with a paper in it.
     *
     * @return the paper's primary topic
     */
    private String rankByEngagement(PaperAbstract paper) {
        Instant observed = scenario.closers().get(scenario.closers().size() - 1).getPublishedAt();
        instances.sendObservations(List.of(
                ServingInstances.upvotes(paper.getId(), observed.minusSeconds(3600), 3),
                ServingInstances.upvotes(paper.getId(), observed, 40)));
        long deadline = System.nanoTime() + PROCESSING_TIMEOUT.toNanos();
        while (client.getJson(uri(first, "/api/papers/trending"), TrendingPapersView.class)
                .papers()
                .isEmpty()) {
            assertThat(System.nanoTime())
                    .as("the trending ranking shows %s within %s", paper.getId(), PROCESSING_TIMEOUT)
                    .isLessThan(deadline);
            StreamsAppProcess.sleep(Duration.ofMillis(250));
        }
        String topic = scenario.classified(paper.getId()).getPrimaryTopic();
        assertThat(client.getJson(uri(second, "/api/papers/trending"), TrendingPapersView.class)
                        .papers())
                .singleElement()
                .satisfies(ranked -> {
                    assertThat(ranked.id()).isEqualTo(paper.getId());
                    assertThat(ranked.topic()).isEqualTo(topic);
                    assertThat(ranked.upvotesGain()).isEqualTo(37);
                });
        return topic;
    }

    @Test
    @Order(8)
    void metricsCountWhatThePipelineDidAndHealthAndReadinessAreUp() {
        Map<String, long[]> expected = scenario.counts(scenario.all());
        List<String> scrapes = List.of(first, second).stream()
                .map(app -> {
                    ApiClient.Response response = client.get(uri(app, "/metrics"));
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.header("Content-Type"))
                            .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
                    return response.body();
                })
                .toList();

        expected.forEach((topic, counts) -> assertThat(
                        ApiClient.sum(scrapes, "paperstream_papers_classified_total", "topic=\"" + topic + "\""))
                .as("papers classified with primary topic %s", topic)
                .isEqualTo(counts[0]));
        assertThat(ApiClient.sum(scrapes, "paperstream_classification_seconds_count", ""))
                .isEqualTo(scenario.all().size());
        assertThat(ApiClient.sum(scrapes, "paperstream_trend_windows_emitted_total", ""))
                .as("days 0 to 6 closed")
                .isEqualTo(TrendScenario.BURST_DAY + 1);
        assertThat(ApiClient.sum(scrapes, "paperstream_dlq_records_total", ""))
                .as("the undecodable record")
                .isEqualTo(1);
        assertThat(ApiClient.sum(scrapes, "paperstream_dlq_records_total", "stage=\"deserialize\""))
                .isEqualTo(1);
        assertThat(scrapes)
                .allSatisfy(scrape -> assertThat(scrape)
                        .contains(
                                "kafka_stream_thread_", "kafka_consumer_", "kafka_producer_", "jvm_memory_used_bytes"));

        for (PaperstreamApp app : List.of(first, second)) {
            assertThat(client.getJson(uri(app, "/health"), StatusView.class))
                    .isEqualTo(new StatusView("up", "RUNNING", null));
            assertThat(client.getJson(uri(app, "/ready"), StatusView.class))
                    .isEqualTo(new StatusView("ready", "RUNNING", null));
        }
    }

    @Test
    @Order(9)
    void aStartingInstanceAnswers503WithRetryAfterUntilItsStoresAreQueryable() {
        try (ServingInstances starting = ServingInstances.of(stack, "it-serving-start", TrendScenario.settings())) {
            PaperstreamApp app = starting.start();

            ApiClient.Response topics = client.get(uri(app, "/api/topics"));
            assertThat(topics.status())
                    .as("while %s: %s", app.state(), topics.body())
                    .isEqualTo(503);
            assertThat(topics.header("Retry-After")).hasValue("2");
            assertThat(client.parse(topics.body(), ErrorView.class).error()).isEqualTo("unavailable");
            for (String history : List.of("/api/timeline", "/api/keywords/any/windows", "/api/trends/history")) {
                ApiClient.Response answer = client.get(uri(app, history));
                assertThat(answer.status())
                        .as("%s while %s: %s", history, app.state(), answer.body())
                        .isEqualTo(503);
                assertThat(answer.header("Retry-After")).hasValue("2");
            }
            ApiClient.Response ready = client.get(uri(app, "/ready"));
            assertThat(ready.status()).isEqualTo(503);
            assertThat(client.parse(ready.body(), StatusView.class).status()).isEqualTo("not_ready");
            assertThat(client.get(uri(app, "/health")).status())
                    .as("alive while starting")
                    .isEqualTo(200);

            starting.awaitReady(client);
            assertThat(client.getJson(uri(app, "/api/topics"), TopicsView.class).topics())
                    .isEmpty();
            assertThat(client.getJson(uri(app, "/api/trends"), TrendsView.class))
                    .isEqualTo(new TrendsView("topics", null, null, List.of()));
            assertError(client.get(uri(app, "/api/digest/latest")), 404, "not_found");
        }
    }

    @Test
    @Order(10)
    void theLiveStreamOfOneInstanceCarriesANewPaperTheOtherProcessesAndTheCountItChanges() {
        PaperAbstract original = scenario.closers().get(0);
        String id = idOwnedBy(second);
        PaperAbstract fresh = scenario.copy(
                original, id, scenario.closers().get(2).getPublishedAt().plusSeconds(60));
        String primary = scenario.classified(original.getId()).getPrimaryTopic();
        long before = scenario.counts(scenario.all()).get(primary)[1];

        try (ApiClient.LiveStream live = client.openStream(uri(first, "/api/stream"))) {
            instances.send(List.of(fresh));

            ApiClient.Event paper = live.await(
                    event -> event.type().equals("paper") && event.data().contains(id), LIVE_TIMEOUT);
            PaperSummaryView summary = client.parse(paper.data(), PaperSummaryView.class);
            assertThat(summary.primaryTopic()).isEqualTo(primary);
            assertThat(summary.publishedAt()).isEqualTo(fresh.getPublishedAt());
            ApiClient.Event count = live.await(
                    event -> event.type().equals("count")
                            && client.parse(event.data(), TopicCountView.class)
                                    .topic()
                                    .equals(primary)
                            && client.parse(event.data(), TopicCountView.class).anyCount() == before + 1,
                    LIVE_TIMEOUT);
            assertThat(client.parse(count.data(), TopicCountView.class).label())
                    .isEqualTo(TAXONOMY.topic(primary).name());
        }
    }

    /** The records of each window by rank (a trends topic has several partitions, keyed by topic or keyphrase). */
    /** A new paper id whose partition the given instance processes. */
    private String idOwnedBy(PaperstreamApp owner) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String id = "it-live-" + UUID.randomUUID();
            KeyQueryMetadata metadata =
                    first.streams().queryMetadataForKey(StoreNames.SERVED_PAPERS, id, new StringSerializer());
            if (metadata.activeHost().equals(hostOf(owner))) {
                return id;
            }
        }
        throw new AssertionError("no id of 100 random ones falls on " + hostOf(owner));
    }

    private static <T> Map<Instant, List<T>> byWindow(
            List<AvroTopic.Keyed<T>> records, Function<T, Instant> windowStart, ToIntFunction<T> rank) {
        Map<Instant, List<T>> byWindow = new HashMap<>();
        records.forEach(record -> byWindow.computeIfAbsent(windowStart.apply(record.value()), w -> new ArrayList<>())
                .add(record.value()));
        byWindow.values().forEach(window -> window.sort(Comparator.comparingInt(rank)));
        return byWindow;
    }

    private static URI uri(PaperstreamApp app, String pathAndQuery) {
        return ServingInstances.baseUri(app).resolve(pathAndQuery);
    }

    private static HostInfo hostOf(PaperstreamApp app) {
        return new HostInfo(app.httpAddress().getHostString(), app.httpAddress().getPort());
    }
}
