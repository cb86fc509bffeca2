package io.github.o365watch.domain.net;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * No summary of a list meets its limits. Says the limits, and the smallest limits that would work,
 * each computed exactly: the fewest prefixes within the extra-address budget, and the smallest
 * budget for the number of prefixes asked (none when that many prefixes cannot cover the list
 * without a prefix broader than the minimum length). The fewest prefixes within the budget are
 * found when first asked for (the message asks): they take a search that grows with the list.
 *
 * @param leastExtra       fewest extra addresses with {@code maxPrefixes} prefixes; empty when none fit
 * @param fewestPossible   fewest prefixes that cover the list without one broader than {@code minLength}
 * @param fewestWithin     fewest prefixes within {@code maxExtraPercent}
 */
public final class SummaryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Family family;
    private final int listedPrefixes;
    private final BigInteger listedAddresses;
    private final int maxPrefixes;
    private final int minLength;
    private final BigDecimal maxExtraPercent;
    private final transient Optional<BigInteger> leastExtra;
    private final int fewestPossible;
    private final transient IntSupplier search;
    private int fewestWithin = -1;

    SummaryException(
            Family family,
            int listedPrefixes,
            BigInteger listedAddresses,
            int maxPrefixes,
            int minLength,
            BigDecimal maxExtraPercent,
            Optional<BigInteger> leastExtra,
            int fewestPossible,
            IntSupplier fewestWithin) {
        super();
        this.family = family;
        this.listedPrefixes = listedPrefixes;
        this.listedAddresses = listedAddresses;
        this.maxPrefixes = maxPrefixes;
        this.minLength = minLength;
        this.maxExtraPercent = maxExtraPercent;
        this.leastExtra = leastExtra;
        this.fewestPossible = fewestPossible;
        this.search = fewestWithin;
    }

    @Override
    public String getMessage() {
        return message(
                family,
                listedPrefixes,
                listedAddresses,
                maxPrefixes,
                minLength,
                maxExtraPercent,
                leastExtra,
                fewestPossible,
                fewestWithin());
    }

    private static String message(
            Family family,
            int listedPrefixes,
            BigInteger listedAddresses,
            int maxPrefixes,
            int minLength,
            BigDecimal maxExtraPercent,
            Optional<BigInteger> leastExtra,
            int fewestPossible,
            int fewestWithin) {
        String pct = AddressCounts.percent(maxExtraPercent);
        StringBuilder s = new StringBuilder();
        s.append(listedPrefixes)
                .append(" prefixes do not fit in ")
                .append(maxPrefixes)
                .append(" with at most ")
                .append(pct)
                .append(" more addresses and none broader than /")
                .append(minLength)
                .append("; the smallest budgets that would work: ")
                .append(fewestWithin)
                .append(" prefixes at ")
                .append(pct);
        if (leastExtra.isPresent()) {
            s.append(", or ")
                    .append(maxPrefixes)
                    .append(" prefixes at ")
                    .append(AddressCounts.percent(AddressCounts.percentCeiling(leastExtra.get(), listedAddresses)))
                    .append(" (")
                    .append(AddressCounts.words(family, leastExtra.get(), "more"))
                    .append(")");
        } else {
            s.append(" (")
                    .append(maxPrefixes)
                    .append(" cannot cover them without a prefix broader than /")
                    .append(minLength)
                    .append(": that takes at least ")
                    .append(fewestPossible)
                    .append(")");
        }
        return s.toString();
    }

    public Family family() {
        return family;
    }

    public int maxPrefixes() {
        return maxPrefixes;
    }

    public BigDecimal maxExtraPercent() {
        return maxExtraPercent;
    }

    /** Fewest extra addresses with the number of prefixes asked; empty when that many cannot cover the list within the length bound. */
    public Optional<BigInteger> leastExtra() {
        return leastExtra;
    }

    /** Fewest prefixes within the extra-address budget asked. */
    public synchronized int fewestWithin() {
        if (fewestWithin < 0) {
            fewestWithin = search.getAsInt();
        }
        return fewestWithin;
    }
}
