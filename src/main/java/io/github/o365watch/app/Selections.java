package io.github.o365watch.app;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.SetFilter;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.store.StoredVersion;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns what the user typed (service names, categories, versions) into checked values. */
public final class Selections {
    /** The category that selects every category, known or not. */
    public static final String ALL_CATEGORIES = "all";

    private Selections() {}

    /** What {@code --category} and {@code selection.categories} take: Microsoft's categories, and all. */
    public static List<String> categoryChoices() {
        List<String> out = new java.util.ArrayList<>(Category.knownNames());
        out.add(ALL_CATEGORIES);
        return List.copyOf(out);
    }

    /**
     * Nothing is stored for {@code instance}: a usage error when it is a name no store and no
     * service has (a typo), else the site's "nothing is stored" naming store and what fills it.
     */
    public static RuntimeException nothingStored(Workspace ws, Instance instance) {
        InstanceSelection.known(instance, ws.store().instances());
        return ws.site().nothingStored(instance);
    }

    /** The stored version asked for, or the newest; "nothing is stored" names the site's store and what fills it. */
    public static StoredVersion version(Workspace ws, Instance instance, String asked) {
        List<StoredVersion> all = ws.store().versions(instance);
        if (all.isEmpty()) {
            throw nothingStored(ws, instance);
        }
        if (asked == null || asked.isBlank() || asked.equalsIgnoreCase("latest")) {
            return all.get(all.size() - 1);
        }
        Version v;
        try {
            v = Version.parse(asked);
        } catch (InvalidDataException e) {
            throw UsageException.commandLine("--version: " + e.getMessage());
        }
        return all.stream()
                .filter(s -> s.version().equals(v))
                .findFirst()
                .orElseThrow(
                        () -> UsageException.commandLine("version " + v + " of " + instance + " is not stored; stored: "
                                + all.stream().map(s -> s.version().value()).collect(Collectors.joining(", "))));
    }

    /** A filter from service names and category names (case-insensitive; "all" for every category). */
    public static SetFilter filter(
            List<String> services, List<String> categories, boolean requiredOnly, Snapshot known) {
        Set<ServiceArea> present = new TreeSet<>();
        known.sets().forEach(s -> present.add(s.serviceArea()));
        Set<ServiceArea> areas = new LinkedHashSet<>();
        for (String s : services) {
            ServiceArea a = match(s, present);
            areas.add(a);
        }
        if (categories.stream().anyMatch(c -> c.equalsIgnoreCase(ALL_CATEGORIES))) {
            return new SetFilter(areas, Set.of(), requiredOnly);
        }
        Set<Category> presentCategories = new TreeSet<>();
        known.sets().forEach(s -> presentCategories.add(s.category()));
        Set<Category> cats = new LinkedHashSet<>();
        for (String c : categories) {
            cats.add(category(c, presentCategories));
        }
        return new SetFilter(areas, cats, requiredOnly);
    }

    /** A known category, or one this version carries that o365watch does not know yet. */
    private static Category category(String asked, Set<Category> present) {
        for (Category c : present) {
            if (c.name().equalsIgnoreCase(asked.strip())) {
                return c;
            }
        }
        try {
            Category c = Category.parse(asked);
            if (c.known() || present.contains(c)) {
                return c;
            }
        } catch (InvalidDataException e) {
            // fall through to the message below
        }
        throw UsageException.commandLine("--category: unknown category '" + asked + "'; use "
                + io.github.o365watch.text.Alternatives.of(categoryChoices())
                + (present.stream().anyMatch(c -> !c.known())
                        ? " (this version also has "
                                + present.stream()
                                        .filter(c -> !c.known())
                                        .map(Category::name)
                                        .collect(Collectors.joining(", "))
                                + ")"
                        : ""));
    }

    private static ServiceArea match(String asked, Set<ServiceArea> present) {
        String a = asked.strip().toLowerCase(Locale.ROOT);
        for (ServiceArea s : present) {
            if (s.name().toLowerCase(Locale.ROOT).equals(a)) {
                return s;
            }
        }
        try {
            ServiceArea parsed = ServiceArea.parse(asked);
            if (parsed.known()) {
                return parsed; // a real area this version happens not to list
            }
        } catch (InvalidDataException e) {
            // fall through to the message below
        }
        throw UsageException.commandLine("--service: unknown service area '" + asked + "'; this version has "
                + present.stream().map(ServiceArea::name).collect(Collectors.joining(", ")));
    }
}
