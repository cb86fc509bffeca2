package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSet;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated configs checked by the real tools (nft, iptables-restore, ipset, squid, dnsmasq,
 * pacparser), and every target's addresses and hostnames read back from its files and compared
 * with the selection, on several real versions.
 */
class TargetValidationTest {
    private static final Pattern V4 = Pattern.compile(
            "(?<![0-9.])((?:[0-9]{1,3}\\.){3}[0-9]{1,3})(?:/([0-9]{1,2})| ((?:255|254|252|248|240|224|192|128|0)(?:\\.(?:255|254|252|248|240|224|192|128|0)){3}))?(?![0-9.])");
    private static final Pattern V6 =
            Pattern.compile("(?<![0-9a-fA-F:])([0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})/([0-9]{1,3})");

    @TempDir
    Path tmp;

    /** A version and a selection: real data, with and without ports, both families, several instances. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("Worldwide", "2019112700", List.of()),
                Arguments.of("Worldwide", "2019112700", List.of("--category", "all")),
                Arguments.of("Worldwide", "2018063000", List.of("--category", "all")),
                Arguments.of("USGovDoD", "2019120400", List.of("--category", "all", "--tenant", "contoso")),
                Arguments.of("Worldwide", "2019072900", List.of("--service", "Exchange", "--ipv6-only")));
    }

    Path generate(String instance, String version, List<String> selection, String pacType) {
        SnapshotStore s = new SnapshotStore(tmp.resolve("store"));
        s.put(Fixtures.snapshot(instance, version), Optional.empty(), "00".repeat(32));
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of(
                "generate",
                "--store",
                tmp.resolve("store").toString(),
                "--instance",
                instance,
                "--out",
                out.toString(),
                "--option",
                "pac.proxy=PROXY proxy.contoso.com:8080",
                "--option",
                "pac.type=" + pacType,
                "--option",
                "squid.dir=" + out.resolve("squid")));
        args.addAll(selection);
        Result r = new TestCli(tmp.resolve("machine")).run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isZero();
        return out;
    }

    /** What the selection holds, computed here from the snapshot, without o365watch's selection code. */
    record Expected(PrefixSet ips, Set<String> hosts, Map<String, Integer> hostTrust) {}

    static Expected expected(String instance, String version, List<String> selection) {
        Snapshot snap = Fixtures.snapshot(instance, version);
        boolean all = selection.contains("all");
        String service = selection.contains("--service") ? selection.get(selection.indexOf("--service") + 1) : null;
        boolean v6only = selection.contains("--ipv6-only");
        String tenant = selection.contains("--tenant") ? selection.get(selection.indexOf("--tenant") + 1) : null;
        List<IpPrefix> ips = new ArrayList<>();
        Set<String> hosts = new TreeSet<>();
        Map<String, Integer> trust = new HashMap<>();
        for (EndpointSet e : snap.sets()) {
            boolean categoryOk = all
                    || e.category().equals(Category.OPTIMIZE)
                    || e.category().equals(Category.ALLOW);
            if (!categoryOk || service != null && !e.serviceArea().name().equalsIgnoreCase(service)) {
                continue;
            }
            e.ips().stream().filter(p -> !v6only || p.toString().contains(":")).forEach(ips::add);
            for (HostPattern h : e.urls()) {
                String host = h.pattern();
                boolean sharePointOptimize = e.serviceArea().name().equals("SharePoint")
                        && e.category().equals(Category.OPTIMIZE)
                        && host.matches("\\*\\.sharepoint(-mil)?\\.(com|us)");
                if (tenant != null
                        && (host.startsWith("autodiscover.*.")
                                || host.matches("\\*-(my|files|myfiles)\\.sharepoint\\..*")
                                || sharePointOptimize)) {
                    host = host.replace("*", tenant);
                }
                hosts.add(host);
                trust.merge(host, e.category().trust(), Math::max);
            }
        }
        return new Expected(PrefixSet.of(ips), hosts, trust);
    }

    static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Every prefix written in a target's files (comment lines and README files aside). */
    static PrefixSet addresses(Path dir, String commentPrefix) throws IOException {
        List<IpPrefix> out = new ArrayList<>();
        for (Path f : files(dir)) {
            if (f.getFileName().toString().equals("README.txt")) {
                continue;
            }
            for (String line : read(f).lines().toList()) {
                if (!commentPrefix.isEmpty() && line.stripLeading().startsWith(commentPrefix)
                        || line.contains("\"description\"")) {
                    continue;
                }
                Matcher m4 = V4.matcher(line);
                while (m4.find()) {
                    int len = m4.group(2) != null
                            ? Integer.parseInt(m4.group(2))
                            : m4.group(3) != null ? maskLength(m4.group(3)) : 32;
                    out.add(IpPrefix.parse(m4.group(1) + "/" + len));
                }
                Matcher m6 = V6.matcher(line);
                while (m6.find()) {
                    out.add(IpPrefix.parse(m6.group(1) + "/" + m6.group(2)));
                }
            }
        }
        return PrefixSet.of(out);
    }

