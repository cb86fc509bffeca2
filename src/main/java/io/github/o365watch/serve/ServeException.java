package io.github.o365watch.serve;

/** The server cannot start: the address is in use or not ours, the key store does not hold a key. */
public final class ServeException extends RuntimeException {
    public ServeException(String message, Throwable cause) {
        super(message, cause);
    }

    public ServeException(String message) {
        super(message);
    }
}
