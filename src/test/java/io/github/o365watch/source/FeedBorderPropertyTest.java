package io.github.o365watch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.RawEndpointSet;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.SpecialPurpose;
import io.github.o365watch.testing.Fuzz;
import io.github.o365watch.testing.HostileFeeds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The border's rules as properties, one per class of hostile feed (issue 19): values (special-purpose
 * space, public-suffix wildcards), names (categories and service areas in several cases) and sizes.
 * Whatever a feed holds, it is refused with {@link InvalidDataException} or what gets through keeps
 * the rule, checked here without the production code's index.
 */
class FeedBorderPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PUBLIC = List.of("com", "net", "org", "co.uk", "uk", "com.au", "io");

    /** A prefix inside or around a special-purpose row, or any prefix (mostly public). */
    static Gen<String> prefix() {
        Gen<String> special = integers()
                .between(0, SpecialPurpose.blocks().size() - 1)
                .zip(longs().all(), (i, seed) -> {
                    IpPrefix b = SpecialPurpose.blocks().get(i).prefix();
                    int bits = b.network().contains(":") ? 128 : 32;
                    int len = Math.min(bits, b.length() + new Random(seed).nextInt(9));
                    return b.network() + "/" + len; // the row's network with a longer length: inside it
                });
        return Generate.frequency(Pair.of(3, HostileFeeds.prefix().map(IpPrefix::toString)), Pair.of(1, special));
    }

    static Gen<String> host() {
        Gen<String> wild =
                Generate.pick(PUBLIC).zip(Generate.pick(List.of("*.", "x*.", "a.*.")), (suffix, form) -> form + suffix);
        return Generate.frequency(Pair.of(3, HostileFeeds.host()), Pair.of(1, wild));
    }

    static Gen<String> name(List<String> words) {
        return Generate.pick(words)
                .zip(
                        integers().between(0, 2),
                        (w, c) -> c == 0 ? w : c == 1 ? w.toUpperCase(Locale.ROOT) : w.toLowerCase(Locale.ROOT));
    }

    static Gen<List<RawEndpointSet>> feed() {
        Gen<RawEndpointSet> set = lists().of(prefix())
                .ofSizeBetween(0, 4)
                .zip(
                        lists().of(host()).ofSizeBetween(0, 3),
                        name(List.of("Optimize", "Allow", "Quarantine", "Foo")),
                        name(List.of("Exchange", "Teams2", "Common")),
                        (ips, urls, category, area) ->
                                new RawEndpointSet(0, area, null, urls, ips, "443", null, false, category, true, null));
        return lists().of(set).ofSizeBetween(1, 5).map(l -> {
            List<RawEndpointSet> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                RawEndpointSet r = l.get(i);
                out.add(new RawEndpointSet(
                        i + 1,
                        r.serviceArea(),
                        null,
                        r.urls(),
                        r.ips(),
                        r.tcpPorts(),
                        null,
                        false,
                        r.category(),
                        true,
                        null));
            }
            return out;
        });
    }

    private static Snapshot read(List<RawEndpointSet> raw) throws Exception {
        return WireFormat.endpoints(
                JSON.writeValueAsBytes(raw), Instance.WORLDWIDE, Version.parse("2019093000"), "fuzz");
    }

    /** Range of a prefix as big integers, for an overlap test that shares no code with {@code PrefixSet}. */
    private static BigInteger[] range(IpPrefix p) {
        BigInteger size = p.size();
        BigInteger first = new BigInteger(1, ipBytes(p.network()));
        return new BigInteger[] {first, first.add(size).subtract(BigInteger.ONE)};
    }

    private static byte[] ipBytes(String address) {
        try {
            return java.net.InetAddress.getByName(address).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void valuesNoSpecialPurposeSpaceAndNoWildcardOverAPublicSuffixGetThrough() {
        Fuzz.qt(1_000).forAll(feed()).checkAssert(raw -> {
            Snapshot s;
            try {
                s = read(raw);
            } catch (InvalidDataException e) {
                return; // refused at the border: the property is about what gets through
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            for (EndpointSet set : s.sets()) {
                for (IpPrefix p : set.ips()) {
                    BigInteger[] r = range(p);
                    for (SpecialPurpose.Block b : SpecialPurpose.blocks()) {
                        BigInteger[] q = range(b.prefix());
                        boolean sameFamily = p.family() == b.prefix().family();
                        assertThat(sameFamily && r[0].compareTo(q[1]) <= 0 && q[0].compareTo(r[1]) <= 0)
                                .as(p + " overlaps " + b.describe())
                                .isFalse();
                    }
                }
                for (HostPattern h : set.urls()) {
                    if (h.isWildcard()) {
                        String tail = h.pattern()
                                .substring(h.pattern().indexOf('.', h.pattern().indexOf('*')) + 1);
                        assertThat(PUBLIC).as(h.pattern()).doesNotContain(tail);
                    }
                }
            }
        });
    }

    @Test
    void namesNoTwoCategoriesOrServiceAreasDifferOnlyInCase() {
        Fuzz.qt(1_000).forAll(feed()).checkAssert(raw -> {
            Snapshot s;
            try {
                s = read(raw);
            } catch (InvalidDataException e) {
                return;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            Map<String, String> categories = new HashMap<>();
            Map<String, String> areas = new HashMap<>();
            for (EndpointSet set : s.sets()) {
                String c = categories.putIfAbsent(
                        set.category().name().toLowerCase(Locale.ROOT),
                        set.category().name());
                assertThat(c == null || c.equals(set.category().name()))
                        .as(c + " and " + set.category())
                        .isTrue();
                String a = areas.putIfAbsent(
                        set.serviceArea().name().toLowerCase(Locale.ROOT),
                        set.serviceArea().name());
                assertThat(a == null || a.equals(set.serviceArea().name()))
                        .as(a + " and " + set.serviceArea())
                        .isTrue();
            }
        });
    }

    @Test
    void sizesAVersionIsRefusedExactlyWhenACountIsOverItsLimit() {
        // lists of one repeated string: counts near the limits without the memory of real entries
        Gen<int[]> counts = integers()
                .between(1, FeedRules.MAX_SETS + 50)
                .zip(
                        integers().between(0, FeedRules.MAX_PREFIXES + 50),
                        integers().between(0, FeedRules.MAX_HOSTNAMES + 50),
                        (a, b, c) -> new int[] {a, b, c});
        Fuzz.qt(300).forAll(counts).checkAssert(n -> {
            RawEndpointSet[] raw = new RawEndpointSet[n[0]];
            for (int i = 0; i < n[0]; i++) {
                int ips = n[1] / n[0] + (i < n[1] % n[0] ? 1 : 0);
                int urls = n[2] / n[0] + (i < n[2] % n[0] ? 1 : 0);
                raw[i] = new RawEndpointSet(
                        i + 1,
                        "Common",
                        null,
                        Collections.nCopies(urls, "a.example.com"),
                        Collections.nCopies(ips, "20.0.0.0/24"),
                        "443",
                        null,
                        false,
                        "Allow",
                        true,
                        null);
            }
            boolean over = n[0] > FeedRules.MAX_SETS || n[1] > FeedRules.MAX_PREFIXES || n[2] > FeedRules.MAX_HOSTNAMES;
            boolean refused;
            try {
                FeedRules.checkSize(raw, "fuzz");
                refused = false;
            } catch (InvalidDataException e) {
                refused = true;
                assertThat(e.getMessage())
                        .contains("o365watch accepts in one version")
                        .contains("nothing stored");
            }
            assertThat(refused)
                    .as(n[0] + " sets, " + n[1] + " prefixes, " + n[2] + " hostnames")
                    .isEqualTo(over);
        });
    }
}
