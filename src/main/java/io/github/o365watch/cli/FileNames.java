package io.github.o365watch.cli;

import io.github.o365watch.app.UsageException;
import io.github.o365watch.store.PathNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * File names from the command line and the working directory, checked before anything is read
 * or written. Without a UTF-8 locale (cron, systemd) a name outside ASCII either fails to convert
 * or, for the working directory, silently becomes another directory's name ({@code r??seau ops}):
 * both are usage errors (see {@link PathNames}).
 */
final class FileNames {
    private FileNames() {}

    /**
     * The working directory's name as the JVM decoded it: relative paths resolve against that
     * name, so a name it could not decode would send every write to a directory of the mangled name.
     */
    static void checkWorkingDirectory() {
        if (PathNames.undecodable(System.getProperty("user.dir", ""))) {
            throw new UsageException("the working directory's name cannot be read: " + PathNames.advice()
                    + "; or run from a directory with an ASCII name and give absolute paths");
        }
    }

    /** A conversion failure: the option and why, in the shape of every command-line mistake (ExitCodes.usage). */
    static final class Invalid extends CommandLine.TypeConversionException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** Picocli's converter for {@code Path} options. */
    static Path path(String value) {
        try {
            if (PathNames.undecodable(value)) {
                throw new InvalidPathException(value, "undecodable");
            }
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new Invalid(PathNames.describe(e));
        }
    }
}
