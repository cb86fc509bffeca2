package io.github.o365watch.render;

import java.math.BigInteger;
import java.util.List;

/**
 * What every target renders from: one group per category (an address or name in several
 * categories is listed in the most trusted one, as Microsoft says) and one group per category
 * and port signature (so a rule opens exactly the ports each entry is listed with).
 */
public record Plan(Selected selected, List<Group> categories, List<Group> rules) {
    public Plan {
        categories = List.copyOf(categories);
        rules = List.copyOf(rules);
    }

    /** Addresses admitted beyond the selection by summarisation, over all category groups. */
    public BigInteger extraAddresses() {
        return categories.stream().map(Group::extraAddresses).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
