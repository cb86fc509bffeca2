package io.github.o365watch.diff;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.PortSet.PortRange;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;

/** One listed thing of an endpoint set: a prefix, a hostname pattern, or a TCP/UDP port range. */
public sealed interface Element extends Comparable<Element> {

    /** The kind, in report order. */
    enum Type {
        IPV4("IPv4"),
        IPV6("IPv6"),
        URL("URL"),
        TCP("TCP"),
        UDP("UDP");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    Type type();

    /** Canonical text: {@code 52.112.0.0/14}, {@code *.teams.microsoft.com}, {@code 3478-3481}. */
    String value();

    @Override
    default int compareTo(Element o) {
        int c = type().compareTo(o.type());
        if (c != 0) {
            return c;
        }
        return compareSameType(o);
    }

    int compareSameType(Element o);

    /** An IPv4 or IPv6 prefix. */
    record Ip(IpPrefix prefix) implements Element {
        @Override
        public Type type() {
            return prefix.family() == Family.IPV4 ? Type.IPV4 : Type.IPV6;
        }

        @Override
        public String value() {
            return prefix.toString();
        }

        @Override
        public int compareSameType(Element o) {
            return prefix.compareTo(((Ip) o).prefix);
        }
    }

    /** A hostname or hostname pattern. */
    record Url(HostPattern host) implements Element {
        @Override
        public Type type() {
            return Type.URL;
        }

        @Override
        public String value() {
            return host.pattern();
        }

        @Override
        public int compareSameType(Element o) {
            return host.compareTo(((Url) o).host);
        }
    }

    /** A TCP or UDP port range. */
    record Port(boolean udp, PortRange range) implements Element {
        @Override
        public Type type() {
            return udp ? Type.UDP : Type.TCP;
        }

        @Override
        public String value() {
            return range.toString();
        }

        @Override
        public int compareSameType(Element o) {
            Port p = (Port) o;
            int c = Integer.compare(range.from(), p.range.from());
            return c != 0 ? c : Integer.compare(range.to(), p.range.to());
        }
    }
}
