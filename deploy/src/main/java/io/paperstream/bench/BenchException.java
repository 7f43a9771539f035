package io.paperstream.bench;

/** A benchmark step that could not run or did not finish: one sentence saying which and why. */
public final class BenchException extends RuntimeException {

    public BenchException(String message) {
        super(message);
    }
}
