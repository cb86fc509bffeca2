package io.github.o365watch.domain.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressFormsTest {

    @ParameterizedTest
    @CsvSource({
        "10.1.1.5/24, 10.1.1.0/24",
        "10.1.1.0/24, 10.1.1.0/24",
        "1.2.3.4, 1.2.3.4/32",
        "255.255.255.255/0, 0.0.0.0/0",
        "2603:1006::1/40, 2603:1006::/40",
        "2620:1EC:4::153/127, 2620:1ec:4::152/127",
    })
    void networkClearsHostBits(String text, String network) {
        assertThat(AddressForms.network(text)).contains(IpPrefix.parse(network));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/33",
                "10.0.0.0/",
                "10.0.0.0/08",
                "010.0.0.0/8",
                "1.2.3/24",
                "2603::/129",
                "fe80::1%eth0/64",
                "10.0.0.0/-1",
                "10.0.0.0/8/8",
                "example.com/24",
                ""
            })
    void networkRefusesWhatIsNoPrefix(String text) {
        assertThat(AddressForms.network(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "52.112.0.0, 255.252.0.0, 52.112.0.0/14",
        "10.1.1.5, 255.255.255.0, 10.1.1.0/24",
        "13.107.6.152, 255.255.255.254, 13.107.6.152/31",
        "0.0.0.0, 0.0.0.0, 0.0.0.0/0",
        "1.2.3.4, 255.255.255.255, 1.2.3.4/32",
    })
    void netmaskGivesTheNetwork(String address, String mask, String network) {
        assertThat(AddressForms.withNetmask(address, mask)).contains(IpPrefix.parse(network));
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0, 255.0.255.0",
        "10.0.0.0, 0.0.0.255",
        "10.0.0.0, 255.255.255.256",
        "2603::, 255.255.0.0",
        "10.0.0.0, ffff::"
    })
    void netmaskMustBeContiguousAndIpv4(String address, String mask) {
        assertThat(AddressForms.withNetmask(address, mask)).isEmpty();
    }

    @Test
    void netmaskLength() {
        assertThat(AddressForms.netmaskLength("255.252.0.0")).isEqualTo(OptionalInt.of(14));
        assertThat(AddressForms.netmaskLength("0.0.0.0")).isEqualTo(OptionalInt.of(0));
        assertThat(AddressForms.netmaskLength("255.255.255.255")).isEqualTo(OptionalInt.of(32));
        assertThat(AddressForms.netmaskLength("255.0.255.0")).isEmpty();
        assertThat(AddressForms.netmaskLength("24")).isEmpty();
    }

    @Test
    void rangeGivesTheFewestExactBlocks() {
        assertThat(AddressForms.range("10.0.0.1", "10.0.0.9"))
                .extracting(IpPrefix::toString)
                .containsExactly("10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/30", "10.0.0.8/31");
        assertThat(AddressForms.range("13.107.136.0", "13.107.139.255"))
                .containsExactly(IpPrefix.parse("13.107.136.0/22"));
        assertThat(AddressForms.range("1.2.3.4", "1.2.3.4")).containsExactly(IpPrefix.parse("1.2.3.4/32"));
        assertThat(AddressForms.range("0.0.0.0", "255.255.255.255")).containsExactly(IpPrefix.parse("0.0.0.0/0"));
        assertThat(AddressForms.range("2603:1006::", "2603:1006::ff"))
                .containsExactly(IpPrefix.parse("2603:1006::/120"));
    }

    @Test
    void rangeCoversExactlyItsAddresses() {
        List<IpPrefix> blocks = AddressForms.range("2001:db8::3", "2001:db8::1:7");
        BigInteger size = blocks.stream().map(IpPrefix::size).reduce(BigInteger.ZERO, BigInteger::add);
        // 0x1_0007 - 0x3 + 1 addresses, counted without the library
        assertThat(size).isEqualTo(BigInteger.valueOf(0x10007 - 0x3 + 1));
        assertThat(PrefixSet.of(blocks).prefixes()).hasSameSizeAs(blocks);
        assertThat(blocks.get(0)).isEqualTo(IpPrefix.parse("2001:db8::3/128"));
        assertThat(blocks.get(blocks.size() - 1).lastAddress()).isEqualTo("2001:db8::1:7");
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.9, 10.0.0.1", "10.0.0.1, 2603::1", "10.0.0.1/32, 10.0.0.9", "10.0.0.01, 10.0.0.9", "x, 10.0.0.9"
    })
    void rangeRefusesBackwardsMixedAndJunk(String first, String last) {
        assertThat(AddressForms.range(first, last)).isEmpty();
    }

    @Test
    void nullIsNothing() {
        assertThat(AddressForms.network(null)).isEqualTo(Optional.empty());
        assertThat(AddressForms.range(null, "1.2.3.4")).isEmpty();
        assertThat(AddressForms.netmaskLength(null)).isEmpty();
    }
}
