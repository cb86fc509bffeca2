package io.github.o365watch.domain;

/** Data that fails validation: the message names where (endpoint set, change record) and the value. */
public class InvalidDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidDataException(String message) {
        super(message);
    }

    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
