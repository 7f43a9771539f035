package io.paperstream.producer.source;

/**
 * One item a {@link PaperReader} yields, in input order: a paper, a bad record it skipped, or (from a poll or a
 * generated replay) a paper's engagement figures on their own.
 */
public sealed interface ReadResult permits PaperRecord, BadRecord, EngagementRecord {

    /** Where the item was read. */
    SourceLocation location();
}
