package io.github.o365watch.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.SetFilter;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.render.mustache.MustacheTemplates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Feeds whose free text (notes, display names, local override comments) carries newlines,
 * quotes, semicolons, shell and config metacharacters, and whose other fields are random but
 * valid: every line of every target's output is a comment or a valid entry of that format.
 * {@code -Dhostile.cases=N} runs more (the fuzz profile).
 */
class HostileFeedTest {
    static final int CASES = Integer.getInteger("hostile.cases", 300);
    static final String[] NASTY = {"\n", "\r\n", "\"", "'", ";", "`", "$(rm -rf /)", "*/", "/*", "-->", "<script>alert(1)</script>",
        "\\", "{{header}}", "{", "}", "#", "!", "\u2028", "\u202e", "\t", "\u0000", "\u00e9t\u00e9", "\ud83d\ude00", "&amp;", "%n%s",
        "\nset system root-authentication plain-text-password", "\nflush ruleset", "\n-A INPUT -j ACCEPT", "\nacl all src all",
        "\nserver=/#/8.8.8.8", "\n}) { return \"DIRECT\"; } if (", "\"]}, {\"name\": \"x", "end\nconfig system admin"};

    // what a line of each format may be; SAFE is the comment text o365watch allows
    static final String SAFE = "[A-Za-z0-9 .,:;()_+=@%/'*#-]*";
    /** A line comment may hold any printable ASCII (templates write their own prose); nothing else can end it. */
    static final String TEXT = "[\\x20-\\x7e]*";
    static final String P4 = "(?:[0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}";
    static final String P6 = "[0-9a-f:]+/[0-9]{1,3}";
    static final String P = "(?:" + P4 + "|" + P6 + ")";
    static final String HOST = "[a-z0-9*_.-]+";
    static final String NAME = "[A-Za-z0-9._-]+";
    static final String PORT = "[0-9]{1,5}(?:-[0-9]{1,5})?";
    static final String MASK = "(?:[0-9]{1,3}\\.){3}[0-9]{1,3}";

