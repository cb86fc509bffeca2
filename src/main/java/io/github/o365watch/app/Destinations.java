package io.github.o365watch.app;

import io.github.o365watch.store.AtomicFiles;
import io.github.o365watch.store.FileKind;
import java.nio.file.Path;
import java.util.Set;

/**
 * Files a person names on the command line for a report ({@code --out}, {@code --feed}). A report
 * replaces a regular file atomically (through a link, the file it names), is written into a
 * character device or a named pipe ({@code /dev/null}, {@code >(gzip > r.gz)}), and is refused
 * anywhere else: the rename that makes a write atomic would put a regular file in place of a
 * device node, which as root breaks the machine until it reboots.
 */
public final class Destinations {
    /** Names of the process's standard output: what a rename or a reopen would get wrong, so the command prints instead. */
    private static final Set<String> STDOUT = Set.of("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1");

    private static final Set<String> STDERR = Set.of("/dev/stderr", "/dev/fd/2", "/proc/self/fd/2");

    private Destinations() {}

    /** True for {@code -} and the names of standard output: the command prints the report. */
    public static boolean isStandardOutput(Path p) {
        return STDOUT.contains(p.toString());
    }

    /** True for the names of standard error: the command prints the report there. */
    public static boolean isStandardError(Path p) {
        return STDERR.contains(p.toString());
    }

    /**
     * Writes a report where {@code option} names: replaced atomically when it is a regular file
     * or nothing yet, written through when it is a character device or a named pipe, refused
     * (a usage error, nothing written) otherwise.
     */
    public static void writeReport(String option, Path out, byte[] content) {
        if (checkReport(option, out).writableThrough()) {
            AtomicFiles.writeThrough(out, content);
        } else {
            AtomicFiles.write(out, content);
        }
    }

    /** Refuses, before anything is written, a place a report cannot go (see {@link #writeReport}); returns what it is. */
    public static FileKind checkReport(String option, Path out) {
        FileKind kind = FileKind.of(out);
        if (!kind.writableThrough() && !kind.replaceable()) {
            throw new UsageException(option + " " + out + ": " + kind.description()
                    + "; a report goes to a regular file, a character device"
                    + " such as /dev/null, a named pipe, or standard output (" + option + " -)");
        }
        return kind;
    }

    /** The feed is read and rewritten as a whole: only a regular file, or nothing yet, can be one. */
    public static void checkFeed(String option, Path feed) {
        if (isStandardOutput(feed) || isStandardError(feed)) {
            throw new UsageException(
                    option + " " + feed + ": the feed is a file that each run reads and extends; standard output"
                            + " cannot be one (write the report there with --out -)");
        }
        FileKind kind = FileKind.of(feed);
        if (!kind.replaceable()) {
            throw new UsageException(
                    option + " " + feed + ": " + kind.description() + "; the feed is a file that each run reads and"
                            + " extends, so it must be a regular file (or not exist yet)");
        }
    }
}
