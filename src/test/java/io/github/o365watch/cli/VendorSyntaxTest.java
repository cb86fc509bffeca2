package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vendor CLI targets write what their vendors document: each address object defined once,
 * before the groups that name it, whatever number of groups use it; names in the characters the
 * vendor documents; FortiOS wildcards in the form of the firmware asked for. Generated through
 * the real command line from real published data.
 */
class VendorSyntaxTest {
    @TempDir
    Path tmp;

    TestCli cli;
    Path store;

    @BeforeEach
    void setUp() {
        cli = new TestCli(tmp.resolve("machine"));
        store = tmp.resolve("store");
        SnapshotStore s = new SnapshotStore(store);
        s.put(Fixtures.snapshot("Worldwide", "2019112700"), Optional.empty(), "00".repeat(32));
        s.put(Fixtures.snapshot("USGovDoD", "2019120400"), Optional.empty(), "00".repeat(32));
    }

    /** Selections where groups share entries: the default, every category, another instance, summarised objects. */
    static Stream<Arguments> selections() {
        return Stream.of(
                Arguments.of("Worldwide", List.of()),
                Arguments.of("Worldwide", List.of("--category", "all")),
                Arguments.of("USGovDoD", List.of("--category", "all")),
                Arguments.of(
                        "Worldwide",
                        List.of("--category", "all", "--max-entries", "16", "--max-extra-percent", "100000")));
    }

    Path generate(String instance, String target, List<String> more) {
        Path out = tmp.resolve("out-" + target + "-" + more.hashCode());
        List<String> args = new ArrayList<>(List.of(
                "generate",
                "--store",
                store.toString(),
                "--instance",
                instance,
                "--out",
                out.toString(),
                "--target",
                target));
        args.addAll(more);
        Result r = cli.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isZero();
        return out.resolve(target);
    }

    static List<String> lines(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Definitions in file order (name to value) and references (name to the line they are on), checked together. */
    static final class Objects {
        final Map<String, String> defined = new LinkedHashMap<>();
        final Map<String, Integer> definedAt = new HashMap<>();
        final List<String> duplicates = new ArrayList<>();
        final List<String> undefinedReferences = new ArrayList<>();
        final Set<String> referenced = new TreeSet<>();

        void define(String name, String value, int line) {
            if (defined.putIfAbsent(name, value) != null) {
                duplicates.add(name + " (line " + line + ")");
            } else {
                definedAt.put(name, line);
            }
        }

        void reference(String name, int line) {
            referenced.add(name);
            Integer at = definedAt.get(name);
            if (at == null || at > line) {
                undefinedReferences.add(name + " (line " + line + ")");
            }
        }

        void assertEachDefinedOnceBeforeUse(String what) {
            assertThat(defined).as("%s defines objects", what).isNotEmpty();
            assertThat(duplicates)
                    .as("%s: objects defined more than once", what)
                    .isEmpty();
            assertThat(undefinedReferences)
                    .as("%s: groups naming an object not defined above them", what)
                    .isEmpty();
            assertThat(referenced)
                    .as("%s: every object is in a group", what)
                    .isEqualTo(new TreeSet<>(defined.keySet()));
            assertThat(new TreeSet<>(defined.values()))
                    .as("%s: one object per value", what)
                    .hasSize(defined.size());
        }
    }

    static final Pattern PANOS_ADDRESS = Pattern.compile("set address (\\S+) (?:ip-netmask|fqdn) (\\S+)");
    static final Pattern PANOS_GROUP = Pattern.compile("set address-group (\\S+) static \\[ ((?:\\S+ )*)\\]");
    static final Pattern PANOS_NAMED = Pattern.compile("set (?:address|address-group|service|service-group) (\\S+) .*");
    /** Palo Alto documents names of letters, numbers, spaces, hyphens and underscores, up to 63 characters. */
    static final Pattern PANOS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("selections")
    void paloAltoDefinesEachAddressOnceWithDocumentedNames(String instance, List<String> selection) {
        List<String> lines = lines(generate(instance, "paloalto", selection).resolve("o365watch-panos.txt"));
        Objects o = new Objects();
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            Matcher a = PANOS_ADDRESS.matcher(l);
            Matcher g = PANOS_GROUP.matcher(l);
            if (a.matches()) {
                o.define(a.group(1), a.group(2), i + 1);
            } else if (g.matches()) {
                for (String member : g.group(2).strip().split(" ")) {
                    o.reference(member, i + 1);
                }
            }
            Matcher named = PANOS_NAMED.matcher(l);
            if (named.matches()) {
                names.add(named.group(1));
            }
        }
        o.assertEachDefinedOnceBeforeUse("paloalto");
        assertThat(names)
                .as("PAN-OS object names")
                .isNotEmpty()
                .allMatch(n -> PANOS_NAME.matcher(n).matches());
    }

