package io.github.o365watch.domain;

import java.util.List;

/** What a change record did to its endpoint set: Add, Change, Remove (unknown kept as published). */
public record Disposition(String name) {
    public static final Disposition ADD = new Disposition("Add");
    public static final Disposition CHANGE = new Disposition("Change");
    public static final Disposition REMOVE = new Disposition("Remove");
    static final List<String> KNOWN = List.of("Add", "Change", "Remove");

    public static Disposition parse(String raw) {
        return new Disposition(KnownSpellings.canonical("disposition", raw, KNOWN));
    }

    public boolean known() {
        return KnownSpellings.isKnown(name, KNOWN);
    }

    @Override
    public String toString() {
        return name;
    }
}
