package io.github.o365watch.domain.net;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

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
     * At most {@code n} prefixes (both families together) covering every address of this set and
     * as few others as possible; how many others is in the result. Exact when the set already
     * fits.
     */
    public Summary summarize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a budget of at least one prefix is needed");
        }
        if (size() <= n) {
            return new Summary(prefixes(), BigInteger.ZERO);
        }
        if (v4.isEmpty() || v6.isEmpty()) {
            return Summarizer.solve(v4.isEmpty() ? v6 : v4, n).summary(n);
        }
        if (n < 2) {
            throw new IllegalArgumentException("a set of both families needs a budget of at least two prefixes");
        }
        // split the budget between the families where it admits the fewest extra addresses
        Summarizer.Solved a = Summarizer.solve(v4, n - 1);
        Summarizer.Solved b = Summarizer.solve(v6, n - 1);
        int bestK = 1;
        BigInteger best = null;
        for (int k = 1; k < n; k++) {
            BigInteger extra = a.cost(k).add(b.cost(n - k));
            if (best == null || extra.compareTo(best) < 0) {
                best = extra;
                bestK = k;
            }
        }
        List<IpPrefix> both = new ArrayList<>(a.summary(bestK).prefixes());
        both.addAll(b.summary(n - bestK).prefixes());
        return new Summary(both, best);
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
