package io.github.o365watch.domain.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.o365watch.domain.net.PrefixSetTest.Interval;
import io.github.o365watch.testing.Fuzz;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A property over random prefix sets and budgets: whatever {@link PrefixSet#summarize(Family, int,
 * int, BigDecimal)} writes covers every listed address, holds no more prefixes than allowed and
 * none broader than the minimum length, and admits exactly as many extra addresses as it says,
 * within the budget; when it refuses, the smallest budgets it names are the true ones. The truth
 * is computed here with big-integer intervals and brute force over every cut of the sorted
 * blocks, sharing no code with the summariser. 1,000 cases; {@link Fuzz} says how to run more.
 */
class SummaryBoundsTest {
    /** Brute force up to this many blocks (every cut into runs: 2^(n-1)). */
    static final int BRUTE = 13;

    /** One case: the listed prefixes of one family and the limits. */
    record Case(Family family, List<IpPrefix> listed, int maxPrefixes, int minLength, BigDecimal percent) {
        @Override
        public String toString() {
            return family + " " + listed + " in " + maxPrefixes + ", /" + minLength + ", " + percent.toPlainString()
                    + "%";
        }
    }

    /** Budgets of extra addresses; one in three cases with no real limit, so that the bounds of length and count decide. */
    static final List<BigDecimal> PERCENTS =
            List.of("0", "0.01", "0.5", "1", "5", "12.5", "37.5", "100", "1000", "1e39", "1e39", "1e39", "1e39")
                    .stream()
                    .map(BigDecimal::new)
                    .toList();

    /**
     * A case from a seed: a family, up to 15 prefixes that overlap, nest and touch, none broader
     * than the bound; now and then the sibling of one of them, so that the two aggregate beyond the
     * bound; a budget of prefixes mostly below what the list needs (0 now and then: no limit).
     */
    static Case of(long seed, int budget, BigDecimal percent) {
        Random rnd = new Random(seed);
        Family f = rnd.nextBoolean() ? Family.IPV4 : Family.IPV6;
        List<IpPrefix> listed = new ArrayList<>(PrefixSetTest.random(rnd, f, 1 + rnd.nextInt(14)));
        int min = rnd.nextInt(f == Family.IPV4 ? 25 : 113);
        IpPrefix one = listed.get(rnd.nextInt(listed.size()));
        if (rnd.nextInt(3) == 0 && one.length() > 0) {
            listed.add(sibling(one));
            min = one.length();
        }
        // the planner refuses a listed prefix broader than the bound: only those at or beyond it are summarised
        int bound = min;
        listed = listed.stream().filter(p -> p.length() >= bound).toList();
        // from one prefix to as many as the exact list has, most often one or two fewer
        int n = Math.max(
                1,
                blocks(
                                PrefixSetTest.merge(listed.stream()
                                        .map(PrefixSetTest::interval)
                                        .toList()),
                                f.bits(),
                                min)
                        .size());
        int max = budget == 0 ? 0 : rnd.nextBoolean() ? 1 + rnd.nextInt(n) : Math.max(1, n - 1 - rnd.nextInt(2));
        return new Case(f, listed, max, min, percent);
    }

