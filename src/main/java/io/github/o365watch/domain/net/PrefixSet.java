package io.github.o365watch.domain.net;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An immutable set of IPv4 and IPv6 addresses, held as its exact minimal aggregation: the fewest
 * prefixes that cover exactly these addresses, sorted. Two sets are equal when they hold the same
 * addresses, however they were written.
 */
public final class PrefixSet {
    public static final PrefixSet EMPTY = new PrefixSet(List.of(), List.of());

    private final List<IpPrefix> v4;
    private final List<IpPrefix> v6;

    private PrefixSet(List<IpPrefix> v4, List<IpPrefix> v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    /** The set of the addresses of all these prefixes (overlaps and duplicates allowed). */
    public static PrefixSet of(Collection<? extends IpPrefix> prefixes) {
        List<IpPrefix> a = new ArrayList<>();
        List<IpPrefix> b = new ArrayList<>();
        for (IpPrefix p : prefixes) {
            (p.family() == Family.IPV4 ? a : b).add(p);
        }
        return new PrefixSet(merge(a), merge(b));
    }

    public static PrefixSet of(IpPrefix... prefixes) {
        return of(List.of(prefixes));
    }

    public PrefixSet union(PrefixSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        return new PrefixSet(merge(concat(v4, other.v4)), merge(concat(v6, other.v6)));
    }

    /** The addresses of this set that are not in {@code other}. */
    public PrefixSet subtract(PrefixSet other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        return new PrefixSet(subtract(v4, other.v4), subtract(v6, other.v6));
    }

    /** The addresses in both sets. */
    public PrefixSet intersect(PrefixSet other) {
        return subtract(subtract(other));
    }

    /** True when every address of {@code prefix} is in this set. */
    public boolean contains(IpPrefix prefix) {
        List<IpPrefix> list = list(prefix.family());
        int at = Collections.binarySearch(list, prefix);
        if (at >= 0) {
            return true;
        }
        // blocks are disjoint and sorted by network: only the greatest block below can contain it
        int below = -at - 2;
        return below >= 0 && list.get(below).contains(prefix);
    }

    /** True when this set and {@code prefix} share at least one address. */
    public boolean overlaps(IpPrefix prefix) {
        List<IpPrefix> list = list(prefix.family());
        int at = Collections.binarySearch(list, prefix);
        if (at >= 0) {
            return true;
        }
        int insertion = -at - 1;
        return insertion > 0 && list.get(insertion - 1).contains(prefix)
                || insertion < list.size() && prefix.contains(list.get(insertion));
    }

    /** True when every address of {@code other} is in this set. */
    public boolean containsAll(PrefixSet other) {
        return other.subtract(this).isEmpty();
    }

    /** The minimal prefixes, IPv4 first, each family sorted by address. */
    public List<IpPrefix> prefixes() {
        return concat(v4, v6);
    }

    /** The minimal prefixes of one family, sorted by address. */
    public List<IpPrefix> prefixes(Family family) {
        return list(family);
    }

    /** How many addresses of one family the set holds. */
    public BigInteger addressCount(Family family) {
        BigInteger n = BigInteger.ZERO;
        for (IpPrefix p : list(family)) {
            n = n.add(p.size());
        }
        return n;
    }

    /**
     * How one family of this set is written in an object whose device takes at most
     * {@code maxPrefixes} prefixes (0: no limit): the minimal prefixes, those broader than
     * {@code /minLength} written as their {@code /minLength} parts (the same addresses); when that
     * is more than {@code maxPrefixes}, the summary in at most {@code maxPrefixes} prefixes, none
     * broader than {@code /minLength}, that admits the fewest extra addresses, provided that is at
     * most {@code maxExtraPercent} of the addresses listed.
     *
     * @throws SummaryException when no summary meets these limits; it names the smallest that would
     */
    public Summary summarize(Family family, int maxPrefixes, int minLength, BigDecimal maxExtraPercent) {
        if (maxPrefixes < 0 || minLength < 0 || minLength > family.bits() || maxExtraPercent.signum() < 0) {
            throw new IllegalArgumentException(
                    "limits out of range: " + maxPrefixes + " prefixes, /" + minLength + ", " + maxExtraPercent + "%");
        }
        return summarize(family, maxPrefixes, minLength, Optional.of(maxExtraPercent));
    }

    /** At most {@code n} prefixes of one family admitting the fewest extra addresses, with no other bound. */
    public Summary summarize(Family family, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a budget of at least one prefix is needed");
        }
        return summarize(family, n, 0, Optional.empty());
    }

