package io.github.o365watch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.SpecialPurpose;
import io.github.o365watch.testing.Derived;
import io.github.o365watch.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a version may hold beyond its grammar: the special-purpose table, public-suffix wildcards, and Microsoft's own data. */
class FeedRulesTest {

    private static Snapshot read(byte[] body) {
        return WireFormat.endpoints(body, Instance.WORLDWIDE, Version.parse("2019093000"), "GET /endpoints/Worldwide");
    }

    @Test
    void everyVersionMicrosoftPublishedPasses() {
        List<String> read = new ArrayList<>();
        for (String instance : List.of("Worldwide", "USGovDoD")) {
            for (String v : Fixtures.versions(instance)) {
                Snapshot s = WireFormat.endpoints(
                        Fixtures.endpoints(instance, v), Instance.parse(instance), Version.parse(v), "fixture");
                read.add(instance + " " + v + ": " + s.sets().size());
            }
        }
        read.add("wire: " + read(Fixtures.wire()).sets().size());
        assertThat(read).hasSize(Fixtures.WORLDWIDE.size() + Fixtures.USGOVDOD.size() + 1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/8",
                "10.20.30.0/24",
                "127.0.0.0/8",
                "169.254.0.0/16",
                "172.16.0.0/12",
                "192.168.1.0/24",
                "100.64.0.0/10",
                "224.0.0.0/4",
                "239.1.2.3/32",
                "240.0.0.0/4",
                "255.255.255.255/32",
                "192.0.2.0/24",
                "198.18.0.0/15",
                "0.0.0.0/0",
                "0.0.0.0/8",
                "::ffff:0:0/96",
                "64:ff9b::/96",
                "fe80::/10",
                "fc00::/7",
                "fd12:3456::/32",
                "ff02::/16",
                "2001:db8::/32",
                "2001::/32",
                "2002::/16",
                "::/0",
                "::1/128",
                "4000::/16"
            })
    void specialPurposeSpaceIsRefusedNamingTheRow(String prefix) {
        byte[] feed = Derived.withIp(Fixtures.endpoints("Worldwide", "2019093000"), 1, prefix);
        assertThatThrownBy(() -> read(feed))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("GET /endpoints/Worldwide: endpoint set 1: ips: " + IpPrefix.parse(prefix)
                        + " is special-purpose address space, ")
                .hasMessageContaining("RFC ")
                .hasMessageEndingWith("; nothing stored");
    }

    @Test
    void theMostSpecificRowIsNamed() {
        assertThat(SpecialPurpose.overlapping(IpPrefix.parse("10.1.0.0/16"))
                        .orElseThrow()
                        .describe())
                .isEqualTo("10.0.0.0/8 (Private-Use, RFC 1918)");
        assertThat(SpecialPurpose.overlapping(IpPrefix.parse("2001::/48"))
                        .orElseThrow()
                        .name())
                .isEqualTo("TEREDO");
        assertThat(SpecialPurpose.overlapping(IpPrefix.parse("64:ff9b::/96"))
                        .orElseThrow()
                        .name())
                .isEqualTo("IPv4-IPv6 Translation");
        // a prefix around rows names the first row inside it
        assertThat(SpecialPurpose.overlapping(IpPrefix.parse("0.0.0.0/0"))
                        .orElseThrow()
                        .prefix())
                .hasToString("0.0.0.0/8");
        // public unicast space, Microsoft's and others'
        for (String p : List.of(
                "52.96.0.0/14",
                "13.107.6.152/31",
                "2603:1006::/40",
                "2620:1ec:4::152/128",
                "2a01:111:f400::/48",
                "8.8.8.0/24",
                "223.255.255.0/24",
                "192.0.3.0/24",
                "3ffe::/16")) {
            assertThat(SpecialPurpose.overlapping(IpPrefix.parse(p))).as(p).isEmpty();
        }
    }

    @Test
    void everyRowCitesARegistryAndAnRfc() {
        assertThat(SpecialPurpose.blocks()).hasSizeGreaterThan(60).allSatisfy(b -> {
            assertThat(b.registry()).isIn("ipv4-special", "ipv6-special", "ipv4-mcast", "ipv6-space");
            assertThat(b.reference()).startsWith("RFC ");
            assertThat(b.name()).isNotBlank();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.com", "*.co.uk", "*cdn.com", "autodiscover.*.com", "x*.net", "*.corp", "*.uk"})
    void wildcardsOverAPublicSuffixAreRefused(String host) {
        byte[] feed = Derived.withUrl(Fixtures.endpoints("Worldwide", "2019093000"), 1, host);
        assertThatThrownBy(() -> read(feed))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(
                        "GET /endpoints/Worldwide: endpoint set 1: urls: '" + host + "' is a wildcard over ")
                .hasMessageContaining("Public Suffix List, ICANN section");
    }

    @Test
    void wildcardsUnderARegistrableDomainPassAlsoUnderAPrivateSuffix() {
        // the private section lists Microsoft's own blob.core.windows.net and cloudapp.net: Microsoft lists wildcards
        // under them
        for (String h : List.of(
                "*.office.com",
                "*.blob.core.windows.net",
                "*.cloudapp.net",
                "*.example.co.uk",
                "autodiscover.*.onmicrosoft.com",
                "*cdn.onenote.net",
                "com.example.com",
                "co.uk")) {
            assertThat(FeedRules.publicSuffixWildcard(HostPattern.parse(h)))
                    .as(h)
                    .isEmpty();
        }
    }

    @Test
    void aCategorySpelledTwiceInDifferentCaseIsRefused() {
        byte[] feed = Derived.withField(
                Fixtures.endpoints("Worldwide", "2019093000"), s -> s.path("id").asInt() == 1, "category", "Foo");
        byte[] both = Derived.withField(feed, s -> s.path("id").asInt() == 2, "category", "FOO");
        assertThat(read(feed).set(1).orElseThrow().category().name()).isEqualTo("Foo");
        assertThatThrownBy(() -> read(both))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        "GET /endpoints/Worldwide: categories 'Foo' (endpoint set 1) and 'FOO' (endpoint set 2) differ only in case:"
                                + " they would share the names outputs give them");
    }
}