    /** The other half of the prefix one bit shorter. */
    static IpPrefix sibling(IpPrefix p) {
        int bits = p.family().bits();
        BigInteger lo = PrefixSetTest.interval(p).lo().flipBit(bits - p.length());
        if (bits == 32) {
            long v = lo.longValue();
            return IpPrefix.parse((v >> 24 & 255) + "." + (v >> 16 & 255) + "." + (v >> 8 & 255) + "." + (v & 255) + "/"
                    + p.length());
        }
        StringBuilder t = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            t.append(Integer.toHexString(lo.shiftRight(16 * i).intValue() & 0xffff))
                    .append(i > 0 ? ":" : "");
        }
        return IpPrefix.parse(t + "/" + p.length());
    }

    @Test
    void everySummaryCoversTheListRespectsTheBoundsAndStatesTheTrueExtra() {
        Gen<Case> cases = longs().all().zip(integers().between(0, 12), Generate.pick(PERCENTS), SummaryBoundsTest::of);
        Fuzz.qt(1000).forAll(cases).checkAssert(SummaryBoundsTest::check);
    }

    static void check(Case c) {
        PrefixSet set = PrefixSet.of(c.listed());
        List<Interval> listed = PrefixSetTest.merge(
                c.listed().stream().map(PrefixSetTest::interval).toList());
        BigInteger listedSize = size(listed);
        List<Interval> blocks = blocks(listed, c.family().bits(), c.minLength());
        Summary s;
        try {
            s = set.summarize(c.family(), c.maxPrefixes(), c.minLength(), c.percent());
        } catch (SummaryException e) {
            refused(c, set, blocks, listedSize, e);
            return;
        }
        assertThat(s.family()).isEqualTo(c.family());
        assertThat(s.prefixes()).allSatisfy(p -> {
            assertThat(p.family()).isEqualTo(c.family());
            assertThat(p.length())
                    .as("no prefix broader than /%d", c.minLength())
                    .isGreaterThanOrEqualTo(c.minLength());
        });
        if (c.maxPrefixes() > 0) {
            assertThat(s.prefixes().size()).isLessThanOrEqualTo(c.maxPrefixes());
        }
        List<Interval> written =
                s.prefixes().stream().map(PrefixSetTest::interval).toList();
        List<Interval> union = PrefixSetTest.merge(written);
        assertThat(PrefixSetTest.subtract(listed, union))
                .as("every listed address is written")
                .isEmpty();
        BigInteger sum = written.stream()
                .map(i -> i.hi().subtract(i.lo()).add(BigInteger.ONE))
                .reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(sum).as("no address written twice").isEqualTo(size(union));
        BigInteger extra = size(union).subtract(listedSize);
        assertThat(s.extraAddresses()).as("the extra it states").isEqualTo(extra);
        assertThat(s.listedAddresses()).isEqualTo(listedSize);
        assertThat(s.listedPrefixes()).as("the exact list, split at the bound").isEqualTo(blocks.size());
        assertThat(within(extra, listedSize, c.percent()))
                .as("within the budget")
                .isTrue();
        if (blocks.size() <= BRUTE && c.maxPrefixes() > 0 && blocks.size() > c.maxPrefixes()) {
            assertThat(extra)
                    .as("the fewest extra addresses")
                    .isEqualTo(best(blocks, c.maxPrefixes(), c.family().bits(), c.minLength()));
        }
        if (c.maxPrefixes() == 0 || blocks.size() <= c.maxPrefixes()) {
            assertThat(s.exact()).as("exact when it fits").isTrue();
        }
    }

    /** A refusal: the limits truly cannot be met, and the budgets it names are the smallest that work. */
    static void refused(Case c, PrefixSet set, List<Interval> blocks, BigInteger listedSize, SummaryException e) {
        assertThat(c.maxPrefixes()).isPositive();
        assertThat(blocks.size()).isGreaterThan(c.maxPrefixes());
        if (blocks.size() <= BRUTE) {
            BigInteger best = best(blocks, c.maxPrefixes(), c.family().bits(), c.minLength());
            assertThat(e.leastExtra()).isEqualTo(java.util.Optional.ofNullable(best));
            assertThat(best == null || !within(best, listedSize, c.percent())).isTrue();
            int fewest = c.maxPrefixes() + 1;
            while (true) {
                BigInteger b = best(blocks, fewest, c.family().bits(), c.minLength());
                if (b != null && within(b, listedSize, c.percent())) {
                    break;
                }
                fewest++;
            }
            assertThat(e.fewestWithin()).isEqualTo(fewest);
        }
        // as a user would try them
        assertThat(set.summarize(c.family(), e.fewestWithin(), c.minLength(), c.percent())
                        .prefixes())
                .hasSizeLessThanOrEqualTo(e.fewestWithin());
        if (e.fewestWithin() - 1 > c.maxPrefixes()) {
            assertThat(catchThrowableOfType(
                            SummaryException.class,
                            () -> set.summarize(c.family(), e.fewestWithin() - 1, c.minLength(), c.percent())))
                    .isNotNull();
        }
        e.leastExtra()
                .ifPresent(x -> assertThat(set.summarize(
                                        c.family(),
                                        c.maxPrefixes(),
                                        c.minLength(),
                                        AddressCounts.percentCeiling(x, listedSize))
                                .extraAddresses())
                        .isEqualTo(x));
    }

    static boolean within(BigInteger extra, BigInteger listed, BigDecimal percent) {
        return new BigDecimal(extra)
                        .multiply(BigDecimal.valueOf(100))
                        .compareTo(new BigDecimal(listed).multiply(percent))
                <= 0;
    }

    static BigInteger size(List<Interval> merged) {
        return merged.stream()
                .map(i -> i.hi().subtract(i.lo()).add(BigInteger.ONE))
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** The exact list: the fewest aligned blocks of the merged intervals, those broader than /minLength cut into /minLength parts. */
    static List<Interval> blocks(List<Interval> merged, int bits, int minLength) {
        List<Interval> out = new ArrayList<>();
        for (Interval i : merged) {
            BigInteger lo = i.lo();
            while (lo.compareTo(i.hi()) <= 0) {
                int host = lo.signum() == 0 ? bits : Math.min(bits, lo.getLowestSetBit());
                while (lo.add(BigInteger.ONE.shiftLeft(host))
                                .subtract(BigInteger.ONE)
                                .compareTo(i.hi())
                        > 0) {
                    host--;
                }
                int part = Math.min(host, bits - minLength);
                for (BigInteger p = lo;
                        p.compareTo(lo.add(BigInteger.ONE.shiftLeft(host))) < 0;
                        p = p.add(BigInteger.ONE.shiftLeft(part))) {
                    out.add(new Interval(
                            p, p.add(BigInteger.ONE.shiftLeft(part)).subtract(BigInteger.ONE)));
                }
                lo = lo.add(BigInteger.ONE.shiftLeft(host));
            }
        }
        return out;
    }

    /**
     * Fewest extra addresses with at most {@code k} prefixes none broader than {@code /minLength},
     * or null when there is no such cover: every cut of the sorted blocks into at most k runs, each
     * run under the smallest aligned block holding it.
     */
    static BigInteger best(List<Interval> blocks, int k, int bits, int minLength) {
        return best(blocks, 0, k, bits, minLength);
    }

    private static BigInteger best(List<Interval> blocks, int from, int k, int bits, int minLength) {
        if (from == blocks.size()) {
            return BigInteger.ZERO;
        }
        if (k == 0) {
            return null;
        }
        BigInteger best = null;
        BigInteger inside = BigInteger.ZERO;
        for (int to = from; to < blocks.size(); to++) {
            inside =
                    inside.add(blocks.get(to).hi().subtract(blocks.get(to).lo()).add(BigInteger.ONE));
            BigInteger lo = blocks.get(from).lo();
            int host = lo.xor(blocks.get(to).hi()).bitLength();
            if (bits - host < minLength) {
                break; // longer runs are broader still
            }
            BigInteger rest = best(blocks, to + 1, k - 1, bits, minLength);
            if (rest != null) {
                BigInteger c = BigInteger.ONE.shiftLeft(host).subtract(inside).add(rest);
                best = best == null || c.compareTo(best) < 0 ? c : best;
            }
        }
        return best;
    }
}
