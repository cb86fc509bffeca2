package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.Golden;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** generate and targets through the real command line, with golden files for every target. */
class GenerateTest {
    @TempDir
    Path tmp;

    TestCli cli;
    String store;

    @BeforeEach
    void setUp() {
        cli = new TestCli(tmp.resolve("machine"));
        store = tmp.resolve("store").toString();
        SnapshotStore s = new SnapshotStore(Path.of(store));
        s.put(Fixtures.snapshot("Worldwide", "2019112700"), Optional.empty(), "00".repeat(32));
        s.put(Fixtures.snapshot("USGovDoD", "2019120400"), Optional.empty(), "00".repeat(32));
    }

    static Stream<String> targets() {
        return Fixtures.text("rules-templates/targets.txt").lines().filter(l -> !l.isBlank() && !l.startsWith("#"));
    }

    Result generate(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "generate",
                "--store",
                store,
                "--out",
                out.toString(),
                "--option",
                "pac.proxy=PROXY proxy.contoso.com:8080"));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void everyTargetMatchesItsGoldenFilesAndIsDeterministic(String target) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Result first = generate(a, "--target", target);
        Result second = generate(b, "--target", target);
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(second.out()).isEqualTo(first.out().replace(a.toString(), b.toString()));
        assertThat(Trees.hashes(a)).isEqualTo(Trees.hashes(b));
        List<Path> produced = files(a.resolve(target));
        assertThat(produced).isNotEmpty();
        for (Path f : produced) {
            String text = Files.readString(a.resolve(target).resolve(f), StandardCharsets.UTF_8);
            assertThat(text).doesNotContain("\r").endsWith("\n");
            Golden.assertMatches("generate/" + target + "/" + f, text);
        }
        if (!Boolean.getBoolean("golden.update")) {
            assertThat(files(Path.of("src/test/resources/golden/generate", target)))
                    .as("no golden file without output")
                    .containsExactlyElementsOf(produced);
        }
    }

    /**
     * Summarised outputs: per-category files of one object each (edl), files of several objects
     * with their sum in the header and each object's own figure (nftables, cisco-asa), and a README
     * speaking for a file without comments (paloalto).
     */
    @ParameterizedTest
    @ValueSource(strings = {"edl", "nftables", "cisco-asa", "paloalto"})
    void summarisedTargetsMatchTheirGoldenFilesAndAreDeterministic(String target) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Result first = generate(a, "--target", target, "--category", "all", "--max-entries", "55");
        Result second = generate(b, "--target", target, "--category", "all", "--max-entries", "55");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Summarised (at most 55 prefixes per object and family");
        assertThat(second.out()).isEqualTo(first.out().replace(a.toString(), b.toString()));
        assertThat(Trees.hashes(a)).isEqualTo(Trees.hashes(b));
        List<Path> produced = files(a.resolve(target));
        for (Path f : produced) {
            Golden.assertMatches(
                    "generate-summarised/" + target + "/" + f,
                    Files.readString(a.resolve(target).resolve(f), StandardCharsets.UTF_8));
        }
        if (!Boolean.getBoolean("golden.update")) {
            assertThat(files(Path.of("src/test/resources/golden/generate-summarised", target)))
                    .containsExactlyElementsOf(produced);
        }
    }

    @Test
    void targetsListsEveryTargetWithItsCapabilities() {
        Result r = cli.run("targets");
        assertThat(r.code()).isZero();
        targets().forEach(t -> assertThat(r.out()).contains(t + " "));
        assertThat(r.out())
                .contains(
                        "TARGET",
                        "HOSTNAMES",
                        "--option pac.proxy=VALUE (required)",
                        "--option nftables.table=o365watch (default)");
        assertThat(r.out()
                        .lines()
                        .filter(l -> l.startsWith("nftables "))
                        .findFirst()
                        .orElseThrow())
                .matches("nftables +yes +yes +none +yes +- +o365watch.nft");
    }

    @Test
    void anUnknownTargetIsAUsageErrorWithTheKnownOnes() {
        Result r = generate(tmp.resolve("o"), "--target", "sonicwall");
        assertThat(r.code()).as("the user's mistake, not a template problem").isEqualTo(2);
        assertThat(r.err())
                .contains(
                        "--target unknown target 'sonicwall'; known targets: checkpoint, cisco-asa, csv, dnsmasq, edl,");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void targetNamesAreCaseInsensitiveLikeInstancesAndCategories() throws Exception {
        Result upper = generate(
                tmp.resolve("u"),
                "--target",
                "EDL",
                "--target",
                "Pac",
                "--option",
                "PAC.proxy=PROXY proxy.contoso.com:8080");
        assertThat(upper.code()).as(upper.toString()).isZero();
        Result lower = generate(
                tmp.resolve("l"),
                "--target",
                "edl",
                "--target",
                "pac",
                "--option",
                "pac.proxy=PROXY proxy.contoso.com:8080");
        assertThat(lower.code()).as(lower.toString()).isZero();
        assertThat(Trees.hashes(tmp.resolve("u"))).isNotEmpty().isEqualTo(Trees.hashes(tmp.resolve("l")));
        assertThat(upper.out())
                .isEqualTo(lower.out()
                        .replace(tmp.resolve("l").toString(), tmp.resolve("u").toString()));
    }

    @Test
    void strictFailsWhenATargetCannotExpressAnEntryAndWritesNothing() {
        Result r = generate(tmp.resolve("o"), "--target", "cisco-asa", "--strict");
        assertThat(r.code()).isEqualTo(6);
        assertThat(r.err())
                .contains("--strict: target cisco-asa cannot express", "this target takes exact hostnames only");
        assertThat(tmp.resolve("o")).doesNotExist();
        assertThat(generate(tmp.resolve("o"), "--target", "csv", "--strict").code())
                .isZero();
    }

    @Test
    void notExpressedEntriesAreListedInTheOutputAndTheFile() throws Exception {
        Result r = generate(tmp.resolve("o"), "--target", "edl");
        assertThat(r.out())
                .contains(
                        "Not expressed",
                        "edl  allow  *excel.officeapps.live.com  this target takes '*' only as a whole label");
        assertThat(Files.readString(tmp.resolve("o/edl/o365-allow-url.txt")))
                .contains("# not expressed: *excel.officeapps.live.com: this target takes '*' only as a whole label")
                .doesNotContain("\n*excel.officeapps.live.com\n");
    }

    @Test
    void optionsAreCheckedAgainstTheTargetsDeclaration() {
        assertThat(generate(tmp.resolve("o"), "--target", "nftables", "--option", "nftables.table=fw; flush ruleset")
                        .err())
                .contains("option table of target nftables: 'fw; flush ruleset' is not valid");
        assertThat(generate(tmp.resolve("o"), "--target", "nftables", "--option", "nftables.colour=red")
                        .code())
                .isEqualTo(2);
        assertThat(generate(tmp.resolve("o"), "--target", "nftables", "--option", "pacc.type=2")
                        .err())
                .contains("--option pacc.*: unknown target 'pacc'; known targets: ");
        Result pac =
                cli.run("generate", "--store", store, "--out", tmp.resolve("o").toString(), "--target", "pac");
        assertThat(pac.code()).isEqualTo(2);
        assertThat(pac.err())
                .contains("target pac needs --option pac.proxy=...")
                .doesNotContain("--option proxy=");
        // the form the message gives is the one that works
        Result given = cli.run(
                "generate",
                "--store",
                store,
                "--out",
                tmp.resolve("q").toString(),
                "--target",
                "pac",
                "--option",
                "pac.proxy=PROXY proxy.contoso.com:8080");
        assertThat(given.code()).as(given.toString()).isZero();
        Path out = tmp.resolve("p");
        Result placeholder = cli.run(
                "generate",
                "--store",
                store,
                "--out",
                out.toString(),
                "--target",
                "pac",
                "--option",
                "pac.proxy=PROXY proxy.example.com:8080");
        assertThat(placeholder.code())
                .as("the config file's rule: " + placeholder)
                .isEqualTo(2);
        assertThat(placeholder.err()).contains("--option pac.proxy=", "names proxy.example.com, a placeholder");
        assertThat(out).doesNotExist();
    }

    @Test
    void theSelectionNarrowsWhatIsWritten() throws Exception {
        Result r = generate(
                tmp.resolve("o"), "--target", "csv", "--service", "skype", "--category", "optimize", "--ipv4-only");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(tmp.resolve("o/csv/o365-entries.csv"))).isEqualTo("""
                group,category,type,value,tcpPorts,udpPorts,endpointSets
                optimize-1,Optimize,IPv4,13.107.64.0/18,"","3478-3481","11"
                optimize-1,Optimize,IPv4,52.112.0.0/14,"","3478-3481","11"
                """);
        Result all = generate(tmp.resolve("p"), "--target", "csv", "--category", "all", "--required-only");
        // set 78 is an optional Default set
        assertThat(Files.readString(tmp.resolve("p/csv/o365-entries.csv")))
                .contains(",Default,")
                .doesNotContain(",78\"", "\"78\"", ",78,");
        assertThat(all.code()).isZero();
        assertThat(generate(tmp.resolve("q"), "--ipv4-only", "--ipv6-only").code())
                .isEqualTo(2);
    }

    @Test
    void aTenantIsSubstitutedOfflineIntoTheDocumentedPatternsAndSaid() throws Exception {
        Result r = generate(tmp.resolve("o"), "--target", "proxy-bypass", "--tenant", "contoso");
        assertThat(r.out())
                .contains(
                        "Note: tenant contoso substituted by o365watch (not by the service) into *-my.sharepoint.com, *.sharepoint.com");
        String list = Files.readString(tmp.resolve("o/proxy-bypass/o365-proxy-bypass.txt"));
        assertThat(list)
                .contains("contoso.sharepoint.com", "contoso-my.sharepoint.com")
                .doesNotContain("*.sharepoint.com");
        assertThat(Files.readString(tmp.resolve("o/proxy-bypass/README.txt")))
                .contains("tenant contoso substituted by o365watch");
        assertThat(generate(tmp.resolve("o"), "--tenant", "con;toso").code()).isEqualTo(2);
    }

    @Test
    void maxEntriesSummarisesWithinTheBudgetAndSaysHowMuchItAdmits() throws Exception {
        Result r = generate(tmp.resolve("o"), "--target", "edl", "--max-entries", "60");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains(
                        "Summarised (at most 60 prefixes per object and family, at most 1% more addresses than listed,"
                                + " none broader than /8 (IPv4) or /16 (IPv6)), as each file's header says:")
                .containsPattern(
                        "edl +o365-allow-ipv6\\.txt +IPv6: 60 prefixes instead of 64, about [0-9,.]+ more /64s \\(.*%\\)");
        List<String> v6 = Files.readString(tmp.resolve("o/edl/o365-allow-ipv6.txt"))
                .lines()
                .filter(l -> !l.startsWith("#"))
                .toList();
        assertThat(v6).hasSize(60);
        assertThat(Files.readString(tmp.resolve("o/edl/o365-allow-ipv6.txt")))
                .contains("# Summarised, IPv6: 60 prefixes instead of 64, ");
        // 59 IPv4 prefixes fit as they are
        assertThat(Files.readString(tmp.resolve("o/edl/o365-allow-ipv4.txt"))).doesNotContain("Summarised");
        assertThat(generate(tmp.resolve("o"), "--max-entries", "-1").code()).isEqualTo(2);
    }

    @Test
    void localOverridesAddAndExcludeWithTheirComments() throws Exception {
        Path file = Files.writeString(tmp.resolve("overrides.yaml"), """
                add:
                  - entry: 10.20.0.0/16
                    comment: branch breakout to the SD-WAN hub
                    category: Optimize
                    tcpPorts: "443"
                  - entry: files.contoso-partner.com
                    comment: partner file share used from Teams
                exclude:
                  - entry: 52.112.0.0/16
                    comment: carried over ExpressRoute
                  - entry: "*.lync.com"
                    comment: Skype for Business is retired here
                """);
        Result r = generate(tmp.resolve("o"), "--target", "csv", "--overrides", file.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains(
                        "2 local additions from the overrides file",
                        "2 local exclusions from the overrides file: 4 prefix entries cut, 1 hostname dropped");
        String csv = Files.readString(tmp.resolve("o/csv/o365-entries.csv"));
        assertThat(csv)
                .contains(
                        "Optimize,IPv4,10.20.0.0/16,\"443\"",
                        "Allow,URL,files.contoso-partner.com,\"80,443\"",
                        "52.113.0.0/16",
                        "52.114.0.0/15")
                .doesNotContain("52.112.0.0/14", "*.lync.com");
    }

    @Test
    void aBadOverridesFileIsAUsageErrorNamingTheKeyAndLine() throws Exception {
        Path unknown = Files.writeString(
                tmp.resolve("o1.yaml"), "add:\n  - entry: 10.0.0.0/8\n    comment: x\n    colour: red\n");
        Result r = generate(tmp.resolve("o"), "--overrides", unknown.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 4", "colour");
        Path noComment = Files.writeString(tmp.resolve("o2.yaml"), "exclude:\n  - entry: 10.0.0.0/8\n");
        assertThat(generate(tmp.resolve("o"), "--overrides", noComment.toString())
                        .err())
                .contains("o2.yaml, line 2: exclude[1]: every override needs a 'comment' that says why");
        Path bad = Files.writeString(tmp.resolve("o3.yaml"), "add:\n  - entry: 10.0.0.1/8\n    comment: typo\n");
        assertThat(generate(tmp.resolve("o"), "--overrides", bad.toString()).err())
                .contains("host bits");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    /**
     * The overrides file gets the config file's strictness: YAML would keep the last of two keys and
     * ignore a second document, so an exclusion written twice or after "---" would be dropped in silence.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '^',
            value = {
                "a duplicated entry key | exclude:\\n  - entry: 52.112.0.0/14\\n    entry: 13.107.64.0/18\\n    comment: two in one | line 3: Duplicate field 'entry'",
                "a repeated exclude section | exclude:\\n  - entry: 52.112.0.0/14\\n    comment: one\\nexclude:\\n  - entry: 13.107.64.0/18\\n    comment: two"
                        + " | line 4: Duplicate field 'exclude'",
                "a second document | exclude:\\n  - entry: 52.112.0.0/14\\n    comment: one\\n---\\nexclude:\\n  - entry: 13.107.64.0/18\\n    comment: two"
                        + " | line 5: a second YAML document ('---'); o365watch reads one",
                "a null item | exclude:\\n  - entry: 52.112.0.0/14\\n    comment: one\\n  - null | line 4: exclude[2]: expected a mapping",
                "an unknown section | exclude:\\n  - entry: 52.112.0.0/14\\n    comment: one\\nexlcude:\\n  - entry: 13.107.64.0/18\\n    comment: two"
                        + " | line 4: exlcude: unknown key 'exlcude' (known: add, exclude)",
                "a null comment | add:\\n  - entry: 10.20.0.0/16\\n    comment: ~ | line 2: add[1]: every override needs a 'comment'"
            })
    void anOverridesFileIsReadAsStrictlyAsTheConfigFile(String what, String yaml, String message) throws Exception {
        Path file = Files.writeString(tmp.resolve("overrides.yaml"), yaml.replace("\\n", "\n"));
        Result r = generate(tmp.resolve("o"), "--target", "csv", "--overrides", file.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("o365watch: overrides file " + file + ", ")
                .contains(message);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void userTemplatesOverrideBundledFilesAndAddTargets() throws Exception {
        Path dir = tmp.resolve("templates");
        Files.createDirectories(dir.resolve("edl"));
        Files.writeString(
                dir.resolve("edl/ipv4.mustache"), "{{#group.ipv4}}\n{{network}} {{netmask}}\n{{/group.ipv4}}\n");
        Files.createDirectories(dir.resolve("mikrotik"));
        Files.writeString(dir.resolve("mikrotik/target.properties"), """
                id=mikrotik
                description=RouterOS address lists
                output.1=o365.rsc rsc.mustache all
                hostnames=none
                """);
        Files.writeString(
                dir.resolve("mikrotik/rsc.mustache"),
                "{{#categories}}\n{{#ipv4}}\n/ip firewall address-list add list=o365-{{categoryLower}} address={{prefix}}\n{{/ipv4}}\n{{/categories}}\n");

        Result r = generate(tmp.resolve("o"), "--target", "edl", "--target", "mikrotik", "--templates", dir.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(tmp.resolve("o/edl/o365-optimize-ipv4.txt")))
                .startsWith("13.107.6.152 255.255.255.254\n");
        assertThat(Files.readString(tmp.resolve("o/edl/o365-optimize-url.txt"))).startsWith("# Generated by o365watch");
        assertThat(Files.readString(tmp.resolve("o/mikrotik/o365.rsc")))
                .startsWith("/ip firewall address-list add list=o365-optimize address=13.107.6.152/31\n");
        assertThat(cli.run("targets", "--templates", dir.toString()).out())
                .contains("mikrotik: RouterOS address lists");
    }

    @Test
    void aTemplateUsingAMissingVariableOrLeavingItsDirectoryIsExitSix() throws Exception {
        Path dir = tmp.resolve("templates");
        Files.createDirectories(dir.resolve("edl"));
        Files.writeString(dir.resolve("edl/ipv4.mustache"), "{{#group.ipv4}}{{prefx}}\n{{/group.ipv4}}");
        Result missing = generate(tmp.resolve("o"), "--target", "edl", "--templates", dir.toString());
        assertThat(missing.code()).isEqualTo(6);
        assertThat(missing.err())
                .contains("template edl/ipv4.mustache uses 'prefx', which the view model does not have");

        Path outside = Files.writeString(tmp.resolve("secret.txt"), "not a template");
        Files.delete(dir.resolve("edl/ipv4.mustache"));
        Files.createSymbolicLink(dir.resolve("edl/ipv4.mustache"), outside);
        Result link = generate(tmp.resolve("o"), "--target", "edl", "--templates", dir.toString());
        assertThat(link.code()).isEqualTo(6);
        assertThat(link.err()).contains("leads outside");

        Files.createDirectories(dir.resolve("evil"));
        Files.writeString(dir.resolve("evil/target.properties"), "id=evil\noutput.1=../../escape.txt x.mustache all\n");
        Result dots = generate(tmp.resolve("o"), "--target", "evil", "--templates", dir.toString());
        assertThat(dots.code()).isEqualTo(6);
        assertThat(dots.err()).contains("output.1 must be 'FILE TEMPLATE all|category'");
        Files.writeString(dir.resolve("evil/target.properties"), "id=evil\noutput.1=out.txt x.mustache all\n");
        Files.writeString(dir.resolve("evil/x.mustache"), "{{> ../../secret.txt}}");
        Result partial = generate(tmp.resolve("o"), "--target", "evil", "--templates", dir.toString());
        assertThat(partial.code()).isEqualTo(6);
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    /**
     * A site sync manages: generated is a link to the live release that devices poll. generate
     * --out there (or anywhere under it, or in a release directly) would write into that release
     * behind sync's back and the lock's; it is refused, naming the link, and nothing changes.
     */
    @Test
    void generateIntoTheReleaseSyncPublishesIsRefusedNamingTheLink() throws Exception {
        Path site = tmp.resolve("site");
        Files.createDirectories(site);
        Path config =
                Files.writeString(site.resolve("o365watch.yaml"), "store: " + store + "\ntargets:\n  - name: edl\n");
        Result sync = cli.run("sync", "--config", config.toString(), "--offline");
        assertThat(sync.code()).as(sync.toString()).isZero();
        Path link = site.resolve("generated");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        java.util.Map<String, String> before = Trees.hashes(site);

        for (Path out : List.of(
                link,
                link.resolve("worldwide"),
                link.toRealPath(),
                link.toRealPath().resolve("edl"))) {
            Result r = generate(out, "--target", "pac");

            assertThat(r.code()).as(out + "\n" + r).isEqualTo(2);
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.err()).contains("--out " + out + ": ").contains(link + " is the output sync publishes");
            assertThat(Trees.hashes(site)).as("nothing written through " + out).isEqualTo(before);
        }
        // beside it is fine
        Result beside = generate(site.resolve("by-hand"), "--target", "pac");
        assertThat(beside.code()).as(beside.toString()).isZero();
    }
}
