package io.github.o365watch.app;

import java.util.List;

/** The safety guard refused a new version (exit 7): the reasons, one sentence each. */
public final class GuardException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> reasons;

    private final List<String> notifyProblems;

    public GuardException(List<String> reasons, List<String> notifyProblems) {
        super("refused by the safety guard, outputs left as they were: " + String.join("; ", reasons)
                + " (review, then run again with --accept-shrink to apply it)");
        this.reasons = List.copyOf(reasons);
        this.notifyProblems = List.copyOf(notifyProblems);
    }

    public List<String> notifyProblems() {
        return notifyProblems;
    }

    public List<String> reasons() {
        return reasons;
    }
}
