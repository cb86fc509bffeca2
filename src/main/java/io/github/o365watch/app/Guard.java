package io.github.o365watch.app;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.net.AddressCounts;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.PrefixSet;
import io.github.o365watch.domain.net.SpecialPurpose;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.Item;
import io.github.o365watch.render.Selected;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The safety guard: a new selection that is empty, loses a whole service area, or removes more
 * than the configured share of the addresses (per family) or of the hostnames of the selection it
 * replaces is refused before any output is touched. A prefix broader than the guard's minimum
 * lengths is refused by the plan ({@link io.github.o365watch.render.Planner}), whatever the
 * flags: it checks what will be published, after overrides and summarising; and so are lists no
 * Microsoft 365 endpoint has ({@link #unsafe}).
 */
final class Guard {
    /** More ports than this in one set's TCP or UDP list is most of the range: a rule to every service of a host. */
    static final int MAX_PORTS = 32_767;

    private Guard() {}

    /**
     * Lists no Microsoft 365 endpoint has, which no flag lets through: a set that opens more than half
     * the ports of a protocol (Microsoft's widest is Teams media's 50000-59999), and special-purpose
     * address space, which fetch refuses and a store written before that may still hold. The
     * overrides file is the user's own and is not judged here.
     */
    static List<String> unsafe(Selected next) {
        String who = next.instance() + " " + next.version();
        Set<String> out = new java.util.LinkedHashSet<>();
        for (Item i : next.items()) {
            if (i.fromOverride()) {
                continue;
            }
            ports(i.tcp())
                    .ifPresent(n -> out.add(who + " opens TCP " + i.tcp() + " in set " + i.setId() + " (" + n
                            + " ports, more than half the range)"));
            ports(i.udp())
                    .ifPresent(n -> out.add(who + " opens UDP " + i.udp() + " in set " + i.setId() + " (" + n
                            + " ports, more than half the range)"));
            if (i.entry() instanceof Entry.Ip ip) {
                SpecialPurpose.overlapping(ip.prefix())
                        .ifPresent(b -> out.add(who + " lists " + ip.prefix() + " in " + i.source()
                                + ", special-purpose address space " + b.describe()));
            }
        }
        return List.copyOf(out);
    }

    private static java.util.Optional<Integer> ports(PortSet p) {
        int n = p.ranges().stream().mapToInt(PortSet.PortRange::count).sum();
        return n > MAX_PORTS ? java.util.Optional.of(n) : java.util.Optional.empty();
    }

    /** Why the new selection is refused; empty when it is fine. {@code base} is the applied selection, if any. */
    static List<String> check(Selected base, Selected next, Config.GuardConfig g) {
        List<String> out = new ArrayList<>();
        String who = next.instance() + " " + next.version();
        if (next.items().isEmpty()) {
            out.add(who + " selects nothing (an empty or truncated list is never applied)");
            return out;
        }
        if (base == null) {
            return out;
        }
        Set<ServiceArea> had = areas(base);
        Set<ServiceArea> has = areas(next);
        had.removeAll(has);
        if (!had.isEmpty()) {
            out.add(who + " loses the service area" + (had.size() == 1 ? " " : "s ")
                    + had.stream().map(ServiceArea::name).collect(Collectors.joining(", ")));
        }
        PrefixSet before = ips(base);
        PrefixSet after = ips(next);
        PrefixSet removedSet = null; // made once, for the first family that has addresses
        for (Family f : Family.values()) {
            BigInteger total = before.addressCount(f);
            if (total.signum() == 0) {
                continue;
            }
            if (removedSet == null) {
                removedSet = before.subtract(after);
            }
            BigInteger removed = removedSet.addressCount(f);
            double pct = percent(removed, total);
            if (pct > g.maxRemovedAddressesPercent()) {
                out.add(String.format(
                        Locale.ROOT,
                        "%s removes %.1f%% of the selected %s addresses (%s of %s; the limit is %.0f%%)",
                        who,
                        pct,
                        f.label(),
                        AddressCounts.words(f, removed),
                        AddressCounts.words(f, total),
                        g.maxRemovedAddressesPercent()));
            }
        }
        Set<HostPattern> hostsBefore = hosts(base);
        Set<HostPattern> hostsAfter = hosts(next);
        if (!hostsBefore.isEmpty()) {
            long gone =
                    hostsBefore.stream().filter(h -> !hostsAfter.contains(h)).count();
            double pct = 100.0 * gone / hostsBefore.size();
            if (pct > g.maxRemovedHostnamesPercent()) {
                out.add(String.format(
                        Locale.ROOT,
                        "%s removes %.1f%% of the selected hostnames (%d of %d; the limit is %.0f%%)",
                        who,
                        pct,
                        gone,
                        hostsBefore.size(),
                        g.maxRemovedHostnamesPercent()));
            }
        }
        return out;
    }

    private static double percent(BigInteger part, BigInteger whole) {
        return new BigDecimal(part)
                .multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(whole), 3, RoundingMode.HALF_UP)
                .doubleValue();
    }

    private static Set<ServiceArea> areas(Selected s) {
        return s.items().stream()
                .filter(i -> !i.fromOverride())
                .map(Item::serviceArea)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static PrefixSet ips(Selected s) {
        return PrefixSet.of(s.items().stream()
                .filter(i -> i.entry() instanceof Entry.Ip)
                .map(i -> ((Entry.Ip) i.entry()).prefix())
                .toList());
    }

    private static Set<HostPattern> hosts(Selected s) {
        return s.items().stream()
                .filter(i -> i.entry() instanceof Entry.Host)
                .map(i -> ((Entry.Host) i.entry()).host())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
