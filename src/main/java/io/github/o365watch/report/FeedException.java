package io.github.o365watch.report;

/** An existing feed file that o365watch cannot extend (not RSS, or not readable). */
public final class FeedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
