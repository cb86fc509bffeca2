package io.github.o365watch.source;

import com.google.common.net.InternetDomainName;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.RawEndpointSet;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.SpecialPurpose;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a published version may hold beyond its grammar, checked at the border before anything is
 * stored: no more endpoint sets, prefixes and hostnames than {@link #MAX_SETS}, {@link #MAX_PREFIXES}
 * and {@link #MAX_HOSTNAMES} (so the work a version causes is bounded), no special-purpose address
 * space ({@link SpecialPurpose}), and no wildcard over a public suffix ({@code *.com},
 * {@code *.co.uk}), judged by the ICANN section of the Public Suffix List that Guava carries.
 */
public final class FeedRules {
    /** Far above Microsoft's lists: at most 125 sets, 2,142 prefixes and 570 hostnames in any version of the fixtures. */
    public static final int MAX_SETS = 20_000;

    public static final int MAX_PREFIXES = 200_000;
    public static final int MAX_HOSTNAMES = 100_000;

    private FeedRules() {}

    /** Refuses a response with more sets, prefixes or hostnames than a version may hold; before anything is parsed. */
    static void checkSize(RawEndpointSet[] raw, String what) {
        long prefixes = 0;
        long hostnames = 0;
        for (RawEndpointSet r : raw) {
            if (r != null) {
                prefixes += r.ips() == null ? 0 : r.ips().size();
                hostnames += r.urls() == null ? 0 : r.urls().size();
            }
        }
        tooMany(what, raw.length, MAX_SETS, "endpoint sets", "125");
        tooMany(what, prefixes, MAX_PREFIXES, "prefixes", "2,142");
        tooMany(what, hostnames, MAX_HOSTNAMES, "hostnames", "570");
    }

    private static void tooMany(String what, long n, int max, String things, String real) {
        if (n > max) {
            throw new InvalidDataException(String.format(
                    Locale.ROOT,
                    "%s: lists %,d %s, more than the %,d o365watch accepts in one"
                            + " version (Microsoft's lists have held at most %s); nothing stored",
                    what,
                    n,
                    things,
                    max,
                    real));
        }
    }

    /** Refuses special-purpose address space and wildcards over a public suffix; names the first and counts the rest. */
    static void check(Snapshot snapshot, String what) {
        List<String> problems = new ArrayList<>();
        for (EndpointSet s : snapshot.sets()) {
            for (IpPrefix p : s.ips()) {
                SpecialPurpose.overlapping(p)
                        .ifPresent(b -> problems.add(
                                "endpoint set " + s.id() + ": ips: " + p + " is special-purpose address space, "
                                        + b.describe() + ", which no Microsoft 365 endpoint is in"));
            }
            for (HostPattern h : s.urls()) {
                publicSuffixWildcard(h).ifPresent(why -> problems.add("endpoint set " + s.id() + ": urls: " + why));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDataException(what + ": " + problems.get(0)
                    + (problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more)") + "; nothing stored");
        }
    }

    /**
     * Why a pattern's wildcard reaches into a public suffix: the labels after the one holding the
     * last {@code *} must be under a registry suffix ({@code office.com} is, {@code com} and
     * {@code co.uk} are not), otherwise the pattern matches names anyone can register. Suffixes in
     * the list's private section ({@code blob.core.windows.net}, Microsoft's own) are not registry
     * suffixes: Microsoft lists {@code *.blob.core.windows.net} itself.
     */
    public static Optional<String> publicSuffixWildcard(HostPattern h) {
        if (!h.isWildcard()) {
            return Optional.empty();
        }
        String p = h.pattern();
        String tail = h.fixedSuffix().orElseThrow();
        InternetDomainName domain;
        try {
            domain = InternetDomainName.from(tail);
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + p + "' is a wildcard over " + tail
                    + ", which is no domain name the Public Suffix List can place");
        }
        if (domain.isUnderRegistrySuffix()) {
            return Optional.empty();
        }
        return Optional.of("'" + p + "' is a wildcard over "
                + (domain.isRegistrySuffix() ? "the public suffix " + tail : tail + ", which is under no public suffix")
                + " (Public Suffix List, ICANN section): it matches names anyone can register");
    }
}
