package io.github.o365watch.domain.net;

import inet.ipaddr.IPAddress;
import java.math.BigInteger;

/** Conversions between this package's values and the IPAddress library's. */
final class Blocks {
    private Blocks() {}

    static IpPrefix prefix(IPAddress block) {
        return block.isIPv4() ? new Ipv4Prefix(block.toIPv4()) : new Ipv6Prefix(block.toIPv6());
    }

    static IPAddress block(IpPrefix prefix) {
        return prefix instanceof Ipv4Prefix v4 ? v4.block() : ((Ipv6Prefix) prefix).block();
    }

    /** The smallest prefix that contains both. */
    static IpPrefix enclosing(IpPrefix a, IpPrefix b) {
        IPAddress x = block(a);
        BigInteger diff = x.getValue().xor(block(b).getValue());
        int len = Math.min(Math.min(a.length(), b.length()), x.getBitCount() - diff.bitLength());
        return prefix(x.getLower().withoutPrefixLength().toPrefixBlock(len));
    }

    /** The bit of {@code p}'s network just after {@code parent}'s length: false for the lower half. */
    static boolean bitAfter(IpPrefix parent, IpPrefix p) {
        IPAddress x = block(p);
        return x.getValue().testBit(x.getBitCount() - 1 - parent.length());
    }

    /** The network address of {@code p} as an unsigned number. */
    static BigInteger value(IpPrefix p) {
        if (p instanceof Ipv4Prefix v4) {
            return BigInteger.valueOf(v4.networkValue());
        }
        Ipv6Prefix v6 = (Ipv6Prefix) p;
        return new BigInteger(Long.toUnsignedString(v6.high()))
                .shiftLeft(64)
                .or(new BigInteger(Long.toUnsignedString(v6.low())));
    }

    /** The prefix of {@code length} bits at {@code network}, which has no host bits. */
    static IpPrefix prefix(Family family, BigInteger network, int length) {
        return family == Family.IPV4
                ? new Ipv4Prefix(network.longValue(), length)
                : new Ipv6Prefix(network.shiftRight(64).longValue(), network.longValue(), length);
    }
}