    private Summary summarize(Family family, int maxPrefixes, int minLength, Optional<BigDecimal> maxExtraPercent) {
        List<IpPrefix> leaves = split(list(family), minLength);
        BigInteger listed = addressCount(family);
        if (maxPrefixes == 0 || leaves.size() <= maxPrefixes) {
            return new Summary(family, leaves, leaves.size(), listed, BigInteger.ZERO);
        }
        Summarizer.Solved solved = Summarizer.solve(leaves, minLength, maxPrefixes);
        BigInteger extra = solved.cost(maxPrefixes);
        if (extra != null && within(extra, listed, maxExtraPercent)) {
            return new Summary(family, solved.prefixes(maxPrefixes), leaves.size(), listed, extra);
        }
        throw failure(family, leaves, listed, maxPrefixes, minLength, maxExtraPercent.orElseThrow(), solved, extra);
    }

    private static SummaryException failure(
            Family family,
            List<IpPrefix> leaves,
            BigInteger listed,
            int maxPrefixes,
            int minLength,
            BigDecimal percent,
            Summarizer.Solved solved,
            BigInteger extra) {
        return new SummaryException(
                family,
                leaves.size(),
                listed,
                maxPrefixes,
                minLength,
                percent,
                Optional.ofNullable(extra),
                solved.fewestPossible(),
                () -> fewestWithin(leaves, listed, maxPrefixes, minLength, percent, solved));
    }

    /** The fewest prefixes within the budget: solved for larger budgets until one fits (the exact list always does). */
    private static int fewestWithin(
            List<IpPrefix> leaves,
            BigInteger listed,
            int maxPrefixes,
            int minLength,
            BigDecimal percent,
            Summarizer.Solved solved) {
        if (percent.signum() == 0) {
            return leaves.size(); // no fewer prefixes cover the same addresses without one broader than the bound
        }
        Optional<BigDecimal> budget = Optional.of(percent);
        int from = maxPrefixes + 1;
        for (Summarizer.Solved s = solved; ; ) {
            for (int k = from; k <= s.solvedFor(); k++) {
                BigInteger c = s.cost(k);
                if (c != null && within(c, listed, budget)) {
                    return k;
                }
            }
            if (s.solvedFor() >= leaves.size()) {
                throw new IllegalStateException("no budget fits the exact list of " + leaves.size() + " prefixes");
            }
            from = s.solvedFor() + 1;
            s = Summarizer.solve(leaves, minLength, Math.min(leaves.size(), 2 * s.solvedFor()));
        }
    }

    private static boolean within(BigInteger extra, BigInteger listed, Optional<BigDecimal> percent) {
        return percent.isEmpty()
                || new BigDecimal(extra)
                                .multiply(BigDecimal.valueOf(100))
                                .compareTo(new BigDecimal(listed).multiply(percent.get()))
                        <= 0;
    }

    /** Prefixes broader than {@code /minLength} as their {@code /minLength} parts; the others as they are. */
    private static List<IpPrefix> split(List<IpPrefix> minimal, int minLength) {
        if (minimal.stream().allMatch(p -> p.length() >= minLength)) {
            return minimal;
        }
        List<IpPrefix> out = new ArrayList<>();
        for (IpPrefix p : minimal) {
            if (p.length() >= minLength) {
                out.add(p);
                continue;
            }
            // a set whose own prefixes are each at least /minLength has no more parts than prefixes; a caller checks
            // that
            if (minLength - p.length() > 24) {
                throw new IllegalArgumentException(
                        p + " would be written as 2^" + (minLength - p.length()) + " prefixes of /" + minLength);
            }
            int hostBits = p.family().bits() - minLength;
            BigInteger base = Blocks.value(p);
            for (long i = 0; i < 1L << (minLength - p.length()); i++) {
                out.add(Blocks.prefix(p.family(), base.add(BigInteger.valueOf(i).shiftLeft(hostBits)), minLength));
            }
        }
        return List.copyOf(out);
    }

    public boolean isEmpty() {
        return v4.isEmpty() && v6.isEmpty();
    }

    /** Number of prefixes in the minimal aggregation. */
    public int size() {
        return v4.size() + v6.size();
    }

    private List<IpPrefix> list(Family family) {
        return family == Family.IPV4 ? v4 : v6;
    }

    private static List<IpPrefix> concat(List<IpPrefix> a, List<IpPrefix> b) {
        List<IpPrefix> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return Collections.unmodifiableList(all);
    }

    private static List<IpPrefix> merge(List<IpPrefix> prefixes) {
        return Ranges.union(prefixes);
    }

    /** Both lists minimal and sorted, of one family. */
    private static List<IpPrefix> subtract(List<IpPrefix> from, List<IpPrefix> remove) {
        if (remove.isEmpty()) {
            return from;
        }
        return Ranges.subtract(from, remove);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof PrefixSet o && o.v4.equals(v4) && o.v6.equals(v6);
    }

    @Override
    public int hashCode() {
        return v4.hashCode() * 31 + v6.hashCode();
    }

    @Override
    public String toString() {
        return prefixes().toString();
    }
}
