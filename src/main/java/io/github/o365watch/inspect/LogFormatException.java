package io.github.o365watch.inspect;

/** A log that cannot be read as a whole: its format cannot be told, or a CSV header lacks the columns needed. */
public final class LogFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogFormatException(String message) {
        super(message);
    }
}
