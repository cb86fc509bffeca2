package io.github.o365watch.render;

import java.util.Optional;

/** A template problem: unknown target, broken target.properties or template, missing variable. */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String missingVariable;

    public TemplateException(String message) {
        super(message);
        this.missingVariable = null;
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
        this.missingVariable = null;
    }

    /** A template names {@code variable}, which the view does not have. */
    public TemplateException(String message, String variable, Throwable cause) {
        super(message, cause);
        this.missingVariable = variable;
    }

    /** The variable a template names and the view does not have, when that is the problem. */
    public Optional<String> missingVariable() {
        return Optional.ofNullable(missingVariable);
    }
}
