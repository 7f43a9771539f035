package io.paperstream.benchmarks;

import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.Taxonomy;
import io.paperstream.classify.TrendingCorpus;
import io.paperstream.enrich.KeyphraseExtractor;
import io.paperstream.search.IndexedPaper;
import io.paperstream.search.PaperCursor;
import io.paperstream.search.PaperIndex;
import io.paperstream.search.PaperQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How fast the serving API's paper index answers at scale: builds a {@link PaperIndex} on disk of N papers (the
 * corpus's texts, each with 20 words drawn from the corpus's vocabulary appended so that no two are alike, their
 * classifier topics and keyphrases, published over three years), then times each kind of query the API sends
 * (filtered by topic, keyphrase, dates; a text query; text with filters; a deep page) and prints p50, p99 and max.
 *
 * <pre>java -cp streams/benchmarks/target/benchmarks.jar io.paperstream.benchmarks.PaperSearchBenchmark [papers] [queries]</pre>
 *
 * Defaults: 1,000,000 papers, 2,000 timed queries of each kind after 500 untimed ones. Run from the repository
 * root (the corpus is read as by the other benchmarks).
 */
public final class PaperSearchBenchmark {

    private static final int DEFAULT_PAPERS = 1_000_000;
    private static final int DEFAULT_QUERIES = 2_000;
    private static final int WARM_UP = 500;
    private static final int LIMIT = 20;
    private static final long SEED = 1;
    private static final Instant FIRST_DAY = Instant.parse("2023-01-01T00:00:00Z");
    private static final long SPAN_MS = Duration.ofDays(3 * 365).toMillis();
    private static final List<String> WORDS =
            List.of("diffusion", "language", "reasoning", "video", "agents", "benchmark", "robot", "retrieval");

    private PaperSearchBenchmark() {}

