package io.github.o365watch.domain.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
        "52.112.1.1, 52.112.1.1, IPV4",
        "0.0.0.0, 0.0.0.0, IPV4",
        "255.255.255.255, 255.255.255.255, IPV4",
        "2603:1063:0000:0000:0000:0000:0000:0001, 2603:1063::1, IPV6",
        "2603:1063:0:0::1, 2603:1063::1, IPV6",
        "2620:1EC:4::152, 2620:1ec:4::152, IPV6",
        "::, ::, IPV6",
        "::ffff:52.112.1.1, ::ffff:3470:101, IPV6",
    })
    void parsesIntoCanonicalText(String text, String canonical, Family family) {
        IpAddress a = IpAddress.parse(text).orElseThrow();
        assertThat(a).hasToString(canonical);
        assertThat(a.family()).isEqualTo(family);
        assertThat(IpAddress.parse(canonical)).contains(a);
    }

    @Test
    void agreesWithIpPrefixOnRandomAddresses() {
        Random rnd = new Random(11);
        for (int i = 0; i < 2000; i++) {
            Family family = rnd.nextBoolean() ? Family.IPV4 : Family.IPV6;
            String text = PrefixSetTest.random(rnd, family).lastAddress();
            assertThat(IpAddress.parse(text).orElseThrow())
                    .as(text)
                    .hasToString(IpPrefix.parse(text).network());
        }
    }

    @Test
    void rejectsValuesOutsideTheFamily() {
        assertThatThrownBy(() -> new IpAddress(Family.IPV4, 0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IpAddress(Family.IPV4, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new IpAddress(Family.IPV6, -1, -1)).hasToString("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    }

    @org.junit.jupiter.api.Test
    void bytesAreInNetworkOrder() throws Exception {
        assertThat(java.net.InetAddress.getByAddress(
                                IpAddress.parse("52.112.10.20").orElseThrow().bytes())
                        .getHostAddress())
                .isEqualTo("52.112.10.20");
        assertThat(java.net.InetAddress.getByAddress(
                                IpAddress.parse("2603:1047::1").orElseThrow().bytes())
                        .getHostAddress())
                .isEqualTo("2603:1047:0:0:0:0:0:1");
    }
}
