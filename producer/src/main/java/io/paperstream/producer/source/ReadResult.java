package io.paperstream.producer.source;

/** One item a {@link PaperReader} yields, in input order: a paper, or a bad record it skipped. */
public sealed interface ReadResult permits PaperRecord, BadRecord {

    /** Where the item was read. */
    SourceLocation location();
}
