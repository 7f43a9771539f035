package io.paperstream.it;

import io.paperstream.it.DeserializerProperty.Reader;
import io.paperstream.it.SourceFuzzInputs.ReaderInput;
import io.paperstream.producer.source.ReaderOptions;
import io.paperstream.producer.source.SourceFormat;
import java.util.Arrays;
import java.util.Optional;

/**
 * The fuzz targets of the coverage-guided fuzz ({@link CoverageGuidedFuzzIT}): nested classes with the
 * {@code fuzzerTestOneInput(byte[])} that Jazzer's {@code --target_class} runs, one for the source readers and one
 * for the deserializer; and how the bytes Jazzer makes map
 * onto the inputs of the properties the seeded fuzz checks too ({@link SourceReaderProperty},
 * {@link DeserializerProperty}). A target returns where the property holds and throws where it does not — an
 * {@code AssertionError}, or whatever unexpected exception escaped the code under test — which Jazzer reports as a
 * finding with the input.
 *
 * <p>A reader input's first byte holds the reader settings: bit 0 detect the format instead of telling the reader,
 * bits 1–2 the line limit ({@link #LINE_LIMITS}), bits 3–5 the year of dates without one ({@link #YEARS}), bit 6
 * gzip the rest before reading it (so that mutations of the text reach the reader through the decompressor); the
 * rest is the input. A payload's first byte picks the deserializer; the rest is decoded.
 */
public final class FuzzTargets {

    /** The settings byte of a reader input: the format told, no line limit but the default, the corpus's year. */
    static final int TOLD = 0;
    /** The settings bit that leaves the format to detection. */
    static final int DETECT = 1;
    /** The settings bit that gzips the input before it is read. */
    static final int GZIP = 1 << 6;

    private static final int[] LINE_LIMITS = {ReaderOptions.DEFAULT_MAX_LINE_BYTES, 2048, 200, 16};
    private static final int[] YEARS = {
        Corpus.YEAR, 0, -1, 1, 999_999_999, 1_000_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE
    };

    private FuzzTargets() {}

    /**
     * A source reader: the trending-page reader, the arXiv JSON Lines reader or the daily-papers JSON reader, the
     * one whose format id Jazzer passes ({@code --target_args=trending-page}, {@code arxiv-jsonl} or
     * {@code hf-daily}); one class for the three, as they differ in nothing else.
     */
    public static final class SourceReader {
        private static SourceFormat format;

        /**
         * Takes the format and reads one small input, so that the classes the reader needs (Jackson's among them)
         * are loaded and instrumented before the first input's time limit starts.
         */
        public static void fuzzerInitialize(String[] arguments) {
            format = Arrays.stream(arguments)
                    .findFirst()
                    .flatMap(SourceFormat::byId)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "--target_args is not a format id: " + Arrays.toString(arguments)));
            fuzzerTestOneInput(readerData(TOLD, ByteMutations.utf8("{}\n[]\nMar 14\n\nA\n\nB\n")));
        }

        public static void fuzzerTestOneInput(byte[] data) {
            SourceReaderProperty.yieldOf(readerInput(data, format));
        }
    }

    /** Our Avro deserializer. */
    public static final class Deserializer {
        /** Fills the registry (from the corpus: seconds) before the first input's time limit starts. */
        public static void fuzzerInitialize() {
            DeserializerProperty.events();
        }

        public static void fuzzerTestOneInput(byte[] data) {
            Reader reader = Reader.values()[data.length == 0 ? 0 : (data[0] & 0xff) % Reader.values().length];
            DeserializerProperty.outcomeOf(reader, data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length));
        }
    }

    /** A reader input: {@code input} with {@code settings} ({@link #TOLD}, {@link #DETECT}, {@link #GZIP}). */
    static byte[] readerData(int settings, byte[] input) {
        return withFirstByte(settings, input);
    }

    /** A deserializer input: {@code payload} for {@code reader}. */
    static byte[] payloadData(Reader reader, byte[] payload) {
        return withFirstByte(reader.ordinal(), payload);
    }

    private static ReaderInput readerInput(byte[] data, SourceFormat format) {
        int settings = data.length == 0 ? TOLD : data[0] & 0xff;
        byte[] input = data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
        ReaderOptions options = new ReaderOptions(LINE_LIMITS[(settings >> 1) & 3], YEARS[(settings >> 3) & 7]);
        return new ReaderInput(
                "fuzz target input, settings " + settings,
                (settings & GZIP) != 0 ? ByteMutations.gzip(input) : input,
                (settings & DETECT) != 0 ? Optional.empty() : Optional.of(format),
                options);
    }

    private static byte[] withFirstByte(int first, byte[] rest) {
        byte[] data = new byte[rest.length + 1];
        data[0] = (byte) first;
        System.arraycopy(rest, 0, data, 1, rest.length);
        return data;
    }
}
