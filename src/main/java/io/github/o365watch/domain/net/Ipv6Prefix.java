package io.github.o365watch.domain.net;

import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;

/** An IPv6 prefix. Create with {@link IpPrefix#parse(String)}. */
public final class Ipv6Prefix implements IpPrefix {
    private final long high;
    private final long low;
    private final int length;
    // the library's form and the texts, made when first needed: the three fields above are the value
    private volatile IPv6Address block;
    private String network;
    private String text;

    Ipv6Prefix(IPv6Address block) {
        this.block = block;
        this.length = block.getPrefixLength();
        byte[] bytes = block.getLower().getBytes();
        long h = 0;
        long l = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (bytes[i] & 0xff);
            l = (l << 8) | (bytes[i + 8] & 0xff);
        }
        this.high = h;
        this.low = l;
    }

    /** A prefix from its value; the caller guarantees no host bits. */
    Ipv6Prefix(long high, long low, int length) {
        this.high = high;
        this.low = low;
        this.length = length;
    }

    long high() {
        return high;
    }

    long low() {
        return low;
    }

    @Override
    public Family family() {
        return Family.IPV6;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public String network() {
        String n = network;
        if (n == null) {
            n = block().getLower().withoutPrefixLength().toCompressedString();
            network = n;
        }
        return n;
    }

    @Override
    public String lastAddress() {
        return block().getUpper().withoutPrefixLength().toCompressedString();
    }

    @Override
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(128 - length);
    }

    @Override
    public boolean contains(IpPrefix other) {
        if (!(other instanceof Ipv6Prefix o) || o.length < length) {
            return false;
        }
        if (length == 0) {
            return true;
        }
        if (length <= 64) {
            int shift = 64 - length;
            return (o.high >>> shift) == (high >>> shift);
        }
        int shift = 128 - length;
        return o.high == high && (o.low >>> shift) == (low >>> shift);
    }

    IPv6Address block() {
        IPv6Address b = block;
        if (b == null) {
            byte[] bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (high >>> (56 - 8 * i));
                bytes[i + 8] = (byte) (low >>> (56 - 8 * i));
            }
            b = new IPv6Address(bytes).toPrefixBlock(length);
            block = b;
        }
        return b;
    }

    @Override
    public int compareTo(IpPrefix other) {
        if (!(other instanceof Ipv6Prefix o)) {
            return 1;
        }
        int c = Long.compareUnsigned(high, o.high);
        if (c == 0) {
            c = Long.compareUnsigned(low, o.low);
        }
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof Ipv6Prefix o && o.high == high && o.low == low && o.length == length;
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(high) * 31 + Long.hashCode(low)) * 31 + length;
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
