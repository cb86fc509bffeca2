package io.github.o365watch.diff;

import io.github.o365watch.domain.Impact;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An element change joined to the change record that announced it: Microsoft's change id, the
 * impact and, for additions, the date from which the addition carries traffic.
 */
public record Notice(ElementChange change, int recordId, Optional<Impact> impact, Optional<LocalDate> effectiveDate) {

    /** An addition whose effective date is after {@code today}: it must be in place by then. */
    public boolean pendingOn(LocalDate today) {
        return change.direction() == ElementChange.Direction.ADDED
                && effectiveDate.map(d -> d.isAfter(today)).orElse(false);
    }
}
