package io.github.o365watch.render;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.ServiceArea;

/**
 * One selected entry with the ports and category of where it comes from: an endpoint set (its
 * id) or a local override (id -1, its comment).
 */
public record Item(
        Entry entry, Category category, PortSet tcp, PortSet udp, int setId, ServiceArea serviceArea, String comment) {

    public boolean fromOverride() {
        return setId < 0;
    }

    /** Where it comes from, for provenance comments: {@code set 11} or {@code override}. */
    public String source() {
        return fromOverride() ? "local override" : "set " + setId;
    }
}
