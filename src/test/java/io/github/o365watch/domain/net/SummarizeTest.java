package io.github.o365watch.domain.net;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static BigInteger best(List<IpPrefix> sorted, int from, int budget, List<IpPrefix> chosen, BigInteger size) {
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
            Summary s = set.summarize(n);
            assertThat(s.prefixes().size()).as("seed %d", round).isLessThanOrEqualTo(n);
            PrefixSet covered = PrefixSet.of(s.prefixes());
            assertThat(covered.containsAll(set)).as("seed %d covers", round).isTrue();
            BigInteger extra = covered.addressCount(family).subtract(set.addressCount(family));
            assertThat(s.extraAddresses()).as("seed %d reported extra", round).isEqualTo(extra);
            assertThat(extra).as("seed %d optimal", round).isEqualTo(bruteForce(minimal, n));
        }
    }

    @Test
    void aSetThatFitsIsUntouchedAndBothFamiliesShareTheBudget() {
        PrefixSet s = PrefixSet.of(IpPrefix.parse("10.0.0.0/24"), IpPrefix.parse("10.0.2.0/24"), IpPrefix.parse("2603::/32"),
                IpPrefix.parse("2603:2::/32"));
        assertThat(s.summarize(4).exact()).isTrue();
        Summary three = s.summarize(3);
        assertThat(three.prefixes()).hasSize(3);
        // merging the IPv4 pair admits 512 addresses, the IPv6 pair far more
        assertThat(three.prefixes()).extracting(IpPrefix::toString).containsExactly("10.0.0.0/22", "2603::/32", "2603:2::/32");
        assertThat(three.extraAddresses()).isEqualTo(BigInteger.valueOf(512));
    }
}
