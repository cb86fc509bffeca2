package io.github.o365watch.domain.net;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of domain.net against the IPAddress library they replace on the hot path:
 * {@link PlainAddressReader} must read exactly what the library's strict parser reads, to the same value, and
 * {@link Ranges} must merge and subtract to exactly the library's prefix blocks.
 */
class PlainAndRangesTest {
    final Random random = new Random(8);

    @Test
    void plainReadsOnlyWhatTheStrictParserReadsAndTheSameValue() {
        int plain = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = mutate(random.nextBoolean() ? v4Text() : v6Text());
            IpPrefix fast = PlainAddressReader.parse(text);
            IpPrefix strict;
            try {
                strict = IpPrefix.Parsing.strict(text);
            } catch (PrefixFormatException e) {
                assertThat(fast).as(text).isNull();
                continue;
            }
            if (fast != null) {
                plain++;
                assertThat(fast).as(text).isEqualTo(strict);
                assertThat(fast.toString()).as(text).isEqualTo(strict.toString());
                assertThat(fast.lastAddress()).as(text).isEqualTo(strict.lastAddress());
            }
        }
        // most texts are plain: the fast path is taken, not only declined
        assertThat(plain).isGreaterThan(5_000);
    }

    @Test
    void ipv4FormsAgreeWithTheLibrary() {
        for (String t : List.of("0.0.0.0/0", "255.255.255.255", "10.0.0.0/8", "192.0.2.128/25", "1.2.3.4/32")) {
            Ipv4Prefix p = (Ipv4Prefix) PlainAddressReader.parse(t);
            Ipv4Prefix q = (Ipv4Prefix) IpPrefix.Parsing.strict(t);
            assertThat(List.of(p.network(), p.lastAddress(), p.netmask(), p.wildcardMask(), p.toString()))
                    .isEqualTo(List.of(
                            q.block().getLower().withoutPrefixLength().toCanonicalString(),
                            q.block().getUpper().withoutPrefixLength().toCanonicalString(),
                            q.block()
                                    .getNetwork()
                                    .getNetworkMask(q.length(), false)
                                    .toCanonicalString(),
                            q.block().getNetwork().getHostMask(q.length()).toCanonicalString(),
                            t.contains("/") ? t : t + "/32"));
        }
    }

    @Test
    void unionAndSubtractGiveTheLibrarysBlocks() {
        for (int round = 0; round < 400; round++) {
            boolean v4 = round % 2 == 0;
            List<IpPrefix> a = randomPrefixes(v4, 1 + random.nextInt(40));
            List<IpPrefix> b = randomPrefixes(v4, random.nextInt(40));
            List<IpPrefix> union = Ranges.union(a);
            assertThat(union).isEqualTo(libraryMerge(a));
            assertThat(Ranges.union(b)).isEqualTo(libraryMerge(b));
            List<IpPrefix> cut = Ranges.subtract(union, Ranges.union(b));
            assertThat(cut).as("%s minus %s", a, b).isEqualTo(librarySubtract(union, Ranges.union(b)));
        }
    }

    @Test
    void edgesOfTheAddressSpace() {
        List<IpPrefix> all4 = List.of(IpPrefix.parse("0.0.0.0/1"), IpPrefix.parse("128.0.0.0/1"));
        assertThat(Ranges.union(all4)).containsExactly(IpPrefix.parse("0.0.0.0/0"));
        List<IpPrefix> all6 = List.of(IpPrefix.parse("::/1"), IpPrefix.parse("8000::/1"));
        assertThat(Ranges.union(all6)).containsExactly(IpPrefix.parse("::/0"));
        assertThat(Ranges.subtract(
                        List.of(IpPrefix.parse("::/0")),
                        List.of(IpPrefix.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))))
                .isEqualTo(librarySubtract(
                        List.of(IpPrefix.parse("::/0")),
                        List.of(IpPrefix.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))));
        assertThat(Ranges.subtract(
                        List.of(IpPrefix.parse("0.0.0.0/0")),
                        List.of(IpPrefix.parse("0.0.0.0/32"), IpPrefix.parse("255.255.255.255"))))
                .hasSize(62);
        // neighbours across the boundary of the two 64-bit words
        List<IpPrefix> across = List.of(
                IpPrefix.parse("::ffff:ffff:ffff:fffe/127"),
                IpPrefix.parse("0:0:0:1::/127"),
                IpPrefix.parse("0:0:0:1::2/127"));
        assertThat(Ranges.union(across)).isEqualTo(libraryMerge(across)).hasSize(2);
        assertThat(Ranges.subtract(List.of(IpPrefix.parse("::/63")), List.of(IpPrefix.parse("::ffff:ffff:ffff:ffff"))))
                .isEqualTo(librarySubtract(
                        List.of(IpPrefix.parse("::/63")), List.of(IpPrefix.parse("::ffff:ffff:ffff:ffff"))))
                .hasSize(65);
    }

    /** Prefixes crowded into a small space (and across the 64-bit word boundary for IPv6), so they overlap and touch. */
    private List<IpPrefix> randomPrefixes(boolean v4, int n) {
        List<IpPrefix> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (v4) {
                int len = 20 + random.nextInt(13);
                long v = (0x0a000000L + random.nextInt(1 << 14) * 16L) & (-1L << (32 - len)) & 0xffffffffL;
                out.add(IpPrefix.parse(
                        (v >>> 24) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255) + "/" + len));
            } else {
                int len = 56 + random.nextInt(24);
                long high = 0x2603_0000_0000_0000L | random.nextInt(64);
                long low = (long) random.nextInt(256) << 56;
                long hh = len >= 64 ? high : high & (-1L << (64 - len));
                long ll = len <= 64 ? 0 : low & (-1L << (128 - len));
                out.add(new Ipv6Prefix(hh, ll, len));
            }
        }
        return out;
    }

    private static List<IpPrefix> libraryMerge(List<IpPrefix> prefixes) {
        if (prefixes.isEmpty()) {
            return List.of();
        }
        IPAddress first = Blocks.block(prefixes.get(0));
        IPAddress[] rest = prefixes.stream().skip(1).map(Blocks::block).toArray(IPAddress[]::new);
        List<IpPrefix> out = new ArrayList<>(Arrays.stream(first.mergeToPrefixBlocks(rest))
                .map(Blocks::prefix)
                .toList());
        Collections.sort(out);
        return out;
    }

    private static List<IpPrefix> librarySubtract(List<IpPrefix> from, List<IpPrefix> remove) {
        List<IpPrefix> out = new ArrayList<>();
        for (IpPrefix a : from) {
            List<IPAddressSeqRange> rest =
                    new ArrayList<>(List.of(Blocks.block(a).toSequentialRange()));
            for (IpPrefix r : remove) {
                List<IPAddressSeqRange> next = new ArrayList<>();
                for (IPAddressSeqRange x : rest) {
                    Collections.addAll(next, x.subtract(Blocks.block(r).toSequentialRange()));
                }
                rest = next;
            }
            for (IPAddressSeqRange x : rest) {
                for (IPAddress block : x.spanWithPrefixBlocks()) {
                    out.add(Blocks.prefix(block));
                }
            }
        }
        return out.isEmpty() ? List.of() : libraryMerge(out);
    }

    private String v4Text() {
        int len = random.nextInt(33);
        long v = random.nextLong() & 0xffffffffL;
        if (random.nextInt(4) > 0) {
            v &= len == 0 ? 0 : -1L << (32 - len);
        }
        String a = (v >>> 24) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255);
        return random.nextInt(10) == 0 ? a : a + "/" + len;
    }

    private String v6Text() {
        int len = random.nextInt(129);
        long h = random.nextLong();
        long l = random.nextInt(3) == 0 ? 0 : random.nextLong();
        if (random.nextInt(4) > 0) {
            h &= len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len);
            l &= len <= 64 ? 0 : -1L << (128 - len);
        }
        if (random.nextBoolean()) {
            h &= 0xffff_0000_ffff_0000L; // zero groups to compress
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (h >>> (48 - 16 * i) & 0xffff);
            g[i + 4] = (int) (l >>> (48 - 16 * i) & 0xffff);
        }
        String a;
        switch (random.nextInt(3)) {
            case 0 ->
                a = new Ipv6Prefix(h & (len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len)), 0, Math.min(len, 64))
                                .network()
                                .replaceAll("::$", "::")
                        + ""; // canonical text of a related value
            case 1 -> {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < 8; i++) {
                    s.append(i > 0 ? ":" : "")
                            .append(String.format(Locale.ROOT, random.nextBoolean() ? "%04x" : "%X", g[i]));
                }
                a = s.toString();
            }
            default -> {
                StringBuilder s = new StringBuilder();
                int gap = random.nextInt(8);
                int gapLen = 1 + random.nextInt(8 - gap);
                for (int i = 0; i < 8; i++) {
                    if (i == gap) {
                        s.append("::");
                        i += gapLen - 1;
                        g[i] = 0;
                        continue;
                    }
                    if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                        s.append(':');
                    }
                    s.append(Integer.toHexString(g[i]));
                }
                a = s.toString();
            }
        }
        return random.nextInt(10) == 0 ? a : a + "/" + len;
    }

    /** Sometimes a small change: leading zeros, a dropped or doubled character, stray ones. */
    private String mutate(String t) {
        if (random.nextInt(3) > 0 || t.isEmpty()) {
            return t;
        }
        int at = random.nextInt(t.length());
        String[] extra = {"0", ":", ".", "/", "::", "a", "G", " ", "%", "-", "00", "1"};
        return switch (random.nextInt(3)) {
            case 0 -> t.substring(0, at) + t.substring(at + 1);
            case 1 -> t.substring(0, at) + extra[random.nextInt(extra.length)] + t.substring(at);
            default -> t.substring(0, at) + t.charAt(at) + t.substring(at);
        };
    }
}
