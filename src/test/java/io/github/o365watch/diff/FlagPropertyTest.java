package io.github.o365watch.diff;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.testing.Addresses;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.Fuzz;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A property over runs of real endpoint sets and versions derived from them by a handful of random edits (a prefix narrowed,
 * widened, moved or copied to another set; a category, a display name, the notes, a flag or the
 * ports changed; a name widened to a wildcard or moved; a set removed): every flag's claim holds
 * when checked by hand ({@link FlagClaimsTest}), everything that left Optimize or moved to a more
 * trusted set is named, and nothing cosmetic is flagged.
 */
class FlagPropertyTest {
    static final List<Snapshot> BASES = List.of(
            Fixtures.snapshot("Worldwide", "2019102800"),
            Fixtures.snapshot("Worldwide", "2019112700"),
            Fixtures.snapshot("USGovDoD", "2019120400"));
    static final List<Category> CATEGORIES = List.of(Category.OPTIMIZE, Category.ALLOW, Category.DEFAULT);
    static final List<String> PORTS = List.of("80", "443", "3478-3481", "50000-59999", "8080", "443,50000-50010");

    @Test
    void flagsClaimOnlyWhatTheAddressSpaceShows() {
        // a run of neighbouring sets (ids group a service area, so they share prefixes and names) keeps each case small
        Fuzz.qt(300)
                .forAll(
                        integers().between(0, BASES.size() - 1),
                        integers().allPositive(),
                        integers().between(8, 40),
                        lists().of(integers().allPositive()).ofSizeBetween(3, 30))
                .checkAssert((base, start, count, numbers) -> {
                    Snapshot from = neighbours(BASES.get(base), start, count);
                    Snapshot to = edited(from, numbers);
                    Review r = Reviewer.review(
                            Differ.diff(from, to),
                            ChangeRecords.of(List.of()),
                            LocalDate.of(2019, 12, 1),
                            Thresholds.DEFAULT);
                    FlagClaimsTest.claimsHold(from, to, r);
                    FlagClaimsTest.allNamed(from, to, r);
                    FlagClaimsTest.nothingCosmetic(r);
                });
    }

    /** {@code count} sets of {@code s} in id order from the {@code start}th (wrapping round). */
    static Snapshot neighbours(Snapshot s, int start, int count) {
        List<EndpointSet> out = new ArrayList<>();
        for (int k = 0; k < Math.min(count, s.sets().size()); k++) {
            out.add(s.sets().get((start % s.sets().size() + k) % s.sets().size()));
        }
        return new Snapshot(s.instance(), s.version(), out);
    }

    /** {@code s} after one edit per three numbers (what, which set, which item). */
    static Snapshot edited(Snapshot s, List<Integer> numbers) {
        List<EndpointSet> sets = new ArrayList<>(s.sets());
        for (int k = 0; k + 2 < numbers.size(); k += 3) {
            int op = numbers.get(k) % 12;
            int i = numbers.get(k + 1) % sets.size();
            int j = numbers.get(k + 2);
            EndpointSet e = sets.get(i);
            EndpointSet other = sets.get(j % sets.size());
            try {
                switch (op) {
                    case 0, 1 -> { // narrow to a half, or widen by one to four bits
                        if (!e.ips().isEmpty()) {
                            IpPrefix p = e.ips().get(j % e.ips().size());
                            IpPrefix by = p;
                            for (int bits = 0; op == 1 && bits <= j / 7 % 4; bits++) {
                                by = parent(by);
                            }
                            sets.set(i, ips(e, replace(e.ips(), p, op == 0 ? half(p, j / 7 % 2) : by)));
                        }
                    }
                    case 2, 3 -> { // move or copy a prefix to another set
                        if (!e.ips().isEmpty() && other.id() != e.id()) {
                            IpPrefix p = e.ips().get(j % e.ips().size());
                            List<IpPrefix> plus = new ArrayList<>(other.ips());
                            plus.add(p);
                            sets.set(j % sets.size(), ips(other, plus));
                            if (op == 2) {
                                sets.set(i, ips(e, replace(e.ips(), p, null)));
                            }
                        }
                    }
                    case 4 ->
                        sets.set(
                                i,
                                with(
                                        e,
                                        CATEGORIES.get(j % 3),
                                        e.required(),
                                        e.expressRoute(),
                                        e.tcpPorts(),
                                        e.udpPorts(),
                                        e.serviceAreaDisplayName(),
                                        e.notes()));
                    case 5 -> sets.remove(i);
                    case 6 -> { // a name widened to the wildcard of its parent domain
                        if (!e.urls().isEmpty()) {
                            HostPattern u = e.urls().get(j % e.urls().size());
                            String rest = u.pattern().substring(u.pattern().indexOf('.') + 1);
                            if (rest.indexOf('.') > 0) {
                                List<HostPattern> urls = new ArrayList<>(e.urls());
                                urls.set(urls.indexOf(u), HostPattern.parse("*." + rest));
                                sets.set(i, urls(e, urls));
                            }
                        }
                    }
                    case 7 -> { // a name moved to another set
                        if (!e.urls().isEmpty() && other.id() != e.id()) {
                            HostPattern u = e.urls().get(j % e.urls().size());
                            List<HostPattern> less = new ArrayList<>(e.urls());
                            less.remove(u);
                            List<HostPattern> more = new ArrayList<>(other.urls());
                            more.add(u);
                            sets.set(i, urls(e, less));
                            sets.set(j % sets.size(), urls(other, more));
                        }
                    }
                    case 8 -> { // ports opened
                        PortSet add = PortSet.parse(PORTS.get(j % PORTS.size()));
                        boolean udp = j / 11 % 2 == 1;
                        sets.set(
                                i,
                                with(
                                        e,
                                        e.category(),
                                        e.required(),
                                        e.expressRoute(),
                                        udp ? e.tcpPorts() : e.tcpPorts().union(add),
                                        udp ? e.udpPorts().union(add) : e.udpPorts(),
                                        e.serviceAreaDisplayName(),
                                        e.notes()));
                    }
                    case 9 ->
                        sets.set(
                                i,
                                with(
                                        e,
                                        e.category(),
                                        e.required(),
                                        e.expressRoute(),
                                        PortSet.parse("443"),
                                        PortSet.EMPTY,
                                        e.serviceAreaDisplayName(),
                                        e.notes()));
                    case 10 ->
                        sets.set(
                                i,
                                with(
                                        e,
                                        e.category(),
                                        e.required(),
                                        e.expressRoute(),
                                        e.tcpPorts(),
                                        e.udpPorts(),
                                        e.serviceAreaDisplayName() + " (renamed)",
                                        e.notes() + " Reworded."));
                    default ->
                        sets.set(
                                i,
                                with(
                                        e,
                                        e.category(),
                                        !e.required(),
                                        j % 2 == 0 ? e.expressRoute() : !e.expressRoute(),
                                        e.tcpPorts(),
                                        e.udpPorts(),
                                        e.serviceAreaDisplayName(),
                                        e.notes()));
                }
            } catch (InvalidDataException | IllegalArgumentException skipped) {
                // an edit the domain refuses (a set left empty, a pattern it does not take) is no version Microsoft
                // could publish
            }
            if (sets.isEmpty()) {
                sets.add(e);
            }
        }
        return new Snapshot(
                s.instance(),
                Version.parse(String.format("%010d", Long.parseLong(s.version().value()) + 1)),
                sets);
    }

