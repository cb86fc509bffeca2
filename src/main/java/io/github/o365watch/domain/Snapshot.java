package io.github.o365watch.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The endpoint sets of one instance at one data version, sorted by id, ids unique. */
public record Snapshot(Instance instance, Version version, List<EndpointSet> sets) {

    public Snapshot {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(version, "version");
        List<EndpointSet> sorted = new ArrayList<>(sets);
        sorted.sort(Comparator.comparingInt(EndpointSet::id));
        Set<Integer> seen = new HashSet<>();
        for (EndpointSet s : sorted) {
            if (!seen.add(s.id())) {
                throw new InvalidDataException("endpoint set " + s.id() + " appears more than once");
            }
        }
        sets = List.copyOf(sorted);
    }

    /** Validates every raw set; the first problem is thrown. */
    public static Snapshot parse(Instance instance, Version version, List<RawEndpointSet> raw) {
        if (raw == null) {
            throw new InvalidDataException("no endpoint sets (null)");
        }
        List<EndpointSet> sets = new ArrayList<>(raw.size());
        for (RawEndpointSet r : raw) {
            sets.add(EndpointSet.parse(r));
        }
        sameButCase(sets, "categories", s -> s.category().name());
        sameButCase(sets, "service areas", s -> s.serviceArea().name());
        return new Snapshot(instance, version, sets);
    }

    /**
     * Outputs name files and objects after categories ({@code o365-foo-ipv4.txt}), and users name
     * categories and service areas in any case: two that differ only in case would share a name
     * and one would silently take the other's entries.
     */
    private static void sameButCase(
            List<EndpointSet> sets, String what, java.util.function.Function<EndpointSet, String> name) {
        java.util.Map<String, EndpointSet> seen = new java.util.HashMap<>();
        for (EndpointSet s : sets) {
            EndpointSet other = seen.putIfAbsent(name.apply(s).toLowerCase(java.util.Locale.ROOT), s);
            if (other != null && !name.apply(other).equals(name.apply(s))) {
                throw new InvalidDataException(
                        what + " '" + name.apply(other) + "' (endpoint set " + other.id() + ") and '"
                                + name.apply(s) + "' (endpoint set " + s.id()
                                + ") differ only in case: they would share the names"
                                + " outputs give them");
            }
        }
    }

    public Optional<EndpointSet> set(int id) {
        return sets.stream().filter(s -> s.id() == id).findFirst();
    }

    /** Unknown categories and service areas, each as a sentence for a warning. */
    public List<String> unknownValues() {
        List<String> out = new ArrayList<>();
        for (EndpointSet s : sets) {
            out.addAll(s.unknownValues());
        }
        return out;
    }
}
