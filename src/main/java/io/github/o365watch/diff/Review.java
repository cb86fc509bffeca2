package io.github.o365watch.diff;

import java.time.LocalDate;
import java.util.List;

/**
 * A change set as a security review needs it: each change joined to Microsoft's announcement,
 * what is still pending on {@code today}, the cross-check, and the flags.
 */
public record Review(
        ChangeSet changes,
        LocalDate today,
        ChangeRecords records,
        List<Notice> notices,
        CrossCheck crossCheck,
        List<Flag> flags) {

    /** Additions not yet in effect on {@code today}, soonest first. */
    public List<Notice> pending() {
        return notices.stream()
                .filter(n -> n.pendingOn(today))
                .sorted(java.util.Comparator.comparing(
                                (Notice n) -> n.effectiveDate().orElseThrow())
                        .thenComparing(Notice::change))
                .toList();
    }

    /** Additions whose change record gives no effective date: nobody can say when they carry traffic, so a person reviews them. */
    public List<Notice> undated() {
        return notices.stream()
                .filter(n -> n.change().direction() == ElementChange.Direction.ADDED
                        && n.effectiveDate().isEmpty())
                .sorted(java.util.Comparator.comparing(Notice::change))
                .toList();
    }

    /** The notice for an element change, if a record announced it. */
    public java.util.Optional<Notice> notice(ElementChange change) {
        return notices.stream().filter(n -> n.change().equals(change)).findFirst();
    }
}