    static final Map<String, List<String>> GRAMMAR = Map.ofEntries(
            Map.entry("edl", List.of("# " + TEXT, P, HOST)),
            Map.entry("pac", List.of("// " + TEXT, "function FindProxyForURL\\(url, host\\) \\{", "    var direct = \"DIRECT\";",
                    "    var proxyServer = \"PROXY proxy\\.example\\.com:8080\";", "    host = host\\.toLowerCase\\(\\);", "    if \\(",
                    "        shExpMatch\\(host, \"" + HOST + "\"\\)(?: \\|\\|)?", "    \\) \\{", "        return (?:proxyServer|direct);",
                    "    \\}", "    return proxyServer;", "\\}", "")),
            Map.entry("squid", List.of("# " + TEXT, "", "acl o365_[a-z0-9_]+_(?:domains|regex|addresses) (?:dstdomain|dstdom_regex|dst) \"/[A-Za-z0-9._/-]+\"",
                    "\\.?" + HOST, "\\^?[a-z0-9_\\\\.*-]+\\$", P)),
            Map.entry("nftables", List.of("#!/usr/sbin/nft -f", "# " + TEXT, "", "table inet " + NAME, "delete table inet " + NAME,
                    "table inet " + NAME + " \\{", " *# " + TEXT, "    set " + NAME + " \\{", "        type ipv[46]_addr", "        flags interval",
                    "        elements = \\{", "            " + P + ",?", "        \\}", "    \\}", "    chain " + NAME + " \\{",
                    "        ip6? daddr \\{ " + P + "(?:, " + P + ")* \\} (?:tcp|udp) dport \\{ " + PORT + "(?:, " + PORT + ")* \\} accept", "\\}")),
            Map.entry("iptables", List.of("# " + TEXT, "create " + NAME + " hash:net family inet6? -exist", "flush " + NAME, "add " + NAME + " " + P,
                    "\\*filter", ":" + NAME + " - \\[0:0\\]", "-A " + NAME + " -m set --match-set " + NAME + " dst -p (?:tcp|udp) --dport [0-9]+(?::[0-9]+)? -j ACCEPT",
                    "COMMIT")),
            Map.entry("dnsmasq", List.of("# " + TEXT, "nftset=/" + HOST + "/4#inet#" + NAME + "#" + NAME + ",6#inet#" + NAME + "#" + NAME,
                    "ipset=/" + HOST + "/" + NAME + "," + NAME)),
            Map.entry("cisco-asa", List.of("! " + TEXT, "!", "object network " + NAME, " fqdn " + HOST, "object-group network " + NAME,
                    " description " + SAFE, " network-object " + MASK + " " + MASK, " network-object " + P6, " network-object object " + NAME,
                    "object-group service " + NAME, " service-object (?:tcp|udp) destination (?:eq [0-9]+|range [0-9]+ [0-9]+)",
                    "access-list " + NAME + " extended permit object-group " + NAME + " any object-group " + NAME)),
            Map.entry("paloalto", List.of("set address " + NAME + " ip-netmask " + P, "set address " + NAME + " fqdn " + HOST,
                    "set address-group " + NAME + " static \\[ (?:" + NAME + " )*\\]", "set address-group " + NAME + " description \"" + SAFE + "\"",
                    "set service " + NAME + " protocol (?:tcp|udp) port [0-9,-]+", "set service-group " + NAME + " members \\[ (?:" + NAME + " )*\\]")),
            Map.entry("fortigate", List.of("# " + TEXT, "config firewall (?:address6?|addrgrp6?|service custom)", "end", "    edit \"" + NAME + "\"",
                    "        set subnet " + MASK + " " + MASK, "        set type (?:fqdn|wildcard-fqdn)", "        set (?:wildcard-)?fqdn \"" + HOST + "\"",
                    "        set ip6 " + P6, "        set member(?: \"" + NAME + "\")+ ?", "        set comment \"" + SAFE + "\"",
                    "        set (?:tcp|udp)-portrange [0-9 -]+", "    next")),
            Map.entry("juniper-srx", List.of("set security address-book global address " + NAME + " " + P,
                    "set security address-book global address " + NAME + " dns-name " + HOST,
                    "set security address-book global address-set " + NAME + " address " + NAME,
                    "set security address-book global address-set " + NAME + " description \"" + SAFE + "\"",
                    "set applications application " + NAME + " protocol (?:tcp|udp) destination-port " + PORT,
                    "set applications application-set " + NAME + " application " + NAME)),
            Map.entry("checkpoint", List.of("\\{", "\\}", "  \"version\": \"1\\.0\",", "  \"description\": \"" + SAFE + "\",", "  \"objects\": \\[",
                    "    \\{", "      \"name\": \"O365 [A-Za-z][A-Za-z0-9_]*\",", "      \"id\": \"[0-9a-f-]{36}\",", "      \"description\": \"" + SAFE + "\",",
                    "      \"ranges\": \\[", "        \"" + P + "\",?", "      \\]", "    \\},?", "  \\]")),
            Map.entry("proxy-bypass", List.of(HOST + "(?:;" + HOST + ")*", "")),
            Map.entry("csv", List.of("group,category,type,value,tcpPorts,udpPorts,endpointSets",
                    "[a-z0-9_-]+,[A-Za-z][A-Za-z0-9_]*,(?:IPv4|IPv6|URL),(?:" + P + "|" + HOST + "),\"[0-9,-]*\",\"[0-9,-]*\",\"[0-9,]*\"")));

