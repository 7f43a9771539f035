package io.paperstream.producer.source;

import java.util.Arrays;
import java.util.Optional;

/** The source formats the producer reads; {@link #id()} is the name used on the command line and in events. */
public enum SourceFormat {
    /** The text of the Hugging Face trending-papers page: header, then title / blank / abstract / blank. */
    TRENDING_PAGE("trending-page"),
    /** arXiv metadata snapshot JSON Lines: one object per line with id, title, abstract, versions, ... */
    ARXIV_JSONL("arxiv-jsonl"),
    /** Hugging Face daily-papers JSON ({@code /api/daily_papers}): an array of entries with a {@code paper} object. */
    HF_DAILY("hf-daily"),
    /** arXiv Atom: API results ({@code export.arxiv.org/api/query}) or a new-submission feed ({@code rss.arxiv.org/atom/cs.CL}). */
    ARXIV_ATOM("arxiv-atom"),
    /** arXiv RSS 2.0: a new-submission feed ({@code rss.arxiv.org/rss/cs.CL}). */
    ARXIV_RSS("arxiv-rss"),
    /** arXiv OAI-PMH {@code ListRecords} pages in {@code arXivRaw} or {@code arXiv} metadata. */
    ARXIV_OAI("arxiv-oai");

    private final String id;

    SourceFormat(String id) {
        this.id = id;
    }

    /** The format's name: {@code trending-page}, {@code arxiv-jsonl}, {@code hf-daily}, {@code arxiv-atom}, {@code arxiv-rss} or {@code arxiv-oai}. */
    public String id() {
        return id;
    }

    /** The format with this name, if any. */
    public static Optional<SourceFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
