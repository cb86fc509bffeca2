package io.github.o365watch.store;

import io.github.o365watch.text.Printable;
import java.nio.file.InvalidPathException;

/**
 * Why a path is no file name here, in one line. Java reads and writes file names in the locale's
 * character set ({@code sun.jnu.encoding}); cron and systemd give jobs no locale, which makes it
 * ASCII, and a name such as {@code réseau ops} cannot be written in it. Everything that turns text
 * into a path explains a failure with {@link #describe}.
 */
public final class PathNames {
    private PathNames() {}

    /** The character set the JVM uses for file names. */
    public static String encoding() {
        return System.getProperty("sun.jnu.encoding", "unknown");
    }

    private static boolean utf8() {
        return encoding().replace("-", "").equalsIgnoreCase("UTF8");
    }

    /** What to do about a name this locale cannot hold. */
    public static String advice() {
        return "Java reads file names here as " + encoding() + ", which cannot hold it; run with a UTF-8 locale"
                + " (LC_ALL=C.UTF-8: bin/o365watch sets it when there is none, as under cron and systemd)";
    }

    /**
     * True when {@code text} holds U+FFFD, what the JVM makes of bytes it could not decode (an
     * argument or directory name outside the locale's character set): a file name made of it would
     * name another file.
     */
    public static boolean undecodable(String text) {
        return text.indexOf('\uFFFD') >= 0;
    }

    /** One line for a path that is no file name here. */
    public static String describe(InvalidPathException e) {
        String input = Printable.of(e.getInput());
        if (undecodable(e.getInput()) || !utf8() && !e.getInput().chars().allMatch(c -> c < 0x80)) {
            return "'" + input + "' cannot be a file name: " + advice();
        }
        return "'" + input + "' is not a file name: " + e.getReason();
    }
}
