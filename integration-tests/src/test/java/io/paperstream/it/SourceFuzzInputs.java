package io.paperstream.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.producer.source.ReaderOptions;
import io.paperstream.producer.source.SourceFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@link Generator}s of inputs for the producer's source readers, made mostly from the real corpus: windows of the
 * trending page with lines dropped, repeated, swapped, replaced and inserted; arXiv JSON Lines and Hugging Face
 * daily-papers JSON built from the corpus papers with fields removed or replaced by values of the wrong type,
 * malformed escapes, overlong numbers and deep nesting; each then damaged at byte level ({@link ByteMutations}),
 * sometimes gzip-compressed (and sometimes damaged after compression); plus a share of plain random bytes. Reader
 * settings vary too: tiny and mid-size line limits reach the over-long paths with short inputs, odd years the
 * date arithmetic.
 */
final class SourceFuzzInputs {

    /**
     * One input for a reader.
     *
     * @param recipe how it was made, for the failure report
     * @param bytes the input
     * @param format the format the reader is told, or empty to detect it
     * @param options the reader settings
     */
    record ReaderInput(String recipe, byte[] bytes, Optional<SourceFormat> format, ReaderOptions options) {

        /** Whether the bytes start as gzip does: the readers then decompress, and a damaged stream is real I/O. */
        boolean gzip() {
            return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        }

        /** This input cut to the first half of its bytes, for {@link FuzzRun}'s shrinking; empty when none are left. */
        Optional<ReaderInput> firstHalf() {
            return bytes.length == 0
                    ? Optional.empty()
                    : Optional.of(new ReaderInput(
                            recipe + ", first " + bytes.length / 2 + " bytes",
                            Arrays.copyOf(bytes, bytes.length / 2),
                            format,
                            options));
        }

        @Override
        public String toString() {
            return "ReaderInput[format=" + format.map(SourceFormat::id).orElse("auto") + ", maxLineBytes="
                    + options.maxLineBytes() + ", year=" + options.year() + ", recipe=" + recipe + ", bytes="
                    + ByteMutations.show(bytes) + "]";
        }
    }

    /** Bytes and how they were made. */
    private record Draft(String recipe, byte[] bytes) {}

    /**
     * What a JSON draft is made of: {@code count} corpus papers from {@code first} on, all with the id {@code id},
     * edited by {@code edits}, written by {@code mapper}.
     */
    private record JsonPlan(int first, int count, String id, List<JsonEdit> edits, ObjectMapper mapper) {

        /** The entries {@code entry} makes of the papers and the id, edited. */
        List<ObjectNode> entries(BiFunction<PaperRecord, String, ObjectNode> entry) {
            List<ObjectNode> entries = IntStream.range(0, count)
                    .mapToObj(i -> entry.apply(paper(first + i), id))
                    .collect(Collectors.toCollection(ArrayList::new));
            edits.forEach(edit -> edit.applyTo(entries));
            return entries;
        }

        @Override
        public String toString() {
            return "of papers " + first + "+" + count + " id '" + id + "' " + edits
                    + (mapper == ESCAPING ? " escaped" : "");
        }
    }

    /** One edit of the trending page's lines; line indexes are taken modulo the number of lines. */
    private record LineEdit(Kind kind, int line, int other, String text) {

        enum Kind {
            DROP,
            DUPLICATE,
            SWAP,
            INSERT,
            APPEND,
            REPLACE
        }

        void applyTo(List<String> lines) {
            if (lines.isEmpty()) {
                lines.add(text);
                return;
            }
            int at = Math.floorMod(line, lines.size());
            switch (kind) {
                case DROP -> lines.remove(at);
                case DUPLICATE -> lines.add(at, lines.get(at));
                case SWAP -> {
                    int with = Math.floorMod(other, lines.size());
                    String moved = lines.get(at);
                    lines.set(at, lines.get(with));
                    lines.set(with, moved);
                }
                case INSERT -> lines.add(at, text);
                case APPEND -> lines.set(at, lines.get(at) + text);
                case REPLACE -> lines.set(at, text);
            }
        }

        @Override
        public String toString() {
            boolean withText = kind == Kind.INSERT || kind == Kind.APPEND || kind == Kind.REPLACE;
            return kind + "@" + line + (kind == Kind.SWAP ? "<->" + other : "")
                    + (withText ? " '" + abbreviate(text) + "'" : "");
        }
    }

