package io.github.o365watch.domain.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The words every figure is written in: IPv4 in full, IPv6 in /64s, percentages that never round to a false zero. */
class AddressCountsTest {
    static BigInteger pow2(int n) {
        return BigInteger.ONE.shiftLeft(n);
    }

    @Test
    void ipv4IsWrittenInFull() {
        assertThat(AddressCounts.words(Family.IPV4, BigInteger.ONE)).isEqualTo("1 address");
        assertThat(AddressCounts.words(Family.IPV4, BigInteger.valueOf(3584))).isEqualTo("3,584 addresses");
        assertThat(AddressCounts.words(Family.IPV4, pow2(32), "more")).isEqualTo("4,294,967,296 more addresses");
    }

    @Test
    void ipv6IsWrittenIn64sNeverAsADigitString() {
        assertThat(AddressCounts.words(Family.IPV6, BigInteger.valueOf(177))).isEqualTo("177 addresses");
        assertThat(AddressCounts.words(Family.IPV6, pow2(64))).isEqualTo("1 /64");
        // a /40 is 2^24 /64s
        assertThat(AddressCounts.words(Family.IPV6, pow2(88).multiply(BigInteger.valueOf(14)), "more"))
                .isEqualTo("234,881,024 more /64s");
        // a /16 and 177 hosts: not whole /64s, so about
        assertThat(AddressCounts.words(Family.IPV6, pow2(112).add(BigInteger.valueOf(177))))
                .isEqualTo("about 281,474,976,710,656 /64s");
        assertThat(AddressCounts.words(Family.IPV6, pow2(65).subtract(BigInteger.ONE)))
                .isEqualTo("about 2 /64s");
        assertThat(AddressCounts.words(Family.IPV6, pow2(64).add(pow2(63)))).isEqualTo("about 1.5 /64s");
        // less than a /64 (prefixes longer than /64): exact, at most 20 digits
        assertThat(AddressCounts.words(Family.IPV6, pow2(40))).isEqualTo("1,099,511,627,776 addresses");
        for (int bits = 0; bits <= 128; bits++) {
            assertThat(AddressCounts.words(
                                    Family.IPV6,
                                    pow2(bits).subtract(BigInteger.ONE).max(BigInteger.ONE))
                            .replace(",", ""))
                    .as("2^%d - 1", bits)
                    .doesNotContainPattern("[0-9]{21}");
        }
    }

    @Test
    void percentagesSayWhatIsSmallAndNeverRoundToZero() {
        assertThat(AddressCounts.percent(BigInteger.ZERO, BigInteger.TEN)).isEqualTo("0%");
        assertThat(AddressCounts.percent(BigInteger.ONE, BigInteger.valueOf(1_000_000)))
                .isEqualTo("less than 0.01%");
        assertThat(AddressCounts.percent(BigInteger.valueOf(3584), BigInteger.valueOf(17_920_000)))
                .isEqualTo("0.02%");
        assertThat(AddressCounts.percent(BigInteger.valueOf(3), BigInteger.valueOf(8)))
                .isEqualTo("37.5%");
        assertThat(AddressCounts.percent(BigInteger.valueOf(1200), BigInteger.valueOf(100)))
                .isEqualTo("1,200%");
        assertThat(AddressCounts.percent(new BigDecimal("0.005"))).isEqualTo("0.005%");
        assertThat(AddressCounts.percent(new BigDecimal("1.0"))).isEqualTo("1%");
    }

    @Test
    void theSmallestPercentageIsRoundedUpSoThatItWorks() {
        // 512 more on 768 listed: 66.666...% needs 66.67%, not 66.67 rounded down
        assertThat(AddressCounts.percentCeiling(BigInteger.valueOf(512), BigInteger.valueOf(768)))
                .isEqualByComparingTo("66.67");
        assertThat(AddressCounts.percentCeiling(BigInteger.ONE, BigInteger.valueOf(1_000_000)))
                .isEqualByComparingTo("0.01");
        assertThat(AddressCounts.percentCeiling(BigInteger.ZERO, BigInteger.TEN))
                .isEqualByComparingTo("0");
    }
}
