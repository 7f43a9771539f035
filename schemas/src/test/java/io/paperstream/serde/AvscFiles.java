package io.paperstream.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** The schemas exactly as written in this module's {@code .avsc} files, parsed in dependency order. */
final class AvscFiles {

    static final Path DIRECTORY = Path.of("src", "main", "avro");
    static final List<String> FILES = List.of(
            "PaperAbstract.avsc",
            "EnrichedPaper.avsc",
            "ClassifiedPaper.avsc",
            "TopicCount.avsc",
            "TopicWindowCount.avsc",
            "TopicTrend.avsc",
            "KeywordTrend.avsc",
            "TrendingPapers.avsc",
            "DailyDigest.avsc",
            "PaperEngagement.avsc");

    private AvscFiles() {}

    /** Every named type the files define (nested records included), by full name. */
    static Map<String, Schema> namedTypes() {
        Schema.Parser parser = new Schema.Parser();
        try {
            for (String file : FILES) {
                parser.parse(DIRECTORY.resolve(file).toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parser.getTypes();
    }
}
