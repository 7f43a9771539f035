package io.paperstream.serde;

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
 * The real papers of the shared corpus (trending-page text: header lines up to the date line, then
 * title / blank / abstract / blank), read from the path in the system property
 * {@code paperstream.corpus} that the build sets.
 */
final class CorpusPapers {

    record Paper(String title, String abstractText) {}

    private static final String DATE_LINE = "[A-Z][a-z]{2} \\d{1,2}";

    private CorpusPapers() {}

    static List<Paper> load() {
        String location = System.getProperty("paperstream.corpus");
        assertThat(location).as("system property paperstream.corpus").isNotBlank();
        Path path = Path.of(location);
        assertThat(path).as("the shared corpus").isRegularFile();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> paragraphs = Arrays.stream(text.split("\\n\\s*\\n"))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
        int firstTitle = 0;
        while (!paragraphs.get(firstTitle).matches(DATE_LINE)) {
            firstTitle++;
        }
        firstTitle++;
        List<Paper> papers = new ArrayList<>();
        for (int i = firstTitle; i + 1 < paragraphs.size(); i += 2) {
            papers.add(new Paper(paragraphs.get(i), paragraphs.get(i + 1)));
        }
        return papers;
    }

    /** The first paper: MiniPLM, whose abstract links its code on GitHub. */
    static Paper first() {
        return load().get(0);
    }
}
