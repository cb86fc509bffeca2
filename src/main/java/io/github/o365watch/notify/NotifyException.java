package io.github.o365watch.notify;

/** A notification that could not be delivered; never fails the data work of a sync. */
public final class NotifyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotifyException(String message) {
        super(message);
    }

    public NotifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
