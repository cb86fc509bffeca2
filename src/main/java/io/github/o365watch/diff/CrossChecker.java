package io.github.o365watch.diff;

import io.github.o365watch.diff.Disagreement.Kind;
import io.github.o365watch.diff.ElementChange.Direction;
import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.Disposition;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The cross-check: what the change records announced, netted over the range, against what the
 * lists show changed. Each difference either way is a {@link Disagreement}.
 */
final class CrossChecker {
    private CrossChecker() {}

    /** What the records say, netted over the range: an addition later removed cancels out. */
    private static final class Announced {
        final Map<Integer, PrefixSet> ipsAdded = new TreeMap<>();
        final Map<Integer, PrefixSet> ipsRemoved = new TreeMap<>();
        final Map<Integer, Set<HostPattern>> urlsAdded = new TreeMap<>();
        final Map<Integer, Set<HostPattern>> urlsRemoved = new TreeMap<>();
        final Map<Integer, Map<String, Integer>> attributes = new TreeMap<>();
        final Map<Integer, Integer> setsAdded = new TreeMap<>();
        final Map<Integer, Integer> setsRemoved = new TreeMap<>();
        final Map<Integer, List<ChangeRecord>> bySet = new HashMap<>();

        /** The newest record of a set that announced something overlapping the element. */
        Optional<Integer> announcer(int set, Direction d, Element e) {
            List<ChangeRecord> list = bySet.getOrDefault(set, List.of());
            for (int i = list.size() - 1; i >= 0; i--) {
                ChangeRecord r = list.get(i);
                List<IpPrefix> ips = d == Direction.ADDED
                        ? r.add().map(ChangeRecord.Addition::ips).orElse(List.of())
                        : r.remove().map(ChangeRecord.Removal::ips).orElse(List.of());
                List<HostPattern> urls = d == Direction.ADDED
                        ? r.add().map(ChangeRecord.Addition::urls).orElse(List.of())
                        : r.remove().map(ChangeRecord.Removal::urls).orElse(List.of());
                boolean hit = e instanceof Element.Ip ip
                        ? ips.stream().anyMatch(p -> p.overlaps(ip.prefix()))
                        : e instanceof Element.Url u && urls.contains(u.host());
                if (hit) {
                    return Optional.of(r.id());
                }
            }
            return Optional.empty();
        }

        void record(ChangeRecord r) {
            int set = r.endpointSetId();
            bySet.computeIfAbsent(set, k -> new ArrayList<>()).add(r);
            PrefixSet add = PrefixSet.of(r.add().map(ChangeRecord.Addition::ips).orElse(List.of()));
            PrefixSet remove =
                    PrefixSet.of(r.remove().map(ChangeRecord.Removal::ips).orElse(List.of()));
            // a removal cancels an earlier addition in the range (and the other way round)
            PrefixSet added = ipsAdded.getOrDefault(set, PrefixSet.EMPTY);
            PrefixSet removed = ipsRemoved.getOrDefault(set, PrefixSet.EMPTY);
            PrefixSet newlyRemoved = remove.subtract(added);
            added = added.subtract(remove);
            PrefixSet newlyAdded = add.subtract(removed);
            removed = removed.subtract(add).union(newlyRemoved);
            ipsAdded.put(set, added.union(newlyAdded));
            ipsRemoved.put(set, removed);
            List<HostPattern> addUrls = r.add().map(ChangeRecord.Addition::urls).orElse(List.of());
            List<HostPattern> removeUrls =
                    r.remove().map(ChangeRecord.Removal::urls).orElse(List.of());
            Set<HostPattern> ua = urlsAdded.computeIfAbsent(set, k -> new TreeSet<>());
            Set<HostPattern> ur = urlsRemoved.computeIfAbsent(set, k -> new TreeSet<>());
            for (HostPattern u : removeUrls) {
                if (!ua.remove(u)) {
                    ur.add(u);
                }
            }
            for (HostPattern u : addUrls) {
                if (!ur.remove(u)) {
                    ua.add(u);
                }
            }
            for (String key : r.current().keySet()) {
                attributes.computeIfAbsent(set, k -> new TreeMap<>()).put(key.toLowerCase(Locale.ROOT), r.id());
            }
            if (r.disposition().equals(Disposition.ADD)) {
                setsAdded.put(set, r.id());
                setsRemoved.remove(set);
            } else if (r.disposition().equals(Disposition.REMOVE)) {
                setsRemoved.put(set, r.id());
                setsAdded.remove(set);
            }
        }
    }

