package io.github.o365watch.render;

import io.github.o365watch.domain.HostPattern;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * dnsmasq's form of a group's hostnames ({@code dnsmasqDomains}): each name as dnsmasq matches
 * it, the target's {@code hostnames=subdomains} having already left out what dnsmasq cannot
 * match.
 */
public final class DnsmasqView implements TargetView {
    @Override
    public Set<String> keys() {
        return Set.of("dnsmasqDomains");
    }

    @Override
    public void group(Map<String, Object> group, List<HostPattern> hosts) {
        group.put(
                "dnsmasqDomains",
                Views.values("value", hosts.stream().map(HostPattern::pattern).toList()));
    }
}
