package io.github.o365watch.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.o365watch.app.TargetRegistry;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.RawEndpointSet;
import io.github.o365watch.domain.SetFilter;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.render.mustache.MustacheTemplates;
import io.github.o365watch.testing.Fuzz;
import io.github.o365watch.testing.HostileFeeds;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A property over feeds as {@link HostileFeeds} makes them: hostile text in every free-text field
 * (notes, display names, local override comments) and now and then in the validated ones, random
 * valid values elsewhere. Whatever passes validation, every line of every target's output is a
 * comment or a valid entry of that format. 1,000 cases; {@link Fuzz} says how to run more.
 */
class HostileFeedTest {
    static final ObjectMapper JSON = new ObjectMapper();

    // what a line of each format may be; SAFE is the comment text o365watch allows
    static final String SAFE = "[A-Za-z0-9 .,:;()_+=@%/'*#-]*";
    /** A line comment may hold any printable ASCII (templates write their own prose); nothing else can end it. */
    static final String TEXT = "[\\x20-\\x7e]*";
    /** Beyond ASCII, what a target whose comments take UTF-8 keeps: letters, marks, digits, punctuation, symbols; never a control, format or separator. */
    static final String KEPT = "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}";

    static final String P4 = "(?:[0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}";
    static final String P6 = "[0-9a-f:]+/[0-9]{1,3}";
    static final String P = "(?:" + P4 + "|" + P6 + ")";
    static final String HOST = "[a-z0-9*_.-]+";
    static final String NAME = "[A-Za-z0-9._-]+";
    static final String PORT = "[0-9]{1,5}(?:-[0-9]{1,5})?";
    static final String MASK = "(?:[0-9]{1,3}\\.){3}[0-9]{1,3}";

