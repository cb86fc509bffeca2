package io.github.o365watch.domain.net;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers of addresses in the words every message, header and report uses. IPv4 counts are
 * written out ({@code 3,584 addresses}); an IPv6 count of 2^32 or more is written in /64s, the
 * size of one IPv6 subnet ({@code 234,881,024 /64s}, {@code about 5.99 /64s}), because a
 * 28-digit number tells a reader nothing. Only the characters a comment allows are used.
 */
public final class AddressCounts {
    private static final BigInteger SMALL = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger SUBNET = BigInteger.ONE.shiftLeft(64);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal LEAST_PERCENT = new BigDecimal("0.01");

    private AddressCounts() {}

    /** {@code 1 address}, {@code 3,584 addresses}, {@code 16,777,216 /64s}, {@code about 1 /64}. */
    public static String words(Family family, BigInteger n) {
        return words(family, n, "");
    }

    /** As {@link #words(Family, BigInteger)}, with a word before the unit: {@code 3,584 more addresses}. */
    public static String words(Family family, BigInteger n, String qualifier) {
        String q = qualifier.isEmpty() ? " " : " " + qualifier + " ";
        if (family == Family.IPV4 || n.compareTo(SMALL) < 0) {
            return grouped(n) + q + (n.equals(BigInteger.ONE) ? "address" : "addresses");
        }
        BigInteger[] qr = n.divideAndRemainder(SUBNET);
        if (qr[1].signum() == 0) {
            return grouped(qr[0]) + q + (qr[0].equals(BigInteger.ONE) ? "/64" : "/64s");
        }
        if (qr[0].signum() == 0) {
            // less than one /64 (prefixes longer than /64): at most 20 digits, and exact
            return grouped(n) + q + "addresses";
        }
        BigDecimal subnets = new BigDecimal(n).divide(new BigDecimal(SUBNET), 2, RoundingMode.HALF_UP);
        return "about " + format(subnets) + q + (subnets.compareTo(BigDecimal.ONE) == 0 ? "/64" : "/64s");
    }

    /** {@code part} as a share of {@code whole}: {@code 0.02%}, {@code 37.5%}, {@code less than 0.01%}, {@code 0%}. */
    public static String percent(BigInteger part, BigInteger whole) {
        if (part.signum() == 0) {
            return "0%";
        }
        if (whole.signum() == 0) {
            return "all";
        }
        BigDecimal p = new BigDecimal(part).multiply(HUNDRED).divide(new BigDecimal(whole), 4, RoundingMode.HALF_UP);
        if (p.compareTo(LEAST_PERCENT) < 0) {
            return "less than 0.01%";
        }
        return format(p.setScale(2, RoundingMode.HALF_UP)) + "%";
    }

    /**
     * The smallest percentage with two decimals that admits {@code part} more addresses on
     * {@code whole}: rounded up, so that the figure given works.
     */
    public static BigDecimal percentCeiling(BigInteger part, BigInteger whole) {
        if (part.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(part).multiply(HUNDRED).divide(new BigDecimal(whole), 2, RoundingMode.CEILING);
    }

    /** A percentage as written in messages, every digit kept: {@code 1%}, {@code 2.41%}, {@code 0.005%}, {@code 1,200%}. */
    public static String percent(BigDecimal p) {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMaximumFractionDigits(Math.max(0, p.stripTrailingZeros().scale()));
        return f.format(p) + "%";
    }

    static String grouped(BigInteger n) {
        return format(new BigDecimal(n));
    }

    private static String format(BigDecimal d) {
        DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(d);
    }
}
