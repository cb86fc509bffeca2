package io.github.o365watch.diff;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything that changed between two versions of one instance, per endpoint set and overall,
 * with what each version lists ({@code before}, {@code after}) for the arithmetic of the review.
 */
public record ChangeSet(
        Instance instance,
        Version from,
        Version to,
        List<SetChange> sets,
        AddressChanges addresses,
        HostChanges hosts,
        Listing before,
        Listing after) {

    public ChangeSet {
        sets = List.copyOf(sets);
    }

    public boolean isEmpty() {
        return sets.isEmpty();
    }

    /** Every element added or removed, sorted by set, direction, type, value. */
    public List<ElementChange> elements() {
        List<ElementChange> out = new ArrayList<>();
        sets.forEach(s -> out.addAll(s.elements()));
        out.sort(null);
        return out;
    }

    public Map<ServiceArea, Counts> byServiceArea() {
        return count(s -> s.latest().serviceArea(), ElementChange::serviceArea);
    }

    public Map<Category, Counts> byCategory() {
        return count(s -> s.latest().category(), ElementChange::category);
    }

    private <K extends Comparable<K>> Map<K, Counts> count(
            Function<SetChange, K> setKey, Function<ElementChange, K> elementKey) {
        Map<K, Counts> out = new TreeMap<>();
        for (SetChange s : sets) {
            Counts c = new Counts(
                    s instanceof SetChange.Added ? 1 : 0,
                    s instanceof SetChange.Removed ? 1 : 0,
                    s instanceof SetChange.Modified ? 1 : 0,
                    0,
                    0);
            out.merge(setKey.apply(s), c, Counts::plus);
            for (ElementChange e : s.elements()) {
                boolean added = e.direction() == ElementChange.Direction.ADDED;
                out.merge(elementKey.apply(e), new Counts(0, 0, 0, added ? 1 : 0, added ? 0 : 1), Counts::plus);
            }
        }
        return out;
    }
}
