package io.github.o365watch.report;

import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import java.util.HashSet;
import java.util.Set;

/** How many distinct prefixes and hostname patterns one stored version lists. */
public record HistoryPoint(Version version, int prefixes, int hostnames) {

    public static HistoryPoint of(Snapshot s) {
        Set<IpPrefix> ips = new HashSet<>();
        Set<HostPattern> hosts = new HashSet<>();
        for (EndpointSet e : s.sets()) {
            ips.addAll(e.ips());
            hosts.addAll(e.urls());
        }
        return new HistoryPoint(s.version(), ips.size(), hosts.size());
    }
}
