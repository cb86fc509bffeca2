package io.github.o365watch.domain.net;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.Objects;
import java.util.Optional;

/**
 * One IPv4 or IPv6 address as a number: {@code low} holds an IPv4 address (unsigned 32 bits) or
 * the low 64 bits of an IPv6 address, {@code high} the high 64 bits of IPv6 (0 for IPv4).
 * {@link #toString()} is canonical: dotted decimal, or lower-case compressed IPv6.
 */
public record IpAddress(Family family, long high, long low) {
    private static final IPAddressStringParameters IPV6_ONLY = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowPrefix(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE)
            .allowIPv4(false)
            .getIPv6AddressParametersBuilder()
            .allowZone(false)
            .getParentBuilder()
            .toParams();

    public IpAddress {
        Objects.requireNonNull(family, "family");
        if (family == Family.IPV4 && (high != 0 || (low >>> 32) != 0)) {
            throw new IllegalArgumentException("not an IPv4 address value: " + high + "/" + low);
        }
    }

    // written out: audit hashes an address per log line, and the record's own methods go through a
    // method handle bootstrap and per-component calls
    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && a.low == low && a.high == high && a.family == family;
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(high) * 31 + Long.hashCode(low)) * 31 + family.ordinal();
    }

    /** The address in network byte order: 4 bytes for IPv4, 16 for IPv6 (for a socket, with no name lookup). */
    public byte[] bytes() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(family == Family.IPV4 ? 4 : 16);
        if (family == Family.IPV4) {
            b.putInt((int) low);
        } else {
            b.putLong(high).putLong(low);
        }
        return b.array();
    }

    /**
     * Parses an address without prefix length or zone: IPv4 as four decimal parts without leading
     * zeros, IPv6 in any standard form (leading zeros in groups, as kernel logs write them, are fine).
     * Never throws: anything else, {@code null} included, is empty.
     */
    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            long v = ipv4(text);
            return v < 0 ? Optional.empty() : Optional.of(new IpAddress(Family.IPV4, 0, v));
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // the library reads more than addresses (host names, wildcards); only these characters reach it
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                return Optional.empty();
            }
        }
        IPAddress a = new IPAddressString(text, IPV6_ONLY).getAddress();
        if (a == null || !a.isIPv6()) {
            return Optional.empty();
        }
        byte[] b = a.getBytes();
        long h = 0;
        long l = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (b[i] & 0xff);
            l = (l << 8) | (b[i + 8] & 0xff);
        }
        return Optional.of(new IpAddress(Family.IPV6, h, l));
    }

    /**
     * As {@link #parse(String)}, from ASCII bytes (a log line read as bytes): an IPv4 address is
     * read from the bytes, with no string made; IPv6 goes through the string form.
     */
    public static Optional<IpAddress> parseAscii(byte[] b, int from, int to) {
        int n = to - from;
        if (n <= 0 || n > 45) {
            return Optional.empty();
        }
        for (int i = from; i < to; i++) {
            if (b[i] == ':') {
                return parse(new String(b, from, n, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        long v = ipv4(b, from, to);
        return v < 0 ? Optional.empty() : Optional.of(new IpAddress(Family.IPV4, 0, v));
    }

    /** As {@link #ipv4(String)}, from ASCII bytes (the same rules; a test holds the two to the same answers). */
    private static long ipv4(byte[] s, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int part = 0;
            while (i < to && s[i] >= '0' && s[i] <= '9') {
                part = part * 10 + (s[i] - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            int digits = i - start;
            if (digits == 0 || part > 255 || digits > 1 && s[start] == '0') {
                return -1;
            }
            value = (value << 8) | part;
            parts++;
            if (i == to) {
                break;
            }
            if (s[i] != '.' || parts == 4) {
                return -1;
            }
            i++;
        }
        return parts == 4 ? value : -1;
    }

    /** Dotted decimal by hand: this runs once per log line. -1 when {@code s} is not one. */
    private static long ipv4(String s) {
        long value = 0;
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i <= n) {
            int start = i;
            int part = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                part = part * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            int digits = i - start;
            if (digits == 0 || part > 255 || digits > 1 && s.charAt(start) == '0') {
                return -1;
            }
            value = (value << 8) | part;
            parts++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return -1;
            }
            i++;
        }
        return parts == 4 ? value : -1;
    }

    /** Canonical text: {@code 52.112.1.1}, {@code 2603:1063::1}. */
    @Override
    public String toString() {
        if (family == Family.IPV4) {
            return (low >>> 24) + "." + ((low >>> 16) & 0xff) + "." + ((low >>> 8) & 0xff) + "." + (low & 0xff);
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        return new IPv6Address(b).toCompressedString();
    }
}
