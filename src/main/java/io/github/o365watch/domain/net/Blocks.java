package io.github.o365watch.domain.net;

import inet.ipaddr.IPAddress;

/** Conversions between this package's values and the IPAddress library's. */
final class Blocks {
    private Blocks() {}

    static IpPrefix prefix(IPAddress block) {
        return block.isIPv4() ? new Ipv4Prefix(block.toIPv4()) : new Ipv6Prefix(block.toIPv6());
    }

    static IPAddress block(IpPrefix prefix) {
        return prefix instanceof Ipv4Prefix v4 ? v4.block() : ((Ipv6Prefix) prefix).block();
    }
}
