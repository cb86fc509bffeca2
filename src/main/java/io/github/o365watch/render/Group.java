package io.github.o365watch.render;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.Summary;
import io.github.o365watch.domain.net.SummaryException;
import java.util.List;
import java.util.Map;

/**
 * One output object: the entries of one category (for lists), or of one category and one port
 * signature (for rules), aggregated, with where they come from.
 *
 * @param key        {@code optimize}, or {@code optimize-2} for the second rule group of Optimize
 * @param v4           the IPv4 prefixes as written, and what summarising them admitted (nothing when exact)
 * @param v6           the same for IPv6
 * @param provenance   the endpoint sets (ids by service area) and overrides it comes from
 * @param beyondLimits by family, why no summary fits the limits (the list is then exact, and a file
 *                     that would hold it is refused: see {@link Generator})
 */
public record Group(
        String key,
        Category category,
        PortSet tcp,
        PortSet udp,
        Summary v4,
        Summary v6,
        List<HostPattern> hosts,
        List<Integer> sets,
        String provenance,
        Map<Family, SummaryException> beyondLimits) {

    public Group {
        hosts = List.copyOf(hosts);
        sets = List.copyOf(sets);
        beyondLimits = Map.copyOf(beyondLimits);
    }

    public List<IpPrefix> ipv4() {
        return v4.prefixes();
    }

    public List<IpPrefix> ipv6() {
        return v6.prefixes();
    }

    public Summary summary(Family family) {
        return family == Family.IPV4 ? v4 : v6;
    }

    public boolean isEmpty() {
        return ipv4().isEmpty() && ipv6().isEmpty() && hosts.isEmpty();
    }
}