    /**
     * One edit of a JSON entry: the field at {@code path} ({@code name} or {@code paper.name}) set to the raw JSON
     * {@code value}, or removed when the value is null; entry indexes are taken modulo the number of entries.
     */
    private record JsonEdit(int entry, String path, String value) {

        void applyTo(List<ObjectNode> entries) {
            ObjectNode target = entries.get(Math.floorMod(entry, entries.size()));
            String[] steps = path.split("\\.");
            for (int i = 0; i < steps.length - 1; i++) {
                if (!(target.get(steps[i]) instanceof ObjectNode inner)) {
                    return;
                }
                target = inner;
            }
            String field = steps[steps.length - 1];
            if (value == null) {
                target.remove(field);
            } else {
                target.putRawValue(field, new RawValue(value));
            }
        }

        @Override
        public String toString() {
            return "#" + entry + "." + path + (value == null ? " removed" : "=" + abbreviate(value));
        }
    }

    /** How daily-papers JSON is laid out. */
    private enum HfShape {
        ARRAY,
        PRETTY_ARRAY,
        TWO_ARRAYS,
        OBJECT_LINES,
        UNWRAPPED_ARRAY
    }

    private static final List<PaperRecord> PAPERS = Corpus.papers();
    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final ObjectMapper ESCAPING =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final List<String> ARXIV_IDS = List.of(
            "2410.17215",
            "2410.17215v3",
            "arXiv:2410.17215",
            "https://arxiv.org/abs/2410.17215v1",
            "http://export.arxiv.org/pdf/2410.17215.pdf",
            "0704.0001",
            "math.GT/0309136",
            "MATH.gt/0309136v2",
            "hep-th/9901001",
            "cond-mat.str-el/0501234",
            "2410.1721",
            "2410.172156",
            "not an id",
            "");
    private static final List<String> AUTHORS =
            List.of("José Álvarez", "李明", "Siobhán O'Neil, Jr.", "A. Author", "Zoë van der Berg");
    private static final List<String> ODD_JSON_VALUES = odd();
    private static final List<String> ARXIV_FIELDS = List.of(
            "id",
            "title",
            "abstract",
            "authors",
            "authors_parsed",
            "categories",
            "versions",
            "update_date",
            "doi",
            "nonexistent");
    private static final List<String> HF_FIELDS = List.of(
            "paper",
            "title",
            "summary",
            "publishedAt",
            "numComments",
            "paper.id",
            "paper.title",
            "paper.summary",
            "paper.authors",
            "paper.publishedAt",
            "paper.githubRepo",
            "paper.projectPage");

    private SourceFuzzInputs() {}

    /** Trending-page text, mostly told to be trending-page. */
    static Generator<ReaderInput> trendingPages() {
        return inputs(trendingPageDrafts(), SourceFormat.TRENDING_PAGE);
    }

    /** arXiv JSON Lines, mostly told to be arxiv-jsonl. */
    static Generator<ReaderInput> arxivJsonLines() {
        return inputs(arxivDrafts(), SourceFormat.ARXIV_JSONL);
    }

    /** Hugging Face daily-papers JSON, mostly told to be hf-daily. */
    static Generator<ReaderInput> hfDaily() {
        return inputs(hfDrafts(), SourceFormat.HF_DAILY);
    }

    private static Generator<ReaderInput> inputs(Generator<Draft> structured, SourceFormat format) {
        Generator<Draft> noise = ByteMutations.noise(2048).map(bytes -> new Draft("random bytes", bytes));
        Generator<Draft> drafts =
                Generator.frequency(Generator.weight(17, damaged(structured)), Generator.weight(3, noise));
        Generator<Optional<SourceFormat>> told = Generator.frequency(
                Generator.weight(4, Generator.constant(Optional.of(format))),
                Generator.weight(1, Generator.constant(Optional.<SourceFormat>empty())));
        Generator<ReaderOptions> options = options();
        return random -> {
            Draft draft = drafts.apply(random);
            return new ReaderInput(draft.recipe(), draft.bytes(), told.apply(random), options.apply(random));
        };
    }

