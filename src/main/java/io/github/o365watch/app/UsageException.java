package io.github.o365watch.app;

/** The user asked for something that cannot be: an unknown instance, version, service area, option value. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
