package io.github.o365watch.inspect;

/** One log line that cannot be read; the message is the reason. Counted and reported, never fatal. */
final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;

    BadLine(String reason) {
        // thrown per bad line, possibly millions of times: no stack trace
        super(reason, null, false, false);
    }
}