    static CrossCheck check(ChangeSet changes, List<ChangeRecord> records) {
        Announced a = new Announced();
        records.forEach(a::record);
        List<Disagreement> out = new ArrayList<>();
        Set<Integer> wholeSets = wholeSets(changes, a, out);
        elements(changes, a, wholeSets, out);
        attributes(changes, a, wholeSets, out);
        out.sort(Comparator.comparing(Disagreement::kind)
                .thenComparingInt(Disagreement::setId)
                .thenComparing(Disagreement::subject));
        return new CrossCheck(Optional.empty(), out);
    }

    /** Addresses and URLs per set and direction: announced but not seen, and seen but not announced. */
    private static void elements(ChangeSet changes, Announced a, Set<Integer> wholeSets, List<Disagreement> out) {
        Map<Integer, List<ElementChange>> bySet = changes.elements().stream()
                .collect(Collectors.groupingBy(ElementChange::setId, TreeMap::new, Collectors.toList()));
        Set<Integer> sets = new TreeSet<>(bySet.keySet());
        sets.addAll(a.ipsAdded.keySet());
        sets.addAll(a.ipsRemoved.keySet());
        sets.addAll(a.urlsAdded.keySet());
        sets.addAll(a.urlsRemoved.keySet());
        for (int set : sets) {
            if (wholeSets.contains(set)) {
                continue; // one line for an unannounced set, not one per element
            }
            List<ElementChange> seen = bySet.getOrDefault(set, List.of());
            PrefixSet was = changes.before().addresses(set);
            PrefixSet is = changes.after().addresses(set);
            for (Direction d : Direction.values()) {
                PrefixSet observed = PrefixSet.of(seen.stream()
                        .filter(e -> e.direction() == d && e.element() instanceof Element.Ip)
                        .map(e -> ((Element.Ip) e.element()).prefix())
                        .toList());
                PrefixSet announced =
                        (d == Direction.ADDED ? a.ipsAdded : a.ipsRemoved).getOrDefault(set, PrefixSet.EMPTY);
                for (IpPrefix p : announced.subtract(observed).prefixes()) {
                    out.add(new Disagreement(
                            Kind.ANNOUNCED_NOT_SEEN,
                            set,
                            label(p) + " " + p + " " + d.label(),
                            a.announcer(set, d, new Element.Ip(p))));
                }
                // what the set gained or lost as address space: a prefix re-split inside the set is no change to
                // announce
                PrefixSet space = d == Direction.ADDED ? is.subtract(was) : was.subtract(is);
                for (IpPrefix p : space.subtract(announced).prefixes()) {
                    out.add(new Disagreement(
                            Kind.UNANNOUNCED, set, label(p) + " " + p + " " + d.label(), Optional.empty()));
                }
                Set<HostPattern> seenUrls = seen.stream()
                        .filter(e -> e.direction() == d && e.element() instanceof Element.Url)
                        .map(e -> ((Element.Url) e.element()).host())
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<HostPattern> saidUrls =
                        (d == Direction.ADDED ? a.urlsAdded : a.urlsRemoved).getOrDefault(set, Set.of());
                for (HostPattern h : saidUrls) {
                    if (!seenUrls.contains(h)) {
                        out.add(new Disagreement(
                                Kind.ANNOUNCED_NOT_SEEN,
                                set,
                                "URL " + h + " " + d.label(),
                                a.announcer(set, d, new Element.Url(h))));
                    }
                }
                for (HostPattern h : seenUrls) {
                    if (!saidUrls.contains(h)) {
                        out.add(new Disagreement(
                                Kind.UNANNOUNCED, set, "URL " + h + " " + d.label(), Optional.empty()));
                    }
                }
            }
        }
    }

