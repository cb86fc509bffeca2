package io.github.o365watch.diff;

/**
 * When a new prefix is broad enough to flag: an IPv4 prefix shorter than {@code ipv4} bits, an
 * IPv6 prefix shorter than {@code ipv6} bits, counting only the addresses no set listed before
 * (a prefix narrowed or moved between sets is not new).
 */
public record Thresholds(int ipv4, int ipv6) {
    public static final Thresholds DEFAULT = new Thresholds(16, 32);

    public Thresholds {
        if (ipv4 < 0 || ipv4 > 32 || ipv6 < 0 || ipv6 > 128) {
            throw new IllegalArgumentException("prefix thresholds must be 0-32 (IPv4) and 0-128 (IPv6)");
        }
    }
}
