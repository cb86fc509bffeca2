package io.github.o365watch.render;

import io.github.o365watch.domain.net.Family;

/** Which address families to output. */
public enum Families {
    BOTH("both"),
    IPV4_ONLY("ipv4"),
    IPV6_ONLY("ipv6");

    private final String id;

    Families(String id) {
        this.id = id;
    }

    /** What the config file's {@code selection.families} says: {@code both}, {@code ipv4} or {@code ipv6}. */
    public String id() {
        return id;
    }

    /** Every id, in order. */
    public static java.util.List<String> ids() {
        return java.util.Arrays.stream(values()).map(Families::id).toList();
    }

    /** By {@link #id()}, ignoring case; empty when it is none of them. */
    public static java.util.Optional<Families> parse(String id) {
        return java.util.Arrays.stream(values())
                .filter(f -> f.id.equalsIgnoreCase(id))
                .findFirst();
    }

    public boolean includes(Family f) {
        return this == BOTH || (f == Family.IPV4 ? this == IPV4_ONLY : this == IPV6_ONLY);
    }
}
