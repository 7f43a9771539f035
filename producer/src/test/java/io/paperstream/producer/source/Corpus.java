package io.paperstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shared corpus, trending-papers.txt (read from the {@code paperstream.corpus} system
 * property, never copied into the repository), split the most straightforward way: by blank
 * lines into paragraphs, five header paragraphs, then title and abstract paragraphs in turn.
 */
public final class Corpus {

    /** Number of papers in the corpus. */
    public static final int PAPERS = 116;
    /** Line of the first title (after the 10 header lines). */
    public static final int FIRST_TITLE_LINE = 11;

    private Corpus() {}

    public static Path path() {
        String property = System.getProperty("paperstream.corpus");
        assertThat(property).as("system property paperstream.corpus").isNotBlank();
        return Path.of(property);
    }

    public static byte[] bytes() {
        try {
            return Files.readAllBytes(path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** The file's lines, split on LF only (the file has no CR). */
    public static List<String> lines() {
        return new ArrayList<>(Arrays.asList(text().split("\n", -1)));
    }

    /** Paragraphs after the header: title, abstract, title, abstract, ... */
    private static List<String> bodyParagraphs() {
        List<String> paragraphs = Arrays.asList(text().split("\n\n"));
        assertThat(paragraphs.subList(0, 5))
                .containsExactly(
                        "new",
                        "Get trending papers in your email inbox!",
                        "Subscribe",
                        "byAK and the research community",
                        "Mar 14");
        List<String> body = paragraphs.subList(5, paragraphs.size());
        assertThat(body).hasSize(2 * PAPERS);
        return body;
    }

    public static List<String> titles() {
        return everyOther(bodyParagraphs(), 0);
    }

    public static List<String> abstracts() {
        return everyOther(bodyParagraphs(), 1);
    }

    /** The 1-based line number of paper {@code index}'s (0-based) title. */
    public static int titleLine(int index) {
        return FIRST_TITLE_LINE + 4 * index;
    }

    /** The 1-based line number of paper {@code index}'s (0-based) abstract. */
    public static int abstractLine(int index) {
        return titleLine(index) + 2;
    }

    private static List<String> everyOther(List<String> items, int offset) {
        List<String> picked = new ArrayList<>();
        for (int i = offset; i < items.size(); i += 2) {
            picked.add(items.get(i));
        }
        return picked;
    }
}
