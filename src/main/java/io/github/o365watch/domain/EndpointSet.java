package io.github.o365watch.domain;

import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One endpoint set of a published version: its id, service area, the hostnames and prefixes it
 * lists (sorted, without duplicates), the ports that apply to all of them, its category and
 * flags. Free text (display name, notes) is kept as published; an empty string when absent.
 */
public record EndpointSet(
        int id,
        ServiceArea serviceArea,
        String serviceAreaDisplayName,
        List<HostPattern> urls,
        List<IpPrefix> ips,
        PortSet tcpPorts,
        PortSet udpPorts,
        Category category,
        boolean required,
        boolean expressRoute,
        String notes) {

    public EndpointSet {
        Objects.requireNonNull(serviceArea, "serviceArea");
        Objects.requireNonNull(category, "category");
        serviceAreaDisplayName = serviceAreaDisplayName == null ? "" : serviceAreaDisplayName;
        notes = notes == null ? "" : notes;
        urls = List.copyOf(new TreeSet<>(urls));
        ips = List.copyOf(new TreeSet<>(ips));
        tcpPorts = tcpPorts == null ? PortSet.EMPTY : tcpPorts;
        udpPorts = udpPorts == null ? PortSet.EMPTY : udpPorts;
    }

    /**
     * Validates a raw set. Every problem is an {@link InvalidDataException} whose message starts
     * with {@code endpoint set <id>} and names the field and the value.
     */
    public static EndpointSet parse(RawEndpointSet raw) {
        if (raw == null) {
            throw new InvalidDataException("endpoint set: null entry");
        }
        if (raw.id() == null) {
            throw new InvalidDataException("endpoint set without an id");
        }
        int id = raw.id();
        if (id < 0) {
            throw new InvalidDataException("endpoint set " + id + ": negative id");
        }
        String where = "endpoint set " + id + ": ";
        try {
            if (raw.required() == null) {
                throw new InvalidDataException("required is missing");
            }
            if (raw.expressRoute() == null) {
                throw new InvalidDataException("expressRoute is missing");
            }
            return new EndpointSet(
                    id,
                    ServiceArea.parse(raw.serviceArea()),
                    raw.serviceAreaDisplayName(),
                    hosts(raw.urls()),
                    prefixes(raw.ips()),
                    field("tcpPorts", () -> PortSet.parse(raw.tcpPorts())),
                    field("udpPorts", () -> PortSet.parse(raw.udpPorts())),
                    Category.parse(raw.category()),
                    raw.required(),
                    raw.expressRoute(),
                    raw.notes() == null ? "" : raw.notes().strip());
        } catch (InvalidDataException e) {
            throw new InvalidDataException(where + e.getMessage(), e);
        }
    }

    /** Parses {@code urls}; shared with change records. */
    static List<HostPattern> hosts(List<String> raw) {
        List<HostPattern> out = new ArrayList<>();
        if (raw != null) {
            for (String u : raw) {
                out.add(field("urls", () -> HostPattern.parse(u)));
            }
        }
        return out;
    }

    /** Parses {@code ips}; shared with change records. */
    static List<IpPrefix> prefixes(List<String> raw) {
        List<IpPrefix> out = new ArrayList<>();
        if (raw != null) {
            for (String s : raw) {
                try {
                    out.add(IpPrefix.parse(s == null ? "" : s));
                } catch (PrefixFormatException e) {
                    throw new InvalidDataException("ips: " + e.getMessage());
                }
            }
        }
        return out;
    }

    private static <T> T field(String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidDataException e) {
            throw new InvalidDataException(name + ": " + e.getMessage());
        }
    }

    public List<IpPrefix> ips(Family family) {
        return ips.stream().filter(p -> p.family() == family).toList();
    }

    /** Unknown enum values this set carries, each as a sentence for a warning. */
    public List<String> unknownValues() {
        List<String> out = new ArrayList<>();
        if (!category.known()) {
            out.add("endpoint set " + id + ": unknown category '" + category + "'");
        }
        if (!serviceArea.known()) {
            out.add("endpoint set " + id + ": unknown service area '" + serviceArea + "'");
        }
        return out;
    }

    /** Back to the raw shape, with canonical strings (for the store and the JSON output). */
    public RawEndpointSet toRaw() {
        return new RawEndpointSet(
                id,
                serviceArea.name(),
                serviceAreaDisplayName.isEmpty() ? null : serviceAreaDisplayName,
                urls.isEmpty() ? null : urls.stream().map(HostPattern::pattern).toList(),
                ips.isEmpty() ? null : ips.stream().map(IpPrefix::toString).toList(),
                tcpPorts.isEmpty() ? null : tcpPorts.toString(),
                udpPorts.isEmpty() ? null : udpPorts.toString(),
                expressRoute,
                category.name(),
                required,
                notes.isEmpty() ? null : notes);
    }
}
