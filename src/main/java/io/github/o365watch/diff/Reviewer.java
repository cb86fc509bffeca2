package io.github.o365watch.diff;

import io.github.o365watch.diff.Disagreement.Kind;
import io.github.o365watch.diff.ElementChange.Direction;
import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.Disposition;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSet;
import java.text.NumberFormat;
import java.time.LocalDate;
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

/** Builds a {@link Review}: joins, cross-check and flags. Pure; {@code today} is given. */
public final class Reviewer {
    private Reviewer() {}

    public static Review review(ChangeSet changes, ChangeRecords records, LocalDate today, Thresholds thresholds) {
        List<Notice> notices = notices(changes, records.records());
        CrossCheck check = records.available() ? crossCheck(changes, records.records())
                : new CrossCheck(records.unavailable(), List.of());
        List<Flag> flags = flags(changes, check, thresholds);
        return new Review(changes, today, records, notices, check, flags);
    }

    // ---- joining elements to the records that announced them

    private static List<Notice> notices(ChangeSet changes, List<ChangeRecord> records) {
        List<Notice> out = new ArrayList<>();
        for (ElementChange e : changes.elements()) {
            // the newest record wins when several mention the element
            for (int i = records.size() - 1; i >= 0; i--) {
                ChangeRecord r = records.get(i);
                if (r.endpointSetId() == e.setId() && announces(r, e)) {
                    out.add(new Notice(e, r.id(), r.impact(),
                            e.direction() == Direction.ADDED ? r.add().flatMap(ChangeRecord.Addition::effectiveDate) : Optional.empty()));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean announces(ChangeRecord r, ElementChange e) {
        if (e.direction() == Direction.ADDED) {
            return r.add().map(a -> covers(a.ips(), a.urls(), e.element())).orElse(false);
        }
        return r.remove().map(x -> covers(x.ips(), x.urls(), e.element())).orElse(false);
    }

    private static boolean covers(List<IpPrefix> ips, List<HostPattern> urls, Element element) {
        if (element instanceof Element.Ip ip) {
            return ips.stream().anyMatch(p -> p.contains(ip.prefix()));
        }
        if (element instanceof Element.Url url) {
            return urls.contains(url.host());
        }
        return false;
    }

    // ---- cross-check

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
                List<IpPrefix> ips = d == Direction.ADDED ? r.add().map(ChangeRecord.Addition::ips).orElse(List.of())
                        : r.remove().map(ChangeRecord.Removal::ips).orElse(List.of());
                List<HostPattern> urls = d == Direction.ADDED ? r.add().map(ChangeRecord.Addition::urls).orElse(List.of())
                        : r.remove().map(ChangeRecord.Removal::urls).orElse(List.of());
                boolean hit = e instanceof Element.Ip ip ? ips.stream().anyMatch(p -> p.overlaps(ip.prefix()))
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
            PrefixSet remove = PrefixSet.of(r.remove().map(ChangeRecord.Removal::ips).orElse(List.of()));
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
            List<HostPattern> removeUrls = r.remove().map(ChangeRecord.Removal::urls).orElse(List.of());
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

    private static CrossCheck crossCheck(ChangeSet changes, List<ChangeRecord> records) {
        Announced a = new Announced();
        records.forEach(a::record);
        List<Disagreement> out = new ArrayList<>();
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
        Set<Integer> seenAdded = changes.sets().stream().filter(s -> s instanceof SetChange.Added).map(SetChange::id)
                .collect(Collectors.toSet());
        Set<Integer> seenRemoved = changes.sets().stream().filter(s -> s instanceof SetChange.Removed).map(SetChange::id)
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
            for (Direction d : Direction.values()) {
                PrefixSet observed = PrefixSet.of(seen.stream().filter(e -> e.direction() == d && e.element() instanceof Element.Ip)
                        .map(e -> ((Element.Ip) e.element()).prefix()).toList());
                PrefixSet announced = (d == Direction.ADDED ? a.ipsAdded : a.ipsRemoved).getOrDefault(set, PrefixSet.EMPTY);
                for (IpPrefix p : announced.subtract(observed).prefixes()) {
                    out.add(new Disagreement(Kind.ANNOUNCED_NOT_SEEN, set, label(p) + " " + p + " " + d.label(),
                            a.announcer(set, d, new Element.Ip(p))));
                }
                for (IpPrefix p : observed.subtract(announced).prefixes()) {
                    out.add(new Disagreement(Kind.UNANNOUNCED, set, label(p) + " " + p + " " + d.label(), Optional.empty()));
                }
                Set<HostPattern> seenUrls = seen.stream().filter(e -> e.direction() == d && e.element() instanceof Element.Url)
                        .map(e -> ((Element.Url) e.element()).host()).collect(Collectors.toCollection(TreeSet::new));
                Set<HostPattern> saidUrls = (d == Direction.ADDED ? a.urlsAdded : a.urlsRemoved).getOrDefault(set, Set.of());
                for (HostPattern h : saidUrls) {
                    if (!seenUrls.contains(h)) {
                        out.add(new Disagreement(Kind.ANNOUNCED_NOT_SEEN, set, "URL " + h + " " + d.label(),
                                a.announcer(set, d, new Element.Url(h))));
                    }
                }
                for (HostPattern h : seenUrls) {
                    if (!saidUrls.contains(h)) {
                        out.add(new Disagreement(Kind.UNANNOUNCED, set, "URL " + h + " " + d.label(), Optional.empty()));
                    }
                }
            }
        }
        attributes(changes, a, wholeSets, out);
        out.sort(Comparator.comparing(Disagreement::kind).thenComparingInt(Disagreement::setId).thenComparing(Disagreement::subject));
        return new CrossCheck(Optional.empty(), out);
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
                if (!c.cosmetic() && !a.attributes.getOrDefault(s.id(), Map.of()).containsKey(c.name().toLowerCase(Locale.ROOT))) {
                    out.add(new Disagreement(Kind.UNANNOUNCED, s.id(), c.name() + " " + shortValue(c.before()) + " -> "
                            + shortValue(c.after()), Optional.empty()));
                }
            }
            for (String ports : portAttributes(s)) {
                seen.computeIfAbsent(s.id(), k -> new TreeSet<>()).add(ports.toLowerCase(Locale.ROOT));
                if (!a.attributes.getOrDefault(s.id(), Map.of()).containsKey(ports.toLowerCase(Locale.ROOT))) {
                    EndpointSet from = s.before().orElseThrow();
                    EndpointSet to = s.after().orElseThrow();
                    boolean udp = ports.equals("udpPorts");
                    out.add(new Disagreement(Kind.UNANNOUNCED, s.id(), ports + " " + shortValue((udp ? from.udpPorts() : from.tcpPorts()).toString())
                            + " -> " + shortValue((udp ? to.udpPorts() : to.tcpPorts()).toString()), Optional.empty()));
                }
            }
        }
        a.attributes.forEach((set, names) -> names.forEach((name, id) -> {
            if (!AttributeChange.isCosmetic(name) && !wholeSets.contains(set) && !seen.getOrDefault(set, Set.of()).contains(name)
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

    // ---- flags

    private static List<Flag> flags(ChangeSet changes, CrossCheck check, Thresholds t) {
        List<Flag> out = new ArrayList<>();
        List<ElementChange> elements = changes.elements();
        Set<HostPattern> newlyListed = new TreeSet<>(changes.hosts().listed());
        for (SetChange s : changes.sets()) {
            if (s instanceof SetChange.Modified m) {
                Category was = m.from().category();
                Category is = m.to().category();
                if (is.trust() > was.trust()) {
                    out.add(new Flag(Flag.Kind.CATEGORY_PROMOTED, s.id(), "set " + s.id() + " " + was + " -> " + is,
                            "its traffic moves to " + is + bypass(is)));
                }
                for (AttributeChange c : m.attributes()) {
                    if (c.name().equals("required")) {
                        out.add(new Flag(Flag.Kind.REQUIRED_CHANGED, s.id(), "required " + c.before() + " -> " + c.after(),
                                c.after().equals("true") ? "now required: blocking it breaks the service"
                                        : "now optional: the notes say what breaks without it"));
                    } else if (c.name().equals("expressRoute")) {
                        out.add(new Flag(Flag.Kind.EXPRESSROUTE_CHANGED, s.id(), "expressRoute " + c.before() + " -> " + c.after(),
                                "review the ExpressRoute routing for this set"));
                    }
                }
            }
        }
        for (ElementChange e : elements) {
            if (e.direction() == Direction.ADDED) {
                addedFlags(e, elements, newlyListed, changes, t, out);
            }
        }
        optimizeRemovals(changes, out);
        for (Disagreement d : check.of(Kind.UNANNOUNCED)) {
            out.add(new Flag(Flag.Kind.UNANNOUNCED, d.setId(), d.subject(), "no change record announced it"));
        }
        out.sort(Comparator.comparing(Flag::kind).thenComparingInt(Flag::setId).thenComparing(Flag::subject));
        return out;
    }

    private static String bypass(Category c) {
        return c.equals(Category.OPTIMIZE) ? ", which is meant to bypass the proxy and TLS inspection"
                : c.equals(Category.ALLOW) ? ", which may bypass the proxy" : "";
    }

    private static void addedFlags(ElementChange e, List<ElementChange> all, Set<HostPattern> newlyListed, ChangeSet changes,
            Thresholds t, List<Flag> out) {
        String where = " in set " + e.setId() + " (" + e.category() + ")";
        // moved here from a less trusted set
        for (ElementChange r : all) {
            if (r.direction() == Direction.REMOVED && r.setId() != e.setId() && r.category().trust() < e.category().trust()
                    && sameOrInside(e.element(), r.element())) {
                out.add(new Flag(Flag.Kind.MOVED_TO_TRUSTED, e.setId(), e.element().type().label() + " " + e.element().value(),
                        "moved from set " + r.setId() + " (" + r.category() + ") to set " + e.setId() + " (" + e.category() + ")"
                                + bypass(e.category())));
                break;
            }
        }
        if (e.element() instanceof Element.Ip ip) {
            IpPrefix p = ip.prefix();
            int limit = p.family() == Family.IPV4 ? t.ipv4() : t.ipv6();
            if (p.length() < limit) {
                out.add(new Flag(Flag.Kind.BROAD_PREFIX, e.setId(), e.element().type().label() + " " + p,
                        "new prefix" + where + " wider than /" + limit + " ("
                                + NumberFormat.getIntegerInstance(Locale.ROOT).format(p.size()) + " addresses)"));
            }
        } else if (e.element() instanceof Element.Url url && url.host().isWildcard()) {
            List<String> replaced = new ArrayList<>();
            for (ElementChange r : all) {
                if (r.direction() == Direction.REMOVED && r.element() instanceof Element.Url gone && !gone.host().equals(url.host())
                        && url.host().covers(gone.host())) {
                    replaced.add(gone.host().pattern());
                }
            }
            if (!replaced.isEmpty()) {
                out.add(new Flag(Flag.Kind.WILDCARD_REPLACES_NAMES, e.setId(), "URL " + url.host(),
                        "replaces " + String.join(", ", replaced) + where + ": the set now allows any name it matches"));
            } else if (newlyListed.contains(url.host())) {
                out.add(new Flag(Flag.Kind.NEW_WILDCARD, e.setId(), "URL " + url.host(),
                        "new wildcard" + where + ": matches hosts no one has listed one by one"));
            }
        } else if (e.element() instanceof Element.Port port) {
            boolean newSet = changes.sets().stream().anyMatch(s -> s.id() == e.setId() && s instanceof SetChange.Added);
            boolean range = !port.range().isSingle();
            if (range) {
                out.add(new Flag(Flag.Kind.NEW_PORT_RANGE, e.setId(), e.element().type().label() + " " + port.range(),
                        port.range().count() + " ports opened" + where));
            } else if (!newSet || port.udp()) {
                out.add(new Flag(Flag.Kind.NEW_PORTS, e.setId(), e.element().type().label() + " " + port.range(),
                        (port.udp() ? "UDP port" : "port") + " newly opened" + where + (port.udp() ? ": media and QUIC bypass TCP proxies" : "")));
            }
        }
    }

    private static boolean sameOrInside(Element added, Element removed) {
        if (added instanceof Element.Ip a && removed instanceof Element.Ip r) {
            return r.prefix().contains(a.prefix());
        }
        if (added instanceof Element.Url a && removed instanceof Element.Url r) {
            return r.host().covers(a.host());
        }
        return false;
    }

    private static void optimizeRemovals(ChangeSet changes, List<Flag> out) {
        for (SetChange s : changes.sets()) {
            EndpointSet before = s.before().orElse(null);
            if (before == null || !before.category().equals(Category.OPTIMIZE)) {
                continue;
            }
            long gone = s.elements().stream().filter(e -> e.direction() == Direction.REMOVED
                    && !(e.element() instanceof Element.Port)).count();
            if (s instanceof SetChange.Removed) {
                out.add(new Flag(Flag.Kind.OPTIMIZE_REMOVAL, s.id(), "Optimize set " + s.id() + " removed",
                        "take its addresses and names out of bypass, split-tunnel and QoS rules"));
            } else if (gone > 0) {
                out.add(new Flag(Flag.Kind.OPTIMIZE_REMOVAL, s.id(), gone + (gone == 1 ? " entry" : " entries")
                        + " removed from Optimize set " + s.id(),
                        "take them out of bypass, split-tunnel and QoS rules"));
            }
        }
    }
}
