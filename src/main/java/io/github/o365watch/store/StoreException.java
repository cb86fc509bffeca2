package io.github.o365watch.store;

/** The local store or lock failed: corrupt or edited snapshot, store busy, disk error. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
