package io.github.o365watch.render;

import java.util.List;

/**
 * What a target would write breaks the limits: a listed prefix broader than the guard allows, or
 * a list that no summary fits within its budget. Nothing is written: {@code generate} exits 6,
 * {@code sync} refuses like the guard (exit 7). One reason per prefix or list.
 */
public final class LimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> reasons;

    public LimitException(List<String> reasons) {
        this(reasons, "");
    }

    /** @param advice what the user can change, said once after the reasons */
    public LimitException(List<String> reasons, String advice) {
        super(String.join("; ", reasons) + (advice.isEmpty() ? "" : " (" + advice + ")"));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }

    /** The same reasons, each starting with {@code context}. */
    public LimitException in(String context) {
        return new LimitException(reasons.stream().map(r -> context + r).toList());
    }

    /** The same reasons with what the user can change. */
    public LimitException advising(String advice) {
        return new LimitException(reasons, advice);
    }
}
