package io.github.o365watch.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The store's writer lock: an OS file lock on {@code .lock} in the store directory. The OS drops
 * it when the holder dies, so a killed process never leaves a stale lock behind. A second writer
 * waits up to a bound, then fails with a message naming the holder.
 */
public final class WriterLock implements AutoCloseable {
    public static final String FILE_NAME = ".lock";
    private static final long POLL_MILLIS = 100;

    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, waiting at most {@code timeout}; records this process as the holder. */
    public static WriterLock acquire(Path storeDir, Duration timeout, String holder) {
        Path file = storeDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(storeDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the store " + storeDir + ": " + AtomicFiles.describe(e), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // held by this very process (another command in the same JVM)
                }
                if (l != null) {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    ch.force(false);
                    CrashPoint.at("storelock.taken", file);
                    WriterLock taken = new WriterLock(ch, l);
                    ch = null;
                    AtomicFiles.removeLeftovers(storeDir);
                    return taken;
                }
                if (System.nanoTime() >= deadline) {
                    String who = Files.readString(file, StandardCharsets.UTF_8).strip();
                    throw new StoreException("the store " + storeDir + " is busy: another o365watch is writing to it"
                            + (who.isEmpty() ? "" : " (" + who + ")") + "; gave up after " + timeout.toSeconds()
                            + " s");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new StoreException("cannot lock the store " + storeDir + ": " + AtomicFiles.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store lock");
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing was locked
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot release the store lock: " + AtomicFiles.describe(e), e);
        }
    }
}
