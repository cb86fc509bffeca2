package io.github.o365watch.render;

import java.util.Optional;

/** A target option that the target does not have, a value that does not match, or an override the plan cannot take: a usage error. */
public final class OptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A required option not given, for a caller that names options its own way (the config file's {@code options}). */
    public record Missing(String target, String option, String description) {}

    private final transient Missing missing;

    public OptionException(String message) {
        this(message, null);
    }

    private OptionException(String message, Missing missing) {
        super(message);
        this.missing = missing;
    }

    /** {@code target} needs {@code option}: worded for the command line ({@code --option TARGET.NAME=...}). */
    static OptionException missing(String target, String option, String description) {
        return new OptionException(
                "target " + target + " needs --option " + target + "." + option + "=... (" + description + ")",
                new Missing(target, option, description));
    }

    /** The option a target needs and was not given, when that is the mistake. */
    public Optional<Missing> missing() {
        return Optional.ofNullable(missing);
    }
}
