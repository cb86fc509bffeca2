package io.github.o365watch.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Address space and hostname matching done by hand, for checking what the production code
 * claims without sharing any of its code: a prefix is a range of big integers (IPv4 and IPv6
 * kept apart by an offset above every IPv4 address), a set of prefixes is a sorted list of
 * disjoint ranges, and a hostname pattern is a regular expression.
 */
public final class PlainSpace {
    /** IPv6 ranges start above 2^32, so one list holds both families without mixing them. */
    private static final BigInteger V6 = BigInteger.ONE.shiftLeft(32);

    private final List<BigInteger[]> ranges;

    private PlainSpace(List<BigInteger[]> ranges) {
        this.ranges = ranges;
    }

    public static final PlainSpace EMPTY = new PlainSpace(List.of());

    /** {@code a.b.c.d/n} or {@code x::y/n} as its first and last address. */
    public static BigInteger[] range(String prefix) {
        return RANGES.computeIfAbsent(prefix, PlainSpace::parse).clone();
    }

    private static final Map<String, BigInteger[]> RANGES = new ConcurrentHashMap<>();

    private static BigInteger[] parse(String prefix) {
        String[] parts = prefix.split("/");
        byte[] b = Addresses.literal(parts[0]);
        int bits = b.length * 8;
        int length = Integer.parseInt(parts[1]);
        BigInteger start = new BigInteger(1, b);
        BigInteger size = BigInteger.ONE.shiftLeft(bits - length);
        if (!start.mod(size).equals(BigInteger.ZERO)) {
            throw new IllegalArgumentException("host bits set: " + prefix);
        }
        BigInteger offset = b.length == 16 ? V6 : BigInteger.ZERO;
        return new BigInteger[] {
            start.add(offset), start.add(size).subtract(BigInteger.ONE).add(offset)
        };
    }

    /** The union of these prefixes (their text, any order, overlaps allowed). */
    public static PlainSpace of(Collection<?> prefixes) {
        List<BigInteger[]> all = new ArrayList<>();
        prefixes.forEach(p -> all.add(range(p.toString())));
        return merge(all);
    }

    private static PlainSpace merge(List<BigInteger[]> in) {
        List<BigInteger[]> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparing((BigInteger[] r) -> r[0]));
        List<BigInteger[]> out = new ArrayList<>();
        for (BigInteger[] r : sorted) {
            BigInteger[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r[0].compareTo(last[1].add(BigInteger.ONE)) <= 0) {
                last[1] = last[1].max(r[1]);
            } else {
                out.add(new BigInteger[] {r[0], r[1]});
            }
        }
        return new PlainSpace(out);
    }

    public PlainSpace union(PlainSpace o) {
        List<BigInteger[]> all = new ArrayList<>(ranges);
        all.addAll(o.ranges);
        return merge(all);
    }

    public PlainSpace intersect(PlainSpace o) {
        // both lists sorted and disjoint: walk them together, advancing the one that ends first
        List<BigInteger[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < ranges.size() && j < o.ranges.size()) {
            BigInteger[] a = ranges.get(i);
            BigInteger[] b = o.ranges.get(j);
            BigInteger lo = a[0].max(b[0]);
            BigInteger hi = a[1].min(b[1]);
            if (lo.compareTo(hi) <= 0) {
                out.add(new BigInteger[] {lo, hi});
            }
            if (a[1].compareTo(b[1]) < 0) {
                i++;
            } else {
                j++;
            }
        }
        return merge(out);
    }

    /** True when every address of the prefix is in this space. */
    public boolean contains(String prefix) {
        BigInteger[] r = range(prefix);
        return ranges.stream().anyMatch(m -> m[0].compareTo(r[0]) <= 0 && r[1].compareTo(m[1]) <= 0);
    }

    /** True when the prefix shares no address with this space. */
    public boolean disjoint(String prefix) {
        BigInteger[] r = range(prefix);
        return ranges.stream().noneMatch(m -> m[0].compareTo(r[1]) <= 0 && r[0].compareTo(m[1]) <= 0);
    }

    /** How many addresses (both families together). */
    public BigInteger count() {
        BigInteger n = BigInteger.ZERO;
        for (BigInteger[] r : ranges) {
            n = n.add(r[1]).subtract(r[0]).add(BigInteger.ONE);
        }
        return n;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** True when every name {@code narrow} matches, {@code wide} matches too ({@code *} matches any run, itself included). */
    public static boolean covers(String wide, String narrow) {
        // what comes before the first * and after the last one must match literally: most pairs fail here, cheaply
        int first = wide.indexOf('*');
        if (first < 0) {
            return wide.equals(narrow);
        }
        if (!narrow.startsWith(wide.substring(0, first))
                || !narrow.endsWith(wide.substring(wide.lastIndexOf('*') + 1))) {
            return false;
        }
        return GLOBS.computeIfAbsent(
                        wide,
                        w -> Pattern.compile(Arrays.stream(w.split("\\*", -1))
                                .map(Pattern::quote)
                                .collect(Collectors.joining(".*"))))
                .matcher(narrow)
                .matches();
    }

    private static final Map<String, Pattern> GLOBS = new ConcurrentHashMap<>();
}