    public static void main(String[] args) throws IOException {
        if (args.length > 2 || Arrays.asList(args).contains("--help")) {
            System.out.println("usage: PaperSearchBenchmark [papers (default " + DEFAULT_PAPERS + ")] [timed queries"
                    + " of each kind (default " + DEFAULT_QUERIES + ")]");
            return;
        }
        int papers = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PAPERS;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_QUERIES;
        Path directory = Files.createTempDirectory("paper-index-bench");
        try (PaperIndex index = PaperIndex.onDisk(directory)) {
            Corpus corpus = Corpus.load();
            long started = System.nanoTime();
            build(index, corpus, papers);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "indexed %,d papers in %.1f s (%,.0f papers/s), %,d MB on disk%n",
                    index.size(),
                    seconds,
                    papers / seconds,
                    size(directory) / 1_000_000);
            measure(index, corpus, queries);
        } finally {
            delete(directory);
        }
    }

    private static void build(PaperIndex index, Corpus corpus, int papers) {
        Random random = new Random(SEED);
        long step = Math.max(1, papers / 20);
        for (int i = 0; i < papers; i++) {
            int source = i % corpus.papers.size();
            TrendingCorpus.Paper paper = corpus.papers.get(source);
            StringBuilder text = new StringBuilder(paper.abstractText());
            for (int word = 0; word < 20; word++) {
                text.append(' ').append(corpus.vocabulary.get(random.nextInt(corpus.vocabulary.size())));
            }
            index.add(new IndexedPaper(
                    "bench-" + i,
                    paper.title(),
                    text.toString(),
                    FIRST_DAY.toEpochMilli() + (long) (random.nextDouble() * SPAN_MS),
                    corpus.topics.get(source),
                    corpus.keyphrases.get(source)));
            if ((i + 1) % step == 0) {
                System.out.printf(Locale.ROOT, "  %,d papers indexed%n", i + 1);
            }
        }
    }

    private static void measure(PaperIndex index, Corpus corpus, int queries) {
        Random random = new Random(SEED);
        List<String> topics =
                corpus.topics.stream().flatMap(List::stream).distinct().sorted().toList();
        List<String> keyphrases = corpus.keyphrases.stream()
                .flatMap(List::stream)
                .distinct()
                .sorted()
                .toList();
        List<Kind> kinds = List.of(
                new Kind("topic", r -> query(pick(r, topics), null, null, null)),
                new Kind("keyphrase", r -> query(null, pick(r, keyphrases), null, null)),
                new Kind("30 days", r -> query(null, null, null, month(r))),
                new Kind("text (one word)", r -> query(null, null, pick(r, WORDS), null)),
                new Kind("text (two words)", r -> query(null, null, pick(r, WORDS) + " " + pick(r, WORDS), null)),
                new Kind("text + topic + 30 days", r -> query(pick(r, topics), null, pick(r, WORDS), month(r))),
                new Kind("topic, a page deep in", r -> deepPage(r, topics)));
        System.out.printf(
                Locale.ROOT,
                "%-26s %10s %10s %10s %10s%n",
                "query (" + LIMIT + " newest)",
                "p50 ms",
                "p99 ms",
                "max ms",
                "hits/query");
        for (Kind kind : kinds) {
            for (int i = 0; i < WARM_UP; i++) {
                index.search(kind.query.apply(random));
            }
            long[] nanos = new long[queries];
            long hits = 0;
            for (int i = 0; i < queries; i++) {
                PaperQuery query = kind.query.apply(random);
                long start = System.nanoTime();
                hits += index.search(query).size();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(
                    Locale.ROOT,
                    "%-26s %10.2f %10.2f %10.2f %10.1f%n",
                    kind.name,
                    nanos[queries / 2] / 1e6,
                    nanos[(int) Math.ceil(queries * 0.99) - 1] / 1e6,
                    nanos[queries - 1] / 1e6,
                    hits / (double) queries);
        }
    }

    private record Kind(String name, Function<Random, PaperQuery> query) {}

    private static PaperQuery query(String topic, String keyphrase, String text, long[] range) {
        return new PaperQuery(
                topic, keyphrase, text, range == null ? null : range[0], range == null ? null : range[1], null, LIMIT);
    }

    /** A random 30 days of the three years. */
    private static long[] month(Random random) {
        long from = FIRST_DAY.toEpochMilli()
                + (long) (random.nextDouble() * (SPAN_MS - Duration.ofDays(30).toMillis()));
        return new long[] {from, from + Duration.ofDays(30).toMillis()};
    }

    /** A topic's page that starts at a random point of the three years, as a cursor deep into its listing does. */
    private static PaperQuery deepPage(Random random, List<String> topics) {
        long at = FIRST_DAY.toEpochMilli() + (long) (random.nextDouble() * SPAN_MS);
        return new PaperQuery(pick(random, topics), null, null, null, null, new PaperCursor(at, "bench-"), LIMIT);
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The corpus's papers, each one's topics and keyphrases, and the corpus's words. */
    private record Corpus(
            List<TrendingCorpus.Paper> papers,
            List<List<String>> topics,
            List<List<String>> keyphrases,
            List<String> vocabulary) {

        static Corpus load() {
            List<TrendingCorpus.Paper> papers = CorpusText.papers();
            PaperClassifier classifier = new PaperClassifier(Taxonomy.loadDefault());
            KeyphraseExtractor extractor = new KeyphraseExtractor();
            List<List<String>> topics = new ArrayList<>();
            List<List<String>> keyphrases = new ArrayList<>();
            for (TrendingCorpus.Paper paper : papers) {
                topics.add(
                        classifier.classify(paper.title(), paper.abstractText()).topicIds());
                keyphrases.add(extractor.extract(paper.title(), paper.abstractText()));
            }
            List<String> vocabulary = papers.stream()
                    .flatMap(p -> Arrays.stream(
                            p.abstractText().toLowerCase(Locale.ROOT).split("[^\\p{L}]+")))
                    .filter(word -> word.length() > 3)
                    .distinct()
                    .sorted()
                    .toList();
            return new Corpus(papers, topics, keyphrases, vocabulary);
        }
    }

    private static long size(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
