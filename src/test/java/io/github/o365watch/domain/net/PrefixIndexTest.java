package io.github.o365watch.domain.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.Addresses;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PrefixIndex against a brute-force scan: every prefix added is tested with
 * {@link IpPrefix#contains} on the address parsed by {@link IpPrefix#parse}, then sorted longest
 * first (stable, so values of one prefix stay in the order added).
 */
class PrefixIndexTest {

    record Entry(IpPrefix prefix, int value) {}

    static List<PrefixIndex.Match<Integer>> bruteForce(List<Entry> entries, String address) {
        IpPrefix host = IpPrefix.parse(address);
        List<Entry> hits = new ArrayList<>(
                entries.stream().filter(e -> e.prefix().contains(host)).toList());
        hits.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
        return hits.stream()
                .map(e -> new PrefixIndex.Match<>(e.prefix(), e.value()))
                .toList();
    }

    /** An address as text: dotted decimal, or all eight IPv6 groups with leading zeros (as kernel logs write them). */
    static String text(BigInteger value, Family family) {
        StringBuilder out = new StringBuilder();
        if (family == Family.IPV4) {
            for (int i = 3; i >= 0; i--) {
                out.append(value.shiftRight(8 * i).intValue() & 0xff).append(i > 0 ? "." : "");
            }
        } else {
            for (int i = 7; i >= 0; i--) {
                out.append(String.format("%04x", value.shiftRight(16 * i).intValue() & 0xffff))
                        .append(i > 0 ? ":" : "");
            }
        }
        return out.toString();
    }

    /** Half inside a prefix of the index (at a random host), half anywhere in the family or in the test's small region. */
    static String randomAddress(Random rnd, List<Entry> entries, Family family) {
        int bits = family.bits();
        int pick = rnd.nextInt(4);
        if (pick < 2) {
            IpPrefix p = entries.get(rnd.nextInt(entries.size())).prefix();
            BigInteger network = new BigInteger(1, Addresses.literal(p.network()));
            BigInteger host = new BigInteger(bits - p.length(), rnd);
            return text(network.add(host), family);
        }
        if (pick == 2) {
            return text(new BigInteger(bits, rnd), family);
        }
        return PrefixSetTest.random(rnd, family).lastAddress();
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void agreesWithABruteForceScan(Family family) {
        for (int round = 0; round < 40; round++) {
            Random rnd = new Random(7000 + round);
            List<Entry> entries = new ArrayList<>();
            PrefixIndex.Builder<Integer> b = PrefixIndex.builder();
            int count = 1 + rnd.nextInt(300);
            for (int i = 0; i < count; i++) {
                // some prefixes come twice, with another value
                IpPrefix p = i > 0 && rnd.nextInt(10) == 0
                        ? entries.get(rnd.nextInt(i)).prefix()
                        : PrefixSetTest.random(rnd, family);
                entries.add(new Entry(p, i));
                b.add(p, i);
            }
            PrefixIndex<Integer> index = b.build();
            assertThat(index.size()).isEqualTo(count);
            int nonEmpty = 0;
            for (int i = 0; i < 500; i++) {
                String address = randomAddress(rnd, entries, family);
                List<PrefixIndex.Match<Integer>> expected = bruteForce(entries, address);
                assertThat(index.lookup(address)).as(address).isEqualTo(expected);
                // the canonical form of the same address finds the same
                assertThat(index.lookup(IpPrefix.parse(address).network()))
                        .as(address)
                        .isEqualTo(expected);
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
            // the draw must exercise matches, not only misses
            assertThat(nonEmpty).isGreaterThan(200);
        }
    }

    @Test
    void nestedPrefixesComeMostSpecificFirstAndEqualPrefixesInTheOrderAdded() {
        PrefixIndex<String> index = PrefixIndex.<String>builder()
                .add(IpPrefix.parse("52.112.0.0/14"), "teams")
                .add(IpPrefix.parse("0.0.0.0/0"), "default")
                .add(IpPrefix.parse("52.112.1.1/32"), "host")
                .add(IpPrefix.parse("52.112.0.0/24"), "other")
                .add(IpPrefix.parse("52.112.1.0/24"), "media")
                .add(IpPrefix.parse("52.112.0.0/14"), "teams-again")
                .build();
        assertThat(index.lookup("52.112.1.1"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("host", "media", "teams", "teams-again", "default");
        assertThat(index.lookup("52.112.1.2"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("media", "teams", "teams-again", "default");
        assertThat(index.lookup("52.116.0.0"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("default");
        assertThat(index.lookup("52.115.255.255"))
                .extracting(m -> m.prefix().toString())
                .containsExactly("52.112.0.0/14", "52.112.0.0/14", "0.0.0.0/0");
        // the IPv4 /0 says nothing about IPv6
        assertThat(index.lookup("2603:1063::1")).isEmpty();
    }

    @Test
    void ipv6FromSlashZeroToSlash128() {
        PrefixIndex<String> index = PrefixIndex.<String>builder()
                .add(IpPrefix.parse("::/0"), "all")
                .add(IpPrefix.parse("2603:1063::/38"), "m365")
                .add(IpPrefix.parse("2603:1063::/64"), "subnet")
                .add(IpPrefix.parse("2603:1063::1/128"), "host")
                .add(IpPrefix.parse("2603:1063::/65"), "low half")
                .build();
        assertThat(index.lookup("2603:1063::1"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("host", "low half", "subnet", "m365", "all");
        assertThat(index.lookup("2603:1063:0000:0000:8000:0000:0000:0001"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("subnet", "m365", "all");
        assertThat(index.lookup("2603:1063:0:1::1"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("m365", "all");
        assertThat(index.lookup("2603:1067:ffff::"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("all");
        // a /38 ends six bits into the third group
        assertThat(index.lookup("2603:1063:3ff:ffff::"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("m365", "all");
        assertThat(index.lookup("2603:1063:400::"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("all");
        assertThat(index.lookup("2603:1062:ffff::"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("all");
        assertThat(index.lookup("2603:1063::2"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("low half", "subnet", "m365", "all");
        assertThat(index.lookup("52.112.1.1")).isEmpty();
        // an IPv4-mapped address is IPv6: the lists keep the families apart
        assertThat(index.lookup("::ffff:52.112.1.1"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("all");
    }

    @Test
    void aroundTheSixteenBitDirectorysEdges() {
        PrefixIndex<String> index = PrefixIndex.<String>builder()
                .add(IpPrefix.parse("52.112.0.0/14"), "teams")
                .add(IpPrefix.parse("52.113.0.0/16"), "sixteen")
                .add(IpPrefix.parse("52.113.128.0/17"), "seventeen")
                .add(IpPrefix.parse("52.114.0.0/15"), "fifteen")
                .add(IpPrefix.parse("52.114.255.255/32"), "host")
                .add(IpPrefix.parse("52.0.0.0/8"), "eight")
                .build();
        assertThat(index.lookup("52.112.255.255"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("teams", "eight");
        assertThat(index.lookup("52.113.0.0"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("sixteen", "teams", "eight");
        assertThat(index.lookup("52.113.127.255"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("sixteen", "teams", "eight");
        assertThat(index.lookup("52.113.128.0"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("seventeen", "sixteen", "teams", "eight");
        assertThat(index.lookup("52.114.255.255"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("host", "fifteen", "teams", "eight");
        assertThat(index.lookup("52.114.255.254"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("fifteen", "teams", "eight");
        assertThat(index.lookup("52.116.0.0"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("eight");
        assertThat(index.lookup("51.255.255.255")).isEmpty();
        assertThat(index.lookup("53.0.0.0")).isEmpty();
        // under one prefix alone, every address gets the same list (audit's matcher remembers answers by it)
        assertThat(index.lookup("52.1.0.0")).isSameAs(index.lookup("52.200.3.4"));
        // under the same prefixes, in one /16, the same list too
        assertThat(index.lookup("52.112.0.1")).isSameAs(index.lookup("52.112.200.7"));
    }

    @Test
    void slash32AndTheEdgesOfTheIpv4Range() {
        PrefixIndex<String> index = PrefixIndex.<String>builder()
                .add(IpPrefix.parse("255.255.255.255/32"), "top")
                .add(IpPrefix.parse("0.0.0.0/32"), "bottom")
                .add(IpPrefix.parse("128.0.0.0/1"), "upper half")
                .build();
        assertThat(index.lookup("255.255.255.255"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("top", "upper half");
        assertThat(index.lookup("255.255.255.254"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("upper half");
        assertThat(index.lookup("0.0.0.0")).extracting(PrefixIndex.Match::value).containsExactly("bottom");
        assertThat(index.lookup("0.0.0.1")).isEmpty();
        assertThat(index.lookup("127.255.255.255")).isEmpty();
        assertThat(index.lookup("128.0.0.0"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("upper half");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "1.2.3",
                "1.2.3.4.5",
                "256.1.1.1",
                "01.2.3.4",
                "1.2.3.4/32",
                " 1.2.3.4",
                "1.2.3.4 ",
                "1..3.4",
                "1.2.3.",
                ".1.2.3",
                "+1.2.3.4",
                "1.2.3.-4",
                "1.2.3.4444",
                "0x1.2.3.4",
                "example.com",
                "fe80::1%eth0",
                "2603::/40",
                "2603::g",
                ":::",
                "1:2:3:4:5:6:7:8:9",
                "2603:1063::1::2",
                "[2603:1063::1]",
                "*",
                "1.2.3.*",
                "2603:1063::1-2",
                "\u0661.2.3.4",
                "12345678901234567890123456789012345678901234567890"
            })
    void anythingButAnAddressFindsNothingAndNeverThrows(String text) {
        PrefixIndex<String> index = PrefixIndex.<String>builder()
                .add(IpPrefix.parse("0.0.0.0/0"), "all v4")
                .add(IpPrefix.parse("::/0"), "all v6")
                .build();
        assertThat(index.lookup(text)).isEmpty();
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @Test
    void anEmptyIndexFindsNothing() {
        PrefixIndex<String> index = PrefixIndex.<String>builder().build();
        assertThat(index.size()).isZero();
        assertThat(index.lookup("52.112.1.1")).isEmpty();
        assertThat(index.lookup("2603:1063::1")).isEmpty();
    }

    @Test
    void laterAddsDoNotChangeABuiltIndexAndResultsCannotBeChanged() {
        PrefixIndex.Builder<String> b = PrefixIndex.<String>builder().add(IpPrefix.parse("52.112.0.0/14"), "teams");
        PrefixIndex<String> first = b.build();
        b.add(IpPrefix.parse("52.112.1.0/24"), "media");
        PrefixIndex<String> second = b.build();
        assertThat(first.lookup("52.112.1.1"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("teams");
        assertThat(second.lookup("52.112.1.1"))
                .extracting(PrefixIndex.Match::value)
                .containsExactly("media", "teams");
        List<PrefixIndex.Match<String>> one = first.lookup("52.112.1.1");
        List<PrefixIndex.Match<String>> two = second.lookup("52.112.1.1");
        for (List<PrefixIndex.Match<String>> list : Arrays.asList(one, two)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> list.add(list.get(0)))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(first.lookup("52.112.1.1")).hasSize(1);
    }

    @Test
    void lookupOfAParsedAddressAgreesWithLookupOfItsText() {
        PrefixIndex<String> index = PrefixIndex.<String>builder()
                .add(IpPrefix.parse("52.112.0.0/14"), "teams")
                .add(IpPrefix.parse("2603:1063::/38"), "teams6")
                .build();
        for (String a : List.of("52.112.1.1", "52.111.255.255", "2603:1063::1", "2603:1064::")) {
            assertThat(index.lookup(IpAddress.parse(a).orElseThrow())).as(a).isEqualTo(index.lookup(a));
        }
    }
}
