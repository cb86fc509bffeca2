package io.github.o365watch.app;

import io.github.o365watch.domain.Checksums;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * SHA-256 of rendered files on a thread of their own while the caller renders the next ones: the
 * hashes are the same, and on two cores the render no longer waits for them (a fifth of a
 * 10,000-set sync's CPU; the launcher's C1-only JVM hashes without the SHA instructions C2 uses).
 * Handed-in bytes must not change afterwards. Close it to stop the thread.
 */
final class BackgroundHashes implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "o365watch-hashes");
        t.setDaemon(true);
        return t;
    });

    /** The hash, made in the background. */
    Hash sha256(byte[] content) {
        return new Hash(content, thread.submit(() -> Checksums.sha256(content)));
    }

    /** A hash being made; {@link #get} waits for it. */
    static final class Hash {
        private final byte[] content;
        private final Future<String> future;

        private Hash(byte[] content, Future<String> future) {
            this.content = content;
            this.future = future;
        }

        String get() {
            try {
                return future.get();
            } catch (InterruptedException e) {
                // the caller is being stopped; the hash is still owed, so it is made here
                Thread.currentThread().interrupt();
                return Checksums.sha256(content);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw (RuntimeException) e.getCause(); // Checksums.sha256 throws nothing checked
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
