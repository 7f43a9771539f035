package io.paperstream.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A paper with its expert labels: title, abstract, primary topic and secondary topics, and the source
 * categories it is classified with.
 *
 * @param title the title
 * @param abstractText the abstract
 * @param primary the labelled primary topic
 * @param secondaries the labelled secondary topics
 * @param categories source categories given to the classifier (none in the label files)
 */
public record LabelledPaper(
        String title, String abstractText, String primary, Set<String> secondaries, List<String> categories) {

    /** The same paper and labels, classified with {@code categories}. */
    public LabelledPaper withCategories(List<String> categories) {
        return new LabelledPaper(title, abstractText, primary, secondaries, List.copyOf(categories));
    }

    /** Every labelled topic, primary included. */
    public Set<String> allTopics() {
        Set<String> all = new java.util.LinkedHashSet<>();
        all.add(primary);
        all.addAll(secondaries);
        return all;
    }

    /**
     * Reads a label file resource: lines {@code title<TAB>primary<TAB>secondaries}, '#' comments.
     * When {@code abstracts} is null the label file carries the abstract as a fourth column.
     *
     * @param abstracts abstracts by title, or null
     */
    public static List<LabelledPaper> read(String resource, Map<String, String> abstracts) {
        List<LabelledPaper> papers = new ArrayList<>();
        try (InputStream in = LabelledPaper.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = lines[n].split("\t", -1);
                if (cells.length < 3) {
                    throw new IllegalStateException(resource + " line " + (n + 1) + ": expected 3 tab-separated cells");
                }
                String abstractText = abstracts == null ? cells[3] : abstracts.get(cells[0]);
                if (abstractText == null) {
                    throw new IllegalStateException(resource + " line " + (n + 1) + ": no abstract for " + cells[0]);
                }
                Set<String> secondaries = Arrays.stream(cells[2].split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
                papers.add(new LabelledPaper(cells[0], abstractText, cells[1].strip(), secondaries, List.of()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return papers;
    }

    /** The labelled papers of the shared corpus, abstracts taken from the corpus file. */
    public static List<LabelledPaper> trendingCorpus() {
        Map<String, String> abstracts = new LinkedHashMap<>();
        for (TrendingCorpus.Paper paper : TrendingCorpus.papers()) {
            abstracts.put(paper.title(), paper.abstractText());
        }
        return read("/labels/trending-papers-labels.tsv", abstracts);
    }
}
