package io.github.o365watch.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.testing.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Names given without remembering the addresses' names are the names given remembering every
 * name (the same calls in the same order), for every bundled target's naming rules, over
 * Microsoft's real lists and random prefixes long enough to be shortened; and still unique.
 */
class ObjectNamesTest {
    private static final List<String> TARGETS = Fixtures.text("rules-templates/targets.txt")
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .toList();

    /** One call, as ViewBuilder makes them: a group's three names, a prefix, or a hostname. */
    private record Call(String group, IpPrefix prefix, HostPattern host) {}

    private static TargetSpec.NameRules rules(String target) {
        return TargetSpec.parse(target, Fixtures.text("rules-templates/" + target + "/target.properties"))
                .names();
    }

    private static List<Call> calls(Plan plan, List<IpPrefix> extra) {
        List<Call> calls = new ArrayList<>();
        List<Group> groups = new ArrayList<>(plan.categories());
        groups.addAll(plan.rules());
        for (Group g : groups) {
            calls.add(new Call(g.key(), null, null));
            g.ipv4().forEach(p -> calls.add(new Call(null, p, null)));
            g.ipv6().forEach(p -> calls.add(new Call(null, p, null)));
            g.hosts().forEach(h -> calls.add(new Call(null, null, h)));
        }
        extra.forEach(p -> calls.add(new Call(null, p, null)));
        return calls;
    }

    /** The names in call order: remembering every name (as before), or the addresses' not. */
    private static List<String> names(TargetSpec.NameRules rules, List<Call> calls, List<String> keys, boolean apart) {
        ObjectNames names = apart ? new ObjectNames(rules, keys) : new ObjectNames(rules);
        List<String> out = new ArrayList<>();
        for (Call c : calls) {
            if (c.group() != null) {
                out.add(names.name(c.group()));
                out.add(names.name(c.group(), "v4"));
                out.add(names.name(c.group(), "v6"));
            } else if (c.prefix() != null) {
                out.add(
                        apart
                                ? names.prefix(c.prefix())
                                : names.name(
                                        c.prefix().network() + "/" + c.prefix().length()));
            } else {
                out.add(names.name(
                        c.host().isWildcard() ? "wildcard" : "fqdn", c.host().pattern()));
            }
        }
        return out;
    }

    private static List<String> keys(Plan plan) {
        List<String> keys = new ArrayList<>();
        plan.categories().forEach(g -> keys.add(g.key()));
        plan.rules().forEach(g -> keys.add(g.key()));
        return keys;
    }

