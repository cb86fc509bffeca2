package io.github.o365watch.render;

import io.github.o365watch.domain.net.AddressCounts;
import io.github.o365watch.domain.net.Family;
import java.math.BigDecimal;

/**
 * How the prefixes of an object may be written. {@code maxEntries} prefixes per object and family
 * at most (0: no limit, exact); a summary may admit at most {@code maxExtraPercent} more addresses
 * than the object lists, per family; and no prefix broader than the guard's minimum lengths
 * reaches an output, summarised or not (a listed one is refused, an aggregate is written as its
 * parts).
 */
public record Limits(int maxEntries, BigDecimal maxExtraPercent, int minIpv4PrefixLength, int minIpv6PrefixLength) {
    /** 1%: a summary must still be Microsoft's list to a reviewer, not a wider one. */
    public static final BigDecimal DEFAULT_MAX_EXTRA_PERCENT = BigDecimal.ONE;

    public static final int DEFAULT_MIN_IPV4_PREFIX_LENGTH = 8;
    public static final int DEFAULT_MIN_IPV6_PREFIX_LENGTH = 16;
    /** Exact lists and the guard's default bounds. */
    public static final Limits EXACT =
            new Limits(0, DEFAULT_MAX_EXTRA_PERCENT, DEFAULT_MIN_IPV4_PREFIX_LENGTH, DEFAULT_MIN_IPV6_PREFIX_LENGTH);

    public Limits {
        if (maxEntries < 0
                || maxExtraPercent.signum() < 0
                || minIpv4PrefixLength < 0
                || minIpv4PrefixLength > 32
                || minIpv6PrefixLength < 0
                || minIpv6PrefixLength > 128) {
            throw new IllegalArgumentException("limits out of range");
        }
    }

    /** The same bounds with another budget. */
    public Limits withBudget(int entries, BigDecimal extraPercent) {
        return new Limits(entries, extraPercent, minIpv4PrefixLength, minIpv6PrefixLength);
    }

    public int minLength(Family family) {
        return family == Family.IPV4 ? minIpv4PrefixLength : minIpv6PrefixLength;
    }

    /** {@code at most 5 prefixes per object and family, at most 1% more addresses than listed, none broader than /8 or /16}. */
    public String describe() {
        return "at most " + maxEntries + (maxEntries == 1 ? " prefix" : " prefixes")
                + " per object and family, at most "
                + AddressCounts.percent(maxExtraPercent) + " more addresses than listed, none broader than /"
                + minIpv4PrefixLength
                + " (IPv4) or /" + minIpv6PrefixLength + " (IPv6)";
    }
}
