package io.github.o365watch.diff;

import io.github.o365watch.diff.Disagreement.Kind;
import io.github.o365watch.diff.ElementChange.Direction;
import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.PortSet.PortRange;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The review flags: each decided on what a set or category gains or loses (trust, addresses,
 * names, ports), never on entries compared as strings.
 */
final class Flagger {
    private Flagger() {}

    static List<Flag> flags(ChangeSet changes, CrossCheck check, Thresholds t) {
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
            attributeFlags(s, out);
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

    /** A set whose {@code required} or {@code expressRoute} changed. */
    private static void attributeFlags(SetChange s, List<Flag> out) {
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
