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
        return new Snapshot(instance, version, sets);
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
