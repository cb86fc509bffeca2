package io.github.o365watch.render;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import java.util.List;

/**
 * The entries a selection picks from one version, with notes for the output header (a tenant
 * substituted offline, what the local overrides did).
 */
public record Selected(Instance instance, Version version, Selection selection, List<Item> items, List<String> notes) {
    public Selected {
        items = List.copyOf(items);
        notes = List.copyOf(notes);
    }
}
