package io.github.o365watch.domain.net;

/** The address family of a prefix. */
public enum Family {
    IPV4(32),
    IPV6(128);

    private final int bits;

    Family(int bits) {
        this.bits = bits;
    }

    /** Number of bits in an address of this family. */
    public int bits() {
        return bits;
    }

    /** "IPv4" or "IPv6", as people write it. */
    public String label() {
        return this == IPV4 ? "IPv4" : "IPv6";
    }
}
