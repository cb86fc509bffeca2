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

    /** The byte form a log reader uses gives what the text form gives, for addresses and near misses alike. */
    @Test
    void asciiBytesReadAsTheText() {
        Random rnd = new Random(18);
        String alphabet = "0123456789..:::abfABF x-";
        java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of(
                "",
                "1.2.3.4",
                "01.2.3.4",
                "1.2.3",
                "1.2.3.4.5",
                "256.1.1.1",
                "1.2.3.04",
                "1..3.4",
                ".1.2.3",
                "1.2.3.",
                "1234.1.1.1",
                "0.0.0.0",
                "255.255.255.255",
                "2603:1063::1",
                "::ffff:1.2.3.4",
                "1.2.3.4 ",
                " 1.2.3.4",
                "9".repeat(46)));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            if (rnd.nextBoolean()) {
                b.append(rnd.nextInt(300))
                        .append('.')
                        .append(rnd.nextInt(300))
                        .append('.')
                        .append(rnd.nextInt(300));
                b.append('.').append(rnd.nextInt(300));
            }
            for (int k = rnd.nextInt(4); k > 0; k--) {
                b.insert(rnd.nextInt(b.length() + 1), alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            texts.add(b.toString());
        }
        for (String text : texts) {
            byte[] bytes = ("<" + text + ">").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(IpAddress.parseAscii(bytes, 1, bytes.length - 1))
                    .as(text)
                    .isEqualTo(IpAddress.parse(text));
        }
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
