package io.github.o365watch.source;

/** A bad source setting (URL, proxy, CA bundle, client request id): a usage error. */
public final class SourceConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SourceConfigException(String message) {
        super(message);
    }

    public SourceConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
