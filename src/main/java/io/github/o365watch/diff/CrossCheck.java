package io.github.o365watch.diff;

import java.util.List;
import java.util.Optional;

/**
 * Snapshots against change records for the range compared.
 *
 * @param unavailable why no cross-check was possible (no records stored for the range)
 */
public record CrossCheck(Optional<String> unavailable, List<Disagreement> disagreements) {

    public List<Disagreement> of(Disagreement.Kind kind) {
        return disagreements.stream().filter(d -> d.kind() == kind).toList();
    }

    public boolean agrees() {
        return unavailable.isEmpty() && disagreements.isEmpty();
    }
}