    /** The draft edited at byte level, sometimes compressed, sometimes damaged after compression. */
    private static Generator<Draft> damaged(Generator<Draft> drafts) {
        Generator<List<ByteMutations.Mutation>> textEdits = ByteMutations.mutations(4);
        Generator<Boolean> compress = Generator.frequency(
                Generator.weight(19, Generator.constant(false)), Generator.weight(1, Generator.constant(true)));
        Generator<List<ByteMutations.Mutation>> gzipEdits = ByteMutations.mutations(2);
        return random -> {
            Draft draft = drafts.apply(random);
            List<ByteMutations.Mutation> edits = textEdits.apply(random);
            byte[] bytes = ByteMutations.apply(draft.bytes(), edits);
            String recipe = draft.recipe() + (edits.isEmpty() ? "" : ", bytes " + edits);
            if (compress.apply(random)) {
                List<ByteMutations.Mutation> afterCompression = gzipEdits.apply(random);
                bytes = ByteMutations.apply(ByteMutations.gzip(bytes), afterCompression);
                recipe += ", gzip" + (afterCompression.isEmpty() ? "" : " then " + afterCompression);
            }
            return new Draft(recipe, bytes);
        };
    }

    private static Generator<ReaderOptions> options() {
        Generator<Integer> maxLineBytes = Generator.frequency(
                Generator.weight(6, Generator.constant(ReaderOptions.DEFAULT_MAX_LINE_BYTES)),
                Generator.weight(2, Generator.between(200, 3000)),
                Generator.weight(1, Generator.between(1, 64)));
        Generator<Integer> year = Generator.frequency(
                Generator.weight(8, Generator.constant(Corpus.YEAR)),
                Generator.weight(1, Generator.anyInt()),
                Generator.weight(
                        1, Generator.oneOf(Integer.MIN_VALUE, -1, 0, 999_999_999, 1_000_000_000, Integer.MAX_VALUE)));
        return random -> new ReaderOptions(maxLineBytes.apply(random), year.apply(random));
    }

    private static Generator<Draft> trendingPageDrafts() {
        List<String> corpusLines = List.of(Corpus.text().split("\n", -1));
        Generator<Integer> start = Generator.frequency(
                Generator.weight(1, Generator.constant(0)),
                Generator.weight(2, Generator.between(0, corpusLines.size() - 1)));
        Generator<Integer> length = Generator.between(1, 80);
        Generator<List<LineEdit>> edits = Generator.frequency(
                Generator.weight(1, Generator.constant(List.<LineEdit>of())),
                Generator.weight(3, lineEdit().list(1, 6)));
        Generator<String> lineEnd = Generator.oneOf("\n", "\r\n");
        return random -> {
            int from = start.apply(random);
            int count = length.apply(random);
            List<LineEdit> lineEdits = edits.apply(random);
            String end = lineEnd.apply(random);
            boolean finalLineEnd = random.nextBoolean();
            List<String> lines = new ArrayList<>(corpusLines.subList(from, Math.min(corpusLines.size(), from + count)));
            lineEdits.forEach(edit -> edit.applyTo(lines));
            String text = String.join(end, lines) + (finalLineEnd ? end : "");
            return new Draft(
                    "trending page lines " + from + "+" + count + (lineEdits.isEmpty() ? "" : " " + lineEdits)
                            + (end.equals("\r\n") ? " CRLF" : ""),
                    ByteMutations.utf8(text));
        };
    }

    private static Generator<LineEdit> lineEdit() {
        Generator<String> text = Generator.frequency(
                Generator.weight(
                        4,
                        Generator.oneOf(
                                "",
                                " ",
                                "\t",
                                "Mar 14",
                                "March 14, 2025",
                                "2025-03-14",
                                "Feb 30",
                                "Sept 31",
                                "2025-02-30",
                                "Mar 14, 99999",
                                "new",
                                "Subscribe",
                                "byAK and the research community",
                                ".",
                                "A title without its abstract",
                                "x".repeat(1001),
                                "y".repeat(301),
                                "\uFEFFMar 14")),
                Generator.weight(2, Generator.oneOf(PAPERS).map(PaperRecord::title)),
                Generator.weight(2, Generator.oneOf(PAPERS).map(PaperRecord::abstractText)),
                Generator.weight(2, Generator.strings(40)));
        Generator<LineEdit.Kind> kind = Generator.oneOf(LineEdit.Kind.values());
        Generator<Integer> line = Generator.between(0, 200);
        return random -> new LineEdit(kind.apply(random), line.apply(random), line.apply(random), text.apply(random));
    }