    /** Sets added or removed whole against the records' dispositions; returns the sets reported whole. */
    private static Set<Integer> wholeSets(ChangeSet changes, Announced a, List<Disagreement> out) {
        Set<Integer> wholeSets = new TreeSet<>();
        for (SetChange s : changes.sets()) {
            if (s instanceof SetChange.Added && !a.setsAdded.containsKey(s.id())) {
                out.add(new Disagreement(Kind.UNANNOUNCED, s.id(), "endpoint set added", Optional.empty()));
                wholeSets.add(s.id());
            } else if (s instanceof SetChange.Removed && !a.setsRemoved.containsKey(s.id())) {
                out.add(new Disagreement(Kind.UNANNOUNCED, s.id(), "endpoint set removed", Optional.empty()));
                wholeSets.add(s.id());
            }
        }
        Set<Integer> seenAdded = changes.sets().stream()
                .filter(s -> s instanceof SetChange.Added)
                .map(SetChange::id)
                .collect(Collectors.toSet());
        Set<Integer> seenRemoved = changes.sets().stream()
                .filter(s -> s instanceof SetChange.Removed)
                .map(SetChange::id)
                .collect(Collectors.toSet());
        a.setsAdded.forEach((set, id) -> {
            if (!seenAdded.contains(set)) {
                out.add(new Disagreement(Kind.ANNOUNCED_NOT_SEEN, set, "endpoint set added", Optional.of(id)));
            }
        });
        a.setsRemoved.forEach((set, id) -> {
            if (!seenRemoved.contains(set)) {
                out.add(new Disagreement(Kind.ANNOUNCED_NOT_SEEN, set, "endpoint set removed", Optional.of(id)));
            }
        });
        return wholeSets;
    }

    /**
     * Attribute and port changes: each must match a record whose {@code current} names the
     * attribute. Cosmetic attributes (display name, notes) are never a disagreement either way.
     */
    private static void attributes(ChangeSet changes, Announced a, Set<Integer> wholeSets, List<Disagreement> out) {
        Map<Integer, Set<String>> seen = new TreeMap<>();
        for (SetChange s : changes.sets()) {
            if (!(s instanceof SetChange.Modified)) {
                continue;
            }
            for (AttributeChange c : s.attributes()) {
                seen.computeIfAbsent(s.id(), k -> new TreeSet<>()).add(c.name().toLowerCase(Locale.ROOT));
                if (!c.cosmetic()
                        && !a.attributes
                                .getOrDefault(s.id(), Map.of())
                                .containsKey(c.name().toLowerCase(Locale.ROOT))) {
                    out.add(new Disagreement(
                            Kind.UNANNOUNCED,
                            s.id(),
                            c.name() + " " + shortValue(c.before()) + " -> " + shortValue(c.after()),
                            Optional.empty()));
                }
            }
            for (String ports : portAttributes(s)) {
                seen.computeIfAbsent(s.id(), k -> new TreeSet<>()).add(ports.toLowerCase(Locale.ROOT));
                if (!a.attributes.getOrDefault(s.id(), Map.of()).containsKey(ports.toLowerCase(Locale.ROOT))) {
                    EndpointSet from = s.before().orElseThrow();
                    EndpointSet to = s.after().orElseThrow();
                    boolean udp = ports.equals("udpPorts");
                    out.add(new Disagreement(
                            Kind.UNANNOUNCED,
                            s.id(),
                            ports + " " + shortValue((udp ? from.udpPorts() : from.tcpPorts()).toString()) + " -> "
                                    + shortValue((udp ? to.udpPorts() : to.tcpPorts()).toString()),
                            Optional.empty()));
                }
            }
        }
        a.attributes.forEach((set, names) -> names.forEach((name, id) -> {
            if (!AttributeChange.isCosmetic(name)
                    && !wholeSets.contains(set)
                    && !seen.getOrDefault(set, Set.of()).contains(name)
                    && changes.sets().stream().noneMatch(s -> s.id() == set && !(s instanceof SetChange.Modified))) {
                out.add(new Disagreement(Kind.ANNOUNCED_NOT_SEEN, set, name + " changed", Optional.of(id)));
            }
        }));
    }

    private static Set<String> portAttributes(SetChange s) {
        Set<String> out = new LinkedHashSet<>();
        for (ElementChange e : s.elements()) {
            if (e.element() instanceof Element.Port p) {
                out.add(p.udp() ? "udpPorts" : "tcpPorts");
            }
        }
        return out;
    }

    private static String shortValue(String v) {
        String one = v.replaceAll("\\s+", " ").strip();
        if (one.isEmpty()) {
            return "(none)";
        }
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }

    private static String label(IpPrefix p) {
        return p.family() == Family.IPV4 ? "IPv4" : "IPv6";
    }
}