    @Test
    void hostileFreeTextNeverLeavesACommentAndEveryLineIsValid() throws Exception {
        MustacheTemplates engine = new MustacheTemplates(Optional.empty());
        List<TargetSpec> specs = engine.targets().stream().map(t -> TargetSpec.parse(t, engine.properties(t))).toList();
        ObjectMapper json = new ObjectMapper();
        for (int round = 0; round < CASES; round++) {
            Random rnd = new Random(round);
            Snapshot s = snapshot(rnd);
            List<LocalEntry> add = List.of(new LocalEntry(new Entry.Ip(IpPrefix.parse("192.0.2.0/24")), Category.ALLOW,
                    PortSet.parse("443"), PortSet.EMPTY, nasty(rnd)));
            List<LocalEntry> exclude = List.of(new LocalEntry(new Entry.Host(HostPattern.parse("x" + rnd.nextInt(5) + ".example.com")),
                    Category.ALLOW, PortSet.EMPTY, PortSet.EMPTY, nasty(rnd)));
            Selection sel = new Selection(new SetFilter(Set.of(), Set.of(), false), Families.BOTH, Optional.empty(), new Overrides(add, exclude));
            Plan plan = Planner.plan(Selector.select(s, sel, false), rnd.nextInt(3));
            for (TargetSpec spec : specs) {
                Map<String, String> options = spec.id().equals("pac") ? Map.of("proxy", "PROXY proxy.example.com:8080") : Map.of();
                for (GeneratedFile f : Generator.generate(spec, plan, options, engine).files()) {
                    String text = new String(f.content(), StandardCharsets.UTF_8);
                    if (spec.id().equals("json")) {
                        JsonNode root = json.readTree(text);
                        assertThat(root.get("groups").isArray()).isTrue();
                        strings(root, spec.id(), round);
                        continue;
                    }
                    if (spec.id().equals("checkpoint")) {
                        json.readTree(text);
                    }
                    boolean readme = f.name().equals("README.txt");
                    for (String line : text.lines().toList()) {
                        if (readme) {
                            assertThat(line).as("round %d %s %s", round, spec.id(), f.name()).matches("[\\x20-\\x7e]*");
                            continue;
                        }
                        assertThat(GRAMMAR.get(spec.id()).stream().anyMatch(g -> Pattern.matches(g, line)))
                                .as("round %d, %s %s: a line that is neither a comment nor an entry: %s", round, spec.id(), f.name(), line)
                                .isTrue();
                    }
                }
            }
        }
    }

    private static void strings(JsonNode n, String target, int round) {
        if (n.isTextual()) {
            assertThat(n.asText()).as("round %d %s", round, target).matches(SAFE + "|" + P + "|" + HOST + "|[0-9,-]*");
        }
        n.forEach(c -> strings(c, target, round));
    }

    static String nasty(Random rnd) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
            s.append(NASTY[rnd.nextInt(NASTY.length)]).append(rnd.nextBoolean() ? " text" : "");
        }
        return s.toString();
    }

    static Snapshot snapshot(Random rnd) {
        List<EndpointSet> sets = new ArrayList<>();
        int n = 1 + rnd.nextInt(5);
        String[] categories = {"Optimize", "Allow", "Default", "Quarantine_" + rnd.nextInt(9)};
        String[] areas = {"Exchange", "Skype", "Common", "SharePoint", "Teams" + rnd.nextInt(9)};
        for (int i = 0; i < n; i++) {
            List<HostPattern> urls = new ArrayList<>();
            for (int k = 0; k < rnd.nextInt(4); k++) {
                String base = "h" + rnd.nextInt(50) + ".example" + rnd.nextInt(3) + ".com";
                String[] forms = {base, "*." + base, "*x" + base, "autodiscover.*." + base, "x" + rnd.nextInt(5) + ".example.com"};
                urls.add(HostPattern.parse(forms[rnd.nextInt(forms.length)]));
            }
            List<IpPrefix> ips = new ArrayList<>();
            for (int k = 0; k < rnd.nextInt(4); k++) {
                ips.add(rnd.nextBoolean() ? PrefixSetTestAccess.v4(rnd) : PrefixSetTestAccess.v6(rnd));
            }
            String tcp = rnd.nextInt(4) == 0 ? "" : rnd.nextBoolean() ? "443" : "80,443,50000-59999";
            String udp = rnd.nextBoolean() ? "" : "3478-3481";
            sets.add(new EndpointSet(i + 1, ServiceArea.parse(areas[rnd.nextInt(areas.length)]), nasty(rnd), urls, ips,
                    PortSet.parse(tcp), PortSet.parse(udp), Category.parse(categories[rnd.nextInt(categories.length)]),
                    rnd.nextBoolean(), rnd.nextBoolean(), nasty(rnd)));
        }
        return new Snapshot(Instance.WORLDWIDE, Version.parse("2019112700"), sets);
    }

    /** Random prefixes from the shared generator of the set tests. */
    static final class PrefixSetTestAccess {
        static IpPrefix v4(Random rnd) {
            return io.github.o365watch.domain.net.PrefixSetTest.random(rnd, io.github.o365watch.domain.net.Family.IPV4);
        }

        static IpPrefix v6(Random rnd) {
            return io.github.o365watch.domain.net.PrefixSetTest.random(rnd, io.github.o365watch.domain.net.Family.IPV6);
        }
    }
}
