package io.github.o365watch.domain.net;

import java.math.BigInteger;

/**
 * What summarising did to the lists of one family in one file (or one object): {@code prefixes}
 * written instead of {@code listedPrefixes}, admitting {@code extraAddresses} beyond the
 * {@code listedAddresses} Microsoft's lists and the overrides hold. One sentence says it
 * everywhere the figure appears, so a header, a command's output and a message never differ.
 */
public record Widening(
        Family family,
        int objects,
        int listedPrefixes,
        int prefixes,
        BigInteger listedAddresses,
        BigInteger extraAddresses) {

    public static Widening none(Family family) {
        return new Widening(family, 0, 0, 0, BigInteger.ZERO, BigInteger.ZERO);
    }

    public boolean exact() {
        return extraAddresses.signum() == 0;
    }

    /** Both figures together (one family). */
    public Widening plus(Widening o) {
        if (o.family != family) {
            throw new IllegalArgumentException("figures of two families");
        }
        return new Widening(
                family,
                objects + o.objects,
                listedPrefixes + o.listedPrefixes,
                prefixes + o.prefixes,
                listedAddresses.add(o.listedAddresses),
                extraAddresses.add(o.extraAddresses));
    }

    /** {@code IPv4: 12 prefixes instead of 57, 3,584 more addresses (0.02%)}; with several objects, {@code IPv4, 3 objects: ...}. */
    public String describe() {
        String who = family.label() + (objects > 1 ? ", " + objects + " objects" : "") + ": ";
        if (exact()) {
            return who + prefixes(prefixes) + ", exact";
        }
        return who + prefixes(prefixes) + " instead of " + listedPrefixes + ", "
                + AddressCounts.words(family, extraAddresses, "more") + " ("
                + AddressCounts.percent(extraAddresses, listedAddresses) + ")";
    }

    private static String prefixes(int n) {
        return n + (n == 1 ? " prefix" : " prefixes");
    }
}
