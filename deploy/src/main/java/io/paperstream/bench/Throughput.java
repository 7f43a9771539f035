package io.paperstream.bench;

/**
 * What a step moved and how fast.
 *
 * @param records the records sent, read or processed
 * @param perSecond records per second, as the step measures its own rate
 */
public record Throughput(long records, double perSecond) {}
