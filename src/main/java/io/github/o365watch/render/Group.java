package io.github.o365watch.render;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.net.IpPrefix;
import java.math.BigInteger;
import java.util.List;

/**
 * One output object: the entries of one category (for lists), or of one category and one port
 * signature (for rules), aggregated, with where they come from.
 *
 * @param key            {@code optimize}, or {@code optimize-2} for the second rule group of Optimize
 * @param provenance     the endpoint sets (ids by service area) and overrides it comes from
 * @param extraAddresses addresses admitted beyond the selection by {@code --max-entries} (zero when exact)
 */
public record Group(String key, Category category, PortSet tcp, PortSet udp, List<IpPrefix> ipv4, List<IpPrefix> ipv6,
        List<HostPattern> hosts, List<Integer> sets, String provenance, BigInteger extraAddresses) {

    public Group {
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
        hosts = List.copyOf(hosts);
        sets = List.copyOf(sets);
    }

    public boolean isEmpty() {
        return ipv4.isEmpty() && ipv6.isEmpty() && hosts.isEmpty();
    }
}
