package io.github.o365watch.render;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.PrefixSet;
import io.github.o365watch.domain.net.Summary;
import io.github.o365watch.domain.net.SummaryException;
import io.github.o365watch.text.Printable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Builds the {@link Plan}: grouping, priority between categories, exact aggregation, budgets. */
public final class Planner {
    private Planner() {}

    /**
     * @param limits at most this many prefixes per group and family, how many more addresses a
     *               summary may admit, and the broadest prefix any output may hold
     * @throws LimitException when a listed prefix is broader than the limits (a list that fits no
     *                        summary within them is refused only where it would be written)
     */
    public static Plan plan(Selected selected, Limits limits) {
        String who = selected.instance() + " " + selected.version();
        List<String> refused = new ArrayList<>();
        for (Item i : selected.items()) {
            // what is listed reaches an output as it is: the bound holds for it as for a summary
            if (i.entry() instanceof Entry.Ip ip
                    && ip.prefix().length() < limits.minLength(ip.prefix().family())) {
                refused.add(who + " lists " + ip.prefix() + " in " + i.source()
                        + (i.fromOverride() ? " '" + Printable.of(i.comment()) + "'" : "") + ", broader than /"
                        + limits.minLength(ip.prefix().family()));
            }
        }
        if (!refused.isEmpty()) {
            throw new LimitException(refused);
        }
        Map<Category, List<Item>> byCategory = new TreeMap<>();
        selected.items()
                .forEach(i -> byCategory
                        .computeIfAbsent(i.category(), k -> new ArrayList<>())
                        .add(i));
        uniqueNames(byCategory);

        List<Group> categories = new ArrayList<>();
        PrefixSet higher = PrefixSet.EMPTY;
        // only asked whether they hold a name: hash sets (a sorted set compared strings per name, 100,000 at scale)
        Set<HostPattern> higherHosts = new HashSet<>();
        for (Map.Entry<Category, List<Item>> e : byCategory.entrySet()) {
            PrefixSet listed = ips(e.getValue());
            Group g = group(
                    e.getKey().name().toLowerCase(Locale.ROOT),
                    e.getKey(),
                    e.getValue(),
                    listed,
                    higher,
                    higherHosts,
                    limits);
            higher = higher.union(listed);
            addHosts(higherHosts, e.getValue());
            categories.add(g);
        }

        List<Group> rules = new ArrayList<>();
        Map<String, PrefixSet> higherBySignature = new LinkedHashMap<>();
        Map<String, Set<HostPattern>> higherHostsBySignature = new LinkedHashMap<>();
        for (Map.Entry<Category, List<Item>> e : byCategory.entrySet()) {
            Map<String, List<Item>> bySignature = new TreeMap<>();
            // an endpoint set's items share its port sets: the signature's text is made once per pair of them
            Map<PortSet, Map<PortSet, List<Item>>> byPorts = new IdentityHashMap<>();
            for (Item i : e.getValue()) {
                byPorts.computeIfAbsent(i.tcp(), k -> new IdentityHashMap<>())
                        .computeIfAbsent(
                                i.udp(),
                                k -> bySignature.computeIfAbsent(signature(i.tcp(), i.udp()), x -> new ArrayList<>()))
                        .add(i);
            }
            int n = 0;
            for (Map.Entry<String, List<Item>> s : bySignature.entrySet()) {
                String key = e.getKey().name().toLowerCase(Locale.ROOT) + "-" + (++n);
                PrefixSet above = higherBySignature.getOrDefault(s.getKey(), PrefixSet.EMPTY);
                Set<HostPattern> aboveHosts = higherHostsBySignature.getOrDefault(s.getKey(), Set.of());
                PrefixSet listed = ips(s.getValue());
                rules.add(group(key, e.getKey(), s.getValue(), listed, above, aboveHosts, limits));
                higherBySignature.put(s.getKey(), above.union(listed));
                Set<HostPattern> h = new HashSet<>(aboveHosts);
                addHosts(h, s.getValue());
                higherHostsBySignature.put(s.getKey(), h);
            }
        }
        return new Plan(selected, categories, rules, limits);
    }

