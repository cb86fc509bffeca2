package io.github.o365watch.render;

import java.util.List;

/** The local overrides file: entries to add and entries to exclude. */
public record Overrides(List<LocalEntry> add, List<LocalEntry> exclude) {
    public static final Overrides NONE = new Overrides(List.of(), List.of());

    public Overrides {
        add = List.copyOf(add);
        exclude = List.copyOf(exclude);
    }

    public boolean isEmpty() {
        return add.isEmpty() && exclude.isEmpty();
    }
}
