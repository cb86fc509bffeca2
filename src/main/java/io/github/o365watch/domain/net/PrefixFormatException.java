package io.github.o365watch.domain.net;

/** A string that is not a canonical IPv4 or IPv6 prefix; the message says why. */
public final class PrefixFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    PrefixFormatException(String message) {
        super(message);
    }
}