    /**
     * Objects and per-category files are named after the category in lower case: two categories
     * that differ only in case (the feed's {@code Foo}, an override's {@code foo}) would share names,
     * and one would take the other's entries or overwrite its file. Fetch refuses such a feed; the
     * overrides file can still bring one.
     */
    private static void uniqueNames(Map<Category, List<Item>> byCategory) {
        Map<String, Category> byName = new TreeMap<>();
        for (Map.Entry<Category, List<Item>> e : byCategory.entrySet()) {
            Category other = byName.putIfAbsent(e.getKey().name().toLowerCase(Locale.ROOT), e.getKey());
            if (other != null) {
                Item a = byCategory.get(other).get(0);
                Item b = e.getValue().get(0);
                String message = "categories '" + other + "' (" + where(a) + ") and '" + e.getKey() + "' (" + where(b)
                        + ") differ only in case and would share the output name '"
                        + other.name().toLowerCase(Locale.ROOT) + "'";
                if (a.fromOverride() || b.fromOverride()) {
                    // the overrides file is the user's to correct: a usage error, not the feed's
                    throw new OptionException(message + "; spell the override's category as the feed does");
                }
                throw new io.github.o365watch.domain.InvalidDataException(
                        message); // parsing a snapshot refuses such a pair first
            }
        }
    }

    private static String where(Item i) {
        return i.fromOverride() ? "local override '" + Printable.of(i.comment()) + "'" : i.source();
    }

    private static String signature(PortSet tcp, PortSet udp) {
        return "tcp:" + tcp + " udp:" + udp;
    }

    private static Group group(
            String key,
            Category category,
            List<Item> items,
            PrefixSet listed,
            PrefixSet above,
            Set<HostPattern> aboveHosts,
            Limits limits) {
        PrefixSet ips = listed.subtract(above);
        List<HostPattern> hosts =
                hosts(items).stream().filter(h -> !aboveHosts.contains(h)).toList();
        PortSet tcp = PortSet.EMPTY;
        PortSet udp = PortSet.EMPTY;
        // the items of a group (one per prefix and hostname) share their sets' port sets: each joined once, as a
        // union of the same sets in any order and with repeats is the same set
        Set<PortSet> seenTcp = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<PortSet> seenUdp = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Item i : items) {
            if (seenTcp.add(i.tcp())) {
                tcp = tcp.union(i.tcp());
            }
            if (seenUdp.add(i.udp())) {
                udp = udp.union(i.udp());
            }
        }
        Map<Family, Summary> written = new EnumMap<>(Family.class);
        Map<Family, SummaryException> beyond = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            try {
                written.put(f, ips.summarize(f, limits.maxEntries(), limits.minLength(f), limits.maxExtraPercent()));
            } catch (SummaryException e) {
                // kept exact here; only a target that writes this list fails, naming it
                beyond.put(f, e);
                written.put(f, ips.summarize(f, 0, limits.minLength(f), limits.maxExtraPercent()));
            }
        }
        List<Integer> sets = items.stream()
                .filter(i -> !i.fromOverride())
                .map(Item::setId)
                .distinct()
                .sorted()
                .toList();
        return new Group(
                key,
                category,
                tcp,
                udp,
                written.get(Family.IPV4),
                written.get(Family.IPV6),
                hosts,
                sets,
                provenance(items),
                beyond);
    }

    private static PrefixSet ips(List<Item> items) {
        return PrefixSet.of(items.stream()
                .filter(i -> i.entry() instanceof Entry.Ip)
                .map(i -> ((Entry.Ip) i.entry()).prefix())
                .toList());
    }

    private static void addHosts(Set<HostPattern> to, List<Item> items) {
        for (Item i : items) {
            if (i.entry() instanceof Entry.Host h) {
                to.add(h.host());
            }
        }
    }

    private static Set<HostPattern> hosts(List<Item> items) {
        return items.stream()
                .filter(i -> i.entry() instanceof Entry.Host)
                .map(i -> ((Entry.Host) i.entry()).host())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@code Exchange sets 1, 2; Skype set 11; local overrides: branch breakout}. */
    static String provenance(List<Item> items) {
        Map<ServiceArea, TreeSet<Integer>> byArea = new TreeMap<>();
        TreeSet<String> overrides = items.stream()
                .filter(Item::fromOverride)
                .map(Item::comment)
                .collect(Collectors.toCollection(TreeSet::new));
        items.stream()
                .filter(i -> !i.fromOverride())
                .forEach(i -> byArea.computeIfAbsent(i.serviceArea(), k -> new TreeSet<>())
                        .add(i.setId()));
        List<String> parts = new ArrayList<>();
        byArea.forEach((area, ids) -> parts.add(area
                + (ids.size() == 1 ? " set " : " sets ")
                + ids.stream().map(String::valueOf).collect(Collectors.joining(", "))));
        if (!overrides.isEmpty()) {
            parts.add(
                    (overrides.size() == 1 ? "local override: " : "local overrides: ") + String.join(", ", overrides));
        }
        return parts.isEmpty() ? "nothing selected" : String.join("; ", parts);
    }
}
