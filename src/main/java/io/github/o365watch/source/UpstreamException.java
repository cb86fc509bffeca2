package io.github.o365watch.source;

/** The upstream (web service or mirror) could not be reached or refused the request. */
public class UpstreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UpstreamException(String message) {
        super(message);
    }

    public UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
