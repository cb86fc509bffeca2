package io.github.o365watch.domain.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Budgeted summarisation against brute force: every way to cut the sorted prefixes into at most
 * n runs, each covered by its smallest enclosing prefix (an optimal cover is always of that
 * form), and the fewest extra addresses among them.
 */
class SummarizeTest {

    static BigInteger bruteForce(List<IpPrefix> sorted, int n) {
        BigInteger size = PrefixSet.of(sorted).addressCount(sorted.get(0).family());
        return best(sorted, 0, n, new ArrayList<>(), size);
    }

    private static BigInteger best(
            List<IpPrefix> sorted, int from, int budget, List<IpPrefix> chosen, BigInteger size) {
        if (from == sorted.size()) {
            return PrefixSet.of(chosen).addressCount(sorted.get(0).family()).subtract(size);
        }
        if (budget == 0) {
            return null;
        }
        BigInteger best = null;
        for (int to = from + 1; to <= sorted.size(); to++) {
            chosen.add(Blocks.enclosing(sorted.get(from), sorted.get(to - 1)));
            BigInteger c = best(sorted, to, budget - 1, chosen, size);
            chosen.remove(chosen.size() - 1);
            if (c != null && (best == null || c.compareTo(best) < 0)) {
                best = c;
            }
        }
        return best;
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void theSummaryIsOptimalCoversTheSetAndFitsTheBudget(Family family) {
        for (int round = 0; round < 200; round++) {
            Random rnd = new Random(9000 + round);
            PrefixSet set = PrefixSet.of(PrefixSetTest.random(rnd, family, 2 + rnd.nextInt(9)));
            List<IpPrefix> minimal = set.prefixes(family);
            if (minimal.isEmpty()) {
                continue;
            }
            int n = 1 + rnd.nextInt(minimal.size());
            Summary s = set.summarize(family, n);
            assertThat(s.prefixes().size()).as("seed %d", round).isLessThanOrEqualTo(n);
            PrefixSet covered = PrefixSet.of(s.prefixes());
            assertThat(covered.containsAll(set)).as("seed %d covers", round).isTrue();
            BigInteger extra = covered.addressCount(family).subtract(set.addressCount(family));
            assertThat(s.extraAddresses()).as("seed %d reported extra", round).isEqualTo(extra);
            assertThat(extra).as("seed %d optimal", round).isEqualTo(bruteForce(minimal, n));
        }
    }

    @Test
    void aSetThatFitsIsUntouchedAndEachFamilyHasItsOwnBudget() {
        PrefixSet s = PrefixSet.of(
                IpPrefix.parse("10.0.0.0/24"),
                IpPrefix.parse("10.0.2.0/24"),
                IpPrefix.parse("2603::/32"),
                IpPrefix.parse("2603:2::/32"));
        assertThat(s.summarize(Family.IPV4, 2).exact()).isTrue();
        Summary one = s.summarize(Family.IPV4, 1);
        // merging the IPv4 pair admits 512 addresses; the IPv6 prefixes are not this summary's
        assertThat(one.prefixes()).extracting(IpPrefix::toString).containsExactly("10.0.0.0/22");
        assertThat(one.extraAddresses()).isEqualTo(BigInteger.valueOf(512));
        assertThat(one.listedPrefixes()).isEqualTo(2);
        assertThat(one.listedAddresses()).isEqualTo(BigInteger.valueOf(512));
        assertThat(one.widening().describe()).isEqualTo("IPv4: 1 prefix instead of 2, 512 more addresses (100%)");
    }

    @Test
    void noSummaryIsBroaderThanTheMinimumLength() {
        // the reproduction of issue 12: Optimize's IPv4 prefixes in 5, unbounded, take 0.0.0.0/2 and 128.0.0.0/3
        PrefixSet optimize = PrefixSet.of(List.of(
                        "13.107.6.152/31",
                        "13.107.18.10/31",
                        "13.107.128.0/22",
                        "23.103.160.0/20",
                        "40.96.0.0/13",
                        "40.104.0.0/15",
                        "52.96.0.0/14",
                        "131.253.33.215/32",
                        "132.245.0.0/16",
                        "150.171.32.0/22",
                        "191.234.140.0/22",
                        "204.79.197.215/32",
                        "13.107.64.0/18",
                        "52.112.0.0/14",
                        "13.107.136.0/22",
                        "40.108.128.0/17",
                        "52.104.0.0/14",
                        "104.146.128.0/17",
                        "150.171.40.0/22")
                .stream()
                .map(IpPrefix::parse)
                .toList());
        assertThat(optimize.summarize(Family.IPV4, 5).prefixes())
                .extracting(IpPrefix::length)
                .contains(2);
        SummaryException e = catchThrowableOfType(
                SummaryException.class, () -> optimize.summarize(Family.IPV4, 5, 8, BigDecimal.valueOf(1000)));
        assertThat(e)
                .as("the list touches ten /8s: 13, 23, 40, 52, 104, 131, 132, 150, 191, 204")
                .isNotNull();
        assertThat(e.leastExtra()).isEmpty();
        assertThat(e.getMessage())
                .contains("5 cannot cover them without a prefix broader than /8: that takes at least 10");
        Summary ten = optimize.summarize(Family.IPV4, 10, 8, BigDecimal.valueOf(1_000_000));
        assertThat(ten.prefixes())
                .hasSize(10)
                .allSatisfy(p -> assertThat(p.length()).isGreaterThanOrEqualTo(8));
    }

    @Test
    void aPrefixBroaderThanTheMinimumIsWrittenAsItsParts() {
        // two listed /9s aggregate to a /8; with /9 as the bound they stay two, the same addresses
        PrefixSet s = PrefixSet.of(IpPrefix.parse("10.0.0.0/9"), IpPrefix.parse("10.128.0.0/9"));
        assertThat(s.summarize(Family.IPV4, 0, 8, BigDecimal.ONE).prefixes())
                .extracting(IpPrefix::toString)
                .containsExactly("10.0.0.0/8");
        Summary parts = s.summarize(Family.IPV4, 0, 9, BigDecimal.ONE);
        assertThat(parts.prefixes()).extracting(IpPrefix::toString).containsExactly("10.0.0.0/9", "10.128.0.0/9");
        assertThat(parts.exact()).isTrue();
        assertThat(parts.listedPrefixes()).isEqualTo(2);
    }

    @Test
    void theBudgetIsAShareOfTheListedAddressesAndTheSmallestThatWorksIsNamed() {
        // 10.0.0.0/24 and 10.0.2.0/24 in one prefix: 10.0.0.0/22, 512 more on 512 listed (100%)
        PrefixSet s = PrefixSet.of(
                IpPrefix.parse("10.0.0.0/24"), IpPrefix.parse("10.0.2.0/24"), IpPrefix.parse("10.1.0.0/24"));
        assertThat(s.summarize(Family.IPV4, 2, 8, BigDecimal.valueOf(67)).extraAddresses())
                .isEqualTo(BigInteger.valueOf(512));
        SummaryException e = catchThrowableOfType(
                SummaryException.class, () -> s.summarize(Family.IPV4, 2, 8, BigDecimal.valueOf(66)));
        assertThat(e.leastExtra()).contains(BigInteger.valueOf(512));
        assertThat(e.fewestWithin()).isEqualTo(3);
        assertThat(e.getMessage())
                .isEqualTo(
                        "3 prefixes do not fit in 2 with at most 66% more addresses and none broader than /8;"
                                + " the smallest budgets that would work: 3 prefixes at 66%, or 2 prefixes at 66.67% (512 more addresses)");
        assertThat(s.summarize(Family.IPV4, 2, 8, new BigDecimal("66.67")).prefixes())
                .hasSize(2);
    }
}
