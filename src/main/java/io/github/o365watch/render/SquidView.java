package io.github.o365watch.render;

import io.github.o365watch.domain.HostPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Squid's forms of a group's hostnames ({@code squidDomains}, {@code squidRegex},
 * {@code hasSquidDomains}, {@code hasSquidRegex}): {@code .domain} covers the domain and every
 * name under it, so a {@code *.domain} becomes {@code .domain} only where the domain itself is
 * listed too (then it is exact); the other wildcards become anchored regular expressions. Names
 * already covered by a {@code .domain} are left out (squid warns about them).
 */
public final class SquidView implements TargetView {
    @Override
    public Set<String> keys() {
        return Set.of("squidDomains", "squidRegex", "hasSquidDomains", "hasSquidRegex");
    }

    @Override
    public void group(Map<String, Object> group, List<HostPattern> hosts) {
        Set<String> exact = new TreeSet<>();
        hosts.stream().filter(h -> !h.isWildcard()).forEach(h -> exact.add(h.pattern()));
        Set<String> dotted = new TreeSet<>();
        List<String> regex = new ArrayList<>();
        for (HostPattern h : hosts) {
            if (h.kind() == HostPattern.Kind.SUBDOMAINS && exact.contains(h.domain())) {
                dotted.add(h.domain());
            } else if (h.isWildcard()) {
                regex.add(ViewBuilder.regex(h));
            }
        }
        // a .domain under another .domain is redundant (and squid warns); looked up by suffix, not pair by pair
        Set<String> all = new HashSet<>(dotted);
        dotted.removeIf(d -> under(d, all));
        List<String> domains = new ArrayList<>();
        for (String e : exact) {
            if (!dotted.contains(e) && !under(e, dotted)) {
                domains.add(e);
            }
        }
        dotted.forEach(d -> domains.add("." + d));
        domains.sort(java.util.Comparator.comparing(d -> d.startsWith(".") ? d.substring(1) : d));
        group.put("squidDomains", Views.values("value", domains));
        group.put("squidRegex", Views.values("value", regex));
        group.put("hasSquidDomains", !domains.isEmpty());
        group.put("hasSquidRegex", !regex.isEmpty());
    }

    /** True when a name strictly under {@code name}'s parents is in {@code domains} ({@code a.b.c} is under {@code b.c} and {@code c}). */
    private static boolean under(String name, Set<String> domains) {
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            if (domains.contains(name.substring(dot + 1))) {
                return true;
            }
        }
        return false;
    }
}
