package io.github.o365watch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.PortSet.PortRange;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.store.StoredVersion;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.PlainSpace;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every flag's claim checked against the two versions by hand ({@link PlainSpace}: big-integer
 * ranges and regular expressions, none of the code that raised the flag), on every consecutive
 * pair of published versions (the fixtures and the shipped {@code snapshots/}) and on versions
 * derived from them by one stated edit. A flag that says addresses left Optimize must name
 * addresses in no Optimize set afterwards; and every address that left Optimize is named.
 */
class FlagClaimsTest {
    static final Map<String, Integer> TRUST = Map.of("Optimize", 3, "Allow", 2, "Default", 1);

    record Case(String name, Supplier<Snapshot> from, Supplier<Snapshot> to) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (String instance : List.of("Worldwide", "USGovDoD")) {
            List<String> v = Fixtures.versions(instance);
            for (int i = 1; i < v.size(); i++) {
                String a = v.get(i - 1);
                String b = v.get(i);
                out.add(new Case(
                        "fixtures " + instance + " " + a + " -> " + b,
                        () -> Fixtures.snapshot(instance, a),
                        () -> Fixtures.snapshot(instance, b)));
            }
        }
        SnapshotStore shipped = new SnapshotStore(Path.of("snapshots"));
        for (Instance instance : shipped.instances()) {
            List<StoredVersion> v = shipped.versions(instance);
            for (int i = 1; i < v.size(); i++) {
                StoredVersion a = v.get(i - 1);
                StoredVersion b = v.get(i);
                out.add(new Case(
                        "snapshots/ " + instance + " " + a.version() + " -> " + b.version(),
                        () -> shipped.load(a),
                        () -> shipped.load(b)));
            }
        }
        out.add(new Case("derived: a flag of every kind", () -> ReviewerTest.SEP, ReviewerTest::everyKindOfFlag));
        out.add(new Case(
                "derived: two sets narrowed from a /14 to a /15",
                () -> ReviewerTest.NOV,
                ReviewerTest::narrowedSlash14));
        out.add(new Case("derived: display names only", () -> ReviewerTest.NOV, ReviewerTest::renamedSharePoint));
        return out.stream();
    }

    static Review review(Case c) {
        // records available but empty: every real change is unannounced, so those claims are checked too
        return Reviewer.review(
                Differ.diff(c.from().get(), c.to().get()),
                ChangeRecords.of(List.of()),
                LocalDate.of(2019, 12, 1),
                Thresholds.DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyFlagsClaimHoldsOnTheTwoVersions(Case c) {
        claimsHold(c.from().get(), c.to().get(), review(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyAddressAndNameThatLeftOptimizeOrMovedToAMoreTrustedSetIsNamed(Case c) {
        allNamed(c.from().get(), c.to().get(), review(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cosmeticChangesAreNeverAFlagNorADisagreement(Case c) {
        nothingCosmetic(review(c));
    }

    @Test
    void theCasesRaiseEveryKindOfFlag() {
        Set<Flag.Kind> seen = EnumSet.noneOf(Flag.Kind.class);
        cases().forEach(c -> review(c).flags().forEach(f -> seen.add(f.kind())));
        assertThat(seen).containsExactlyInAnyOrder(Flag.Kind.values());
    }

    /** Each flag's claim, checked by hand on the two versions. */
    static void claimsHold(Snapshot from, Snapshot to, Review r) {
        for (Flag f : r.flags()) {
            String what = f.toString();
            EndpointSet before = from.set(f.setId()).orElse(null);
            EndpointSet after = to.set(f.setId()).orElse(null);
            List<String> addresses = f.claim().addresses().prefixes().stream()
                    .map(Object::toString)
                    .toList();
            List<String> hosts =
                    f.claim().hostnames().stream().map(HostPattern::pattern).toList();
            switch (f.kind()) {
                case OPTIMIZE_REMOVAL -> {
                    assertThat(before).as(what).isNotNull();
                    assertThat(before.category().name()).as(what).isEqualTo("Optimize");
                    assertThat(addresses.size() + hosts.size()).as(what).isPositive();
                    PlainSpace optimizeAfter =
                            space(to, s -> s.category().name().equals("Optimize"));
                    PlainSpace set = PlainSpace.of(before.ips());
                    addresses.forEach(p -> {
                        assertThat(set.contains(p))
                                .as("%s: %s was in the set", what, p)
                                .isTrue();
                        assertThat(optimizeAfter.disjoint(p))
                                .as("%s: %s is in no Optimize set after", what, p)
                                .isTrue();
                    });
                    hosts.forEach(h -> {
                        assertThat(urls(before)).as(what).contains(h);
                        assertThat(coveredBy(to, s -> s.category().name().equals("Optimize"), h))
                                .as("%s: %s", what, h)
                                .isFalse();
                    });
                }
                case CATEGORY_PROMOTED, MOVED_TO_TRUSTED -> {
                    assertThat(after).as(what).isNotNull();
                    int trust = trust(after);
                    if (f.kind() == Flag.Kind.CATEGORY_PROMOTED) {
                        assertThat(before).as(what).isNotNull();
                        assertThat(trust(before)).as(what).isLessThan(trust);
                    }
                    assertThat(addresses.size() + hosts.size()).as(what).isPositive();
                    PlainSpace set = PlainSpace.of(after.ips());
                    PlainSpace trustedBefore = space(from, s -> trust(s) >= trust);
                    PlainSpace allBefore = space(from, s -> true);
                    addresses.forEach(p -> {
                        assertThat(set.contains(p))
                                .as("%s: %s is in the set after", what, p)
                                .isTrue();
                        assertThat(trustedBefore.disjoint(p))
                                .as("%s: %s was in no set as trusted before", what, p)
                                .isTrue();
                        assertThat(allBefore.contains(p))
                                .as("%s: %s was listed before", what, p)
                                .isTrue();
                    });
                    hosts.forEach(h -> {
                        assertThat(urls(after)).as(what).contains(h);
                        assertThat(coveredBy(from, s -> trust(s) >= trust, h))
                                .as("%s: %s", what, h)
                                .isFalse();
                        assertThat(coveredBy(from, s -> true, h))
                                .as("%s: %s was listed before", what, h)
                                .isTrue();
                    });
                }
                case BROAD_PREFIX -> {
                    String p = ((Element.Ip) f.claim().entry().orElseThrow())
                            .prefix()
                            .toString();
                    assertThat(f.subject()).endsWith(" " + p);
                    assertThat(strings(after.ips())).as(what).contains(p);
                    assertThat(before == null ? List.of() : strings(before.ips()))
                            .as(what)
                            .doesNotContain(p);
                    PlainSpace allBefore = space(from, s -> true);
                    int limit = p.contains(":") ? Thresholds.DEFAULT.ipv6() : Thresholds.DEFAULT.ipv4();
                    PlainSpace entry = PlainSpace.of(List.of(p));
                    addresses.forEach(q -> {
                        assertThat(entry.contains(q))
                                .as("%s: %s inside the entry", what, q)
                                .isTrue();
                        assertThat(allBefore.disjoint(q))
                                .as("%s: %s listed by no set before", what, q)
                                .isTrue();
                    });
                    // all of the entry's new space is named, and some block of it is wider than the limit
                    assertThat(PlainSpace.of(addresses).count())
                            .as(what)
                            .isEqualTo(entry.count()
                                    .subtract(entry.intersect(allBefore).count()));
                    assertThat(addresses).as(what).anyMatch(q -> Integer.parseInt(q.split("/")[1]) < limit);
                }
                case TENANT_SHARED_WILDCARD -> {
                    String w = ((Element.Url) f.claim().entry().orElseThrow())
                            .host()
                            .pattern();
                    assertThat(io.github.o365watch.domain.HostRisk.tenantShared(
                                    io.github.o365watch.domain.HostPattern.parse(w)))
                            .as(what)
                            .isPresent();
                    assertThat(after.category().name()).as(what).isIn("Optimize", "Allow");
                    assertThat(urls(after)).as(what).contains(w);
                    assertThat(before == null ? List.of() : urls(before))
                            .as(what)
                            .doesNotContain(w);
                    assertThat(hosts).as(what).isEmpty();
                }
                case NEW_WILDCARD, WILDCARD_REPLACES_NAMES -> {
                    String w = ((Element.Url) f.claim().entry().orElseThrow())
                            .host()
                            .pattern();
                    assertThat(w).contains("*");
                    assertThat(f.subject()).isEqualTo("URL " + w);
                    assertThat(urls(after)).as(what).contains(w);
                    assertThat(before == null ? List.of() : urls(before))
                            .as(what)
                            .doesNotContain(w);
                    assertThat(coveredBy(from, s -> true, w))
                            .as("%s: no pattern before matched its names", what)
                            .isFalse();
                    if (f.kind() == Flag.Kind.WILDCARD_REPLACES_NAMES) {
                        assertThat(hosts).as(what).isNotEmpty();
                        hosts.forEach(n -> {
                            assertThat(PlainSpace.covers(w, n))
                                    .as("%s: covers %s", what, n)
                                    .isTrue();
                            assertThat(listedExactly(from, n))
                                    .as("%s: %s listed before", what, n)
                                    .isTrue();
                            assertThat(listedExactly(to, n))
                                    .as("%s: %s listed by no set after", what, n)
                                    .isFalse();
                        });
                    } else {
                        assertThat(hosts).isEmpty();
                    }
                }
                case NEW_PORTS, NEW_PORT_RANGE -> {
                    Element.Port port = (Element.Port) f.claim().entry().orElseThrow();
                    PortRange q = port.range();
                    assertThat(f.kind() == Flag.Kind.NEW_PORTS).as(what).isEqualTo(q.isSingle());
                    assertThat(f.subject()).isEqualTo((port.udp() ? "UDP " : "TCP ") + q);
                    assertThat(inPorts(ports(after, port.udp()), q))
                            .as("%s: the set opens every port", what)
                            .isTrue();
                    if (before != null) {
                        assertThat(overlaps(ports(before, port.udp()), q))
                                .as("%s: the set opened none before", what)
                                .isFalse();
                    }
                    assertThat(addresses.size() + hosts.size()).as(what).isPositive();
                    PlainSpace set = PlainSpace.of(after.ips());
                    PlainSpace openedBefore = space(from, s -> overlaps(ports(s, port.udp()), q));
                    addresses.forEach(p -> {
                        assertThat(set.contains(p))
                                .as("%s: %s in the set", what, p)
                                .isTrue();
                        assertThat(openedBefore.disjoint(p))
                                .as("%s: no set opened any of these ports to %s", what, p)
                                .isTrue();
                    });
                    hosts.forEach(h -> {
                        assertThat(urls(after)).as(what).contains(h);
                        assertThat(coveredBy(from, s -> overlaps(ports(s, port.udp()), q), h))
                                .as("%s: %s", what, h)
                                .isFalse();
                    });
                }
                case REQUIRED_CHANGED -> {
                    assertThat(before.required()).as(what).isNotEqualTo(after.required());
                    assertThat(f.subject()).isEqualTo("required " + before.required() + " -> " + after.required());
                }
                case EXPRESSROUTE_CHANGED -> {
                    assertThat(before.expressRoute()).as(what).isNotEqualTo(after.expressRoute());
                    assertThat(f.subject())
                            .isEqualTo("expressRoute " + before.expressRoute() + " -> " + after.expressRoute());
                }
                case UNANNOUNCED -> unannounced(f, before, after);
                default -> throw new AssertionError("no check for " + f.kind());
            }
        }
    }

    /** With no records, the change must be in the snapshots, and never a cosmetic one. */
    private static void unannounced(Flag f, EndpointSet before, EndpointSet after) {
        String what = f.toString();
        String[] w = f.subject().split(" ");
        if (f.subject().equals("endpoint set added")) {
            assertThat(before).as(what).isNull();
            assertThat(after).as(what).isNotNull();
        } else if (f.subject().equals("endpoint set removed")) {
            assertThat(before).as(what).isNotNull();
            assertThat(after).as(what).isNull();
        } else if (w[0].equals("IPv4") || w[0].equals("IPv6")) {
            PlainSpace was = PlainSpace.of(before == null ? List.of() : before.ips());
            PlainSpace is = PlainSpace.of(after == null ? List.of() : after.ips());
            boolean added = w[2].equals("added");
            assertThat((added ? is : was).contains(w[1]))
                    .as("%s: listed by the set %s", what, added ? "after" : "before")
                    .isTrue();
            assertThat((added ? was : is).disjoint(w[1]))
                    .as("%s: the set's address space changed", what)
                    .isTrue();
        } else if (w[0].equals("URL")) {
            boolean added = w[2].equals("added");
            assertThat(urls(added ? after : before)).as(what).contains(w[1]);
            assertThat((added ? before : after) == null ? List.of() : urls(added ? before : after))
                    .as(what)
                    .doesNotContain(w[1]);
        } else {
            assertThat(w[0])
                    .as(what)
                    .isIn("serviceArea", "category", "required", "expressRoute", "tcpPorts", "udpPorts");
            assertThat(value(before, w[0])).as(what).isNotEqualTo(value(after, w[0]));
        }
    }

    /** Every address and name that left Optimize, or moved to a more trusted set, is named by a flag. */
    static void allNamed(Snapshot from, Snapshot to, Review r) {

        PlainSpace optimizeBefore = space(from, s -> s.category().name().equals("Optimize"));
        PlainSpace optimizeAfter = space(to, s -> s.category().name().equals("Optimize"));
        PlainSpace named = PlainSpace.EMPTY;
        Set<String> namedHosts = new HashSet<>();
        for (Flag f : r.flags()) {
            if (f.kind() == Flag.Kind.OPTIMIZE_REMOVAL) {
                named = named.union(PlainSpace.of(f.claim().addresses().prefixes()));
                f.claim().hostnames().forEach(h -> namedHosts.add(h.pattern()));
            }
        }
        // the named space lies in what left (checked per flag above); equal counts make it all of it
        assertThat(named.count())
                .isEqualTo(optimizeBefore
                        .count()
                        .subtract(optimizeBefore.intersect(optimizeAfter).count()));
        Set<String> leftHosts = new HashSet<>();
        for (EndpointSet s : from.sets()) {
            if (s.category().name().equals("Optimize")) {
                for (String h : urls(s)) {
                    if (!coveredBy(to, x -> x.category().name().equals("Optimize"), h)) {
                        leftHosts.add(h);
                    }
                }
            }
        }
        assertThat(namedHosts).isEqualTo(leftHosts);

        PlainSpace allBefore = space(from, s -> true);
        Map<Integer, PlainSpace> atLeast = new java.util.HashMap<>();
        for (int level = 0; level <= 3; level++) {
            int l = level;
            atLeast.put(level, space(from, x -> trust(x) >= l));
        }
        Map<String, Integer> mostTrusted =
                new java.util.HashMap<>(); // a name -> the most trusted set covering it before
        List<String> patterns = new ArrayList<>();
        List<Integer> patternTrust = new ArrayList<>();
        for (EndpointSet b : from.sets()) {
            for (String u : urls(b)) {
                patterns.add(u);
                patternTrust.add(trust(b));
            }
        }
        for (EndpointSet s : to.sets()) {
            int trust = trust(s);
            PlainSpace listed = PlainSpace.of(s.ips()).intersect(allBefore);
            BigInteger moved =
                    listed.count().subtract(listed.intersect(atLeast.get(trust)).count());
            PlainSpace flagged = PlainSpace.EMPTY;
            Set<String> flaggedHosts = new HashSet<>();
            for (Flag f : r.flags()) {
                if (f.setId() == s.id()
                        && (f.kind() == Flag.Kind.MOVED_TO_TRUSTED || f.kind() == Flag.Kind.CATEGORY_PROMOTED)) {
                    flagged = flagged.union(PlainSpace.of(f.claim().addresses().prefixes()));
                    f.claim().hostnames().forEach(h -> flaggedHosts.add(h.pattern()));
                }
            }
            assertThat(flagged.count())
                    .as("set %d: addresses moved to a more trusted set", s.id())
                    .isEqualTo(moved);
            Set<String> movedHosts = new HashSet<>();
            for (String h : urls(s)) {
                int most = mostTrusted.computeIfAbsent(h, x -> {
                    int m = -1;
                    for (int k = 0; k < patterns.size(); k++) {
                        if (patternTrust.get(k) > m && PlainSpace.covers(patterns.get(k), x)) {
                            m = patternTrust.get(k);
                        }
                    }
                    return m;
                });
                if (most >= 0 && most < trust) {
                    movedHosts.add(h);
                }
            }
            assertThat(flaggedHosts)
                    .as("set %d: names moved to a more trusted set", s.id())
                    .isEqualTo(movedHosts);
        }
    }

    /** Display names and notes are never a flag nor a disagreement. */
    static void nothingCosmetic(Review r) {
        assertThat(r.flags())
                .extracting(Flag::subject)
                .noneMatch(s -> s.startsWith("notes") || s.startsWith("serviceAreaDisplayName"));
        assertThat(r.crossCheck().disagreements())
                .extracting(Disagreement::subject)
                .noneMatch(s -> s.startsWith("notes") || s.startsWith("serviceAreaDisplayName"));
        // a set whose only change is its display name or notes raises nothing
        for (SetChange s : r.changes().sets()) {
            if (s.elements().isEmpty()
                    && s.attributes().stream()
                            .allMatch(a -> a.name().equals("notes") || a.name().equals("serviceAreaDisplayName"))) {
                assertThat(r.flags()).extracting(Flag::setId).doesNotContain(s.id());
            }
        }
    }

    // ---- plain helpers: the snapshots' values, no production arithmetic

    static int trust(EndpointSet s) {
        return TRUST.getOrDefault(s.category().name(), 0);
    }

    static PlainSpace space(Snapshot s, Predicate<EndpointSet> which) {
        List<Object> all = new ArrayList<>();
        s.sets().stream().filter(which).forEach(e -> all.addAll(e.ips()));
        return PlainSpace.of(all);
    }

    static List<String> urls(EndpointSet s) {
        return s.urls().stream().map(HostPattern::pattern).toList();
    }

    static List<String> strings(List<?> items) {
        return items.stream().map(Object::toString).toList();
    }

    static boolean coveredBy(Snapshot s, Predicate<EndpointSet> which, String host) {
        return s.sets().stream().filter(which).flatMap(e -> urls(e).stream()).anyMatch(u -> PlainSpace.covers(u, host));
    }

    static boolean listedExactly(Snapshot s, String host) {
        return s.sets().stream().anyMatch(e -> urls(e).contains(host));
    }

    static PortSet ports(EndpointSet s, boolean udp) {
        return udp ? s.udpPorts() : s.tcpPorts();
    }

    static boolean inPorts(PortSet ports, PortRange q) {
        return ports.ranges().stream().anyMatch(r -> r.from() <= q.from() && q.to() <= r.to());
    }

    static boolean overlaps(PortSet ports, PortRange q) {
        return ports.ranges().stream().anyMatch(r -> r.from() <= q.to() && q.from() <= r.to());
    }

    static String value(EndpointSet s, String attribute) {
        return switch (attribute) {
            case "serviceArea" -> s.serviceArea().name();
            case "category" -> s.category().name();
            case "required" -> Boolean.toString(s.required());
            case "expressRoute" -> Boolean.toString(s.expressRoute());
            case "tcpPorts" -> Objects.toString(s.tcpPorts().ranges());
            case "udpPorts" -> Objects.toString(s.udpPorts().ranges());
            default -> throw new AssertionError(attribute);
        };
    }
}
