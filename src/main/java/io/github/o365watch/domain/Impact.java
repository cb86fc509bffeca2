package io.github.o365watch.domain;

import java.util.List;

/** The impact Microsoft gives a change record (unknown values kept as published). */
public record Impact(String name) {
    static final List<String> KNOWN = List.of(
            "AddedIp",
            "AddedUrl",
            "AddedIpAndUrl",
            "AddedSubstituteUrl",
            "RemovedIpOrUrl",
            "ChangedIsExpressRoute",
            "MovedIpOrUrl",
            "RemovedDuplicateIpOrUrl",
            "OtherNonPriorityChanges");

    public static Impact parse(String raw) {
        return new Impact(KnownSpellings.canonical("impact", raw, KNOWN));
    }

    public boolean known() {
        return KnownSpellings.isKnown(name, KNOWN);
    }

    @Override
    public String toString() {
        return name;
    }
}
