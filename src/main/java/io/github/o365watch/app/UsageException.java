package io.github.o365watch.app;

/**
 * The user asked for something that cannot be: an unknown instance, version, service area, option
 * value; a config file or a named file that cannot be used. Exit 2.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Where the mistake is: it decides the shape of the message (the command line's points to --help). */
    public enum Found {
        /** In the command's options or arguments: reported as picocli reports its own, with the hint to --help. */
        COMMAND_LINE,
        /** In what the command reads: the config file, a file it names, the environment. One line. */
        INPUT
    }

    private final Found found;

    /** A mistake in what the command reads. */
    public UsageException(String message) {
        this(Found.INPUT, message);
    }

    private UsageException(Found found, String message) {
        super(message);
        this.found = found;
    }

    /** A mistake in the command's options or arguments ({@code --tenant: not a tenant name ...}). */
    public static UsageException commandLine(String message) {
        return new UsageException(Found.COMMAND_LINE, message);
    }

    public Found found() {
        return found;
    }
}
