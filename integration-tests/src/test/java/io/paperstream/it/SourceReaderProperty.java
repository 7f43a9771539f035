package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.it.SourceFuzzInputs.ReaderInput;
import io.paperstream.producer.source.BadRecord;
import io.paperstream.producer.source.Origin;
import io.paperstream.producer.source.PaperId;
import io.paperstream.producer.source.PaperReader;
import io.paperstream.producer.source.PaperReaders;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.ReadResult;
import io.paperstream.producer.source.SourceFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the producer's source readers must do with any input, checked by the seeded fuzz ({@link ReaderFuzzIT}) and
 * by the coverage-guided one ({@link CoverageGuidedFuzzIT}) alike: a reader opened through {@link PaperReaders#open}
 * as the {@code produce} command opens it yields papers and bad records only, and then ends; no exception escapes
 * except an {@link IOException} where the bytes really cannot be read (a damaged gzip stream; every other input is in
 * memory). Every paper has a non-blank title and abstract, a canonical id and a line; a trending-page paper's title
 * and abstract are text of the input, never made up.
 */
final class SourceReaderProperty {

    private static final Origin ORIGIN = Origin.file(Path.of("fuzz-input"));
    /** A decompressed gzip stream can be up to about a thousand times its compressed size. */
    private static final int GZIP_EXPANSION = 1100;

    private SourceReaderProperty() {}

    /** Checks what the reader yields for the input, throwing on a violation; returns what it yielded. */
    static String yieldOf(ReaderInput input) {
        List<ReadResult> results;
        try {
            results = readAll(input);
        } catch (IOException e) {
            assertThat(input.gzip())
                    .as("an IOException from bytes in memory that are not gzip: %s", e)
                    .isTrue();
            return "unreadable gzip stream";
        }
        results.forEach(result -> check(result, input));
        long papers = results.stream().filter(PaperRecord.class::isInstance).count();
        long bad = results.size() - papers;
        return (papers > 0 ? "papers" : "no papers") + (bad > 0 ? ", bad records" : "");
    }

    /** Everything the reader yields, as the produce command opens it. */
    static List<ReadResult> readAll(ReaderInput input) throws IOException {
        List<ReadResult> results = new ArrayList<>();
        // every item consumes at least one byte of the (decompressed) input: more items means a reader that never ends
        long maxItems = 1 + (long) input.bytes().length * (input.gzip() ? GZIP_EXPANSION : 1);
        try (PaperReader reader =
                PaperReaders.open(input.format(), new ByteArrayInputStream(input.bytes()), ORIGIN, input.options())) {
            for (Optional<ReadResult> item = reader.next(); item.isPresent(); item = reader.next()) {
                results.add(item.get());
                assertThat((long) results.size())
                        .as("items from %d bytes", input.bytes().length)
                        .isLessThanOrEqualTo(maxItems);
            }
        }
        return results;
    }

    private static void check(ReadResult result, ReaderInput input) {
        if (result instanceof BadRecord bad) {
            assertThat(bad.reason()).isNotBlank();
            assertThat(bad.location().line()).isNotNegative();
            return;
        }
        PaperRecord paper = (PaperRecord) result;
        assertThat(paper.title()).isNotBlank();
        assertThat(paper.abstractText()).isNotBlank();
        assertThat(paper.location().line()).isPositive();
        input.format().ifPresent(format -> assertThat(paper.format()).isEqualTo(format));
        if (paper.id().startsWith(PaperId.TITLE_HASH_PREFIX)) {
            assertThat(paper.id()).matches("h:[0-9a-f]{16}");
        } else {
            assertThat(PaperId.normalizeArxivId(paper.id()))
                    .as("the id is a canonical arXiv id")
                    .contains(paper.id());
        }
        if (paper.format() == SourceFormat.TRENDING_PAGE && !input.gzip()) {
            // line ends are the only bytes that are not text
            String text = new String(input.bytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            // the reader normalizes the text and keeps the input's own where that differs
            String title = paper.originalTitle() != null ? paper.originalTitle() : paper.title();
            String abstractText = paper.originalAbstract() != null ? paper.originalAbstract() : paper.abstractText();
            assertThat(text).as("the input holds the title").contains(title);
            assertThat(text).as("the input holds the abstract").contains(abstractText);
        }
    }
}
