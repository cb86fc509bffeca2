package io.github.o365watch.render;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.PortSet;

/**
 * A local entry: one to add (with its category and ports) or one to exclude (a prefix
 * subtracts its address space from every output; a hostname pattern removes the names it
 * covers). Every override carries the comment that says why.
 */
public record LocalEntry(Entry entry, Category category, PortSet tcp, PortSet udp, String comment) {
    /** The comment the site's held removals carry (app.Holds), never an overrides file's. */
    public static final String HELD = "held: ";

    /** True for an entry Microsoft no longer lists that the site holds, not one of the overrides file. */
    public boolean held() {
        return comment.startsWith(HELD);
    }
}
