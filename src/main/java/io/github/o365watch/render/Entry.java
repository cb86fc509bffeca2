package io.github.o365watch.render;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.net.IpPrefix;

/** What an output lists: an address prefix or a hostname pattern. */
public sealed interface Entry extends Comparable<Entry> {

    String text();

    record Ip(IpPrefix prefix) implements Entry {
        @Override
        public String text() {
            return prefix.toString();
        }
    }

    record Host(HostPattern host) implements Entry {
        @Override
        public String text() {
            return host.pattern();
        }
    }

    /** Prefixes first (IPv4, then IPv6, by address), then hostnames. */
    @Override
    default int compareTo(Entry o) {
        if (this instanceof Ip a && o instanceof Ip b) {
            return a.prefix.compareTo(b.prefix);
        }
        if (this instanceof Host a && o instanceof Host b) {
            return a.host.compareTo(b.host);
        }
        return this instanceof Ip ? -1 : 1;
    }
}
