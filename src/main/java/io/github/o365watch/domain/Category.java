package io.github.o365watch.domain;

import java.util.List;

/**
 * An endpoint set's category. Microsoft's three are ordered by trust, Optimize &gt; Allow &gt;
 * Default; an unknown category is kept as published and ranks below Default.
 */
public record Category(String name) implements Comparable<Category> {
    public static final Category OPTIMIZE = new Category("Optimize");
    public static final Category ALLOW = new Category("Allow");
    public static final Category DEFAULT = new Category("Default");
    static final List<String> KNOWN = List.of("Optimize", "Allow", "Default");

    /** Microsoft's categories, most trusted first. */
    public static List<String> knownNames() {
        return KNOWN;
    }

    public static Category parse(String raw) {
        return new Category(KnownSpellings.canonical("category", raw, KNOWN));
    }

    public boolean known() {
        return KnownSpellings.isKnown(name, KNOWN);
    }

    /** 3 for Optimize, 2 Allow, 1 Default, 0 unknown. */
    public int trust() {
        int i = KNOWN.indexOf(name);
        return i < 0 ? 0 : KNOWN.size() - i;
    }

    /** Most trusted first, then by name. */
    @Override
    public int compareTo(Category o) {
        int c = Integer.compare(o.trust(), trust());
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