    static int maskLength(String mask) {
        int n = 0;
        for (String o : mask.split("\\.")) {
            n += Integer.bitCount(Integer.parseInt(o));
        }
        return n;
    }

    static String comment(String target) {
        return switch (target) {
            case "pac" -> "//";
            case "cisco-asa" -> "!";
            case "paloalto", "juniper-srx", "checkpoint", "json", "csv", "proxy-bypass" -> "";
            default -> "#";
        };
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void everyTargetWritesExactlyTheSelectedAddresses(String instance, String version, List<String> selection)
            throws IOException {
        Path out = generate(instance, version, selection, "1");
        Expected e = expected(instance, version, selection);
        for (String target : List.of(
                "edl",
                "squid",
                "nftables",
                "iptables",
                "cisco-asa",
                "paloalto",
                "fortigate",
                "juniper-srx",
                "checkpoint",
                "csv",
                "json")) {
            assertThat(addresses(out.resolve(target), comment(target)))
                    .as(target)
                    .isEqualTo(e.ips());
        }
        for (String target : List.of("pac", "proxy-bypass", "dnsmasq")) {
            assertThat(addresses(out.resolve(target), comment(target)).isEmpty())
                    .as(target + " takes no addresses")
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void hostnameTargetsWriteEverySelectedNameTheyCanExpress(String instance, String version, List<String> selection)
            throws IOException {
        Path out = generate(instance, version, selection, "1");
        Set<String> want = expected(instance, version, selection).hosts();
        Set<String> any = new TreeSet<>(want);
        assertThat(tokens(out.resolve("proxy-bypass/o365-proxy-bypass.txt"), "([^;\\s]+)"))
                .as("proxy-bypass")
                .isEqualTo(any);
        assertThat(tokens(out.resolve("csv/o365-entries.csv"), ",URL,([^,]+),"))
                .as("csv")
                .isEqualTo(any);
        Set<String> exact = filter(want, h -> !h.contains("*"));
        assertThat(tokens(out.resolve("cisco-asa/o365watch-asa.txt"), "^ fqdn (\\S+)$"))
                .as("asa")
                .isEqualTo(exact);
        assertThat(tokens(out.resolve("paloalto/o365watch-panos.txt"), " fqdn (\\S+)$"))
                .as("paloalto")
                .isEqualTo(exact);
        assertThat(tokens(out.resolve("juniper-srx/o365watch-junos.txt"), " dns-name (\\S+)$"))
                .as("junos")
                .isEqualTo(exact);
        Set<String> subdomains = filter(want, h -> !h.contains("*") || h.startsWith("*.") && h.indexOf('*', 1) < 0);
        assertThat(tokens(out.resolve("fortigate/o365watch-fortios.conf"), "set fqdn \"([^\"]+)\""))
                .as("fortigate")
                .isEqualTo(subdomains);
        assertThat(tokens(out.resolve("dnsmasq/o365watch-nftset.conf"), "^nftset=/([^/]+)/"))
                .as("dnsmasq")
                .isEqualTo(subdomains);
        Set<String> labels =
                filter(want, h -> List.of(h.split("\\.")).stream().allMatch(l -> !l.contains("*") || l.equals("*")));
        Set<String> edl = new TreeSet<>();
        for (Path f : files(out.resolve("edl"))) {
            if (f.toString().endsWith("-url.txt")) {
                edl.addAll(tokens(f, "^([^#\\s]+)$"));
            }
        }
        assertThat(edl).as("edl").isEqualTo(labels);
        List<String> all = new ArrayList<>(selection.stream()
                .filter(x -> !x.equals("--category") && !x.equals("all"))
                .toList());
        all.addAll(List.of("--category", "all"));
        assertThat(tokens(out.resolve("pac/o365.pac"), "shExpMatch\\(host, \"([^\"]+)\"\\)"))
                .as("pac")
                .isSubsetOf(expected(instance, version, all).hosts());
    }

    static Set<String> filter(Set<String> s, java.util.function.Predicate<String> p) {
        Set<String> out = new TreeSet<>();
        s.stream().filter(p).forEach(out::add);
        return out;
    }

    static Set<String> tokens(Path file, String regex) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(read(file));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Summarised lists: their comments (each object's figure) must not trouble the tools either. */
    static Stream<Arguments> summarised() {
        return Stream.of(Arguments.of("Worldwide", "2019112700", List.of("--category", "all", "--max-entries", "55")));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource({"cases", "summarised"})
    void theRealToolsAcceptTheGeneratedConfigs(String instance, String version, List<String> selection)
            throws IOException {
        realToolsAccept(generate(instance, version, selection, "1"));
    }

    /**
     * A local override's comment in other scripts than Latin (Zürich, a dash, 東京, an emoji) is kept in
     * the targets whose comments take UTF-8, and written as (U+00FC) in the device CLIs and the plain
     * lists, which stay ASCII; the real tools accept every file either way.
     */
    @org.junit.jupiter.api.Test
    void nonAsciiCommentsAreKeptWhereTheSyntaxTakesThemAndEscapedWhereNot() throws IOException {
        Path overrides = Files.writeString(
                tmp.resolve("overrides.yaml"),
                "add:\n  - entry: 10.20.0.0/16\n"
                        + "    comment: \"Zürich breakout \u2014 caf\u0065\u0301 東京 \uD83D\uDE00 \u202Eevil\"\n    category: Optimize\n"
                        + "  - entry: breakout.contoso.com\n    comment: \"Zürich breakout \u2014 caf\u0065\u0301 東京 \uD83D\uDE00 \u202Eevil\"\n"
                        + "    category: Optimize\n",
                StandardCharsets.UTF_8);
        Path out = generate("Worldwide", "2019112700", List.of("--overrides", overrides.toString()), "1");

        String kept = "local override: Zürich breakout \u2014 café 東京 \uD83D\uDE00 evil";
        String escaped = "local override: Z(U+00FC)rich breakout (U+2014) caf(U+00E9) (U+6771)(U+4EAC) (U+1F600) evil";
        // a PAC file names no endpoint sets or overrides: nothing of the comment reaches it
        for (String target : List.of("squid", "nftables", "iptables", "dnsmasq", "checkpoint", "proxy-bypass")) {
            String all = String.join(
                    "\n",
                    files(out.resolve(target)).stream()
                            .map(TargetValidationTest::read)
                            .toList());
            assertThat(all).as(target).contains(kept).doesNotContain("(U+").doesNotContain("\u202E");
        }
        for (String target : List.of("edl", "cisco-asa", "paloalto", "fortigate", "juniper-srx")) {
            for (Path f : files(out.resolve(target))) {
                byte[] bytes = Files.readAllBytes(f);
                for (byte b : bytes) {
                    assertThat(b & 0xff).as("%s: ASCII only", f).isLessThan(0x80);
                }
            }
            String all = String.join(
                    "\n",
                    files(out.resolve(target)).stream()
                            .map(TargetValidationTest::read)
                            .toList());
            assertThat(all).as(target).contains(escaped);
        }
        realToolsAccept(out);
        assertThat(pacparser(out.resolve("pac/o365.pac"), List.of("outlook.office365.com", "www.example.com")))
                .containsEntry("outlook.office365.com", "DIRECT")
                .containsEntry("www.example.com", "PROXY proxy.contoso.com:8080");
    }

    void realToolsAccept(Path out) throws IOException {
        Tools.Run nft = Tools.run(
                Tools.inOwnNetwork(List.of(
                        Tools.require("nft").toString(),
                        "-c",
                        "-f",
                        out.resolve("nftables/o365watch.nft").toString())),
                null);
        assertThat(nft.code()).as("nft -c: %s", nft.out()).isZero();

        Tools.require("ipset");
        Tools.require("iptables-restore");
        Tools.require("ip6tables-restore");
        Path ipt = out.resolve("iptables");
        // a throw-away network namespace: the sets and the test never touch the host's firewall
        Tools.Run iptables = Tools.run(
                Tools.inOwnNetwork(List.of(
                        "sh",
                        "-c",
                        "ipset restore -exist < " + ipt.resolve("o365watch.ipset")
                                + " && iptables-restore --test --noflush < "
                                + ipt.resolve("o365watch.rules.v4") + " && ip6tables-restore --test --noflush < "
                                + ipt.resolve("o365watch.rules.v6")
                                + " && ipset list -n")),
                null);
        assertThat(iptables.code())
                .as("ipset/iptables-restore: %s", iptables.out())
                .isZero();
        assertThat(iptables.out()).contains("o365_optimize_v4", "o365_optimize_v6");

        Path dnsmasq = Tools.require("dnsmasq");
        for (String f : List.of("o365watch-nftset.conf", "o365watch-ipset.conf")) {
            Tools.Run d = Tools.run(
                    List.of(
                            dnsmasq.toString(),
                            "--test",
                            "--conf-file=" + out.resolve("dnsmasq").resolve(f)),
                    null);
            assertThat(d.code()).as("dnsmasq --test %s: %s", f, d.out()).isZero();
            assertThat(d.out()).contains("syntax check OK");
        }

        Path squid = Tools.require("squid");
        Path conf = Files.writeString(
                tmp.resolve("squid.conf"),
                "http_port 127.0.0.1:3128\ninclude " + out.resolve("squid/o365-acl.conf")
                        + "\nhttp_access deny all\ncache_log /dev/null\npid_filename none\n");
        Tools.Run sq = Tools.run(List.of(squid.toString(), "-k", "parse", "-f", conf.toString()), null);
        assertThat(sq.code()).as("squid -k parse: %s", sq.out()).isZero();
        assertThat(sq.out())
                .as("squid -k parse")
                .doesNotContainIgnoringCase("warning")
                .doesNotContain("ERROR", "FATAL");
        assertThat(sq.out()).contains("Processing: acl o365_");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void thePacFileSendsEveryHostWhereMicrosoftsRulesSay(String instance, String version, List<String> selection)
            throws IOException {
        for (String type : List.of("1", "2")) {
            Path out = generate(instance, version, selection, type);
            String text = read(out.resolve("pac/o365.pac"));
            assertThat(text).doesNotContain("isInNet", "dnsResolve", "myIpAddress");
            // the PAC takes every category; the service filter still applies
            List<String> all = new ArrayList<>(selection.stream()
                    .filter(s -> !s.equals("--category") && !s.equals("all"))
                    .toList());
            all.addAll(List.of("--category", "all"));
            Expected e = expected(instance, version, all);
            Set<Integer> direct = type.equals("1") ? Set.of(3) : Set.of(3, 2);
            List<String> directPatterns = e.hosts().stream()
                    .filter(h -> direct.contains(e.hostTrust().get(h)))
                    .toList();
            List<String> others = e.hosts().stream()
                    .filter(h -> !direct.contains(e.hostTrust().get(h)))
                    .toList();
            List<String> exceptions = others.stream()
                    .filter(o -> directPatterns.stream()
                            .anyMatch(d -> d.contains("*")
                                    && !d.equals(o)
                                    && regex(d).matcher(o).matches()))
                    .toList();

            List<String> hosts = new ArrayList<>();
            e.hosts().forEach(h -> {
                hosts.add(h.replace("*", "o365watch-sample"));
                hosts.add(h.replace("*", "a.b"));
            });
            hosts.addAll(List.of(
                    "www.example.com",
                    "outlook.office365.com.evil.example",
                    "sharepoint.com",
                    "office.com",
                    "OUTLOOK.OFFICE365.COM",
                    "Teams.Microsoft.Com",
                    "localhost",
                    "10.0.0.1"));
            Map<String, String> got = pacparser(out.resolve("pac/o365.pac"), hosts);
            for (String h : hosts) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                boolean exception = exceptions.stream()
                        .anyMatch(x -> regex(x).matcher(lower).matches());
                boolean directMatch = directPatterns.stream()
                        .anyMatch(x -> regex(x).matcher(lower).matches());
                String want = !exception && directMatch ? "DIRECT" : "PROXY proxy.contoso.com:8080";
                assertThat(got.get(h)).as("type %s, host %s", type, h).isEqualTo(want);
            }
        }
    }

    /** Glob to regex, written here independently of o365watch's matcher. */
    static Pattern regex(String glob) {
        // each pattern is asked about every host: compiled once
        return REGEXES.computeIfAbsent(
                glob, g -> Pattern.compile(Pattern.quote(g).replace("*", "\\E.*\\Q")));
    }

    private static final Map<String, Pattern> REGEXES = new java.util.concurrent.ConcurrentHashMap<>();

    Map<String, String> pacparser(Path pac, List<String> hosts) throws IOException {
        Path python = Tools.pacparser();
        Path list = Files.write(tmp.resolve("hosts.txt"), hosts);
        Path script = Files.writeString(
                tmp.resolve("pac.py"),
                String.join(
                        "\n",
                        "import sys, pacparser",
                        "pacparser.init()",
                        "pacparser.parse_pac_file(sys.argv[1])",
                        "for host in open(sys.argv[2]).read().split('\\n'):",
                        "    if host:",
                        "        print(host + '\\t' + pacparser.find_proxy('https://' + host + '/', host))",
                        "pacparser.cleanup()",
                        ""));
        Tools.Run r = Tools.run(List.of(python.toString(), script.toString(), pac.toString(), list.toString()), null);
        assertThat(r.code()).as(r.out()).isZero();
        Map<String, String> out = new HashMap<>();
        r.out()
                .lines()
                .filter(l -> l.contains("\t"))
                .forEach(l -> out.put(l.substring(0, l.indexOf('\t')), l.substring(l.indexOf('\t') + 1)));
        assertThat(out.keySet()).containsAll(hosts);
        return out;
    }
}
