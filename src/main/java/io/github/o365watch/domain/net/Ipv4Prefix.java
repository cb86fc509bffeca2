package io.github.o365watch.domain.net;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import java.math.BigInteger;

/** An IPv4 prefix. Create with {@link IpPrefix#parse(String)}. */
public final class Ipv4Prefix implements IpPrefix {
    private final IPv4Address block;
    private final long network;
    private final int length;

    Ipv4Prefix(IPv4Address block) {
        this.block = block;
        this.length = block.getPrefixLength();
        this.network = block.getLower().longValue();
    }

    @Override
    public Family family() {
        return Family.IPV4;
    }

    @Override
    public int length() {
        return length;
    }

    /** The network address as an unsigned 32-bit number. */
    public long networkValue() {
        return network;
    }

    @Override
    public String network() {
        return block.getLower().withoutPrefixLength().toCanonicalString();
    }

    @Override
    public String lastAddress() {
        return block.getUpper().withoutPrefixLength().toCanonicalString();
    }

    /** Dotted netmask, e.g. {@code 255.255.252.0}, for devices that want one. */
    public String netmask() {
        return block.getNetwork().getNetworkMask(length, false).toCanonicalString();
    }

    /** Dotted wildcard (inverse) mask, e.g. {@code 0.0.3.255}. */
    public String wildcardMask() {
        return block.getNetwork().getHostMask(length).toCanonicalString();
    }

    @Override
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(32 - length);
    }

    @Override
    public boolean contains(IpPrefix other) {
        // a long shifted by 32 is 0, so a /0 contains everything
        return other instanceof Ipv4Prefix o && o.length >= length
                && (o.network >>> (32 - length)) == (network >>> (32 - length));
    }

    IPAddress block() {
        return block;
    }

    @Override
    public int compareTo(IpPrefix other) {
        if (!(other instanceof Ipv4Prefix o)) {
            return -1;
        }
        int c = Long.compare(network, o.network);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof Ipv4Prefix o && o.network == network && o.length == length;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(network) * 31 + length;
    }

    @Override
    public String toString() {
        return network() + "/" + length;
    }
}
