package io.github.o365watch.render;

/** A target option that the target does not have, a value that does not match, or an override the plan cannot take: a usage error. */
public final class OptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OptionException(String message) {
        super(message);
    }
}
