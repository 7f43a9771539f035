package io.paperstream.it;

import io.paperstream.it.DeserializerProperty.Reader;
import io.paperstream.it.DeserializerProperty.WireEvent;
import io.paperstream.producer.source.PaperRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed inputs of the coverage-guided fuzz targets ({@link FuzzTargets}), made from the real corpus when the test
 * runs and written as files into a directory under {@code target/} (the corpus itself stays where it is): the corpus
 * file cut into pieces at paragraph ends, each page of one corpus paper, and the corpus papers as arXiv JSON Lines,
 * daily-papers JSON and Avro events on the wire.
 */
final class FuzzSeeds {

    /** Papers per seed of several papers, as a JSON file holds them. */
    private static final int PAPERS_PER_FILE = 3;

    private FuzzSeeds() {}

    /**
     * The corpus file cut into consecutive pieces of at most {@code maxLength} bytes (with the settings byte) at
     * paragraph ends, the first also with CRLF line ends, with the format detected and gzip-compressed; and the page
     * of each corpus paper alone.
     */
    static void trendingPages(Path directory, int maxLength) {
        List<byte[]> seeds = new ArrayList<>();
        List<String> pieces = pieces(Corpus.text(), maxLength - 1);
        pieces.forEach(piece -> seeds.add(FuzzTargets.readerData(FuzzTargets.TOLD, ByteMutations.utf8(piece))));
        String first = pieces.get(0);
        seeds.add(FuzzTargets.readerData(FuzzTargets.TOLD, ByteMutations.utf8(first.replace("\n", "\r\n"))));
        seeds.add(FuzzTargets.readerData(FuzzTargets.DETECT, ByteMutations.utf8(first)));
        seeds.add(FuzzTargets.readerData(FuzzTargets.GZIP, ByteMutations.utf8(first)));
        for (PaperRecord paper : Corpus.papers()) {
            seeds.add(FuzzTargets.readerData(
                    FuzzTargets.TOLD,
                    ByteMutations.utf8(TrendingPageFile.page("Mar 14", paper.title(), paper.abstractText()))));
        }
        write(directory, "page", seeds);
    }

    /** Each corpus paper as one arXiv JSON line, and files of several. */
    static void arxivJsonLines(Path directory) {
        write(directory, "arxiv", json(SourceFuzzInputs::arxivJsonLines));
    }

    /** Each corpus paper as daily-papers JSON, and files of several, in the layouts the seeded fuzz writes. */
    static void hfDaily(Path directory) {
        write(directory, "hf", json(SourceFuzzInputs::hfDailyJson));
    }

    /** Each event of {@link DeserializerProperty#events()} for one of the deserializers in turn. */
    static void payloads(Path directory) {
        List<WireEvent> events = DeserializerProperty.events();
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            seeds.add(FuzzTargets.payloadData(
                    Reader.values()[i % Reader.values().length], events.get(i).bytes()));
        }
        write(directory, "event", seeds);
    }

    /** {@code papers} of each paper alone, then files of several: told the format, detecting it, gzipped. */
    private static List<byte[]> json(JsonOfPapers papers) {
        List<byte[]> seeds = new ArrayList<>();
        for (int paper = 0; paper < Corpus.PAPERS; paper++) {
            seeds.add(FuzzTargets.readerData(FuzzTargets.TOLD, papers.json(paper, 1)));
        }
        int[] settings = {FuzzTargets.TOLD, FuzzTargets.DETECT, FuzzTargets.GZIP};
        for (int file = 0; file < settings.length; file++) {
            int first = file * Corpus.PAPERS / settings.length;
            seeds.add(FuzzTargets.readerData(settings[file], papers.json(first, PAPERS_PER_FILE)));
        }
        return seeds;
    }

    /** JSON of {@code count} corpus papers from paper {@code first} on. */
    @FunctionalInterface
    private interface JsonOfPapers {
        byte[] json(int first, int count);
    }

    /** The text cut at paragraph ends into consecutive pieces of at most {@code maxBytes} UTF-8 bytes where it can. */
    private static List<String> pieces(String text, int maxBytes) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int pieceBytes = 0;
        for (String paragraph : text.split("(?<=\n\n)")) {
            int bytes = ByteMutations.utf8(paragraph).length;
            if (pieceBytes > 0 && pieceBytes + bytes > maxBytes) {
                pieces.add(piece.toString());
                piece.setLength(0);
                pieceBytes = 0;
            }
            piece.append(paragraph);
            pieceBytes += bytes;
        }
        if (pieceBytes > 0) {
            pieces.add(piece.toString());
        }
        return pieces;
    }

    private static void write(Path directory, String prefix, List<byte[]> seeds) {
        try {
            Files.createDirectories(directory);
            for (int i = 0; i < seeds.size(); i++) {
                Files.write(directory.resolve(String.format("%s-%03d", prefix, i)), seeds.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the seeds in " + directory, e);
        }
    }
}
