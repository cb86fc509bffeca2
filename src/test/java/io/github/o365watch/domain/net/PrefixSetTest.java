package io.github.o365watch.domain.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PrefixSet against a plain reference: every prefix expanded to an address interval, intervals
 * merged, subtracted and split into CIDR blocks by the textbook greedy method, with big integers.
 * Random prefixes are drawn from a small region so that they overlap, nest and touch.
 */
public class PrefixSetTest {
    private static final int ROUNDS = 300;

    /** A closed interval of addresses. */
    record Interval(BigInteger lo, BigInteger hi) {}

    static Interval interval(IpPrefix p) {
        BigInteger lo = new BigInteger(1, io.github.o365watch.testing.Addresses.literal(p.network()));
        return new Interval(lo, lo.add(p.size()).subtract(BigInteger.ONE));
    }

    static List<Interval> merge(List<Interval> in) {
        List<Interval> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparing(Interval::lo));
        List<Interval> out = new ArrayList<>();
        for (Interval i : sorted) {
            if (!out.isEmpty() && i.lo().compareTo(out.get(out.size() - 1).hi().add(BigInteger.ONE)) <= 0) {
                Interval last = out.remove(out.size() - 1);
                out.add(new Interval(last.lo(), last.hi().max(i.hi())));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    static List<Interval> subtract(List<Interval> a, List<Interval> b) {
        List<Interval> out = new ArrayList<>();
        for (Interval x : merge(a)) {
            List<Interval> rest = List.of(x);
            for (Interval y : merge(b)) {
                List<Interval> next = new ArrayList<>();
                for (Interval r : rest) {
                    if (y.hi().compareTo(r.lo()) < 0 || y.lo().compareTo(r.hi()) > 0) {
                        next.add(r);
                        continue;
                    }
                    if (y.lo().compareTo(r.lo()) > 0) {
                        next.add(new Interval(r.lo(), y.lo().subtract(BigInteger.ONE)));
                    }
                    if (y.hi().compareTo(r.hi()) < 0) {
                        next.add(new Interval(y.hi().add(BigInteger.ONE), r.hi()));
                    }
                }
                rest = next;
            }
            out.addAll(rest);
        }
        return merge(out);
    }

    /** Fewest CIDR blocks for merged intervals: greedy largest aligned block from each start. */
    static int minimalBlocks(List<Interval> merged) {
        int n = 0;
        for (Interval i : merged) {
            BigInteger lo = i.lo();
            while (lo.compareTo(i.hi()) <= 0) {
                int size = lo.signum() == 0 ? 128 : lo.getLowestSetBit();
                while (lo.add(BigInteger.ONE.shiftLeft(size))
                                .subtract(BigInteger.ONE)
                                .compareTo(i.hi())
                        > 0) {
                    size--;
                }
                lo = lo.add(BigInteger.ONE.shiftLeft(size));
                n++;
            }
        }
        return n;
    }

    static List<Interval> intervals(PrefixSet s) {
        return merge(s.prefixes().stream().map(PrefixSetTest::interval).toList());
    }

    static List<IpPrefix> random(Random rnd, Family family, int count) {
        List<IpPrefix> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(random(rnd, family));
        }
        return out;
    }

    /**
     * Two thirds from a small region (so prefixes overlap, nest and touch); the rest anywhere,
     * any length from /0, and near the top of the address range.
     */
    public static IpPrefix random(Random rnd, Family family) {
        int pick = rnd.nextInt(12);
        if (pick == 0) {
            return family == Family.IPV4
                    ? IpPrefix.parse("255.255.255.255/32")
                    : IpPrefix.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
        }
        if (pick < 4) {
            return anywhere(rnd, family);
        }
        if (family == Family.IPV4) {
            int len = 16 + rnd.nextInt(17);
            long addr = (10L << 24) | (rnd.nextInt(1 << 16) & 0xffffL);
            addr = len == 32 ? addr : addr & ~((1L << (32 - len)) - 1);
            return IpPrefix.parse(((addr >> 24) & 255) + "." + ((addr >> 16) & 255) + "." + ((addr >> 8) & 255) + "."
                    + (addr & 255) + "/" + len);
        }
        int len = 104 + rnd.nextInt(25);
        long low = rnd.nextInt(1 << 24) & 0xffffffL;
        low = len == 128 ? low : low & ~((1L << (128 - len)) - 1);
        return IpPrefix.parse(
                "2603:1000::" + Long.toHexString(low >> 16) + ":" + Long.toHexString(low & 0xffff) + "/" + len);
    }

    static IpPrefix anywhere(Random rnd, Family family) {
        if (family == Family.IPV4) {
            int len = rnd.nextInt(33);
            long addr = rnd.nextInt() & 0xffffffffL;
            if (rnd.nextBoolean()) {
                addr |= 0xffff0000L; // near the top
            }
            addr = len == 0 ? 0 : addr & (0xffffffffL << (32 - len)) & 0xffffffffL;
            return IpPrefix.parse(((addr >> 24) & 255) + "." + ((addr >> 16) & 255) + "." + ((addr >> 8) & 255) + "."
                    + (addr & 255) + "/" + len);
        }
        int len = rnd.nextInt(129);
        BigInteger addr = new BigInteger(128, rnd);
        if (rnd.nextBoolean()) {
            addr = addr.or(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE.shiftLeft(112))); // near the top
        }
        addr = addr.shiftRight(128 - len).shiftLeft(128 - len);
        StringBuilder text = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            text.append(addr.shiftRight(16 * i).and(BigInteger.valueOf(0xffff)).toString(16))
                    .append(i > 0 ? ":" : "");
        }
        return IpPrefix.parse(text + "/" + len);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aggregationIsExactAndMinimal(Family family) {
        for (int round = 0; round < ROUNDS; round++) {
            Random rnd = new Random(round);
            List<IpPrefix> prefixes = random(rnd, family, 1 + rnd.nextInt(40));
            PrefixSet set = PrefixSet.of(prefixes);
            List<Interval> expected =
                    merge(prefixes.stream().map(PrefixSetTest::interval).toList());
            assertThat(intervals(set)).as("seed %d", round).isEqualTo(expected);
            assertThat(set.size()).as("seed %d: minimal", round).isEqualTo(minimalBlocks(expected));
            assertThat(set.prefixes()).as("seed %d: sorted", round).isSorted();
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void unionSubtractIntersectMatchTheReference(Family family) {
        for (int round = 0; round < ROUNDS; round++) {
            Random rnd = new Random(1000 + round);
            List<IpPrefix> a = random(rnd, family, rnd.nextInt(30));
            List<IpPrefix> b = random(rnd, family, rnd.nextInt(30));
            PrefixSet sa = PrefixSet.of(a);
            PrefixSet sb = PrefixSet.of(b);
            List<Interval> ia = a.stream().map(PrefixSetTest::interval).toList();
            List<Interval> ib = b.stream().map(PrefixSetTest::interval).toList();
            List<Interval> both = new ArrayList<>(ia);
            both.addAll(ib);
            assertThat(intervals(sa.union(sb))).as("seed %d union", round).isEqualTo(merge(both));
            List<Interval> diff = subtract(ia, ib);
            PrefixSet minus = sa.subtract(sb);
            assertThat(intervals(minus)).as("seed %d subtract", round).isEqualTo(diff);
            assertThat(minus.size()).as("seed %d subtract minimal", round).isEqualTo(minimalBlocks(diff));
            assertThat(intervals(sa.intersect(sb)))
                    .as("seed %d intersect", round)
                    .isEqualTo(subtract(ia, subtract(ia, ib)));
            assertThat(sa.union(sb).containsAll(sa)).isTrue();
            assertThat(sa.subtract(sb).union(sa.intersect(sb)))
                    .as("seed %d", round)
                    .isEqualTo(sa);
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void containsAndOverlapsMatchTheReference(Family family) {
        for (int round = 0; round < ROUNDS; round++) {
            Random rnd = new Random(5000 + round);
            List<IpPrefix> a = random(rnd, family, 1 + rnd.nextInt(30));
            PrefixSet set = PrefixSet.of(a);
            List<Interval> merged =
                    merge(a.stream().map(PrefixSetTest::interval).toList());
            for (int q = 0; q < 20; q++) {
                IpPrefix p = random(rnd, family);
                Interval ip = interval(p);
                boolean contained =
                        merged.stream().anyMatch(i -> i.lo().compareTo(ip.lo()) <= 0 && i.hi().compareTo(ip.hi()) >= 0);
                boolean overlapping =
                        merged.stream().anyMatch(i -> i.lo().compareTo(ip.hi()) <= 0 && i.hi().compareTo(ip.lo()) >= 0);
                assertThat(set.contains(p))
                        .as("seed %d: %s in %s", round, p, set)
                        .isEqualTo(contained);
                assertThat(set.overlaps(p))
                        .as("seed %d: %s overlaps %s", round, p, set)
                        .isEqualTo(overlapping);
            }
        }
    }

    @Test
    void familiesStaySeparateAndCountsAddUp() {
        PrefixSet s = PrefixSet.of(
                IpPrefix.parse("10.0.0.0/25"), IpPrefix.parse("10.0.0.128/25"), IpPrefix.parse("2603::/16"));
        assertThat(s.prefixes()).extracting(IpPrefix::toString).containsExactly("10.0.0.0/24", "2603::/16");
        assertThat(s.addressCount(Family.IPV4)).isEqualTo(BigInteger.valueOf(256));
        assertThat(s.prefixes(Family.IPV6)).hasSize(1);
        assertThat(s.subtract(PrefixSet.of(IpPrefix.parse("0.0.0.0/0"))))
                .isEqualTo(PrefixSet.of(IpPrefix.parse("2603::/16")));
        assertThat(PrefixSet.EMPTY.isEmpty()).isTrue();
        assertThat(PrefixSet.of(IpPrefix.parse("10.0.0.0/24")))
                .isEqualTo(PrefixSet.of(IpPrefix.parse("10.0.0.0/25"), IpPrefix.parse("10.0.0.128/25")));
    }
}