    static List<IpPrefix> replace(List<IpPrefix> ips, IpPrefix p, IpPrefix by) {
        List<IpPrefix> out = new ArrayList<>(ips);
        out.remove(p);
        if (by != null && !out.contains(by)) {
            out.add(by);
        }
        return out;
    }

    /** The first or second half of {@code p} (itself for a host prefix). */
    static IpPrefix half(IpPrefix p, int which) {
        int bits = p.family().name().equals("IPV4") ? 32 : 128;
        if (p.length() == bits) {
            return p;
        }
        BigInteger start = new BigInteger(1, Addresses.literal(p.network()));
        return prefix(which == 0 ? start : start.setBit(bits - p.length() - 1), p.length() + 1, bits);
    }

    /** The prefix one bit shorter that holds {@code p}, not wider than /8 (IPv4) or /16 (IPv6). */
    static IpPrefix parent(IpPrefix p) {
        int bits = p.family().name().equals("IPV4") ? 32 : 128;
        if (p.length() <= (bits == 32 ? 8 : 16)) {
            return p;
        }
        BigInteger start = new BigInteger(1, Addresses.literal(p.network())).clearBit(bits - p.length());
        return prefix(start, p.length() - 1, bits);
    }

    private static IpPrefix prefix(BigInteger start, int length, int bits) {
        StringBuilder text = new StringBuilder();
        if (bits == 32) {
            for (int k = 3; k >= 0; k--) {
                text.append(start.shiftRight(8 * k).intValue() & 0xff).append(k > 0 ? "." : "");
            }
        } else {
            for (int k = 7; k >= 0; k--) {
                text.append(Integer.toHexString(start.shiftRight(16 * k).intValue() & 0xffff))
                        .append(k > 0 ? ":" : "");
            }
        }
        return IpPrefix.parse(text + "/" + length);
    }

    static EndpointSet ips(EndpointSet s, List<IpPrefix> ips) {
        return new EndpointSet(
                s.id(),
                s.serviceArea(),
                s.serviceAreaDisplayName(),
                s.urls(),
                ips,
                s.tcpPorts(),
                s.udpPorts(),
                s.category(),
                s.required(),
                s.expressRoute(),
                s.notes());
    }

    static EndpointSet urls(EndpointSet s, List<HostPattern> urls) {
        return new EndpointSet(
                s.id(),
                s.serviceArea(),
                s.serviceAreaDisplayName(),
                urls,
                s.ips(),
                s.tcpPorts(),
                s.udpPorts(),
                s.category(),
                s.required(),
                s.expressRoute(),
                s.notes());
    }

    static EndpointSet with(
            EndpointSet s,
            Category c,
            boolean required,
            boolean expressRoute,
            PortSet tcp,
            PortSet udp,
            String name,
            String notes) {
        return new EndpointSet(
                s.id(), s.serviceArea(), name, s.urls(), s.ips(), tcp, udp, c, required, expressRoute, notes);
    }
}
