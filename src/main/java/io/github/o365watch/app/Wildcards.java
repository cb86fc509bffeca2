package io.github.o365watch.app;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.HostRisk;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.Generated;
import io.github.o365watch.render.Item;
import io.github.o365watch.source.PublicSuffixList;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the hostname patterns in each target's lists admit (see {@link HostRisk}): a bypass or
 * an inspection exemption for a tenant-shared wildcard admits every customer's content, a broad
 * one far more than Microsoft 365. Said per target, because each holds what its syntax can.
 */
public final class Wildcards {
    private Wildcards() {}

    /** A pattern beyond a scoped wildcard, with the categories it is listed in. */
    public record Risky(
            HostPattern pattern,
            HostRisk.Kind kind,
            List<Category> categories,
            Optional<HostRisk.Namespace> namespace) {}

    /** One target: how many patterns of each kind its lists hold, and the broad and tenant-shared ones. */
    public record ForTarget(String target, Map<HostRisk.Kind, Integer> counts, List<Risky> risky) {}

    public static HostRisk classify(HostPattern h) {
        return HostRisk.of(h, PublicSuffixList.BUNDLED);
    }

    /**
     * Per target that holds hostnames, in the order given, counting the patterns of the selected
     * categories ({@code categories} empty: all): a PAC file also sees the others, to send them to
     * the proxy.
     */
    public static List<ForTarget> of(List<Generated> generated, java.util.Set<Category> selected) {
        List<ForTarget> out = new ArrayList<>();
        // a pattern's risk is its own, whichever target holds it: classified once
        Map<HostPattern, HostRisk> risks = new HashMap<>();
        for (Generated g : generated) {
            if (g.hostnames().stream().noneMatch(i -> selected.isEmpty() || selected.contains(i.category()))) {
                continue;
            }
            // only counted, and the few risky ones sorted at the end: no sorted map of every pattern
            Map<HostPattern, TreeSet<Category>> categories = new HashMap<>();
            for (Item i : g.hostnames()) {
                if (!selected.isEmpty() && !selected.contains(i.category())) {
                    continue;
                }
                categories
                        .computeIfAbsent(((Entry.Host) i.entry()).host(), k -> new TreeSet<>())
                        .add(i.category());
            }
            Map<HostRisk.Kind, Integer> counts = new EnumMap<>(HostRisk.Kind.class);
            for (HostRisk.Kind k : HostRisk.Kind.values()) {
                counts.put(k, 0);
            }
            List<Risky> risky = new ArrayList<>();
            categories.forEach((h, cs) -> {
                HostRisk r = risks.computeIfAbsent(h, Wildcards::classify);
                counts.merge(r.kind(), 1, Integer::sum);
                if (r.kind() == HostRisk.Kind.BROAD || r.kind() == HostRisk.Kind.TENANT_SHARED) {
                    risky.add(new Risky(h, r.kind(), List.copyOf(cs), r.namespace()));
                }
            });
            risky.sort(java.util.Comparator.comparing(Risky::pattern));
            out.add(new ForTarget(g.spec().id(), counts, risky));
        }
        return out;
    }

    /**
     * Lines for a command's output: a table of counts per target, then the broad and tenant-shared
     * patterns; with a tenant, the shared ones are those Microsoft's naming gives no tenant form.
     * {@code table} lays out the counts per target as the command's other tables are.
     */
    public static List<String> describe(
            List<ForTarget> targets,
            Optional<String> tenant,
            java.util.function.Function<List<ForTarget>, List<String>> table) {
        List<String> out = new ArrayList<>();
        if (targets.isEmpty()) {
            return out;
        }
        out.add("Hostname patterns in the lists (a bypass or inspection exemption admits what they match):");
        out.addAll(table.apply(targets));
        Map<HostPattern, Risky> all = new TreeMap<>();
        targets.forEach(t -> t.risky().forEach(r -> all.putIfAbsent(r.pattern(), r)));
        List<String> shared = new ArrayList<>();
        List<String> broad = new ArrayList<>();
        for (Risky r : all.values()) {
            String cats = String.join(
                    ", ", r.categories().stream().map(Category::name).toList());
            if (r.kind() == HostRisk.Kind.TENANT_SHARED) {
                String whose = r.namespace().orElseThrow().whose();
                shared.add(r.pattern().pattern() + " (" + cats + "; "
                        + (whose.contains(" (") ? whose.substring(0, whose.indexOf(" (")) : whose) + ")");
            } else {
                broad.add(r.pattern().pattern() + " (" + cats + ")");
            }
        }
        if (!shared.isEmpty()) {
            out.add("  tenant-shared, admitting every customer's content, not only yours"
                    + tenant.map(t -> " (with tenant " + t
                                    + ", these remain shared: Microsoft's naming gives them no tenant form; --exclude-tenant-shared leaves them to the"
                                    + " proxy)")
                            .orElse(
                                    " (--tenant puts your name where Microsoft's naming allows; --exclude-tenant-shared leaves them"
                                            + " to the proxy)")
                    + ": " + String.join(", ", shared));
        }
        if (!broad.isEmpty()) {
            out.add("  broad, a whole domain and far more than Microsoft 365: " + String.join(", ", broad));
        }
        return out;
    }
}
