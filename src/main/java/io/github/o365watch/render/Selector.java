package io.github.o365watch.render;

import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Applies a selection to a snapshot: filters, families, the tenant, then the local overrides. */
public final class Selector {
    private static final ServiceArea LOCAL = ServiceArea.parse("Local");

    private Selector() {}

    /**
     * @param tenantFromService true when the snapshot was fetched with the tenant name (the
     *                          service substituted it), false to substitute it here
     */
    public static Selected select(Snapshot snapshot, Selection selection, boolean tenantFromService) {
        List<Item> items = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        TreeSet<String> substituted = new TreeSet<>();
        for (EndpointSet s : snapshot.sets()) {
            if (!selection.filter().test(s)) {
                continue;
            }
            for (IpPrefix p : s.ips()) {
                if (selection.families().includes(p.family())) {
                    items.add(new Item(
                            new Entry.Ip(p), s.category(), s.tcpPorts(), s.udpPorts(), s.id(), s.serviceArea(), ""));
                }
            }
            for (HostPattern h : s.urls()) {
                HostPattern host = h;
                if (selection.tenant().isPresent() && !tenantFromService) {
                    Optional<HostPattern> t =
                            Tenants.substitute(h, s, selection.tenant().get());
                    if (t.isPresent()) {
                        substituted.add(h.pattern());
                        host = t.get();
                    }
                }
                items.add(new Item(
                        new Entry.Host(host), s.category(), s.tcpPorts(), s.udpPorts(), s.id(), s.serviceArea(), ""));
            }
        }
        if (!substituted.isEmpty()) {
            notes.add("tenant " + selection.tenant().get() + " substituted by o365watch (not by the service) into "
                    + String.join(", ", substituted));
        } else if (selection.tenant().isPresent()) {
            notes.add(
                    tenantFromService
                            ? "tenant-specific hostnames as the service published them for tenant "
                                    + selection.tenant().get()
                            : "tenant " + selection.tenant().get() + ": no tenant-scoped pattern in the selection");
        }
        for (LocalEntry o : selection.overrides().add()) {
            if (o.entry() instanceof Entry.Ip ip
                    && !selection.families().includes(ip.prefix().family())) {
                continue;
            }
            items.add(new Item(o.entry(), o.category(), o.tcp(), o.udp(), -1, LOCAL, o.comment()));
        }
        if (!selection.overrides().add().isEmpty()) {
            long held = selection.overrides().add().stream()
                    .filter(LocalEntry::held)
                    .count();
            long local = selection.overrides().add().size() - held;
            if (local > 0) {
                notes.add(io.github.o365watch.domain.Plural.of((int) local, "local addition", "local additions")
                        + " from the overrides file");
            }
            if (held > 0) {
                notes.add(io.github.o365watch.domain.Plural.of((int) held, "entry", "entries")
                        + " Microsoft no longer lists, held" + " (holdRemovalsDays)");
            }
        }
        if (selection.excludeTenantShared()) {
            // every customer's names are under these: left to the proxy, which inspects them
            TreeSet<String> shared = new TreeSet<>();
            // only where they would bypass the proxy: in a PAC file a Default name is an exception that sends it to the
            // proxy
            java.util.function.Predicate<Item> bypassing = i -> i.entry() instanceof Entry.Host h
                    && (i.category().equals(io.github.o365watch.domain.Category.OPTIMIZE)
                            || i.category().equals(io.github.o365watch.domain.Category.ALLOW))
                    && io.github.o365watch.domain.HostRisk.tenantShared(h.host())
                            .isPresent();
            items.stream()
                    .filter(bypassing)
                    .forEach(i -> shared.add(((Entry.Host) i.entry()).host().pattern()));
            items.removeIf(bypassing);
            if (!shared.isEmpty()) {
                notes.add(io.github.o365watch.domain.Plural.of(
                                shared.size(), "tenant-shared wildcard", "tenant-shared wildcards")
                        + " left out (excludeTenantShared): " + String.join(", ", shared));
            }
        }
        List<Item> kept = exclude(items, selection.overrides().exclude(), notes);
        kept.sort((a, b) -> {
            int c = a.entry().compareTo(b.entry());
            return c != 0 ? c : Integer.compare(a.setId(), b.setId());
        });
        return new Selected(snapshot.instance(), snapshot.version(), selection, kept, notes);
    }

    /** Excluded prefixes take their addresses out of every item; excluded patterns drop the names they cover. */
    private static List<Item> exclude(List<Item> items, List<LocalEntry> exclusions, List<String> notes) {
        if (exclusions.isEmpty()) {
            return items;
        }
        PrefixSet out = PrefixSet.of(exclusions.stream()
                .filter(o -> o.entry() instanceof Entry.Ip)
                .map(o -> ((Entry.Ip) o.entry()).prefix())
                .toList());
        java.util.Set<HostPattern> hosts = exclusions.stream()
                .filter(o -> o.entry() instanceof Entry.Host)
                .map(o -> ((Entry.Host) o.entry()).host())
                .collect(java.util.stream.Collectors.toSet());
        Covering wildcards = new Covering(hosts);
        List<Item> kept = new ArrayList<>();
        int trimmed = 0;
        int dropped = 0;
        for (Item i : items) {
            if (i.entry() instanceof Entry.Ip ip && out.overlaps(ip.prefix())) {
                trimmed++;
                for (IpPrefix rest : PrefixSet.of(ip.prefix()).subtract(out).prefixes()) {
                    kept.add(new Item(
                            new Entry.Ip(rest),
                            i.category(),
                            i.tcp(),
                            i.udp(),
                            i.setId(),
                            i.serviceArea(),
                            i.comment()));
                }
            } else if (i.entry() instanceof Entry.Host h
                    && (hosts.contains(h.host()) || wildcards.coversOther(h.host()))) {
                dropped++;
            } else {
                kept.add(i);
            }
        }
        notes.add(io.github.o365watch.domain.Plural.of(exclusions.size(), "local exclusion", "local exclusions")
                + " from the overrides file: "
                + io.github.o365watch.domain.Plural.of(trimmed, "prefix entry", "prefix entries") + " cut, "
                + io.github.o365watch.domain.Plural.of(dropped, "hostname", "hostnames") + " dropped");
        return kept;
    }
}