    /**
     * Undamaged arXiv JSON Lines of {@code count} corpus papers from paper {@code first} on (a seed of the
     * coverage-guided fuzz): as the drafts are written, without edits, the id one of the drafts' ids.
     */
    static byte[] arxivJsonLines(int first, int count) {
        return arxivText(undamaged(first, count), "\n");
    }

    /**
     * Undamaged daily-papers JSON of {@code count} corpus papers from paper {@code first} on (a seed of the
     * coverage-guided fuzz), laid out in one of the drafts' shapes, the id one of the drafts' ids.
     */
    static byte[] hfDailyJson(int first, int count) {
        return hfText(undamaged(first, count), HfShape.values()[first % HfShape.values().length]);
    }

    private static JsonPlan undamaged(int first, int count) {
        return new JsonPlan(first, count, ARXIV_IDS.get(first % ARXIV_IDS.size()), List.of(), COMPACT);
    }

    private static Generator<Draft> arxivDrafts() {
        Generator<JsonPlan> plans = jsonPlans(ARXIV_FIELDS);
        Generator<String> lineEnd = Generator.oneOf("\n", "\r\n", "\n\n");
        return random -> {
            JsonPlan plan = plans.apply(random);
            return new Draft("arXiv JSON Lines " + plan, arxivText(plan, lineEnd.apply(random)));
        };
    }

    private static byte[] arxivText(JsonPlan plan, String lineEnd) {
        return ByteMutations.utf8(plan.entries(SourceFuzzInputs::arxivEntry).stream()
                        .map(entry -> write(plan.mapper(), entry))
                        .collect(Collectors.joining(lineEnd))
                + lineEnd);
    }

    private static Generator<Draft> hfDrafts() {
        Generator<JsonPlan> plans = jsonPlans(HF_FIELDS);
        Generator<HfShape> shapes = Generator.oneOf(HfShape.values());
        return random -> {
            JsonPlan plan = plans.apply(random);
            HfShape shape = shapes.apply(random);
            return new Draft("daily-papers JSON " + shape + " " + plan, hfText(plan, shape));
        };
    }

    private static byte[] hfText(JsonPlan plan, HfShape shape) {
        List<ObjectNode> entries = plan.entries((paper, id) -> hfEntry(paper, id, shape == HfShape.UNWRAPPED_ARRAY));
        return ByteMutations.utf8(layOut(entries, shape, plan.mapper()));
    }

    private static Generator<JsonPlan> jsonPlans(List<String> fields) {
        Generator<Integer> first = Generator.between(0, Corpus.PAPERS - 1);
        Generator<Integer> count = Generator.between(1, 6);
        Generator<String> ids = Generator.oneOf(ARXIV_IDS);
        Generator<List<JsonEdit>> edits = jsonEdits(fields);
        Generator<ObjectMapper> mappers = escaping();
        return random -> new JsonPlan(
                first.apply(random),
                count.apply(random),
                ids.apply(random),
                edits.apply(random),
                mappers.apply(random));
    }

    private static Generator<ObjectMapper> escaping() {
        return Generator.frequency(
                Generator.weight(3, Generator.constant(COMPACT)), Generator.weight(1, Generator.constant(ESCAPING)));
    }

    private static Generator<List<JsonEdit>> jsonEdits(List<String> fields) {
        Generator<Integer> entry = Generator.between(0, 5);
        Generator<String> field = Generator.oneOf(fields);
        Generator<String> value = Generator.frequency(
                Generator.weight(1, Generator.constant((String) null)),
                Generator.weight(5, Generator.oneOf(ODD_JSON_VALUES)));
        Generator<JsonEdit> edit =
                random -> new JsonEdit(entry.apply(random), field.apply(random), value.apply(random));
        return Generator.frequency(
                Generator.weight(1, Generator.constant(List.<JsonEdit>of())), Generator.weight(3, edit.list(1, 4)));
    }

    private static PaperRecord paper(int index) {
        return PAPERS.get(index % PAPERS.size());
    }

