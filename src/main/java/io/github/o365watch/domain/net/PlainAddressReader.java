package io.github.o365watch.domain.net;

/**
 * The plain forms the feeds use, read without the IPAddress library: {@code a.b.c.d[/len]} and
 * colon-hexadecimal IPv6 (one {@code ::} at most, no embedded IPv4) with an optional length. Only
 * text the strict library parser accepts with the same value is read here; anything else (host
 * bits, leading zeros, junk) gets {@code null} and goes to that parser, which also words the error.
 */
final class PlainAddressReader {
    private PlainAddressReader() {}

    static IpPrefix parse(String t) {
        int slash = t.indexOf('/');
        int end = slash < 0 ? t.length() : slash;
        int length;
        if (slash < 0) {
            length = -1;
        } else {
            length = number(t, slash + 1);
            if (length < 0) {
                return null;
            }
        }
        return t.indexOf(':') < 0 ? v4(t, end, length) : v6(t, end, length);
    }

    /** A decimal length without leading zeros, to the end of the text; -1 if none. */
    private static int number(String t, int from) {
        int n = t.length() - from;
        if (n < 1 || n > 3 || n > 1 && t.charAt(from) == '0') {
            return -1;
        }
        int v = 0;
        for (int i = from; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static IpPrefix v4(String t, int end, int length) {
        long value = 0;
        int i = 0;
        for (int part = 0; part < 4; part++) {
            int start = i;
            int v = 0;
            while (i < end && i - start < 3 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                v = v * 10 + (t.charAt(i) - '0');
                i++;
            }
            if (i == start || i - start > 1 && t.charAt(start) == '0' || v > 255) {
                return null;
            }
            value = value << 8 | v;
            if (part < 3) {
                if (i >= end || t.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        int len = length < 0 ? 32 : length;
        if (i != end || len > 32 || (value & ((1L << (32 - len)) - 1)) != 0) {
            return null;
        }
        return new Ipv4Prefix(value, len);
    }

    private static IpPrefix v6(String t, int end, int length) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // where "::" stands, in groups
        int i = 0;
        if (t.startsWith("::")) {
            gap = 0;
            i = 2;
        }
        while (i < end) {
            int start = i;
            int v = 0;
            while (i < end && i - start < 4 && hex(t.charAt(i)) >= 0) {
                v = v << 4 | hex(t.charAt(i));
                i++;
            }
            if (i == start || count == 8) {
                return null;
            }
            groups[count++] = v;
            if (i == end) {
                break;
            }
            if (t.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < end && t.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == end) {
                return null; // a single trailing colon
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        long high = 0;
        long low = 0;
        int zeros = 8 - count;
        for (int g = 0, k = 0; g < 8; g++) {
            int v = gap >= 0 && g >= gap && g < gap + zeros ? 0 : groups[k++];
            if (g < 4) {
                high = high << 16 | v;
            } else {
                low = low << 16 | v;
            }
        }
        int len = length < 0 ? 128 : length;
        if (len > 128) {
            return null;
        }
        long hostHigh = len >= 64 ? 0 : len == 0 ? -1L : -1L >>> len;
        long hostLow = len >= 128 ? 0 : len <= 64 ? -1L : -1L >>> (len - 64);
        if ((high & hostHigh) != 0 || (low & hostLow) != 0) {
            return null;
        }
        return new Ipv6Prefix(high, low, len);
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9'
                ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
