package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;

/**
 * Watches the pipeline for metrics: told of every classification and every dead letter. Called on
 * stream threads in the hot path, so implementations must be quick and must not throw.
 */
public interface PipelineObserver {

    /** Watches nothing. */
    PipelineObserver NONE = new PipelineObserver() {};

    /** A new or revised paper was classified, which took {@code nanos}. */
    default void classified(ClassifiedPaper paper, long nanos) {}

    /** A record went to the dead-letter topic from {@code stage} ({@link DeadLetters#STAGE_HEADER}). */
    default void deadLettered(String stage) {}
}
