package io.github.o365watch.render;

import io.github.o365watch.domain.net.Family;

/** Which address families to output. */
public enum Families {
    BOTH,
    IPV4_ONLY,
    IPV6_ONLY;

    public boolean includes(Family f) {
        return this == BOTH || (f == Family.IPV4 ? this == IPV4_ONLY : this == IPV6_ONLY);
    }
}
