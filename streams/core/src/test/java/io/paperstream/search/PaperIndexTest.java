package io.paperstream.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.Taxonomy;
import io.paperstream.classify.TrendingCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper index over the trending corpus: each filter and the text query find exactly the papers they should, newest first, paged. */
class PaperIndexTest {

    private static final Instant DAY0 = Instant.parse("2025-03-01T00:00:00Z");
    private static final Comparator<IndexedPaper> NEWEST_FIRST =
            Comparator.comparingLong(IndexedPaper::publishedAt).reversed().thenComparing(IndexedPaper::id);

    private final List<IndexedPaper> papers = new ArrayList<>();
    private PaperIndex index;

    /** Every corpus paper, three to a day (so that days have ties, ordered by id), every third one with a keyphrase. */
    @BeforeEach
    void indexTheCorpus() {
        PaperClassifier classifier = new PaperClassifier(Taxonomy.loadDefault());
        List<TrendingCorpus.Paper> corpus = TrendingCorpus.papers();
        for (int i = 0; i < corpus.size(); i++) {
            TrendingCorpus.Paper paper = corpus.get(i);
            papers.add(new IndexedPaper(
                    String.format(Locale.ROOT, "p-%03d", (i * 37) % corpus.size()),
                    paper.title(),
                    paper.abstractText(),
                    DAY0.plus(Duration.ofDays(i / 3)).toEpochMilli(),
                    classifier.classify(paper.title(), paper.abstractText()).topicIds(),
                    i % 3 == 0 ? List.of("every third paper") : List.of()));
        }
        index = PaperIndex.inMemory();
        // new papers are added, as the pipeline adds a paper it sees for the first time
        papers.forEach(index::add);
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void aBuildOnThreeThreadsIndexesEveryPaperOnceAsAddingThemOneByOneDoes() {
        // ten copies of the corpus under other ids: enough chunks for every thread of the build to take some
        List<IndexedPaper> copies = new ArrayList<>();
        for (int copy = 0; copy < 10; copy++) {
            for (IndexedPaper paper : papers) {
                copies.add(new IndexedPaper(
                        paper.id() + "-" + copy,
                        paper.title(),
                        paper.abstractText(),
                        paper.publishedAt() + copy,
                        paper.topics(),
                        paper.keyphrases()));
            }
        }
        String topic = papers.get(0).topics().get(0);
        List<PaperQuery> queries = List.of(
                new PaperQuery(null, null, null, null, null, null, copies.size()),
                new PaperQuery(topic, null, null, null, null, null, copies.size()),
                new PaperQuery(null, "every third paper", null, null, null, null, copies.size()),
                new PaperQuery(null, null, "diffusion model", null, null, null, copies.size()));
        try (PaperIndex oneByOne = PaperIndex.inMemory();
                PaperIndex built = PaperIndex.inMemory()) {
            copies.forEach(oneByOne::add);
            built.addAll(copies.iterator(), 3);

            assertThat(built.size()).isEqualTo(copies.size());
            for (PaperQuery query : queries) {
                List<PaperCursor> expected = oneByOne.search(query);
                assertThat(expected).as(query.toString()).isNotEmpty();
                assertThat(built.search(query)).as(query.toString()).isEqualTo(expected);
            }
        }
    }

    @Test
    void aPaperThatCannotBeIndexedFailsTheBuildOnWhicheverThreadItIs() {
        List<IndexedPaper> copies = new ArrayList<>();
        for (int copy = 0; copy < 10; copy++) {
            papers.forEach(copies::add);
        }
        // a title Lucene refuses, in the middle of the build
        copies.add(copies.size() / 2, new IndexedPaper("no-title", null, "text", 0, List.of(), List.of()));
        try (PaperIndex built = PaperIndex.inMemory()) {
            assertThatThrownBy(() -> built.addAll(copies.iterator(), 3)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> built.addAll(copies.iterator(), 0)).hasMessageContaining("at least one thread");
        }
    }

    @Test
    void everyFilterFindsExactlyItsPapersNewestFirst() {
        String topic = papers.get(0).topics().get(0);
        assertFinds(
                new PaperQuery(topic, null, null, null, null, null, 1000),
                p -> p.topics().contains(topic));
        assertFinds(
                new PaperQuery(null, "every third paper", null, null, null, null, 1000),
                p -> p.keyphrases().contains("every third paper"));
        long from = DAY0.plus(Duration.ofDays(5)).toEpochMilli();
        long to = DAY0.plus(Duration.ofDays(9)).toEpochMilli();
        assertFinds(
                new PaperQuery(topic, null, null, from, to, null, 1000),
                p -> p.topics().contains(topic) && p.publishedAt() >= from && p.publishedAt() <= to);
        assertFinds(new PaperQuery(null, null, null, null, null, null, 1000), p -> true);
        assertThat(index.size()).isEqualTo(papers.size());
    }

    @Test
    void theTextQueryFindsTheWordsInTitleOrAbstract() {
        Pattern diffusion = Pattern.compile("\\bdiffusion\\b", Pattern.CASE_INSENSITIVE);
        Pattern video = Pattern.compile("\\bvideo\\b", Pattern.CASE_INSENSITIVE);
        Predicate<IndexedPaper> hasDiffusion = p -> diffusion.matcher(p.title()).find()
                || diffusion.matcher(p.abstractText()).find();
        Predicate<IndexedPaper> hasVideo = p -> video.matcher(p.title()).find()
                || video.matcher(p.abstractText()).find();
        assertThat(papers.stream().filter(hasDiffusion)).hasSizeGreaterThan(3);

        assertFinds(new PaperQuery(null, null, "Diffusion", null, null, null, 1000), hasDiffusion);
        assertFinds(new PaperQuery(null, null, "diffusion video", null, null, null, 1000), hasDiffusion.and(hasVideo));
        assertFinds(
                new PaperQuery(null, null, "diffusion -video", null, null, null, 1000),
                hasDiffusion.and(hasVideo.negate()));
        assertFinds(new PaperQuery(null, null, "!!!", null, null, null, 1000), p -> false);
    }

    @Test
    void aQuotedPhraseFindsItsWordsInSequenceWithinTheTitleOrTheAbstractNeverAcrossThem() {
        assertThat(papers.stream().filter(phrase("language", "models"))).hasSizeGreaterThan(3);
        assertFinds(
                new PaperQuery(null, null, "\"language models\"", null, null, null, 1000),
                phrase("language", "models"));

        // the title's last word and the abstract's first word follow each other only across the two texts
        IndexedPaper first = papers.get(0);
        String[] titleWords = first.title().split("[^\\p{L}\\p{N}]+");
        String across = titleWords[titleWords.length - 1];
        String next = first.abstractText().split("[^\\p{L}\\p{N}]+")[0];
        assertThat(phrase(across, next).test(first)).isFalse();
        assertFinds(
                new PaperQuery(null, null, "\"" + across + " " + next + "\"", null, null, null, 1000),
                phrase(across, next));
    }

    /** Papers whose title or abstract holds the two words one after the other, apart only by spaces or punctuation. */
    private static Predicate<IndexedPaper> phrase(String word, String next) {
        Pattern pattern = Pattern.compile(
                "(?<![\\p{L}\\p{N}'_.])" + Pattern.quote(word) + "[^\\p{L}\\p{N}'_.]+" + Pattern.quote(next)
                        + "(?![\\p{L}\\p{N}'_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return p -> pattern.matcher(p.title()).find()
                || pattern.matcher(p.abstractText()).find();
    }

    @Test
    void pagesFollowingTheCursorListEveryPaperOnceInOrder() {
        List<String> paged = new ArrayList<>();
        PaperCursor after = null;
        for (int page = 0; page <= papers.size(); page++) {
            List<PaperCursor> hits = index.search(new PaperQuery(null, null, null, null, null, after, 7));
            hits.forEach(hit -> paged.add(hit.id()));
            if (hits.size() < 7) {
                break;
            }
            after = PaperCursor.decode(hits.get(hits.size() - 1).encode());
        }
        assertThat(paged)
                .containsExactlyElementsOf(papers.stream()
                        .sorted(NEWEST_FIRST)
                        .map(IndexedPaper::id)
                        .toList());
    }

    @Test
    void aPaperPutAgainReplacesItsAddedVersion() {
        IndexedPaper old = papers.get(0);
        index.put(new IndexedPaper(
                old.id(),
                "A revised title",
                old.abstractText(),
                old.publishedAt(),
                List.of("revised-topic"),
                List.of()));

        assertThat(index.size()).isEqualTo(papers.size());
        assertThat(index.search(new PaperQuery("revised-topic", null, null, null, null, null, 10)))
                .extracting(PaperCursor::id)
                .containsExactly(old.id());
        assertThat(index.search(new PaperQuery(old.topics().get(0), null, null, null, null, null, 1000)))
                .extracting(PaperCursor::id)
                .doesNotContain(old.id());
    }

    @Test
    void anIndexOnDiskIsKeptWithTheFingerprintOfItsPapersAndAnswersAsBeforeWhenOpenedAgain(@TempDir Path directory) {
        IndexedPaper old = papers.get(5);
        IndexedPaper revised = new IndexedPaper(
                old.id(), old.title() + " revisedzq", old.abstractText(), old.publishedAt(), old.topics(), List.of());
        List<IndexedPaper> latest = new ArrayList<>(papers);
        latest.set(5, revised);
        List<PaperQuery> queries = new ArrayList<>();
        papers.stream()
                .flatMap(paper -> paper.topics().stream())
                .distinct()
                .forEach(topic -> queries.add(new PaperQuery(topic, null, null, null, null, null, 1000)));
        PaperQuery revisedWord = new PaperQuery(null, null, "revisedzq", null, null, null, 1000);
        queries.add(revisedWord);
        queries.add(new PaperQuery(null, "every third paper", "language model", null, null, null, 1000));
        queries.add(new PaperQuery(null, null, null, null, null, null, 1000));
        List<List<PaperCursor>> answers;
        try (PaperIndex first = PaperIndex.onDisk(directory)) {
            assertThat(first.kept()).isEmpty();
            assertThat(first.notKept()).isEmpty();
            papers.forEach(first::add);
            first.put(revised);
            answers = queries.stream().map(first::search).toList();
        }

        try (PaperIndex again = PaperIndex.onDisk(directory)) {
            assertThat(again.notKept()).isEmpty();
            assertThat(again.kept()).contains(IndexFingerprint.of(latest.stream()));
            assertThat(again.kept().orElseThrow().papers()).isEqualTo(papers.size());
            // the paper's first version, a paper less or a paper twice is another fingerprint
            assertThat(List.of(
                            IndexFingerprint.of(papers.stream()),
                            IndexFingerprint.of(latest.stream().skip(1)),
                            IndexFingerprint.of(Stream.concat(latest.stream(), Stream.of(latest.get(0))))))
                    .doesNotContain(again.kept().orElseThrow());
            assertThat(queries.stream().map(again::search).toList()).isEqualTo(answers);
            assertThat(answers.get(queries.indexOf(revisedWord)))
                    .extracting(PaperCursor::id)
                    .containsExactly(old.id());
            again.clear();
            assertThat(again.size()).isZero();
        }

        try (PaperIndex cleared = PaperIndex.onDisk(directory)) {
            assertThat(cleared.kept()).contains(new IndexFingerprint(0, 0));
        }
    }

    @Test
    void anIndexOfAnotherFormatOrThatCannotBeReadIsNotKeptButMadeAnew(@TempDir Path directory) throws IOException {
        try (Directory lucene = FSDirectory.open(directory);
                IndexWriter other = new IndexWriter(lucene, new IndexWriterConfig())) {
            other.setLiveCommitData(
                    Map.of(PaperIndex.FORMAT_KEY, "paperstream-papers-0").entrySet());
            other.addDocument(new Document());
        }
        try (PaperIndex index = PaperIndex.onDisk(directory)) {
            assertThat(index.kept()).isEmpty();
            assertThat(index.notKept()).contains("its format is paperstream-papers-0, not " + PaperIndex.FORMAT);
            assertThat(index.size()).isZero();
            papers.forEach(index::add);
        }

        // every segment file but the commit's list of them overwritten
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith("segments")
                            && !f.getFileName().toString().equals("write.lock"))
                    .toList()) {
                Files.write(file, new byte[(int) Files.size(file)]);
            }
        }
        try (PaperIndex index = PaperIndex.onDisk(directory)) {
            assertThat(index.kept()).isEmpty();
            assertThat(index.notKept())
                    .hasValueSatisfying(why -> assertThat(why).startsWith("it cannot be read: "));
            assertThat(index.size()).isZero();
            index.add(papers.get(0));
        }
        try (PaperIndex index = PaperIndex.onDisk(directory)) {
            assertThat(index.kept()).contains(IndexFingerprint.of(Stream.of(papers.get(0))));
        }
    }

    @Test
    void aCursorThisApiDidNotGiveIsRefusedWithItsText() {
        assertThatThrownBy(() -> PaperCursor.decode("not-a-cursor"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-a-cursor");
        assertThat(PaperCursor.decode(new PaperCursor(42, "hep-th/9901001:x").encode()))
                .isEqualTo(new PaperCursor(42, "hep-th/9901001:x"));
    }

    private void assertFinds(PaperQuery query, Predicate<IndexedPaper> expected) {
        assertThat(index.search(query))
                .as("%s", query)
                .containsExactlyElementsOf(papers.stream()
                        .filter(expected)
                        .sorted(NEWEST_FIRST)
                        .map(p -> new PaperCursor(p.publishedAt(), p.id()))
                        .toList());
    }
}
