package io.github.o365watch.app;

import java.util.List;

/** The safety guard refused a new version (exit 7): the reasons, one sentence each. */
public final class GuardException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> reasons;

    private final List<String> notifyProblems;

    public GuardException(List<String> reasons, List<String> notifyProblems) {
        this(reasons, notifyProblems, "review, then run again with --accept-shrink to apply it");
    }

    /** @param choices what happens next and what the user can do, after the reasons */
    public GuardException(List<String> reasons, List<String> notifyProblems, String choices) {
        super("refused by the safety guard, outputs left as they were: " + String.join("; ", reasons) + " (" + choices + ")");
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
