package io.github.o365watch.diff;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.PortSet.PortRange;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one version lists, as a firewall and a proxy see it: the address space and hostname
 * patterns of each endpoint set, of the sets at least as trusted as a category, of every set,
 * and which of them each port is opened to. The report's address section and every review flag
 * are computed from two listings, so a prefix re-split or moved between sets is never taken for
 * an address that came or went. Immutable; what only the review needs is computed on first use.
 */
public final class Listing {
    private final List<EndpointSet> sets;
    private final Map<Integer, EndpointSet> byId = new HashMap<>();
    private final PrefixSet all;
    /** trust level -> the space of the sets at least that trusted (computed when asked). */
    private final Map<Integer, PrefixSet> atLeast = new ConcurrentHashMap<>();

    private volatile Index index;

    private Listing(Snapshot s) {
        sets = s.sets();
        List<IpPrefix> ips = new ArrayList<>();
        for (EndpointSet e : sets) {
            byId.put(e.id(), e);
            ips.addAll(e.ips());
        }
        all = PrefixSet.of(ips);
    }

    public static Listing of(Snapshot s) {
        return new Listing(s);
    }

    public Optional<EndpointSet> set(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The endpoint sets, by id. */
    public List<EndpointSet> sets() {
        return sets;
    }

    /** The addresses of every set. */
    public PrefixSet addresses() {
        return all;
    }

    /** The addresses of one set (empty when there is no such set). */
    public PrefixSet addresses(int setId) {
        EndpointSet s = byId.get(setId);
        return s == null ? PrefixSet.EMPTY : PrefixSet.of(s.ips());
    }

    /** The addresses of the sets whose category is at least as trusted as {@code c}. */
    public PrefixSet addressesAtLeast(Category c) {
        return atLeast.computeIfAbsent(c.trust(), trust -> {
            List<IpPrefix> ips = new ArrayList<>();
            sets.stream().filter(s -> s.category().trust() >= trust).forEach(s -> ips.addAll(s.ips()));
            return PrefixSet.of(ips);
        });
    }

    /** True when some set lists a pattern matching every name {@code h} matches. */
    public boolean lists(HostPattern h) {
        return !covering(h).isEmpty();
    }

    /** True when some set at least as trusted as {@code c} lists a pattern covering {@code h}. */
    public boolean listsAtLeast(HostPattern h, Category c) {
        return covering(h).stream().anyMatch(s -> s.category().trust() >= c.trust());
    }

    /** The sets that list a pattern matching every name {@code h} matches (a set may appear twice). */
    public List<EndpointSet> covering(HostPattern h) {
        Index x = index();
        String p = h.pattern();
        List<EndpointSet> out = new ArrayList<>(x.byPattern.getOrDefault(p, List.of()));
        // *.d matches exactly the names (and patterns) that end in .d
        for (int i = p.indexOf('.'); i >= 0; i = p.indexOf('.', i + 1)) {
            out.addAll(x.byPattern.getOrDefault("*" + p.substring(i), List.of()));
        }
        for (Map.Entry<HostPattern, EndpointSet> e : x.partial) {
            if (e.getKey().covers(h)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /**
     * {@code r} cut at every boundary of this listing's port ranges of that protocol, so that each
     * piece is either wholly open or wholly closed in every set.
     */
    public List<PortRange> pieces(boolean udp, PortRange r) {
        TreeSet<Integer> cuts = udp ? index().udpCuts : index().tcpCuts;
        List<PortRange> out = new ArrayList<>();
        int start = r.from();
        for (int cut : cuts.subSet(r.from() + 1, r.to() + 1)) {
            out.add(new PortRange(start, cut - 1));
            start = cut;
        }
        out.add(new PortRange(start, r.to()));
        return out;
    }

    /** The addresses of the sets that open every port of {@code piece} (one of {@link #pieces}). */
    public PrefixSet openedTo(boolean udp, PortRange piece) {
        List<IpPrefix> prefixes = new ArrayList<>();
        for (EndpointSet s : sets) {
            if (ports(s, udp).contains(piece.from())) {
                prefixes.addAll(s.ips());
            }
        }
        return PrefixSet.of(prefixes);
    }

    /** True when a set that opens {@code piece} (one of {@link #pieces}) lists a pattern covering {@code h}. */
    public boolean openedTo(boolean udp, PortRange piece, HostPattern h) {
        return covering(h).stream().anyMatch(s -> ports(s, udp).contains(piece.from()));
    }

    static PortSet ports(EndpointSet s, boolean udp) {
        return udp ? s.udpPorts() : s.tcpPorts();
    }

    private Index index() {
        Index x = index;
        if (x == null) {
            x = new Index(sets);
            index = x; // built twice at worst, the same either way
        }
        return x;
    }

    /** Hostname patterns and port boundaries, for the review only. */
    private static final class Index {
        /** pattern -> the sets listing exactly it. */
        final Map<String, List<EndpointSet>> byPattern = new HashMap<>();
        /** Wildcards with a * inside a label ({@code *rtc.officeapps.live.com}), matched one by one: there are few. */
        final List<Map.Entry<HostPattern, EndpointSet>> partial = new ArrayList<>();
        /** Where some set's TCP (UDP) port ranges start or end. */
        final TreeSet<Integer> tcpCuts = new TreeSet<>();

        final TreeSet<Integer> udpCuts = new TreeSet<>();

        Index(List<EndpointSet> sets) {
            for (EndpointSet e : sets) {
                for (HostPattern h : e.urls()) {
                    byPattern
                            .computeIfAbsent(h.pattern(), k -> new ArrayList<>())
                            .add(e);
                    if (h.kind() == HostPattern.Kind.PARTIAL) {
                        partial.add(Map.entry(h, e));
                    }
                }
                for (PortRange x : e.tcpPorts().ranges()) {
                    tcpCuts.add(x.from());
                    tcpCuts.add(x.to() + 1);
                }
                for (PortRange x : e.udpPorts().ranges()) {
                    udpCuts.add(x.from());
                    udpCuts.add(x.to() + 1);
                }
            }
        }
    }

    /** Two listings are equal when they hold the same endpoint sets (the rest is computed from them). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Listing l && l.sets.equals(sets);
    }

    @Override
    public int hashCode() {
        return sets.hashCode();
    }
}
