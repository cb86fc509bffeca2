package io.github.o365watch.domain;

import java.util.List;

/** A service area (Common, Exchange, SharePoint, Skype, MEM; unknown ones kept as published). */
public record ServiceArea(String name) implements Comparable<ServiceArea> {
    static final List<String> KNOWN = List.of("Common", "Exchange", "SharePoint", "Skype", "MEM");

    /** The service areas this version of o365watch knows by name. */
    public static List<String> knownNames() {
        return KNOWN;
    }

    public static ServiceArea parse(String raw) {
        return new ServiceArea(KnownSpellings.canonical("service area", raw, KNOWN));
    }

    public boolean known() {
        return KnownSpellings.isKnown(name, KNOWN);
    }

    @Override
    public int compareTo(ServiceArea o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
