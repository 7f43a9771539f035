package io.paperstream.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared real corpus for tests: a trending-papers page (a short header, then per paper its
 * title line, a blank line, its abstract paragraph and a blank line), read from the path in the
 * system property {@value #PROPERTY} that the root pom sets for surefire.
 */
public final class TrendingCorpus {

    /** System property naming the corpus file. */
    public static final String PROPERTY = "paperstream.corpus";

    // the first title is the first paragraph followed by an abstract-sized one; header lines are short
    private static final int MIN_ABSTRACT_CHARS = 200;

    /** One paper of the page. */
    public record Paper(String title, String abstractText) {}

    private TrendingCorpus() {}

    /** The corpus file named by the system property. */
    public static Path path() {
        String path = System.getProperty(PROPERTY);
        if (path == null) {
            throw new IllegalStateException("system property " + PROPERTY + " is not set (the root pom sets it)");
        }
        return Path.of(path);
    }

    /** All papers of the corpus, in page order. */
    public static List<Paper> papers() {
        try {
            return parse(Files.readString(path(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole corpus text. */
    public static String text() {
        try {
            return Files.readString(path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Paper> parse(String page) {
        List<String> paragraphs = new ArrayList<>();
        for (String block : page.split("\\n\\s*\\n")) {
            if (!block.isBlank()) {
                paragraphs.add(block.strip());
            }
        }
        int first = 0;
        while (first + 1 < paragraphs.size() && paragraphs.get(first + 1).length() < MIN_ABSTRACT_CHARS) {
            first++;
        }
        List<Paper> papers = new ArrayList<>();
        for (int i = first; i + 1 < paragraphs.size(); i += 2) {
            papers.add(new Paper(paragraphs.get(i), paragraphs.get(i + 1)));
        }
        return papers;
    }
}
