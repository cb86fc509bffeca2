package io.github.o365watch.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes a file so that readers see the old content or the new, never a part: a temporary file
 * in the same directory, fsync, rename over the target, fsync of the directory. A rename replaces
 * whatever the name held, so only a regular file (or nothing) is replaced: a link is followed to
 * the file it names, and anything else (a device, a pipe, a directory) is refused, or, through
 * {@link #writeThrough}, opened and written where a person asked for that.
 */
public final class AtomicFiles {
    /** Prefix of temporary files; leftovers of a killed process are removed under the store lock. */
    public static final String TEMP_PREFIX = ".o365watch-tmp-";

    private AtomicFiles() {}

    /**
     * Writes {@code data} to {@code target} atomically, creating parent directories. A link is
     * followed (the file it names is replaced, the link stays); a target that is not a regular file
     * is refused and left as it was.
     */
    public static void write(Path target, byte[] data) {
        FileKind kind = FileKind.of(target);
        if (!kind.replaceable()) {
            throw new StoreException("cannot write " + target + ": it is " + kind.description()
                    + ", and o365watch replaces only regular files");
        }
        if (kind == FileKind.REGULAR && Files.isSymbolicLink(target)) {
            try {
                target = target.toRealPath();
            } catch (IOException e) {
                throw new StoreException("cannot write " + target + ": " + describe(e), e);
            }
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        if (Files.isDirectory(target)) {
            throw new StoreException("cannot write " + target + ": it is a directory");
        }
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
            readableByAll(tmp);
            CrashPoint.at("atomic.temp-created", target);
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                CrashPoint.at("atomic.temp-written", target);
                ch.force(true);
            }
            CrashPoint.at("atomic.temp-synced", target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            CrashPoint.at("atomic.renamed", target);
            syncDirectory(dir);
        } catch (IOException e) {
            throw new StoreException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that is the error to report
                }
            }
        }
    }

    /**
     * Writes {@code data} into a character device or a named pipe by opening it ({@code /dev/null},
     * a terminal, a pipe a shell made for {@code >(...)}): such a name is never replaced.
     */
    public static void writeThrough(Path target, byte[] data) {
        FileKind kind = FileKind.of(target);
        if (!kind.writableThrough()) {
            throw new StoreException("cannot write through " + target + ": it is " + kind.description());
        }
        try (java.io.OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
            out.write(data);
        } catch (IOException e) {
            throw new StoreException("cannot write " + target + ": " + describe(e), e);
        }
    }

    /** Temporary files are created private; what o365watch writes is meant to be read (and committed). */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** True when {@code target} exists and holds exactly {@code data}. */
    public static boolean sameContent(Path target, byte[] data) {
        try {
            return Files.isRegularFile(target)
                    && Files.size(target) == data.length
                    && Arrays.equals(Files.readAllBytes(target), data);
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes temporary files a killed process left in {@code dir} or below it (call under the lock). */
    public static void removeLeftovers(Path dir) {
        removeLeftovers(dir, 3);
    }

    /** As {@link #removeLeftovers(Path)}, {@code depth} levels deep (1: the directory's own files). */
    public static void removeLeftovers(Path dir, int depth) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir, depth)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                // a temporary link (OutputTree's next link) is removed as a link; its release stays
                if (p.getFileName().toString().startsWith(TEMP_PREFIX)
                        && (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                                || Files.isSymbolicLink(p))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StoreException("cannot clean temporary files in " + dir + ": " + describe(e), e);
        }
    }

    static void syncDirectory(Path dir) {
        // directories cannot be opened for writing on every platform; a failed sync is not fatal
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }

    /** Why a file operation failed, as a sentence (never a Java class name). */
    static String describe(Throwable e) {
        return io.github.o365watch.text.Printable.reason(e);
    }
}
