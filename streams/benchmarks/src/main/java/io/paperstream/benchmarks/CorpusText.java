package io.paperstream.benchmarks;

import io.paperstream.classify.TrendingCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The corpus the text benchmarks run on: the shared trending papers, from {@code -Dpaperstream.corpus=FILE}
 * or else {@code ../shared/corpus/trending-papers.txt} beside the repository (run from its root).
 */
final class CorpusText {

    private static final String DEFAULT = "../shared/corpus/trending-papers.txt";

    private CorpusText() {}

    static List<TrendingCorpus.Paper> papers() {
        if (System.getProperty(TrendingCorpus.PROPERTY) == null) {
            System.setProperty(TrendingCorpus.PROPERTY, DEFAULT);
        }
        Path path = TrendingCorpus.path().toAbsolutePath().normalize();
        if (!Files.isReadable(path)) {
            throw new IllegalStateException("the corpus " + path + " is not readable; run from the repository root "
                    + "or pass -Dpaperstream.corpus=FILE");
        }
        return TrendingCorpus.papers();
    }

    /** Megabytes (10^6 bytes, UTF-8) of title and abstract text in {@code papers}. */
    static double megabytes(List<TrendingCorpus.Paper> papers) {
        return papers.stream()
                        .mapToLong(p -> (p.title() + p.abstractText()).getBytes(StandardCharsets.UTF_8).length)
                        .sum()
                / 1e6;
    }
}
