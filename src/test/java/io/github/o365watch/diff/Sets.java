package io.github.o365watch.diff;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/** Edits of real endpoint sets for tests: the same set with other entries or attributes. */
final class Sets {
    private Sets() {}

    static EndpointSet with(EndpointSet s, List<String> ips, List<HostPattern> urls) {
        return new EndpointSet(
                s.id(),
                s.serviceArea(),
                s.serviceAreaDisplayName(),
                urls,
                ips.stream().map(IpPrefix::parse).toList(),
                s.tcpPorts(),
                s.udpPorts(),
                s.category(),
                s.required(),
                s.expressRoute(),
                s.notes());
    }

    static EndpointSet withUrls(EndpointSet s, List<String> urls) {
        return new EndpointSet(
                s.id(),
                s.serviceArea(),
                s.serviceAreaDisplayName(),
                urls.stream().map(HostPattern::parse).toList(),
                s.ips(),
                s.tcpPorts(),
                s.udpPorts(),
                s.category(),
                s.required(),
                s.expressRoute(),
                s.notes());
    }

    static EndpointSet attributes(
            EndpointSet s,
            Category category,
            boolean required,
            boolean expressRoute,
            String tcp,
            String udp,
            String notes) {
        return new EndpointSet(
                s.id(),
                s.serviceArea(),
                s.serviceAreaDisplayName(),
                s.urls(),
                s.ips(),
                PortSet.parse(tcp),
                PortSet.parse(udp),
                category,
                required,
                expressRoute,
                notes);
    }

    /** The snapshot with these sets replacing those of the same id (a null-content set removes it). */
    static Snapshot replace(Snapshot s, EndpointSet... sets) {
        List<EndpointSet> out = new ArrayList<>(s.sets());
        for (EndpointSet e : sets) {
            out.removeIf(x -> x.id() == e.id());
            out.add(e);
        }
        return new Snapshot(s.instance(), Version.parse(next(s.version().value())), out);
    }

    static Snapshot without(Snapshot s, int id) {
        List<EndpointSet> out = new ArrayList<>(s.sets());
        out.removeIf(x -> x.id() == id);
        return new Snapshot(s.instance(), Version.parse(next(s.version().value())), out);
    }

    private static String next(String v) {
        return String.format("%010d", Long.parseLong(v) + 1);
    }
}
