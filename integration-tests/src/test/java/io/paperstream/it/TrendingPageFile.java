package io.paperstream.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Pages in the trending-page format of the corpus, as text or written to files, for the real producer to read. */
final class TrendingPageFile {

    private TrendingPageFile() {}

    /** Writes the {@link #page} of one paper. */
    static Path write(Path file, String date, String title, String abstractText) {
        try {
            return Files.writeString(file, page(date, title, abstractText));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * A page with one paper under the date line {@code date} (such as {@code Mar 18}), in the page's own layout: the
     * header, the date line, the title, the abstract, paragraphs between blank lines.
     */
    static String page(String date, String title, String abstractText) {
        return String.join(
                        "\n\n",
                        "new",
                        "Get trending papers in your email inbox!",
                        "Subscribe",
                        "byAK and the research community",
                        date,
                        title,
                        abstractText)
                + "\n";
    }
}
