package io.github.o365watch.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which endpoint sets to keep: by service area, by category, and required ones only. An empty
 * service-area or category set means "all".
 */
public record SetFilter(Set<ServiceArea> serviceAreas, Set<Category> categories, boolean requiredOnly)
        implements Predicate<EndpointSet> {
    public static final SetFilter ALL = new SetFilter(Set.of(), Set.of(), false);

    public SetFilter {
        serviceAreas = Set.copyOf(serviceAreas);
        categories = Set.copyOf(categories);
    }

    @Override
    public boolean test(EndpointSet s) {
        return (serviceAreas.isEmpty() || serviceAreas.contains(s.serviceArea()))
                && (categories.isEmpty() || categories.contains(s.category()))
                && (!requiredOnly || s.required());
    }

    public List<EndpointSet> apply(Snapshot snapshot) {
        return snapshot.sets().stream().filter(this).toList();
    }

    /** The filter in words, e.g. {@code service areas Exchange, Skype; categories Optimize; required only}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!serviceAreas.isEmpty()) {
            parts.add("service areas "
                    + String.join(
                            ", ",
                            new TreeSet<>(
                                    serviceAreas.stream().map(ServiceArea::name).toList())));
        }
        if (!categories.isEmpty()) {
            parts.add("categories "
                    + String.join(
                            ", ",
                            new TreeSet<>(categories)
                                    .stream().map(Category::name).toList()));
        }
        if (requiredOnly) {
            parts.add("required only");
        }
        return parts.isEmpty() ? "all endpoint sets" : String.join("; ", parts);
    }
}
