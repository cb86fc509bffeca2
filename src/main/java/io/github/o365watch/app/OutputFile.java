package io.github.o365watch.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one file a command writes where {@code --out} says. A directory there is not a file name:
 * it gets the file's default name, or is refused before any work is done; never a temporary
 * file written beside it and a rename that fails.
 */
public final class OutputFile {
    private OutputFile() {}

    /** {@code out}, or the file {@code defaultName} in it when it is a directory. */
    public static Path in(Path out, String defaultName) {
        return Files.isDirectory(out) ? out.resolve(defaultName) : out;
    }

    /** {@code out}, which must not be a directory. */
    public static Path file(Path out, String option) {
        if (Files.isDirectory(out)) {
            throw new UsageException(option + " " + out + " is a directory; give the name of a file to write");
        }
        return out;
    }
}
