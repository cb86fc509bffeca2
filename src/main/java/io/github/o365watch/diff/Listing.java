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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What one version lists, as a firewall and a proxy see it: the address space and hostname
 * patterns of each endpoint set, of the sets at least as trusted as a category, of every set,
 * and which of them each port is opened to. The report's address section and every review flag
 * are computed from two listings, so a prefix re-split or moved between sets is never taken for
 * an address that came or went.
 */
public final class Listing {
    private final List<EndpointSet> list;
    private final Map<Integer, EndpointSet> sets;
    private final Map<Integer, PrefixSet> space;
    private final PrefixSet all;
    /** trust level -> the space of the sets at least that trusted. */
    private final TreeMap<Integer, PrefixSet> atLeast;

    private Listing(Snapshot s) {
        list = s.sets();
        sets = new LinkedHashMap<>();
        space = new LinkedHashMap<>();
        Map<Integer, List<PrefixSet>> byTrust = new TreeMap<>();
        for (EndpointSet e : s.sets()) {
            PrefixSet p = PrefixSet.of(e.ips());
            sets.put(e.id(), e);
            space.put(e.id(), p);
            byTrust.computeIfAbsent(e.category().trust(), k -> new ArrayList<>()).add(p);
        }
        atLeast = new TreeMap<>();
        PrefixSet union = PrefixSet.EMPTY;
        // from the most trusted down: each level adds its own sets to the levels above
        for (int trust : new TreeSet<>(byTrust.keySet()).descendingSet()) {
            union = unionAll(union, byTrust.get(trust));
            atLeast.put(trust, union);
        }
        all = union;
    }

    public static Listing of(Snapshot s) {
        return new Listing(s);
    }

    private static PrefixSet unionAll(PrefixSet start, List<PrefixSet> more) {
        List<IpPrefix> prefixes = new ArrayList<>(start.prefixes());
        more.forEach(p -> prefixes.addAll(p.prefixes()));
        return PrefixSet.of(prefixes);
    }

    public Optional<EndpointSet> set(int id) {
        return Optional.ofNullable(sets.get(id));
    }

    /** The endpoint sets, by id. */
    public List<EndpointSet> sets() {
        return list;
    }

    /** The addresses of every set. */
    public PrefixSet addresses() {
        return all;
    }

    /** The addresses of one set (empty when there is no such set). */
    public PrefixSet addresses(int setId) {
        return space.getOrDefault(setId, PrefixSet.EMPTY);
    }

    /** The addresses of the sets whose category is at least as trusted as {@code c}. */
    public PrefixSet addressesAtLeast(Category c) {
        // the least trusted level at or above c's holds every set at least as trusted
        Map.Entry<Integer, PrefixSet> e = atLeast.ceilingEntry(c.trust());
        return e == null ? PrefixSet.EMPTY : e.getValue();
    }

    /** True when some set lists a pattern matching every name {@code h} matches. */
    public boolean lists(HostPattern h) {
        return covering(h, s -> true).isPresent();
    }

    /** True when some set at least as trusted as {@code c} lists a pattern covering {@code h}. */
    public boolean listsAtLeast(HostPattern h, Category c) {
        return covering(h, s -> s.category().trust() >= c.trust()).isPresent();
    }

    private Optional<EndpointSet> covering(HostPattern h, Predicate<EndpointSet> which) {
        for (EndpointSet s : sets.values()) {
            if (which.test(s) && s.urls().stream().anyMatch(u -> u.covers(h))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code r} cut at every boundary of this listing's port ranges of that protocol, so that each
     * piece is either wholly open or wholly closed in every set.
     */
    public List<PortRange> pieces(boolean udp, PortRange r) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (EndpointSet s : sets.values()) {
            for (PortRange x : ports(s, udp).ranges()) {
                cuts.add(x.from());
                cuts.add(x.to() + 1);
            }
        }
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
        for (EndpointSet s : sets.values()) {
            if (ports(s, udp).contains(piece.from())) {
                prefixes.addAll(s.ips());
            }
        }
        return PrefixSet.of(prefixes);
    }

    /** True when a set that opens {@code piece} (one of {@link #pieces}) lists a pattern covering {@code h}. */
    public boolean openedTo(boolean udp, PortRange piece, HostPattern h) {
        return covering(h, s -> ports(s, udp).contains(piece.from())).isPresent();
    }

    static PortSet ports(EndpointSet s, boolean udp) {
        return udp ? s.udpPorts() : s.tcpPorts();
    }

    /** Two listings are equal when they hold the same endpoint sets (the rest is computed from them). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Listing l && l.list.equals(list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }
}
