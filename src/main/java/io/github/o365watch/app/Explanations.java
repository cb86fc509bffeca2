package io.github.o365watch.app;

import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.Item;
import io.github.o365watch.render.LocalEntry;
import io.github.o365watch.render.Selected;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.Selector;
import io.github.o365watch.render.TargetSpec;
import io.github.o365watch.store.StoredVersion;
import io.github.o365watch.text.Printable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What lookup says beyond its matches: what is known of a query that matches nothing (listed
 * before, listed in another instance, the nearest listed prefix), and why a match is in or out
 * of the site's selection and each of its targets. The questions users ask most about Microsoft's
 * lists: "it is in my logs but not in the list: why?".
 */
public final class Explanations {
    /** Addresses this close to a listed prefix are worth naming: the same /16 (IPv4) or /32 (IPv6). */
    static final int NEAR_IPV4 = 16;

    static final int NEAR_IPV6 = 32;

    private final Workspace ws;

    /** Snapshots read once per run: every query of a lookup asks the same versions. */
    private final java.util.Map<StoredVersion, Snapshot> loaded = new java.util.HashMap<>();

    public Explanations(Workspace ws) {
        this.ws = ws;
    }

    private Snapshot load(StoredVersion v) {
        return loaded.computeIfAbsent(v, x -> ws.store().load(x));
    }

    /** What kind of thing is known; the order is the order of usefulness. */
    public enum Kind {
        /** Listed in an earlier stored version, and gone since. */
        EARLIER,
        /** Listed in another instance's newest stored version. */
        OTHER_INSTANCE,
        /** A listed prefix near the address (same /16 or /32). */
        NEAREST
    }

    /** One thing known about a query that matched nothing, in words. */
    public record Clue(Kind kind, String text) {}

