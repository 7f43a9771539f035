package io.paperstream.producer.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads everything a reader yields, split into papers, bad records and engagement figures on their own. */
final class ReadAll {

    final List<PaperRecord> papers = new ArrayList<>();
    final List<BadRecord> bad = new ArrayList<>();
    final List<EngagementRecord> engagement = new ArrayList<>();

    static ReadAll of(PaperReader reader) {
        ReadAll all = new ReadAll();
        try (reader) {
            for (Optional<ReadResult> item = reader.next(); item.isPresent(); item = reader.next()) {
                if (item.get() instanceof PaperRecord paper) {
                    all.papers.add(paper);
                } else if (item.get() instanceof EngagementRecord figures) {
                    all.engagement.add(figures);
                } else {
                    all.bad.add((BadRecord) item.get());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Messages name this origin, as they would the corpus file. */
    static final Origin PAGE = new Origin("trending-papers.txt", "file:/corpus/trending-papers.txt", true);

    /** A trending page read from memory with a 1 MiB line limit and year 2025. */
    static ReadAll trendingPage(byte[] bytes) {
        return of(new TrendingPageReader(
                new ByteArrayInputStream(bytes), PAGE, new ReaderOptions(ReaderOptions.DEFAULT_MAX_LINE_BYTES, 2025)));
    }

    List<String> titles() {
        return papers.stream().map(PaperRecord::title).toList();
    }

    List<String> messages() {
        return bad.stream().map(BadRecord::message).toList();
    }
}
