package io.github.o365watch.domain.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {

    @ParameterizedTest
    @CsvSource({
        "13.107.6.152/31, 13.107.6.152/31, IPV4, 31",
        "0.0.0.0/0, 0.0.0.0/0, IPV4, 0",
        "1.2.3.4, 1.2.3.4/32, IPV4, 32",
        "2603:1006::/40, 2603:1006::/40, IPV6, 40",
        "2603:1006:0:0::/40, 2603:1006::/40, IPV6, 40",
        "2620:1EC:4::152/128, 2620:1ec:4::152/128, IPV6, 128",
        "::/0, ::/0, IPV6, 0",
    })
    void parsesIntoCanonicalForm(String text, String canonical, Family family, int length) {
        IpPrefix p = IpPrefix.parse(text);
        assertThat(p).hasToString(canonical);
        assertThat(p.family()).isEqualTo(family);
        assertThat(p.length()).isEqualTo(length);
        assertThat(IpPrefix.parse(canonical)).isEqualTo(p);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.1/8        | prefix has host bits set: '10.0.0.1/8' (the network is 10.0.0.0/8)",
                "2603:1006::1/40   | prefix has host bits set: '2603:1006::1/40' (the network is 2603:1006::/40)",
                "1.2.3.4/33        | not an IP prefix: '1.2.3.4/33'",
                "2603::/129        | not an IP prefix: '2603::/129'",
                "1.2.3             | not an IP prefix: '1.2.3'",
                "01.2.3.4/32       | not an IP prefix: '01.2.3.4/32'",
                "1.2.3.4/032       | not an IP prefix: '1.2.3.4/032'",
                "1.2.3.0-255       | not an IP prefix: '1.2.3.0-255'",
                "1.2.3.*           | not an IP prefix: '1.2.3.*'",
                "fe80::1%eth0      | not an IP prefix: 'fe80::1%eth0'",
                "999.1.1.1/32      | not an IP prefix: '999.1.1.1/32'",
                "example.com       | not an IP prefix: 'example.com'",
            })
    void rejectsJunkWithAMessageNamingTheValue(String text, String message) {
        assertThatThrownBy(() -> IpPrefix.parse(text.strip()))
                .isInstanceOf(PrefixFormatException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1.2.3.4/32", "1.2.3.4/32 ", "1.2.3.4/ 32", "1.2.3.4/32\n", "1.2.3.4;rm"})
    void rejectsWhitespaceAndControlCharacters(String text) {
        assertThatThrownBy(() -> IpPrefix.parse(text)).isInstanceOf(PrefixFormatException.class);
    }

    @Test
    void ordersIpv4FirstThenByAddressThenLongerLast() {
        List<IpPrefix> list = new ArrayList<>(List.of(
                IpPrefix.parse("2603::/16"),
                IpPrefix.parse("10.0.0.0/16"),
                IpPrefix.parse("9.0.0.0/8"),
                IpPrefix.parse("10.0.0.0/8"),
                IpPrefix.parse("200.0.0.0/8"),
                IpPrefix.parse("::/0")));
        list.sort(null);
        assertThat(list)
                .extracting(IpPrefix::toString)
                .containsExactly("9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "200.0.0.0/8", "::/0", "2603::/16");
    }

    @Test
    void containmentAndSizes() {
        IpPrefix wide = IpPrefix.parse("52.112.0.0/14");
        assertThat(wide.contains(IpPrefix.parse("52.113.255.255"))).isTrue();
        assertThat(wide.contains(IpPrefix.parse("52.116.0.0"))).isFalse();
        assertThat(wide.contains(IpPrefix.parse("52.112.0.0/13"))).isFalse();
        assertThat(IpPrefix.parse("0.0.0.0/0").contains(wide)).isTrue();
        assertThat(wide.contains(IpPrefix.parse("2603::/16"))).isFalse();
        assertThat(IpPrefix.parse("2603:1000::/24").contains(IpPrefix.parse("2603:10ff:ffff::/48")))
                .isTrue();
        assertThat(IpPrefix.parse("2603:1000::/24").contains(IpPrefix.parse("2603:1100::/48")))
                .isFalse();
        assertThat(IpPrefix.parse("::/0").contains(IpPrefix.parse("2603::/16"))).isTrue();
        assertThat(IpPrefix.parse("2620:1ec:4::152/127").contains(IpPrefix.parse("2620:1ec:4::153")))
                .isTrue();
        assertThat(wide.size()).isEqualTo(BigInteger.valueOf(1 << 18));
        assertThat(((Ipv4Prefix) wide).netmask()).isEqualTo("255.252.0.0");
        assertThat(((Ipv4Prefix) wide).wildcardMask()).isEqualTo("0.3.255.255");
        assertThat(wide.lastAddress()).isEqualTo("52.115.255.255");
        assertThat(IpPrefix.parse("2603:1006::/40").lastAddress()).isEqualTo("2603:1006:ff:ffff:ffff:ffff:ffff:ffff");
    }

    @ParameterizedTest
    @CsvSource({
        "52.112.10.20, 16, 52.112.0.0/16",
        "52.112.0.0/14, 8, 52.0.0.0/8",
        "52.112.0.0/14, 20, 52.112.0.0/14",
        "2603:1047:ffff::1, 32, 2603:1047::/32",
        "10.1.2.3, 0, 0.0.0.0/0",
    })
    void aSupernetHoldsThePrefix(String prefix, int length, String supernet) {
        IpPrefix p = IpPrefix.parse(prefix);
        assertThat(p.supernet(length)).hasToString(supernet);
        assertThat(p.supernet(length).contains(p)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "2603:1047:ffff::1, 2603:1047::/48, 32",
        "2603:1047:100::/64, 2603:1047:100::1, 64",
        "52.112.255.1, 52.113.0.0/16, 15",
        "52.112.10.20, 52.112.0.0/14, 14",
        "10.0.0.1, 2603:1047::/48, 0",
    })
    void commonBitsCountTheSharedLeadingBits(String a, String b, int bits) {
        assertThat(IpPrefix.parse(a).commonBits(IpPrefix.parse(b))).isEqualTo(bits);
        assertThat(IpPrefix.parse(b).commonBits(IpPrefix.parse(a))).isEqualTo(bits);
    }
}
