package io.github.o365watch.diff;

import io.github.o365watch.diff.Disagreement.Kind;
import io.github.o365watch.diff.ElementChange.Direction;
import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.Disposition;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.PortSet.PortRange;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSet;
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
        CrossCheck check = records.available()
                ? crossCheck(changes, records.records())
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
                    out.add(new Notice(
                            e,
                            r.id(),
                            r.impact(),
                            e.direction() == Direction.ADDED
                                    ? r.add().flatMap(ChangeRecord.Addition::effectiveDate)
                                    : Optional.empty()));
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
        attributes(changes, a, wholeSets, out);
        out.sort(Comparator.comparing(Disagreement::kind)
                .thenComparingInt(Disagreement::setId)
                .thenComparing(Disagreement::subject));
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

    // ---- flags: each decided on what a set or category gains or loses, never on entries as strings

    private static List<Flag> flags(ChangeSet changes, CrossCheck check, Thresholds t) {
        List<Flag> out = new ArrayList<>();
        Listing was = changes.before();
        Listing is = changes.after();
        // what each trust level gained from less trusted sets, and what left Optimize: computed once over all
        // sets, then cut down to each set's own addresses (the category-wide sets are large, a set's are small)
        Map<Integer, PrefixSet> promoted = new HashMap<>();
        PrefixSet leftOptimize =
                was.addressesAtLeast(Category.OPTIMIZE).subtract(is.addressesAtLeast(Category.OPTIMIZE));
        Map<String, PrefixSet> opened = new HashMap<>();
        for (SetChange s : changes.sets()) {
            if (s instanceof SetChange.Modified m) {
                for (AttributeChange c : m.attributes()) {
                    if (c.name().equals("required")) {
                        out.add(new Flag(
                                Flag.Kind.REQUIRED_CHANGED,
                                s.id(),
                                "required " + c.before() + " -> " + c.after(),
                                c.after().equals("true")
                                        ? "now required: blocking it breaks the service"
                                        : "now optional: the notes say what breaks without it"));
                    } else if (c.name().equals("expressRoute")) {
                        out.add(new Flag(
                                Flag.Kind.EXPRESSROUTE_CHANGED,
                                s.id(),
                                "expressRoute " + c.before() + " -> " + c.after(),
                                "review the ExpressRoute routing for this set"));
                    }
                }
            }
            s.after().ifPresent(after -> {
                Category c = after.category();
                trusted(
                        s,
                        after,
                        promoted.computeIfAbsent(
                                c.trust(),
                                k -> is.addressesAtLeast(c)
                                        .subtract(was.addressesAtLeast(c))
                                        .intersect(was.addresses())),
                        was,
                        out);
                ports(s, after, false, was, is, opened, out);
                ports(s, after, true, was, is, opened, out);
            });
            s.before()
                    .ifPresent(before ->
                            optimizeRemoval(s, before, was.addresses(s.id()).intersect(leftOptimize), is, out));
        }
        for (ElementChange e : changes.elements()) {
            if (e.direction() == Direction.ADDED) {
                if (e.element() instanceof Element.Ip ip) {
                    broad(e, ip.prefix(), changes.addresses().listed(), t, out);
                } else if (e.element() instanceof Element.Url url && url.host().isWildcard()) {
                    wildcard(e, url.host(), changes, out);
                }
            }
        }
        for (Disagreement d : check.of(Kind.UNANNOUNCED)) {
            out.add(new Flag(Flag.Kind.UNANNOUNCED, d.setId(), d.subject(), "no change record announced it"));
        }
        out.sort(Comparator.comparing(Flag::kind).thenComparingInt(Flag::setId).thenComparing(Flag::subject));
        return out;
    }

    private static String bypass(Category c) {
        return c.equals(Category.OPTIMIZE)
                ? ", which is meant to bypass the proxy and TLS inspection"
                : c.equals(Category.ALLOW) ? ", which may bypass the proxy" : "";
    }

    /**
     * Addresses and names the set lists now that, before, only less trusted sets listed: a
     * promotion of the set's category, or entries moved into it. Newly listed ones are not
     * moves (the broad-prefix and wildcard flags look at those).
     */
    private static void trusted(SetChange s, EndpointSet after, PrefixSet promoted, Listing was, List<Flag> out) {
        Category c = after.category();
        PrefixSet moved = PrefixSet.of(after.ips()).intersect(promoted);
        List<HostPattern> hosts = after.urls().stream()
                .filter(h -> was.lists(h) && !was.listsAtLeast(h, c))
                .toList();
        if (moved.isEmpty() && hosts.isEmpty()) {
            return;
        }
        Set<Integer> sources = new TreeSet<>();
        hosts.forEach(h -> was.covering(h).forEach(b -> sources.add(b.id())));
        if (!moved.isEmpty()) {
            for (EndpointSet b : was.sets()) {
                if (b.ips().stream().anyMatch(moved::overlaps)) {
                    sources.add(b.id());
                }
            }
        }
        List<String> from = sources.stream()
                .map(id -> was.set(id).orElseThrow())
                .filter(b -> b.category().trust() < c.trust())
                .map(b -> b.id() + " (" + b.category() + ")")
                .toList();
        Flag.Claim claim = new Flag.Claim(Optional.empty(), moved, hosts);
        String was1 = "listed before only by less trusted sets: "
                + String.join(", ", from.subList(0, Math.min(from.size(), Claims.SHOWN)))
                + (from.size() > Claims.SHOWN ? " (and " + (from.size() - Claims.SHOWN) + " more)" : "");
        Optional<Category> old = s.before().map(EndpointSet::category);
        if (old.isPresent() && old.get().trust() < c.trust()) {
            out.add(new Flag(
                    Flag.Kind.CATEGORY_PROMOTED,
                    s.id(),
                    "set " + s.id() + " " + old.get() + " -> " + c,
                    "its traffic moves to " + c + bypass(c) + ": " + Claims.describe(moved, hosts) + ", " + was1,
                    claim));
        } else {
            out.add(new Flag(
                    Flag.Kind.MOVED_TO_TRUSTED,
                    s.id(),
                    Claims.describe(moved, hosts),
                    "now in set " + s.id() + " (" + c + ")" + bypass(c) + "; " + was1,
                    claim));
        }
    }

    /** What an Optimize set listed that no Optimize set lists now (the set shrank, was removed or demoted). */
    private static void optimizeRemoval(SetChange s, EndpointSet before, PrefixSet left, Listing is, List<Flag> out) {
        if (!before.category().equals(Category.OPTIMIZE)) {
            return;
        }
        List<HostPattern> hosts = before.urls().stream()
                .filter(h -> !is.listsAtLeast(h, Category.OPTIMIZE))
                .toList();
        if (left.isEmpty() && hosts.isEmpty()) {
            return;
        }
        String how = s instanceof SetChange.Removed
                ? "Optimize set " + s.id() + " was removed"
                : s.after().orElseThrow().category().equals(Category.OPTIMIZE)
                        ? "left Optimize set " + s.id()
                        : "set " + s.id() + " moved from Optimize to "
                                + s.after().orElseThrow().category();
        out.add(new Flag(
                Flag.Kind.OPTIMIZE_REMOVAL,
                s.id(),
                Claims.describe(left, hosts),
                how + " and no Optimize set lists them now: take them out of bypass, split-tunnel and QoS rules",
                new Flag.Claim(Optional.empty(), left, hosts)));
    }

    /** An added prefix broader than the threshold, counting only the addresses no set listed before. */
    private static void broad(ElementChange e, IpPrefix p, PrefixSet newlyListed, Thresholds t, List<Flag> out) {
        int limit = p.family() == Family.IPV4 ? t.ipv4() : t.ipv6();
        if (p.length() >= limit) {
            return;
        }
        PrefixSet fresh = PrefixSet.of(p).intersect(newlyListed);
        // the fewest prefixes of the new space: one shorter than the limit is a new block that wide
        if (fresh.prefixes().stream().noneMatch(q -> q.length() < limit)) {
            return;
        }
        out.add(new Flag(
                Flag.Kind.BROAD_PREFIX,
                e.setId(),
                e.element().type().label() + " " + p,
                "new in set " + e.setId() + " (" + e.category() + "): "
                        + (fresh.size() == 1 && fresh.contains(p) ? "" : Claims.describe(fresh, List.of()) + ", ")
                        + Claims.size(fresh, p.family())
                        + " no set listed before, wider than /" + limit,
                new Flag.Claim(Optional.of(e.element()), fresh, List.of())));
    }

    /** An added wildcard that matches names no pattern matched before. */
    private static void wildcard(ElementChange e, HostPattern w, ChangeSet changes, List<Flag> out) {
        var shared = io.github.o365watch.domain.HostRisk.tenantShared(w);
        if (shared.isPresent()
                && (e.category().equals(Category.OPTIMIZE) || e.category().equals(Category.ALLOW))) {
            // a direct or bypass category: every customer's names are under it, not only the organisation's
            out.add(new Flag(
                    Flag.Kind.TENANT_SHARED_WILDCARD,
                    e.setId(),
                    "URL " + w,
                    "tenant-shared wildcard in set " + e.setId() + " ("
                            + e.category() + "): " + shared.get().whose() + " are all under "
                            + shared.get().name()
                            + ", so a bypass or inspection exemption for it admits anyone's content, not only yours",
                    new Flag.Claim(Optional.of(e.element()), PrefixSet.EMPTY, List.of())));
        }
        if (changes.before().lists(w)) {
            return; // every name it matches was listed (if by a less trusted set, the move is flagged)
        }
        String where = " in set " + e.setId() + " (" + e.category() + ")";
        List<HostPattern> replaced = changes.hosts().unlisted().stream()
                .filter(n -> !n.equals(w) && w.covers(n))
                .toList();
        if (!replaced.isEmpty()) {
            out.add(new Flag(
                    Flag.Kind.WILDCARD_REPLACES_NAMES,
                    e.setId(),
                    "URL " + w,
                    "replaces "
                            + String.join(
                                    ", ",
                                    replaced.stream().map(HostPattern::pattern).toList()) + where
                            + ", which no set lists now: the set allows any name the wildcard matches",
                    new Flag.Claim(Optional.of(e.element()), PrefixSet.EMPTY, replaced)));
        } else {
            out.add(new Flag(
                    Flag.Kind.NEW_WILDCARD,
                    e.setId(),
                    "URL " + w,
                    "new wildcard" + where + ": matches names no pattern matched before",
                    new Flag.Claim(Optional.of(e.element()), PrefixSet.EMPTY, List.of())));
        }
    }

    /**
     * Ports the set opens now and did not before, to addresses or names no set opened them to
     * before. A new set's single TCP ports are not flagged (every new set opens some); its UDP
     * ports and its ranges are.
     */
    private static void ports(
            SetChange s,
            EndpointSet after,
            boolean udp,
            Listing was,
            Listing is,
            Map<String, PrefixSet> opened,
            List<Flag> out) {
        PortSet now = Listing.ports(after, udp);
        PortSet added = s.before().map(b -> now.minus(Listing.ports(b, udp))).orElse(now);
        boolean newSet = s.before().isEmpty();
        PrefixSet space = is.addresses(s.id());
        for (PortRange r : added.ranges()) {
            // pieces with the same newly reached addresses and names merge into one range
            List<PortRange> runs = new ArrayList<>();
            List<Flag.Claim> claims = new ArrayList<>();
            for (PortRange piece : was.pieces(udp, r)) {
                // one union of every set opening the piece, shared by the sets that open it now
                PrefixSet addresses = space.subtract(
                        opened.computeIfAbsent((udp ? "udp " : "tcp ") + piece, k -> was.openedTo(udp, piece)));
                List<HostPattern> hosts = after.urls().stream()
                        .filter(h -> !was.openedTo(udp, piece, h))
                        .toList();
                Flag.Claim c = new Flag.Claim(Optional.empty(), addresses, hosts);
                int last = runs.size() - 1;
                if (last >= 0 && claims.get(last).equals(c) && runs.get(last).to() + 1 == piece.from()) {
                    runs.set(last, new PortRange(runs.get(last).from(), piece.to()));
                } else {
                    runs.add(piece);
                    claims.add(c);
                }
            }
            for (int i = 0; i < runs.size(); i++) {
                Flag.Claim c = claims.get(i);
                PortRange run = runs.get(i);
                if (c.addresses().isEmpty() && c.hostnames().isEmpty() || newSet && !udp && run.isSingle()) {
                    continue;
                }
                Element.Port port = new Element.Port(udp, run);
                String to = " to " + Claims.describe(c.addresses(), c.hostnames()) + " in set " + s.id() + " ("
                        + after.category() + "), which no set opened " + (run.isSingle() ? "it" : "them")
                        + " to before";
                Flag.Claim claim = new Flag.Claim(Optional.of(port), c.addresses(), c.hostnames());
                if (run.isSingle()) {
                    out.add(new Flag(
                            Flag.Kind.NEW_PORTS,
                            s.id(),
                            port.type().label() + " " + run,
                            (udp ? "UDP port" : "port") + " newly opened" + to
                                    + (udp ? ": media and QUIC bypass TCP proxies" : ""),
                            claim));
                } else {
                    out.add(new Flag(
                            Flag.Kind.NEW_PORT_RANGE,
                            s.id(),
                            port.type().label() + " " + run,
                            run.count() + " ports opened" + to,
                            claim)); // a range is two ports or more
                }
            }
        }
    }
}