    /** Random prefixes: IPv4 of every length, IPv6 host addresses of eight groups (too long for 31 characters) and /64s. */
    private static List<IpPrefix> random(long seed, int n) {
        Random r = new Random(seed);
        List<IpPrefix> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 8 + r.nextInt(25);
            int a = r.nextInt() & (int) (0xffffffffL << (32 - len));
            out.add(IpPrefix.parse(
                    (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255) + "/" + len));
            StringBuilder v6 = new StringBuilder();
            for (int g = 0; g < 8; g++) {
                v6.append(g == 0 ? "" : ":").append(Integer.toHexString(1 + r.nextInt(0xffff)));
            }
            out.add(IpPrefix.parse(v6 + "/128"));
            out.add(IpPrefix.parse(Integer.toHexString(0x2000 + r.nextInt(0x1000)) + ":"
                    + Integer.toHexString(r.nextInt(0x10000)) + "::/" + 32));
        }
        // an IPv4-mapped address is written in hex, like every IPv6 text
        out.add(IpPrefix.parse("::ffff:1.2.3.4/128"));
        // asked again: the same name
        out.addAll(out.subList(0, 10));
        return out;
    }

    @Test
    void everyTargetsRulesGiveTheNamesOfRememberingEveryName() {
        Plan plan = Planner.plan(
                Selector.select(Fixtures.snapshot("Worldwide", "2019112700"), Selection.defaults(), false),
                Limits.EXACT);
        List<Call> calls = calls(plan, random(18, 2000));
        for (String target : TARGETS) {
            TargetSpec.NameRules rules = rules(target);
            List<String> remembered = names(rules, calls, keys(plan), false);
            List<String> apart = names(rules, calls, keys(plan), true);
            assertThat(apart).as(target).isEqualTo(remembered);
            unique(target, calls, apart);
        }
    }

    /**
     * The names {@link ObjectNames#madeWhenRead} and {@link ObjectNames#exactMadeWhenRead} let be made when a
     * template reads them (prefixes', exact hostnames'), made after every other name and in reverse order, are the
     * names given in order remembering every name.
     */
    private static void madeWhenReadAsInOrder(
            String target, List<Call> calls, List<String> keys, int[] deferred, boolean distinctKeys) {
        TargetSpec.NameRules rules = rules(target);
        List<String> remembered = names(rules, calls, keys, false);
        ObjectNames names = new ObjectNames(rules, keys);
        String[] out = new String[remembered.size()];
        List<Integer> later = new ArrayList<>();
        int i = 0;
        for (Call c : calls) {
            if (c.group() != null) {
                out[i++] = names.name(c.group());
                out[i++] = names.name(c.group(), "v4");
                out[i++] = names.name(c.group(), "v6");
            } else if (c.prefix() != null) {
                if (names.madeWhenRead(c.prefix())) {
                    later.add(i++);
                    deferred[0]++;
                } else {
                    out[i++] = names.prefix(c.prefix());
                }
            } else if (names.exactMadeWhenRead(c.host())) {
                later.add(i++);
                deferred[1]++;
            } else {
                out[i++] = names.name(
                        c.host().isWildcard() ? "wildcard" : "fqdn", c.host().pattern());
            }
        }
        for (int k = later.size() - 1; k >= 0; k--) {
            Call c = callOfName(calls, later.get(k));
            out[later.get(k)] = c.prefix() != null ? names.prefix(c.prefix()) : names.exactHost(c.host());
        }
        assertThat(List.of(out)).as(target).isEqualTo(remembered);
        if (distinctKeys) {
            unique(target, calls, List.of(out));
        }
    }

    /** Hostnames whose names clash where a target replaces '.' or '-', and one too long not to be shortened. */
    private static List<Call> awkwardHosts() {
        List<Call> out = new ArrayList<>();
        for (String h : List.of(
                "a-b.example.com",
                "a.b-example.com",
                "a_b.example.com",
                "x".repeat(60) + ".example.com",
                "y".repeat(60) + ".example.com",
                "*-b.example.com",
                "*.b-example.com")) {
            out.add(new Call(null, null, HostPattern.parse(h)));
        }
        return out;
    }

    @Test
    void aNamePrefixThatItsCaseLengthensLeavesNoNameToBeMadeWhenRead() {
        // "ß" upper-cased is "SS": the names are longer than the keys, so lengths reckoned from the keys would let a
        // name that the maximum shortens be made without being remembered
        assertThat(upper("ß".repeat(20), 45).madeWhenRead(IpPrefix.parse("10.0.0.0/8")))
                .isFalse();
        assertThat(upper("ß".repeat(20), 45).prefix(IpPrefix.parse("10.0.0.0/8")))
                .startsWith("SSSS");
        assertThat(upper("ß".repeat(20), 63).exactMadeWhenRead(HostPattern.parse("outlook.office.com")))
                .isFalse();
        // an ASCII prefix as long as those names: too long to leave an exact hostname's name to the read; a shorter
        // one leaves it, and a prefix's name, as before
        assertThat(upper("s".repeat(40), 63).exactMadeWhenRead(HostPattern.parse("outlook.office.com")))
                .isFalse();
        assertThat(upper("s".repeat(20), 63).madeWhenRead(IpPrefix.parse("10.0.0.0/8")))
                .isTrue();
        assertThat(upper("s".repeat(20), 63).exactMadeWhenRead(HostPattern.parse("outlook.office.com")))
                .isTrue();
    }

    /** Upper-case names of letters, digits, '.', '_' and '-', with this prefix and maximum, one group. */
    private static ObjectNames upper(String prefix, int max) {
        return new ObjectNames(
                new TargetSpec.NameRules(prefix, "-", true, java.util.regex.Pattern.compile("[A-Z0-9._-]"), max),
                List.of("optimize"));
    }

    @Test
    void namesMadeWhenReadAreTheNamesGivenInOrder() {
        Plan plan = Planner.plan(
                Selector.select(Fixtures.snapshot("Worldwide", "2019112700"), Selection.defaults(), false),
                Limits.EXACT);
        List<Call> calls = calls(plan, random(5, 2000));
        calls.addAll(awkwardHosts());
        int[] deferred = new int[2];
        Map<String, Integer> hostsDeferred = new HashMap<>();
        for (String target : TARGETS) {
            int before = deferred[1];
            madeWhenReadAsInOrder(target, calls, keys(plan), deferred, true);
            hostsDeferred.put(target, deferred[1] - before);
        }
        // the default rules (63 characters) defer every prefix; the 31-character ones their IPv4 ones only
        assertThat(deferred[0]).isGreaterThan(TARGETS.size() * 2000);
        // exact hostnames where every character of a hostname is kept: not where '.' (paloalto) or '-' (dnsmasq) is
        // replaced
        assertThat(hostsDeferred.get("edl")).isGreaterThan(50);
        assertThat(hostsDeferred.get("cisco-asa")).isGreaterThan(50);
        assertThat(hostsDeferred.get("paloalto")).isZero();
        assertThat(hostsDeferred.get("dnsmasq")).isZero();
        ObjectNames short31 = new ObjectNames(rules("nftables"), keys(plan));
        assertThat(short31.madeWhenRead(IpPrefix.parse("255.255.255.255/32"))).isTrue();
        assertThat(short31.madeWhenRead(IpPrefix.parse("2603:1006::/40"))).isFalse();
        ObjectNames long63 = new ObjectNames(rules("edl"), keys(plan));
        assertThat(long63.madeWhenRead(IpPrefix.parse("2603:1006:1:2:3:4:5:6/128")))
                .isTrue();
        assertThat(long63.exactMadeWhenRead(HostPattern.parse("outlook.office.com")))
                .isTrue();
        assertThat(long63.exactMadeWhenRead(HostPattern.parse("*.office.com"))).isFalse();
        assertThat(long63.exactMadeWhenRead(HostPattern.parse("x".repeat(60) + ".example.com")))
                .isFalse();
        // the longest texts of each family, which the bound assumes
        assertThat(IpPrefix.parse("255.255.255.255/32").toString()).hasSize(18);
        assertThat(IpPrefix.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128").toString())
                .hasSize(43);
        // names remembered for every key (no group keys known) are never made when read
        assertThat(new ObjectNames(rules("edl")).madeWhenRead(IpPrefix.parse("10.0.0.0/8")))
                .isFalse();
        assertThat(new ObjectNames(rules("edl")).exactMadeWhenRead(HostPattern.parse("outlook.office.com")))
                .isFalse();
    }

    @Test
    void aGroupNamedAsHostnamesAreLeavesTheirNamesToTheOrder() {
        // a group whose name begins as an exact hostname's (or is the beginning of one): no hostname's name is made
        // when read, and the names are those given in order
        Plan plan = Planner.plan(
                Selector.select(Fixtures.snapshot("Worldwide", "2019112700"), Selection.defaults(), false),
                Limits.EXACT);
        // the last one's name is a hostname's: "*" is replaced as "-" is kept
        for (String group : List.of("fqdn", "fqdn-outlook.office.com", "FQDN", "fqdn-outlook.office*com")) {
            List<Call> calls = new ArrayList<>(calls(plan, List.of()));
            calls.add(new Call(group, null, null));
            calls.addAll(awkwardHosts());
            calls.add(new Call(null, null, HostPattern.parse("outlook.office.com")));
            calls.add(new Call(null, null, HostPattern.parse("outlook.office-com")));
            List<String> keys = new ArrayList<>(keys(plan));
            keys.add(group);
            int[] deferred = new int[2];
            for (String target : TARGETS) {
                // a group key spelt as a hostname's key is that key, and has its name (as before)
                madeWhenReadAsInOrder(target, calls, keys, deferred, false);
                assertThat(new ObjectNames(rules(target), keys).exactMadeWhenRead(HostPattern.parse("a.example.com")))
                        .as(target + " with group " + group)
                        .isFalse();
            }
            assertThat(deferred[1]).isZero();
        }
    }

    /** The call whose name is at position {@code at} of the names {@link #names} gives for {@code calls}. */
    private static Call callOfName(List<Call> calls, int at) {
        int i = 0;
        for (Call c : calls) {
            int n = c.group() != null ? 3 : 1;
            if (at < i + n) {
                return c;
            }
            i += n;
        }
        throw new IllegalArgumentException("no name at " + at);
    }

    @Test
    void aGroupKeyThatReadsLikeAnAddressIsNamedAsBefore() {
        // a group whose name is an address's (its key is not): the group comes first and takes the name, the prefix
        // then gets a hash, as when every name is remembered
        IpPrefix p = IpPrefix.parse("10.1.2.0/24");
        Plan plan = Planner.plan(
                Selector.select(Fixtures.snapshot("Worldwide", "2019112700"), Selection.defaults(), false),
                Limits.EXACT);
        for (String target : TARGETS) {
            TargetSpec.NameRules rules = rules(target);
            List<Call> calls = new ArrayList<>(List.of(new Call("10.1.2.0-24", null, null), new Call(null, p, null)));
            calls.addAll(calls(plan, List.of()));
            calls.add(new Call("2603-1006---40", null, null));
            calls.add(new Call(null, IpPrefix.parse("2603:1006::/40"), null));
            List<String> keys = new ArrayList<>(keys(plan));
            keys.add("10.1.2.0-24");
            keys.add("2603-1006---40");
            List<String> remembered = names(rules, calls, keys, false);
            List<String> apart = names(rules, calls, keys, true);
            assertThat(apart).as(target).isEqualTo(remembered);
            assertThat(apart.get(3)).as(target).isNotEqualTo(apart.get(0));
            unique(target, calls, apart);
        }
    }

    /** Two different keys never share a name. */
    private static void unique(String target, List<Call> calls, List<String> names) {
        Map<String, String> owner = new HashMap<>();
        int i = 0;
        for (Call c : calls) {
            List<String> keys = c.group() != null
                    ? List.of(c.group(), c.group() + " v4", c.group() + " v6")
                    : List.of(
                            c.prefix() != null
                                    ? c.prefix().toString()
                                    : "host " + c.host().pattern());
            for (String k : keys) {
                String was = owner.putIfAbsent(names.get(i++), k);
                assertThat(was == null || was.equals(k))
                        .as(target + ": " + names.get(i - 1) + " for " + k + " and " + was)
                        .isTrue();
            }
        }
    }
}
