package io.github.o365watch.domain.net;

import java.math.BigInteger;
import java.util.List;

/**
 * A set summarised to fit a budget of prefixes: the prefixes to use, and how many addresses they
 * cover that the original set did not (never hidden: every report of a summary states it).
 */
public record Summary(List<IpPrefix> prefixes, BigInteger extraAddresses) {
    public Summary {
        prefixes = List.copyOf(prefixes);
    }

    public boolean exact() {
        return extraAddresses.signum() == 0;
    }
}
