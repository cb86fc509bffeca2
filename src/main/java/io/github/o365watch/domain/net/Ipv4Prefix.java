package io.github.o365watch.domain.net;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import java.math.BigInteger;

/** An IPv4 prefix. Create with {@link IpPrefix#parse(String)}. */
public final class Ipv4Prefix implements IpPrefix {
    private final long network;
    private final int length;
    // the library's form, made when first needed (the summariser): the two fields above are the value
    private volatile IPv4Address block;
    private String text;

    Ipv4Prefix(IPv4Address block) {
        this.block = block;
        this.length = block.getPrefixLength();
        this.network = block.getLower().longValue();
    }

    /** A prefix from its value; the caller guarantees no host bits. */
    Ipv4Prefix(long network, int length) {
        this.network = network;
        this.length = length;
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

    // dotted decimal by hand: renderers ask for these forms once per prefix and target
    @Override
    public String network() {
        return dotted(network);
    }

    @Override
    public String lastAddress() {
        return dotted(network | hostMask());
    }

    /** Dotted netmask, e.g. {@code 255.255.252.0}, for devices that want one. */
    public String netmask() {
        return dotted(~hostMask() & 0xffffffffL);
    }

    /** Dotted wildcard (inverse) mask, e.g. {@code 0.0.3.255}. */
    public String wildcardMask() {
        return dotted(hostMask());
    }

    private long hostMask() {
        return (1L << (32 - length)) - 1;
    }

    private static String dotted(long v) {
        return (v >>> 24 & 255) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255);
    }

    @Override
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(32 - length);
    }

    @Override
    public boolean contains(IpPrefix other) {
        // a long shifted by 32 is 0, so a /0 contains everything
        return other instanceof Ipv4Prefix o
                && o.length >= length
                && (o.network >>> (32 - length)) == (network >>> (32 - length));
    }

    IPAddress block() {
        IPv4Address b = block;
        if (b == null) {
            b = new IPv4Address((int) network).toPrefixBlock(length);
            block = b;
        }
        return b;
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
        String t = text;
        if (t == null) {
            t = network() + "/" + length;
            text = t;
        }
        return t;
    }
}
