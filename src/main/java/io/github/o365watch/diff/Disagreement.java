package io.github.o365watch.diff;

import java.util.Optional;

/**
 * A difference between what the snapshots show and what Microsoft's change records say.
 *
 * @param subject what, e.g. {@code IPv4 52.112.0.0/14 added}, {@code category Default -> Allow}
 * @param recordId the record that announced it (for an announced change the snapshots lack)
 */
public record Disagreement(Kind kind, int setId, String subject, Optional<Integer> recordId) {

    public enum Kind {
        /** Microsoft announced it; the snapshots do not show it. */
        ANNOUNCED_NOT_SEEN,
        /** The snapshots show it; no record announced it. */
        UNANNOUNCED
    }
}
