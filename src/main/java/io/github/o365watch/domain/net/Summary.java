package io.github.o365watch.domain.net;

import java.math.BigInteger;
import java.util.List;

/**
 * The prefixes of one family that a list is written with, and what they cost: how many prefixes
 * the exact list has ({@code listedPrefixes}, the listed addresses) and how many addresses the
 * prefixes cover beyond it (never hidden: every report of a summary states it).
 */
public record Summary(
        Family family,
        List<IpPrefix> prefixes,
        int listedPrefixes,
        BigInteger listedAddresses,
        BigInteger extraAddresses) {
    public Summary {
        prefixes = List.copyOf(prefixes);
    }

    public boolean exact() {
        return extraAddresses.signum() == 0;
    }

    /** The figure for this one list. */
    public Widening widening() {
        return new Widening(family, 1, listedPrefixes, prefixes.size(), listedAddresses, extraAddresses);
    }
}
