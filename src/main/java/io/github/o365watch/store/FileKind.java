package io.github.o365watch.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path names, links followed. A file o365watch writes is replaced by a rename, which would
 * put a regular file in place of a device node or a pipe ({@code /dev/null} as root); so only a
 * regular file, or nothing, is ever replaced, and the callers decide what else to do.
 */
public enum FileKind {
    ABSENT("nothing"),
    REGULAR("a regular file"),
    DIRECTORY("a directory"),
    CHARACTER_DEVICE("a character device"),
    BLOCK_DEVICE("a block device (a disk)"),
    FIFO("a named pipe"),
    SOCKET("a socket"),
    BROKEN_LINK("a link to nothing"),
    OTHER("not a regular file");

    // st_mode's file type bits (POSIX)
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    /** For messages: "a character device". */
    public String description() {
        return description;
    }

    /** True for what a rename may replace: nothing, or a regular file. */
    public boolean replaceable() {
        return this == ABSENT || this == REGULAR;
    }

    /** Devices and pipes: written by opening them, never replaced. */
    public boolean writableThrough() {
        return this == CHARACTER_DEVICE || this == FIFO;
    }

    /** The kind of {@code path}, links followed. */
    public static FileKind of(Path path) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return Files.isSymbolicLink(path)
                    ? BROKEN_LINK
                    : Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? OTHER : ABSENT;
        }
        if (a.isRegularFile()) {
            return REGULAR;
        }
        if (a.isDirectory()) {
            return DIRECTORY;
        }
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode") & S_IFMT;
            return switch (type) {
                case S_IFCHR -> CHARACTER_DEVICE;
                case S_IFBLK -> BLOCK_DEVICE;
                case S_IFIFO -> FIFO;
                case S_IFSOCK -> SOCKET;
                default -> OTHER;
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view: not a regular file, and nothing more is known
            return OTHER;
        }
    }
}
