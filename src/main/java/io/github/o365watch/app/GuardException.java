package io.github.o365watch.app;

import java.util.ArrayList;
import java.util.List;

/**
 * The safety guard refused a new version (exit 7): the reasons, one sentence each. A version that
 * shrinks is applied with {@code --accept-shrink} after a review; outputs that would break the
 * limits (a prefix broader than the guard allows, a list no summary fits) are not, whatever the
 * flags: the config or the overrides file must change; nor are lists no Microsoft 365 endpoint
 * has (special-purpose address space, most of the port range), which a later version must correct.
 */
public final class GuardException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> reasons;

    private final List<String> notifyProblems;

    /**
     * @param shrinks what --accept-shrink would apply
     * @param choices what happens next to a shrinking version and what the user can do
     * @param limits  what no flag lifts
     */
    public GuardException(List<String> shrinks, String choices, List<String> limits, List<String> notifyProblems) {
        this(shrinks, choices, limits, List.of(), notifyProblems);
    }

    /** @param unsafe lists no Microsoft 365 endpoint has, which no flag or setting lets through */
    public GuardException(
            List<String> shrinks,
            String choices,
            List<String> limits,
            List<String> unsafe,
            List<String> notifyProblems) {
        super(message(shrinks, choices, limits, unsafe));
        List<String> all = new ArrayList<>(unsafe);
        all.addAll(shrinks);
        all.addAll(limits);
        this.reasons = List.copyOf(all);
        this.notifyProblems = List.copyOf(notifyProblems);
    }

    private static String message(List<String> shrinks, String choices, List<String> limits, List<String> unsafe) {
        List<String> parts = new ArrayList<>();
        if (!unsafe.isEmpty()) {
            parts.add(String.join("; ", unsafe)
                    + " (no Microsoft 365 endpoint is there: refused whatever the flags and settings;"
                    + " a corrected copy or the next version is applied without one)");
        }
        if (!shrinks.isEmpty()) {
            parts.add(String.join("; ", shrinks) + " (" + choices + ")");
        }
        if (!limits.isEmpty()) {
            parts.add(String.join("; ", limits)
                    + " (the limits of the config file: a target's maxEntries and maxExtraPercent,"
                    + " guard.minIpv4PrefixLength and guard.minIpv6PrefixLength, or the overrides file must change; --accept-shrink"
                    + " does not lift them)");
        }
        return "refused by the safety guard, outputs left as they were: " + String.join("; ", parts);
    }

    public List<String> notifyProblems() {
        return notifyProblems;
    }

    public List<String> reasons() {
        return reasons;
    }
}