    /**
     * What is known of a query that matched nothing in {@code searched} (per instance, the versions
     * lookup looked in): most useful first.
     */
    public List<Clue> absence(Lookup.Query q, java.util.Map<Instance, List<Version>> searched) {
        List<Clue> out = new ArrayList<>();
        for (var e : searched.entrySet()) {
            earlier(q, e.getKey(), e.getValue()).ifPresent(out::add);
        }
        for (Instance other : ws.store().instances()) {
            if (searched.keySet().stream().noneMatch(i -> i.name().equalsIgnoreCase(other.name()))) {
                List<StoredVersion> vs = ws.store().versions(other);
                if (!vs.isEmpty()) {
                    StoredVersion newest = vs.get(vs.size() - 1);
                    List<String> where = matches(q, load(newest));
                    if (!where.isEmpty()) {
                        out.add(new Clue(
                                Kind.OTHER_INSTANCE,
                                "listed in " + other + " " + newest.version() + ": " + String.join("; ", where)
                                        + " (another cloud: --instance " + other + " looks there)"));
                    }
                }
            }
        }
        if (q.prefix().isPresent()) {
            for (var e : searched.entrySet()) {
                nearest(q.prefix().get(), e.getKey(), e.getValue()).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The last stored version before the searched ones that listed the query, and what removed it. */
    private Optional<Clue> earlier(Lookup.Query q, Instance instance, List<Version> searched) {
        List<StoredVersion> all = ws.store().versions(instance);
        Version first = searched.stream().min(Comparator.naturalOrder()).orElse(Version.NONE);
        for (int n = all.size() - 1; n >= 0; n--) {
            StoredVersion v = all.get(n);
            if (!first.isNewerThan(v.version())) {
                continue;
            }
            Snapshot s = load(v);
            List<EndpointSet> sets = s.sets().stream()
                    .filter(set -> !Lookup.entries(q, set).isEmpty())
                    .toList();
            if (sets.isEmpty()) {
                continue;
            }
            StoredVersion next = all.get(n + 1);
            List<String> parts = new ArrayList<>();
            for (EndpointSet set : sets) {
                parts.add(describe(set) + " as " + String.join(", ", Lookup.entries(q, set)) + removal(q, set, next));
            }
            return Optional.of(new Clue(
                    Kind.EARLIER,
                    "listed until " + dated(v.version()) + " in " + String.join("; ", parts) + "; not listed from "
                            + dated(next.version()) + " on"));
        }
        return Optional.empty();
    }

    /** The change record of {@code next} that removed the entry from {@code set}, in words. */
    private String removal(Lookup.Query q, EndpointSet set, StoredVersion next) {
        List<ChangeRecord> records = ws.store().changes(next).orElse(List.of());
        for (ChangeRecord r : records) {
            if (r.endpointSetId() != set.id() || !r.version().equals(next.version())) {
                continue;
            }
            boolean named = r.remove()
                    .map(rm -> q.prefix().isPresent()
                            ? rm.ips().stream()
                                    .anyMatch(p -> p.overlaps(q.prefix().get()))
                            : rm.urls().stream()
                                    .anyMatch(u -> u.covers(q.host().orElseThrow())
                                            || q.host().orElseThrow().covers(u)))
                    .orElse(false);
            if (named || r.disposition().equals(io.github.o365watch.domain.Disposition.REMOVE)) {
                return " (removed by Microsoft's change record " + r.id() + ", "
                        + r.disposition().name().toLowerCase(java.util.Locale.ROOT)
                        + r.impact().map(i -> ", " + i).orElse("") + ")";
            }
        }
        return records.isEmpty()
                ? " (no change records stored for " + next.version() + ")"
                : " (no change record of " + next.version() + " names its removal: review)";
    }

    /** The listed prefixes nearest the address, within the same /16 or /32, in the newest searched version. */
    private Optional<Clue> nearest(IpPrefix p, Instance instance, List<Version> searched) {
        Version newest = searched.stream().max(Comparator.naturalOrder()).orElseThrow();
        Optional<StoredVersion> v = ws.store().versions(instance).stream()
                .filter(x -> x.version().equals(newest))
                .reduce((a, b) -> b);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        int near = p.family() == io.github.o365watch.domain.net.Family.IPV4 ? NEAR_IPV4 : NEAR_IPV6;
        int best = -1;
        java.util.Map<IpPrefix, List<EndpointSet>> found = new java.util.TreeMap<>();
        for (EndpointSet set : load(v.get()).sets()) {
            for (IpPrefix ip : set.ips()) {
                int common = ip.commonBits(p);
                if (ip.family() != p.family() || common < Math.min(near, ip.length())) {
                    continue;
                }
                if (common > best) {
                    best = common;
                    found.clear();
                }
                if (common == best) {
                    found.computeIfAbsent(ip, k -> new ArrayList<>()).add(set);
                }
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        found.forEach((ip, sets) -> parts.add(ip + " in " + sets(sets)));
        return Optional.of(new Clue(
                Kind.NEAREST,
                "nearest listed in " + instance + " " + newest + ": " + String.join("; ", parts) + " (the same /" + near
                        + "; the address is outside it)"));
    }

    /** {@code set 11 (Skype, Optimize)}, or {@code sets 12, 13 (Skype, Allow); set 56 (Common, Allow)}. */
    private static String sets(List<EndpointSet> sets) {
        java.util.Map<String, List<Integer>> byKind = new java.util.LinkedHashMap<>();
        for (EndpointSet s : sets) {
            byKind.computeIfAbsent(s.serviceArea() + ", " + s.category(), k -> new ArrayList<>())
                    .add(s.id());
        }
        List<String> out = new ArrayList<>();
        byKind.forEach((kind, ids) -> out.add((ids.size() == 1 ? "set " : "sets ")
                + String.join(", ", ids.stream().map(String::valueOf).toList()) + " (" + kind + ")"));
        return String.join("; ", out);
    }

    private static List<String> matches(Lookup.Query q, Snapshot s) {
        List<String> out = new ArrayList<>();
        for (EndpointSet set : s.sets()) {
            List<String> entries = Lookup.entries(q, set);
            if (!entries.isEmpty()) {
                out.add(describe(set) + " as " + String.join(", ", entries));
            }
        }
        return out;
    }

    static String describe(EndpointSet set) {
        return "set " + set.id() + " (" + set.serviceArea() + ", " + set.category() + ")";
    }

    private static String dated(Version v) {
        return v + v.date().map(d -> " (" + d + ")").orElse("");
    }

    // --- lookup --explain ---------------------------------------------------------------------

    /** Whether one target of the site holds the entry, and why not. */
    public record TargetVerdict(String target, boolean holds, String why) {}

    /** Why a matched entry is in or out of the site's selection, and of each target's output. */
    public record Verdict(boolean selected, String why, List<TargetVerdict> targets) {}

    /**
     * For each hit of {@code a}, why it is in or out of the site's outputs: the config file's
     * selection and targets, or without one the default selection and no target.
     */
    public List<Verdict> explain(Lookup.Answer a, Optional<Config> config) {
        List<TargetSpec> targets = new ArrayList<>();
        config.ifPresent(c -> {
            io.github.o365watch.render.TemplateEngine engine = Generate.engine(c.templates());
            for (Config.TargetConfig t : c.targets()) {
                targets.add(TargetSpec.parse(t.name(), engine.properties(t.name())));
            }
        });
        List<Verdict> out = new ArrayList<>();
        for (Lookup.Hit h : a.hits()) {
            Version v = h.versions().get(h.versions().size() - 1);
            Snapshot s = load(Selections.version(ws, h.instance(), v.value()));
            Selection selection =
                    config.map(c -> ConfigSelection.selection(c, s)).orElse(Selection.defaults());
            out.add(explain(s, h.set(), h.entry(), selection, targets));
        }
        return out;
    }

    /**
     * Why the entry {@code entry} of {@code set} (a hit of lookup) is in or out of what the site
     * generates from {@code snapshot}: the selection (category, service area, required, family,
     * overrides, tenant), then each target's capabilities.
     */
    public static Verdict explain(
            Snapshot snapshot, EndpointSet set, String entry, Selection selection, List<TargetSpec> targets) {
        Optional<IpPrefix> ip = entry.contains("/") ? Optional.of(IpPrefix.parse(entry)) : Optional.empty();
        Optional<HostPattern> host = ip.isPresent() ? Optional.empty() : Optional.of(HostPattern.parse(entry));
        List<String> out = new ArrayList<>();
        if (!selection.filter().categories().isEmpty()
                && !selection.filter().categories().contains(set.category())) {
            out.add("category " + set.category() + " is not selected");
        }
        if (!selection.filter().serviceAreas().isEmpty()
                && !selection.filter().serviceAreas().contains(set.serviceArea())) {
            out.add("service area " + set.serviceArea() + " is not selected");
        }
        if (selection.filter().requiredOnly() && !set.required()) {
            out.add("the set is not required, and only required sets are selected");
        }
        if (ip.isPresent() && !selection.families().includes(ip.get().family())) {
            out.add(ip.get().family().label() + " is not selected");
        }
        if (!out.isEmpty()) {
            return new Verdict(
                    false,
                    "left out of the selection (" + selection.filter().describe() + "): " + String.join("; ", out),
                    List.of());
        }
        // what the selection keeps of it, overrides and tenant applied, as generate would
        Selected selected = Selector.select(snapshot, selection, false);
        List<Item> kept = selected.items().stream()
                .filter(i -> i.setId() == set.id())
                .filter(i -> ip.isPresent()
                        ? i.entry() instanceof Entry.Ip x && ip.get().contains(x.prefix())
                        : i.entry() instanceof Entry.Host h && host.get().covers(h.host()))
                .toList();
        if (kept.isEmpty()) {
            String by = selection.overrides().exclude().stream()
                    .filter(o -> excludes(o, ip, host))
                    .map(o -> "'" + Printable.of(o.comment()) + "'")
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("an exclusion");
            return new Verdict(false, "excluded by the overrides file: " + by, List.of());
        }
        String as = kept.stream()
                .map(i -> i.entry().text())
                .distinct()
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        String why = "selected (" + selection.describe() + ")" + (as.equals(entry) ? "" : ", as " + as)
                + (ip.isPresent() && kept.size() > 1 || ip.isPresent() && !as.equals(entry)
                        ? " (part of it excluded by the overrides file)"
                        : "");
        List<TargetVerdict> verdicts = new ArrayList<>();
        for (TargetSpec t : targets) {
            String refused = null;
            if (ip.isPresent()) {
                boolean takes = ip.get().family() == io.github.o365watch.domain.net.Family.IPV4 ? t.ipv4() : t.ipv6();
                refused = takes ? null : "takes no " + ip.get().family().label() + " addresses";
            } else {
                Item first = kept.get(0);
                refused = t.hosts().refuse(((Entry.Host) first.entry()).host());
                refused = refused == null ? null : refused.replace("this target ", "");
            }
            verdicts.add(new TargetVerdict(t.id(), refused == null, refused == null ? "" : refused));
        }
        return new Verdict(true, why, verdicts);
    }

    private static boolean excludes(LocalEntry o, Optional<IpPrefix> ip, Optional<HostPattern> host) {
        if (o.entry() instanceof Entry.Ip x) {
            return ip.isPresent() && x.prefix().overlaps(ip.get());
        }
        return host.isPresent()
                && o.entry() instanceof Entry.Host h
                && (h.host().covers(host.get()) || h.host().equals(host.get()));
    }
}