    static final Map<String, List<String>> GRAMMAR = Map.ofEntries(
            Map.entry("edl", List.of("# " + TEXT, P, HOST)),
            Map.entry(
                    "pac",
                    List.of(
                            "// " + TEXT,
                            "function FindProxyForURL\\(url, host\\) \\{",
                            "    var direct = \"DIRECT\";",
                            "    var proxyServer = \"PROXY proxy\\.example\\.com:8080\";",
                            "    host = host\\.toLowerCase\\(\\);",
                            "    if \\(",
                            "        shExpMatch\\(host, \"" + HOST + "\"\\)(?: \\|\\|)?",
                            "    \\) \\{",
                            "        return (?:proxyServer|direct);",
                            "    \\}",
                            "    return proxyServer;",
                            "\\}",
                            "")),
            Map.entry(
                    "squid",
                    List.of(
                            "# " + TEXT,
                            "",
                            "acl o365_[a-z0-9_]+_(?:domains|regex|addresses) (?:dstdomain|dstdom_regex|dst) \"/[A-Za-z0-9._/-]+\"",
                            "\\.?" + HOST,
                            "\\^?[a-z0-9_\\\\.*-]+\\$",
                            P)),
            Map.entry(
                    "nftables",
                    List.of(
                            "#!/usr/sbin/nft -f",
                            "# " + TEXT,
                            "",
                            "table inet " + NAME,
                            "delete table inet " + NAME,
                            "table inet " + NAME + " \\{",
                            " *# " + TEXT,
                            "    set " + NAME + " \\{",
                            "        type ipv[46]_addr",
                            "        flags interval",
                            "        elements = \\{",
                            "            " + P + ",?",
                            "        \\}",
                            "    \\}",
                            "    chain " + NAME + " \\{",
                            "        ip6? daddr \\{ " + P + "(?:, " + P + ")* \\} (?:tcp|udp) dport \\{ " + PORT
                                    + "(?:, " + PORT + ")* \\} accept",
                            "\\}")),
            Map.entry(
                    "iptables",
                    List.of(
                            "# " + TEXT,
                            "create " + NAME + " hash:net family inet6? -exist",
                            "flush " + NAME,
                            "add " + NAME + " " + P,
                            "\\*filter",
                            ":" + NAME + " - \\[0:0\\]",
                            "-A " + NAME + " -m set --match-set " + NAME
                                    + " dst -p (?:tcp|udp) --dport [0-9]+(?::[0-9]+)? -j ACCEPT",
                            "COMMIT")),
            Map.entry(
                    "dnsmasq",
                    List.of(
                            "# " + TEXT,
                            "nftset=/" + HOST + "/4#inet#" + NAME + "#" + NAME + ",6#inet#" + NAME + "#" + NAME,
                            "ipset=/" + HOST + "/" + NAME + "," + NAME)),
            Map.entry(
                    "cisco-asa",
                    List.of(
                            "! " + TEXT,
                            "!",
                            "object network " + NAME,
                            " fqdn " + HOST,
                            "object-group network " + NAME,
                            " description " + SAFE,
                            " network-object " + MASK + " " + MASK,
                            " network-object " + P6,
                            " network-object object " + NAME,
                            "object-group service " + NAME,
                            " service-object (?:tcp|udp) destination (?:eq [0-9]+|range [0-9]+ [0-9]+)",
                            "access-list " + NAME + " extended permit object-group " + NAME + " any object-group "
                                    + NAME)),
            Map.entry(
                    "paloalto",
                    List.of(
                            "",
                            "set address " + NAME + " ip-netmask " + P,
                            "set address " + NAME + " fqdn " + HOST,
                            "set address-group " + NAME + " static \\[ (?:" + NAME + " )*\\]",
                            "set address-group " + NAME + " description \"" + SAFE + "\"",
                            "set service " + NAME + " protocol (?:tcp|udp) port [0-9,-]+",
                            "set service-group " + NAME + " members \\[ (?:" + NAME + " )*\\]")),
            Map.entry(
                    "fortigate",
                    List.of(
                            "# " + TEXT,
                            "config firewall (?:address6?|addrgrp6?|service custom)",
                            "end",
                            "    edit \"" + NAME + "\"",
                            "        set subnet " + MASK + " " + MASK,
                            "        set type fqdn",
                            "        set fqdn \"" + HOST + "\"",
                            "        set ip6 " + P6,
                            "        set member(?: \"" + NAME + "\")+ ?",
                            "        set comment \"" + SAFE + "\"",
                            "        set (?:tcp|udp)-portrange [0-9 -]+",
                            "    next")),
            Map.entry(
                    "juniper-srx",
                    List.of(
                            "",
                            "set security address-book global address " + NAME + " " + P,
                            "set security address-book global address " + NAME + " dns-name " + HOST,
                            "set security address-book global address-set " + NAME + " address " + NAME,
                            "set security address-book global address-set " + NAME + " description \"" + SAFE + "\"",
                            "set applications application " + NAME + " protocol (?:tcp|udp) destination-port " + PORT,
                            "set applications application-set " + NAME + " application " + NAME)),
            Map.entry(
                    "checkpoint",
                    List.of(
                            "\\{",
                            "\\}",
                            "  \"version\": \"1\\.0\",",
                            "  \"description\": \"" + SAFE + "\",",
                            "  \"objects\": \\[",
                            "    \\{",
                            "      \"name\": \"O365 [A-Za-z][A-Za-z0-9_]*\",",
                            "      \"id\": \"[0-9a-f-]{36}\",",
                            "      \"description\": \"" + SAFE + "\",",
                            "      \"ranges\": \\[",
                            "        \"" + P + "\",?",
                            "      \\]",
                            "    \\},?",
                            "  \\]")),
            Map.entry("proxy-bypass", List.of(HOST + "(?:;" + HOST + ")*", "")),
            Map.entry(
                    "csv",
                    List.of(
                            "group,category,type,value,tcpPorts,udpPorts,endpointSets",
                            "[a-z0-9_-]+,[A-Za-z][A-Za-z0-9_]*,(?:IPv4|IPv6|URL),(?:" + P + "|" + HOST
                                    + "),\"[0-9,-]*\",\"[0-9,-]*\",\"[0-9,]*\"")));