    static final Pattern JUNOS_ADDRESS =
            Pattern.compile("set security address-book global address (\\S+) (?:dns-name )?(\\S+)");
    static final Pattern JUNOS_MEMBER =
            Pattern.compile("set security address-book global address-set \\S+ address (\\S+)");

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("selections")
    void junosDefinesEachAddressOnce(String instance, List<String> selection) {
        List<String> lines = lines(generate(instance, "juniper-srx", selection).resolve("o365watch-junos.txt"));
        Objects o = new Objects();
        for (int i = 0; i < lines.size(); i++) {
            Matcher a = JUNOS_ADDRESS.matcher(lines.get(i));
            Matcher m = JUNOS_MEMBER.matcher(lines.get(i));
            if (a.matches()) {
                o.define(a.group(1), a.group(2), i + 1);
            } else if (m.matches()) {
                o.reference(m.group(1), i + 1);
            }
        }
        o.assertEachDefinedOnceBeforeUse("juniper-srx");
    }

    /** FortiOS blocks: per {@code config} table, each {@code edit} with its {@code set} lines. */
    record FortiObject(String table, String name, int line, Map<String, String> sets) {}

    static List<FortiObject> fortiObjects(List<String> lines) {
        List<FortiObject> out = new ArrayList<>();
        String table = null;
        FortiObject current = null;
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.startsWith("config ")) {
                table = s.substring(7);
            } else if (s.startsWith("edit \"")) {
                current = new FortiObject(table, s.substring(6, s.length() - 1), i + 1, new LinkedHashMap<>());
                out.add(current);
            } else if (s.startsWith("set ") && current != null) {
                int space = s.indexOf(' ', 4);
                current.sets().put(s.substring(4, space), s.substring(space + 1));
            } else if (s.equals("next") || s.equals("end")) {
                current = null;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("selections")
    void fortiGateDefinesEachAddressOnceAndWritesWildcardsAsFqdn(String instance, List<String> selection) {
        List<FortiObject> objects =
                fortiObjects(lines(generate(instance, "fortigate", selection).resolve("o365watch-fortios.conf")));
        Objects v4 = new Objects();
        Objects v6 = new Objects();
        int wildcards = 0;
        for (FortiObject f : objects) {
            switch (f.table()) {
                case "firewall address" -> {
                    String value = f.sets().getOrDefault("subnet", f.sets().get("fqdn"));
                    v4.define(f.name(), value, f.line());
                    assertThat(f.sets())
                            .as("%s: the current form, not FortiOS 6.0's", f.name())
                            .doesNotContainKey("wildcard-fqdn")
                            .doesNotContainValue("wildcard-fqdn");
                    if (value.contains("*")) {
                        assertThat(f.sets()).containsEntry("type", "fqdn");
                        wildcards++;
                    }
                }
                case "firewall address6" -> v6.define(f.name(), f.sets().get("ip6"), f.line());
                case "firewall addrgrp" -> members(f).forEach(m -> v4.reference(m, f.line()));
                case "firewall addrgrp6" -> members(f).forEach(m -> v6.reference(m, f.line()));
                default -> {
                    // custom services are one per group
                }
            }
        }
        v4.assertEachDefinedOnceBeforeUse("fortigate address");
        v6.assertEachDefinedOnceBeforeUse("fortigate address6");
        assertThat(wildcards).as("the data has *.domain names").isPositive();
    }

    static List<String> members(FortiObject f) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(f.sets().get("member"));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void fortiGateWritesTheFortiOs60WildcardFormWhenAskedAndNothingElseChanges() throws IOException {
        Path current =
                generate("Worldwide", "fortigate", List.of("--category", "all")).resolve("o365watch-fortios.conf");
        Path old = generate(
                        "Worldwide",
                        "fortigate",
                        List.of("--category", "all", "--option", "fortigate.wildcardtype=wildcard-fqdn"))
                .resolve("o365watch-fortios.conf");
        List<FortiObject> before = fortiObjects(lines(current));
        List<FortiObject> after = fortiObjects(lines(old));
        assertThat(after).hasSameSizeAs(before);
        int wildcards = 0;
        for (int i = 0; i < before.size(); i++) {
            FortiObject b = before.get(i);
            FortiObject a = after.get(i);
            assertThat(a.name()).isEqualTo(b.name());
            String fqdn = b.sets().get("fqdn");
            if (b.table().equals("firewall address") && fqdn != null && fqdn.startsWith("\"*.")) {
                wildcards++;
                assertThat(a.sets())
                        .as(a.name())
                        .containsExactly(Map.entry("type", "wildcard-fqdn"), Map.entry("wildcard-fqdn", fqdn));
            } else {
                assertThat(a.sets()).as(a.name()).isEqualTo(b.sets());
            }
        }
        assertThat(wildcards).isPositive();
        String versions = ": fqdn for FortiOS 6.2.2 and later, wildcard-fqdn for FortiOS 6.0.0 to 6.0.11.";
        assertThat(Files.readString(old)).contains("# Names *.domain are addresses of type wildcard-fqdn (", versions);
        assertThat(Files.readString(current)).contains("# Names *.domain are addresses of type fqdn (", versions);
    }

    @Test
    void theWildcardTypeIsOneOfTheTwoFormsAndTargetsSaysWhichFirmwareTakesEach() {
        Path out = tmp.resolve("bad");
        Result bad = cli.run(
                "generate",
                "--store",
                store.toString(),
                "--out",
                out.toString(),
                "--target",
                "fortigate",
                "--option",
                "fortigate.wildcardtype=wildcard");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip())
                .doesNotContain("\n")
                .contains("option wildcardtype of target fortigate: 'wildcard' is not valid");
        assertThat(out).doesNotExist();
        Result targets = cli.run("targets");
        assertThat(targets.out())
                .contains(
                        "--option fortigate.wildcardtype=fqdn (default)",
                        "FortiOS 6.2.2 and later",
                        "FortiOS 6.0.0 to 6.0.11");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("selections")
    void ciscoAsaDefinesEachFqdnObjectOnceInOneNamespace(String instance, List<String> selection) {
        List<String> lines = lines(generate(instance, "cisco-asa", selection).resolve("o365watch-asa.txt"));
        Objects o = new Objects();
        List<String> allNames = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("object network ")) {
                String fqdn = lines.get(i + 1);
                assertThat(fqdn).startsWith(" fqdn ");
                o.define(l.substring(15), fqdn.substring(6), i + 1);
                allNames.add(l.substring(15));
            } else if (l.startsWith(" network-object object ")) {
                o.reference(l.substring(23), i + 1);
            } else if (l.startsWith("object-group ")) {
                allNames.add(l.split(" ")[2]);
            }
        }
        o.assertEachDefinedOnceBeforeUse("cisco-asa");
        // Cisco: objects and object groups share one namespace
        assertThat(new TreeSet<>(allNames)).as("one namespace").hasSameSizeAs(allNames);
    }
}
