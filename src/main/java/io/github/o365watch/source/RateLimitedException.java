package io.github.o365watch.source;

/** The service answered HTTP 429 and o365watch stopped asking rather than hammer it. */
public final class RateLimitedException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    public RateLimitedException(String message) {
        super(message);
    }
}