    /** The grammar compiled once: compiling its patterns for every line cost more than rendering the files. */
    static final Map<String, List<Pattern>> COMPILED = GRAMMAR.entrySet().stream()
            .collect(java.util.stream.Collectors.toMap(
                    Map.Entry::getKey,
                    e -> e.getValue().stream().map(Pattern::compile).toList()));
    /** The same for targets whose comments take UTF-8 ({@code comments=utf-8}): their comments may keep more. */
    static final Map<String, List<Pattern>> COMPILED_UTF8 = GRAMMAR.entrySet().stream()
            .collect(java.util.stream.Collectors.toMap(
                    Map.Entry::getKey,
                    e -> e.getValue().stream()
                            .map(g -> Pattern.compile(utf8(g)))
                            .toList()));

    static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e]*");
    static final Pattern PRINTABLE_UTF8 = Pattern.compile("[\\x20-\\x7e" + KEPT + "]*");

    /**
     * 250 cases: with a newline or a double quote let through into comments the fixed seed fails
     * at case 9 or 18, seeds 1 to 3 at case 4, 4 and 19 (DEVELOPERS.md, "Tests"); the fuzz
     * profile runs 100,000.
     */
    @Test
    void hostileFreeTextNeverLeavesACommentAndEveryLineIsValid() {
        MustacheTemplates engine = new MustacheTemplates(Optional.empty());
        List<TargetSpec> specs = engine.targets().stream()
                .map(t -> TargetSpec.parse(t, engine.properties(t)))
                .toList();
        Gen<Selection> selections = HostileFeeds.overrides()
                .zip(
                        Generate.pick(List.of(Families.values())),
                        Generate.booleans(),
                        (o, families, requiredOnly) -> new Selection(
                                new SetFilter(Set.of(), Set.of(), requiredOnly), families, Optional.empty(), o));
        Fuzz.qt(250)
                .forAll(HostileFeeds.rawSets(), selections, integers().between(0, 3))
                .checkAssert((raw, selection, maxEntries) ->
                        everyLineIsACommentOrAnEntry(specs, engine, raw, selection, maxEntries));
    }

    private static void everyLineIsACommentOrAnEntry(
            List<TargetSpec> specs,
            MustacheTemplates engine,
            List<RawEndpointSet> raw,
            Selection selection,
            int maxEntries) {
        Snapshot s = new Snapshot(Instance.WORLDWIDE, Version.parse("2019112700"), HostileFeeds.valid(raw));
        // about text, not budgets: summaries as wide as the random prefixes need, any length
        Plan plan = Planner.plan(
                Selector.select(s, selection, false), new Limits(maxEntries, new BigDecimal("1e50"), 0, 0));
        for (TargetSpec spec : specs) {
            Map<String, String> options =
                    spec.id().equals("pac") ? Map.of("proxy", "PROXY proxy.example.com:8080") : Map.of();
            for (GeneratedFile f : Generator.generate(spec, TargetRegistry.view(spec), plan, options, engine)
                    .files()) {
                String text = new String(f.content(), StandardCharsets.UTF_8);
                if (spec.id().equals("json")) {
                    JsonNode root = read(text);
                    assertThat(root.get("groups").isArray()).isTrue();
                    strings(root, spec.id());
                    continue;
                }
                if (spec.id().equals("checkpoint")) {
                    read(text);
                }
                boolean readme = f.name().equals("README.txt");
                // a target whose comments take UTF-8 may keep more in them; every other line stays as it was
                List<Pattern> grammar = (spec.utf8Comments() ? COMPILED_UTF8 : COMPILED).get(spec.id());
                for (String line : text.lines().toList()) {
                    if (readme) {
                        assertThat((spec.utf8Comments() ? PRINTABLE_UTF8 : PRINTABLE)
                                        .matcher(line)
                                        .matches())
                                .as("%s %s: %s", spec.id(), f.name(), line)
                                .isTrue();
                        continue;
                    }
                    assertThat(grammar.stream().anyMatch(g -> g.matcher(line).matches()))
                            .as("%s %s: a line that is neither a comment nor an entry: %s", spec.id(), f.name(), line)
                            .isTrue();
                }
            }
        }
    }

    /** A line of the grammar with its comment text widened to what a UTF-8 target keeps. */
    static String utf8(String line) {
        return line.replace(TEXT, "[\\x20-\\x7e" + KEPT + "]*").replace(SAFE, "[" + KEPT + SAFE.substring(1));
    }

    /**
     * The vendor CLI targets define each address object once, before the groups that name it,
     * whatever groups the feed and the summarisation make: per target, a line defining an object
     * (its name) and a line of a group naming objects (its member list).
     */
    static final Map<String, List<Pattern>> OBJECTS = Map.of(
            "paloalto",
                    List.of(
                            Pattern.compile("set address (\\S+) .*"),
                            Pattern.compile("set address-group \\S+ static \\[ (.*) \\]")),
            "juniper-srx",
                    List.of(
                            Pattern.compile("set security address-book global address (\\S+) .*"),
                            Pattern.compile("set security address-book global address-set \\S+ address (\\S+)")),
            "cisco-asa",
                    List.of(Pattern.compile("object network (\\S+)"), Pattern.compile(" network-object object (\\S+)")),
            "fortigate", List.of(Pattern.compile("    edit \"(\\S+)\""), Pattern.compile("        set member (.*)")));

    @Test
    void vendorCliObjectsAreDefinedOnceBeforeTheGroupsNamingThem() {
        MustacheTemplates engine = new MustacheTemplates(Optional.empty());
        List<TargetSpec> specs = OBJECTS.keySet().stream()
                .sorted()
                .map(t -> TargetSpec.parse(t, engine.properties(t)))
                .toList();
        Gen<Selection> selections = HostileFeeds.overrides()
                .zip(
                        Generate.pick(List.of(Families.values())),
                        Generate.booleans(),
                        (o, families, requiredOnly) -> new Selection(
                                new SetFilter(Set.of(), Set.of(), requiredOnly), families, Optional.empty(), o));
        Fuzz.qt(300)
                .forAll(HostileFeeds.rawSets(), selections, integers().between(0, 3))
                .checkAssert((raw, selection, maxEntries) -> {
                    Snapshot s = new Snapshot(Instance.WORLDWIDE, Version.parse("2019112700"), HostileFeeds.valid(raw));
                    Plan plan = Planner.plan(
                            Selector.select(s, selection, false), new Limits(maxEntries, new BigDecimal("1e50"), 0, 0));
                    for (TargetSpec spec : specs) {
                        String text = new String(
                                Generator.generate(spec, TargetRegistry.view(spec), plan, Map.of(), engine)
                                        .files()
                                        .get(0)
                                        .content(),
                                StandardCharsets.UTF_8);
                        assertObjectsDefinedOnce(spec.id(), text);
                    }
                });
    }

    private static void assertObjectsDefinedOnce(String target, String text) {
        Pattern define = OBJECTS.get(target).get(0);
        Pattern name = OBJECTS.get(target).get(1);
        java.util.Set<String> defined = new java.util.HashSet<>();
        String table = "";
        for (String line : text.lines().toList()) {
            table = line.startsWith("config ") ? line : table;
            boolean objectTable = !target.equals("fortigate")
                    || table.equals("config firewall address")
                    || table.equals("config firewall address6");
            java.util.regex.Matcher d = define.matcher(line);
            if (d.matches() && objectTable) {
                assertThat(defined.add(d.group(1)))
                        .as("%s defines %s twice", target, d.group(1))
                        .isTrue();
            }
            java.util.regex.Matcher n = name.matcher(line);
            if (n.matches()) {
                for (String member : n.group(1).replace("\"", " ").strip().split(" +")) {
                    assertThat(member).as("%s: an empty member list", target).isNotEmpty();
                    assertThat(defined)
                            .as("%s names %s before defining it", target, member)
                            .contains(member);
                }
            }
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage(), e);
        }
    }

    private static void strings(JsonNode n, String target) {
        if (n.isTextual()) {
            assertThat(n.asText()).as(target).matches(SAFE + "|" + P + "|" + HOST + "|[0-9,-]*");
        }
        n.forEach(c -> strings(c, target));
    }
}