    private static ObjectNode arxivEntry(PaperRecord paper, String id) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("id", id);
        entry.put("title", paper.title());
        entry.put("abstract", paper.abstractText());
        entry.put("authors", String.join(", ", AUTHORS.subList(0, 3)) + " and " + AUTHORS.get(3));
        ArrayNode parsed = entry.putArray("authors_parsed");
        AUTHORS.forEach(name -> parsed.addArray()
                .add(name.substring(name.lastIndexOf(' ') + 1))
                .add(name.substring(0, Math.max(0, name.lastIndexOf(' '))))
                .add(""));
        entry.put("categories", "cs.CL cs.LG");
        entry.putArray("versions").addObject().put("version", "v1").put("created", "Mon, 2 Apr 2007 19:18:42 GMT");
        entry.put("update_date", "2024-10-22");
        entry.put("doi", "10.48550/arXiv.2410.17215");
        return entry;
    }

    private static ObjectNode hfEntry(PaperRecord paper, String id, boolean unwrapped) {
        ObjectNode inner = JsonNodeFactory.instance.objectNode();
        inner.put("id", id);
        inner.put("title", paper.title());
        inner.put("summary", paper.abstractText());
        ArrayNode authors = inner.putArray("authors");
        AUTHORS.forEach(name -> authors.addObject().put("name", name).put("hidden", false));
        inner.put("publishedAt", "2024-10-22T02:48:50.000Z");
        inner.put("githubRepo", "https://github.com/example/repo");
        inner.put("projectPage", "https://example.org/project");
        if (unwrapped) {
            return inner;
        }
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.set("paper", inner);
        entry.put("publishedAt", "2024-10-23T00:00:00.000Z");
        entry.put("title", paper.title());
        entry.put("numComments", 3);
        return entry;
    }

    private static String layOut(List<ObjectNode> entries, HfShape shape, ObjectMapper mapper) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode().addAll(entries);
        return switch (shape) {
            case ARRAY, UNWRAPPED_ARRAY -> write(mapper, array);
            case PRETTY_ARRAY -> {
                try {
                    yield mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            case TWO_ARRAYS -> {
                int half = entries.size() / 2;
                ArrayNode first = JsonNodeFactory.instance.arrayNode().addAll(entries.subList(0, half));
                ArrayNode second = JsonNodeFactory.instance.arrayNode().addAll(entries.subList(half, entries.size()));
                yield write(mapper, first) + "\n" + write(mapper, second);
            }
            case OBJECT_LINES ->
                entries.stream().map(entry -> write(mapper, entry)).collect(Collectors.joining("\n"));
        };
    }

    private static String write(ObjectMapper mapper, Object node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON values of the wrong type, malformed or extreme, as raw JSON text (some of it deliberately invalid). */
    private static List<String> odd() {
        return List.of(
                "null",
                "true",
                "0",
                "-1",
                "9223372036854775808",
                "1e308",
                "-1e-400",
                "1" + "0".repeat(1200),
                "NaN",
                "\"\"",
                "\"   \"",
                "\"\\u0000\"",
                "\"\\ud800\"",
                "\"\\udc00x\\ud800\"",
                "\"" + "x".repeat(3000) + "\"",
                "\" 2410.17215v2 \"",
                "\"arXiv:2410.17215\"",
                "\"math.GT/0309136\"",
                "[]",
                "[[\"Last\",\"First\",\"Jr\"],[1,2],[],\"x\",null]",
                "[{\"name\":5},{\"name\":\"A\"},\"B\",null]",
                "{}",
                "{\"created\":\"Mon, 2 Apr 2007 19:18:42 GMT\"}",
                "[{\"created\":\"Fri, 31 Feb 2025 10:00:00 GMT\"}]",
                "[{\"created\":12}]",
                "[\"v1\"]",
                "\"2024-13-45\"",
                "\"2024-10-22T02:48:50.000Z\"",
                "\"+999999999-12-31\"",
                "\"2024-10-22T25:00:00Z\"",
                "[".repeat(600) + "]".repeat(600),
                "[".repeat(1200) + "]".repeat(1200),
                "{\"a\":".repeat(300) + "1" + "}".repeat(300),
                "\"https://github.com/x/y\"",
                "\"cs.CL\\tcs.AI\\n\"",
                "\"see https://arxiv.org/abs/2410.17215\"",
                "\"" + " ".repeat(2000) + "and" + " ".repeat(2000) + "\"");
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...(" + text.length() + " chars)";
    }
}
