package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.Item;
import io.github.o365watch.render.Selected;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.Selector;
import io.github.o365watch.render.TargetSpec;
import io.github.o365watch.render.mustache.MustacheTemplates;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.Golden;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * verify through the real CLI on the shipped Worldwide 2019112700: every target's real output
 * read back, a deployed list that lost a Teams media prefix and kept a stale one, and
 * hand-written Cisco ASA, FortiGate and plain-text configs.
 */
class VerifyTest {
    static final String VERSION = "2019112700";

    @TempDir
    Path dir;

    TestCli cli;
    Path store;

    @BeforeEach
    void setUp() throws IOException {
        cli = new TestCli(dir.resolve("machine"));
        store = dir.resolve("snapshots");
        ConfigTest.copyShippedSnapshots(store);
    }

    Result verify(String... args) {
        List<String> all = new ArrayList<>(List.of("verify", "--store", store.toString(), "--version", VERSION));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    /** {@code generate} of the shipped store's {@link #VERSION} into {@code out}, with the given options. */
    Result generate(Path out, String... args) {
        List<String> all = new ArrayList<>(
                List.of("generate", "--store", store.toString(), "--version", VERSION, "--out", out.toString()));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    JsonNode verifyJson(List<String> args) throws IOException {
        List<String> all = new ArrayList<>(args);
        all.add("--json");
        Result r = verify(all.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isIn(0, 1);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(r.code())
                .as("exit code follows 'complete'")
                .isEqualTo(j.path("complete").asBoolean() ? 0 : 1);
        return j;
    }

    /** Deployed files live under a fixed relative path, so that reports naming them are the same on every machine. */
    static final Path DEPLOYED = Path.of("target", "verify-configs");

    static Path write(String name, String content) throws IOException {
        Files.createDirectories(DEPLOYED);
        return Files.writeString(DEPLOYED.resolve(name), content);
    }

    static List<String> targets() {
        return Fixtures.text("rules-templates/targets.txt")
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
    }

    static Set<String> texts(JsonNode array, String field) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    // ---------------------------------------------------------------- every target read back

    /**
     * Each target's real output, verified against the selection it was generated from: nothing
     * extra, no problems, nothing missing, exit 0; what the target cannot express (its families
     * and host forms, from its target.properties) is listed as not expressible, each family and
     * name with the format's reason; what it expresses is covered in full. (nftables, iptables,
     * checkpoint, the device CLIs, dnsmasq and the PAC file exited 1 for what they cannot hold.)
     * The PAC file sends only Optimize names DIRECT, so it is generated and verified for Optimize.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyTargetsOutputVerifiesBackAgainstItsSelection(String target) throws IOException {
        List<String> selection = target.equals("pac") ? List.of("--category", "optimize") : List.of();
        Path out = dir.resolve("out");
        List<String> gen = new ArrayList<>(List.of(
                "generate",
                "--store",
                store.toString(),
                "--version",
                VERSION,
                "--out",
                out.toString(),
                "--target",
                target,
                "--option",
                "pac.proxy=PROXY proxy.contoso.com:8080"));
        gen.addAll(selection);
        Result g = cli.run(gen.toArray(String[]::new));
        assertThat(g.code()).as(g.toString()).isZero();
        List<String> args = new ArrayList<>(selection);
        args.add("--against");
        try (Stream<Path> files = Files.list(out.resolve(target))) {
            // README.txt explains the files; it is not deployed
            files.filter(f -> !f.getFileName().toString().equals("README.txt"))
                    .sorted()
                    .forEach(f -> args.add(f.toString()));
        }

        JsonNode j = verifyJson(args);

        TargetSpec spec = TargetSpec.parse(target, new MustacheTemplates(Optional.empty()).properties(target));
        Selected selected = Selector.select(
                Fixtures.snapshot("Worldwide", VERSION),
                target.equals("pac")
                        ? new Selection(
                                new io.github.o365watch.domain.SetFilter(Set.of(), Set.of(Category.OPTIMIZE), false),
                                io.github.o365watch.render.Families.BOTH,
                                Optional.empty(),
                                io.github.o365watch.render.Overrides.NONE)
                        : Selection.defaults(),
                false);
        // missing: the names the target refuses, unless a name it writes covers them (a written
        // *.sharepoint.com permits *-my.sharepoint.com)
        Set<HostPattern> refused = new TreeSet<>();
        Set<HostPattern> written = new TreeSet<>();
        boolean anyIpv4 = false;
        boolean anyIpv6 = false;
        for (Item i : selected.items()) {
            if (i.entry() instanceof Entry.Host h) {
                (spec.hosts().refuse(h.host()) != null ? refused : written).add(h.host());
            } else if (i.entry() instanceof Entry.Ip ip) {
                anyIpv4 |= ip.prefix().family().bits() == 32;
                anyIpv6 |= ip.prefix().family().bits() == 128;
            }
        }
        Set<String> unexpressedHosts = new TreeSet<>();
        refused.stream()
                .filter(h -> written.stream().noneMatch(w -> w.covers(h)))
                .forEach(h -> unexpressedHosts.add(h.pattern()));
        assertThat(anyIpv4 && anyIpv6).isTrue();

        assertThat(j.path("extra")).as("extra").isEmpty();
        j.path("files").forEach(f -> {
            assertThat(f.path("format").asText())
                    .as("recognised format of %s", f.path("file"))
                    .isEqualTo(target);
            assertThat(f.get("problems")).as("problems in %s", f.path("file")).isEmpty();
        });
        assertThat(j.path("missing")).as("missing").isEmpty();
        assertThat(j.path("complete").asBoolean()).isTrue();
        Set<String> notExpressibleHosts = new TreeSet<>();
        Set<String> notExpressibleFamilies = new TreeSet<>();
        Set<String> reasons = new TreeSet<>();
        j.path("notExpressible").forEach(n -> {
            if (n.path("kind").asText().equals("hostname")) {
                notExpressibleHosts.add(n.path("entry").asText());
            } else {
                notExpressibleFamilies.add(n.path("entry").asText().contains(":") ? "IPv6" : "IPv4");
            }
            reasons.add(n.path("reason").asText());
        });
        assertThat(notExpressibleHosts).isEqualTo(unexpressedHosts);
        Set<String> unexpressedFamilies = new TreeSet<>();
        if (!spec.ipv4()) {
            unexpressedFamilies.add("IPv4");
        }
        if (!spec.ipv6()) {
            unexpressedFamilies.add("IPv6");
        }
        assertThat(notExpressibleFamilies).isEqualTo(unexpressedFamilies);
        assertThat(reasons).allSatisfy(why -> assertThat(why).startsWith(target + ": this target takes "));
        j.path("files").forEach(f -> {
            assertThat(f.path("holds").path("ipv4").asBoolean()).isEqualTo(spec.ipv4());
            assertThat(f.path("holds").path("ipv6").asBoolean()).isEqualTo(spec.ipv6());
            assertThat(f.path("holds").path("hostnames").asText())
                    .isEqualTo(spec.hosts().name().toLowerCase(java.util.Locale.ROOT));
        });
        int hostsNotExpressible = 0;
        for (JsonNode c : j.path("coverage")) {
            assertThat(c.path("ipv4Expressible").asBoolean()).isEqualTo(spec.ipv4());
            assertThat(c.path("ipv6Expressible").asBoolean()).isEqualTo(spec.ipv6());
            assertThat(c.path("ipv4Covered").asText())
                    .isEqualTo(spec.ipv4() ? c.path("ipv4Addresses").asText() : "0");
            assertThat(c.path("ipv6Covered").asText())
                    .isEqualTo(spec.ipv6() ? c.path("ipv6Addresses").asText() : "0");
            // every name the format can hold is covered
            assertThat(c.path("hostnamesCovered").asInt()
                            + c.path("hostnamesNotExpressible").asInt())
                    .isEqualTo(c.path("hostnames").asInt());
            hostsNotExpressible += c.path("hostnamesNotExpressible").asInt();
        }
        assertThat(hostsNotExpressible).isEqualTo(unexpressedHosts.size());
        if (List.of("csv", "json", "squid").contains(target)) {
            // these express everything
            assertThat(j.path("notExpressible")).isEmpty();
            assertThat(j.path("coverage")).hasSize(2);
        }
    }

    /** A FortiGate on FortiOS 6.0 holds wildcards as type wildcard-fqdn: verify finds what it finds in the current form. */
    @Test
    void theFortiOs60WildcardFormVerifiesLikeTheCurrentForm() throws IOException {
        List<JsonNode> results = new ArrayList<>();
        for (String type : List.of("fqdn", "wildcard-fqdn")) {
            Path out = dir.resolve("out-" + type);
            Result g = generate(out, "--target", "fortigate", "--option", "fortigate.wildcardtype=" + type);
            assertThat(g.code()).as(g.toString()).isZero();
            String config = Files.readString(out.resolve("fortigate/o365watch-fortios.conf"));
            assertThat(config).contains("        set type " + type + "\n        set " + type + " \"*.lync.com\"");
            results.add(verifyJson(List.of(
                    "--against", write("fortigate-" + type + ".conf", config).toString())));
        }
        JsonNode current = results.get(0);
        JsonNode old = results.get(1);
        assertThat(old.path("files").get(0).path("problems")).isEmpty();
        assertThat(old.path("extra")).isEmpty();
        assertThat(old.path("missing")).isEqualTo(current.path("missing")).isEmpty();
        assertThat(old.path("notExpressible")).isEqualTo(current.path("notExpressible"));
        assertThat(old.path("coverage")).isEqualTo(current.path("coverage"));
        // FortiOS takes a wildcard only as '*.' in front: the glued ones cannot be held in either form
        assertThat(texts(old.path("notExpressible"), "entry"))
                .doesNotContain("*.lync.com", "*.sharepoint.com")
                .contains("*excel.officeapps.live.com");
    }

    // ---------------------------------------------------------------- what a format cannot hold

    /**
     * issue 13: an address-only device's own file (nftables) exited 1, every hostname counted as
     * missing. The names are not expressible in nftables: said apart in text, JSON and JUnit (a
     * skipped case), the hostname coverage says so, and the exit code is 0.
     */
    @Test
    void anAddressOnlyDevicesFileSaysItsHostnamesAreNotExpressibleAndExitsZero() throws IOException {
        Path out = dir.resolve("out");
        Result g = generate(out, "--target", "nftables", "--category", "optimize");
        assertThat(g.code()).as(g.toString()).isZero();
        Path nft = write("fw1.nft", Files.readString(out.resolve("nftables/o365watch.nft")));

        Result text = verify("--against", nft.toString(), "--category", "optimize");
        Result json = verify("--against", nft.toString(), "--category", "optimize", "--json");
        Result junit = verify("--against", nft.toString(), "--category", "optimize", "--format", "junit");

        assertThat(text.code()).as(text.toString()).isZero();
        assertThat(text.out())
                .containsPattern("fw1\\.nft +nftables +IPv4, IPv6 +\\d+ +0 +0")
                .containsPattern("Optimize +100% +100% +not expressible \\(4\\)")
                .contains("Missing: nothing; every selected entry the files' formats can hold is permitted.")
                .contains(
                        "Not expressible in these formats (4): selected, but no file's format can hold them; not counted as missing")
                .containsPattern("4 hostnames +Optimize +nftables: this target takes no hostnames");
        Golden.assertMatches("verify/nftables.txt", text.out());

        assertThat(json.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.path("complete").asBoolean()).isTrue();
        assertThat(j.path("missing")).isEmpty();
        assertThat(texts(j.path("notExpressible"), "entry"))
                .containsExactly(
                        "*-my.sharepoint.com", "*.sharepoint.com", "outlook.office.com", "outlook.office365.com");
        assertThat(j.path("notExpressible")
                        .get(0)
                        .path("from")
                        .get(0)
                        .path("set")
                        .asInt())
                .isEqualTo(31);
        JsonNode optimize = j.path("coverage").get(0);
        assertThat(optimize.path("hostnamesNotExpressible").asInt()).isEqualTo(4);
        assertThat(optimize.path("hostnamesCovered").asInt()).isZero();
        assertThat(optimize.path("ipv4Covered").asText())
                .isEqualTo(optimize.path("ipv4Addresses").asText());
        Golden.assertMatches("verify/nftables.json", json.out());

        assertThat(junit.code()).isZero();
        Document x = parseXml(junit.out());
        assertThat(x.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(x.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
        assertThat(x.getElementsByTagName("skipped")
                        .item(0)
                        .getAttributes()
                        .getNamedItem("message")
                        .getTextContent())
                .isEqualTo("4 selected entries no file's format can hold; not counted as missing");
        Golden.assertMatches("verify/nftables.junit.xml", junit.out());
    }

    /** One device's set: an nftables file and the dnsmasq lines that fill its sets hold addresses and names together. */
    @Test
    void filesOfSeveralFormatsHoldWhatAnyOfThemHolds() throws IOException {
        Path out = dir.resolve("out");
        Result g = generate(out, "--target", "nftables", "--target", "dnsmasq", "--category", "optimize");
        assertThat(g.code()).as(g.toString()).isZero();

        JsonNode j = verifyJson(List.of(
                "--against",
                out.resolve("nftables/o365watch.nft").toString(),
                out.resolve("dnsmasq/o365watch-nftset.conf").toString(),
                "--category",
                "optimize"));

        assertThat(j.path("complete").asBoolean()).isTrue();
        // dnsmasq's /sharepoint.com/ admits *-my.sharepoint.com, which no format here can write
        assertThat(j.path("notExpressible")).isEmpty();
        assertThat(j.path("coverage").get(0).path("hostnamesCovered").asInt()).isEqualTo(4);

        // with the names' file missing, a name is missing only where a format holds names: here none does
        JsonNode alone = verifyJson(List.of(
                "--against",
                out.resolve("dnsmasq/o365watch-nftset.conf").toString(),
                "--category",
                "optimize",
                "--service",
                "Exchange"));
        assertThat(texts(alone.path("notExpressible"), "reason"))
                .containsExactly("dnsmasq: this target takes no IPv4", "dnsmasq: this target takes no IPv6");
        assertThat(alone.path("missing")).isEmpty();
    }

    /** An ASA, iptables or router dump kept as text: --addresses-only leaves its hostnames (and the selection's) out. */
    static final String ADDRESS_DUMP = """
            fw01.corp.contoso.com# show object-group O365-EXO
            Members of O365-EXO (exported by backup.contoso.com):
              13.107.6.152/31 13.107.18.10/31 13.107.128.0/22 23.103.160.0/20 40.96.0.0/13 40.104.0.0/15
              52.96.0.0/14 131.253.33.215/32 132.245.0.0/16 150.171.32.0/22 191.234.140.0/22 204.79.197.215/32
            """;

    @Test
    void addressesOnlySaysAPlainTextDumpHoldsNoHostnames() throws IOException {
        Path f = write("exo-dump.txt", ADDRESS_DUMP);
        List<String> selection = List.of("--category", "optimize", "--service", "Exchange", "--ipv4-only");

        JsonNode asText = verifyJson(concat(List.of("--against", f.toString()), selection));
        JsonNode addressesOnly = verifyJson(concat(List.of("--against", f.toString(), "--addresses-only"), selection));

        // read as text, the dump's own host names are entries, and Microsoft's names are missing
        assertThat(asText.path("complete").asBoolean()).isFalse();
        assertThat(texts(asText.path("missing"), "entry"))
                .containsExactly("outlook.office.com", "outlook.office365.com");
        assertThat(texts(asText.path("extra"), "entry")).containsExactly("backup.contoso.com", "fw01.corp.contoso.com");
        // said so, they are not read and the selected names are not expressible
        assertThat(addressesOnly.path("complete").asBoolean()).isTrue();
        assertThat(addressesOnly.path("extra")).isEmpty();
        assertThat(texts(addressesOnly.path("notExpressible"), "entry"))
                .containsExactly("outlook.office.com", "outlook.office365.com");
        assertThat(texts(addressesOnly.path("notExpressible"), "reason")).containsExactly("--addresses-only");
        assertThat(addressesOnly.path("files").get(0).path("holds").path("only").asText())
                .isEqualTo("addresses");
        assertThat(addressesOnly.path("files").get(0).path("hostnames").asInt())
                .as("as read")
                .isEqualTo(2);
    }

    /** A hand-written PAC file sends the office network direct by address: it holds addresses, unless --hostnames-only says not to compare them. */
    static final String PAC = """
            function FindProxyForURL(url, host) {
                if (isInNet(dnsResolve(host), "10.0.0.0", "255.0.0.0")) {
                    return "DIRECT";
                }
                if (shExpMatch(host, "outlook.office.com") || shExpMatch(host, "outlook.office365.com")
                        || shExpMatch(host, "*.sharepoint.com")) {
                    return "DIRECT";
                }
                return "PROXY proxy.contoso.com:8080";
            }
            """;

    @Test
    void aFileHoldsWhatItListsAndHostnamesOnlySaysOtherwise() throws IOException {
        Path f = write("proxy.pac", PAC);

        JsonNode asWritten = verifyJson(List.of("--against", f.toString(), "--category", "optimize"));
        JsonNode hostnamesOnly =
                verifyJson(List.of("--against", f.toString(), "--category", "optimize", "--hostnames-only"));

        // the PAC target writes no addresses, but this file lists some: IPv4 is compared (and missing), IPv6 is not
        // expressible
        assertThat(asWritten.path("files").get(0).path("format").asText()).isEqualTo("pac");
        assertThat(asWritten.path("complete").asBoolean()).isFalse();
        assertThat(texts(asWritten.path("missing"), "entry"))
                .contains("52.112.0.0/14")
                .noneMatch(e -> e.contains(":") || e.contains("outlook"));
        assertThat(texts(asWritten.path("notExpressible"), "reason")).containsExactly("pac: this target takes no IPv6");
        assertThat(texts(asWritten.path("extra"), "entry")).containsExactly("10.0.0.0 255.0.0.0");
        assertThat(hostnamesOnly.path("complete").asBoolean()).isTrue();
        assertThat(hostnamesOnly.path("extra")).isEmpty();
        assertThat(texts(hostnamesOnly.path("notExpressible"), "reason")).containsExactly("--hostnames-only");
        assertThat(hostnamesOnly
                        .path("coverage")
                        .get(0)
                        .path("hostnamesCovered")
                        .asInt())
                .isEqualTo(4);
    }

    @Test
    void whatCannotBeComparedIsAUsageErrorNotAPass() throws IOException {
        Path pac = write("proxy.pac", PAC);
        Path nft = write(
                "addresses.nft",
                "table inet filter {\n  set o365 {\n    type ipv4_addr\n    flags interval\n    elements = { 52.112.0.0/14 }\n  }\n}\n");

        Result both = verify("--against", pac.toString(), "--addresses-only", "--hostnames-only");
        Result noNames = verify("--against", nft.toString(), "--hostnames-only", "--category", "optimize");
        // Skype's Optimize set lists addresses only, and a PAC file --hostnames-only holds none
        Result nothing =
                verify("--against", pac.toString(), "--hostnames-only", "--category", "optimize", "--service", "Skype");

        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--addresses-only and --hostnames-only exclude each other");
        assertThat(noNames.code()).as(noNames.toString()).isEqualTo(2);
        assertThat(noNames.err().lines()).hasSize(1);
        assertThat(noNames.err())
                .contains(nft + ": no hostname read as nftables (--hostnames-only leaves out the 1 address in it)");
        assertThat(nothing.code()).as(nothing.toString()).isEqualTo(2);
        assertThat(nothing.out()).isEmpty();
        assertThat(nothing.err())
                .contains("nothing selected can be held by " + pac
                        + " (pac: hostnames (--hostnames-only)), so nothing was compared");
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    // ---------------------------------------------------------------- a list with a gap and a leftover

    /**
     * A device's EDL Optimize lists as generated: the URL list unchanged, the IPv4 list without
     * Teams media's 52.112.0.0/14 and with a stale prefix.
     */
    String[] edlWithGapAndLeftover() throws IOException {
        Path out = dir.resolve("out");
        Result g = generate(out, "--target", "edl", "--category", "optimize");
        assertThat(g.code()).as(g.toString()).isZero();
        String list = Files.readString(out.resolve("edl/o365-optimize-ipv4.txt"));
        assertThat(list).contains("\n52.112.0.0/14\n");
        Path ipv4 = write("fw1-o365-optimize-ipv4.txt", list.replace("\n52.112.0.0/14\n", "\n198.51.100.0/24\n"));
        Path urls = write("fw1-o365-optimize-url.txt", Files.readString(out.resolve("edl/o365-optimize-url.txt")));
        return new String[] {ipv4.toString(), urls.toString()};
    }

    @Test
    void aMissingTeamsMediaPrefixAndAStalePrefixAreBothFound() throws IOException {
        String[] edl = edlWithGapAndLeftover();

        Result r = verify("--against", edl[0], edl[1], "--category", "optimize", "--ipv4-only");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out())
                .contains("  fw1-o365-optimize-ipv4.txt", " edl ")
                .contains("Missing (1): selected, not permitted by the files")
                .containsPattern("52\\.112\\.0\\.0/14 +Optimize +set 11 Skype UDP 3478-3481")
                .contains("Extra (1): listed in the files, in no current endpoint set")
                .containsPattern(
                        "fw1-o365-optimize-ipv4\\.txt:\\d+ +198\\.51\\.100\\.0/24 +no endpoint set holds these addresses")
                // 2^18 of the 2^18 + 2^14 + ... Optimize IPv4 addresses are missing: shown rounded down
                .containsPattern("Optimize +\\d{1,2}\\.\\d% +- +100% \\(4 of 4\\)");
        Golden.assertMatches("verify/gap.txt", r.out());

        Result json = verify("--against", edl[0], edl[1], "--category", "optimize", "--ipv4-only", "--json");
        assertThat(json.code()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.path("complete").asBoolean()).isFalse();
        assertThat(j.path("missing")).hasSize(1);
        assertThat(j.path("missing").get(0).path("from").get(0).path("ports").asText())
                .isEqualTo("UDP 3478-3481");
        assertThat(j.path("extra").get(0).path("entry").asText()).isEqualTo("198.51.100.0/24");
        JsonNode optimize = j.path("coverage").get(0);
        assertThat(new java.math.BigInteger(optimize.path("ipv4Addresses").asText())
                        .subtract(new java.math.BigInteger(
                                optimize.path("ipv4Covered").asText())))
                .isEqualTo(java.math.BigInteger.ONE.shiftLeft(18));
        Golden.assertMatches("verify/gap.json", json.out());

        Result junit =
                verify("--against", edl[0], edl[1], "--category", "optimize", "--ipv4-only", "--format", "junit");
        assertThat(junit.code()).isEqualTo(1);
        Document x = parseXml(junit.out());
        assertThat(x.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(x.getElementsByTagName("failure").item(0).getTextContent()).contains("52.112.0.0/14");
        Golden.assertMatches("verify/gap.junit.xml", junit.out());
    }

    static Document parseXml(String xml) {
        try {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    @Test
    void theSelectionComesFromTheConfigFile() throws IOException {
        String[] edl = edlWithGapAndLeftover();
        Path config = dir.resolve("o365watch.yaml");
        Files.writeString(config, """
                store: snapshots
                selection:
                  categories: [Optimize]
                  families: ipv4
                targets:
                  - name: edl
                """);

        Result r = cli.run("verify", "--config", config.toString(), "--version", VERSION, "--against", edl[0], edl[1]);

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out())
                .contains("(selection from " + config + ")")
                .containsPattern("52\\.112\\.0\\.0/14 +Optimize");
        // the config's selection is Optimize only: Allow does not appear
        assertThat(r.out()).doesNotContain("Allow");

        // an option replaces the config file's key of the same meaning; the others still come from the file (IPv4 only)
        Result allow = cli.run(
                "verify",
                "--config",
                config.toString(),
                "--category",
                "allow",
                "--version",
                VERSION,
                "--against",
                edl[0],
                edl[1]);
        assertThat(allow.code()).as(allow.toString()).isEqualTo(1);
        assertThat(allow.out())
                .contains("(selection from " + config + " and the options)")
                .containsPattern("\n  Allow +[\\d.]+% +- ")
                .doesNotContainPattern("\n  Optimize +[\\d.]+%");
    }

    // ---------------------------------------------------------------- hand-written configs

    /** A Cisco ASA running-config as an engineer keeps it: masks, host objects, a range, FQDN objects, names, remarks. */
    static final String ASA = """
            : Saved
            ASA Version 9.16(4)
            !
            hostname fw-edge
            name 131.253.33.215 exo-single description Exchange single address
            object network EXO-FQDN-1
             fqdn outlook.office.com
            object network SPO-RANGE
             range 13.107.136.0 13.107.139.255
            object network OLD-CDN
             subnet 203.0.113.0 255.255.255.0
             description left over from 2017, 10.9.9.9 is not an entry
            object-group network O365-OPTIMIZE
             description Teams media 52.112.0.0/14 and Exchange
             network-object 13.107.64.0 255.255.192.0
             network-object 52.112.0.0 255.252.0.0
             network-object 40.96.0.0 255.248.0.0
             network-object host exo-single
             network-object object EXO-FQDN-1
             network-object object SPO-RANGE
             network-object object OLD-CDN
            access-list O365-OUT remark permit 150.171.40.0/22 later
            access-list O365-OUT extended permit udp any object-group O365-OPTIMIZE range 3478 3481
            access-list O365-OUT extended permit tcp any 52.96.0.0 255.252.0.0 eq https
            access-list O365-OUT extended permit tcp any 40.108.128.0 255.255.128.0 eq https
            """;

    @Test
    void aHandWrittenCiscoAsaConfig() throws IOException {
        JsonNode j = verifyJson(List.of(
                "--against", write("asa-running.txt", ASA).toString(), "--category", "optimize", "--ipv4-only"));

        assertThat(j.path("files").get(0).path("format").asText()).isEqualTo("cisco-asa");
        assertThat(texts(j.path("extra"), "entry")).containsExactly("203.0.113.0 255.255.255.0");
        // listed: 13.107.64.0/18, 52.112.0.0/14, 40.96.0.0/13, 131.253.33.215, SPO's /22, 52.96.0.0/14, 40.108.128.0/17
        assertThat(texts(j.path("missing"), "entry"))
                .containsExactly(
                        "104.146.128.0/17",
                        "13.107.128.0/22",
                        "13.107.18.10/31",
                        "13.107.6.152/31",
                        "132.245.0.0/16",
                        "150.171.32.0/22",
                        "150.171.40.0/22",
                        "191.234.140.0/22",
                        "204.79.197.215/32",
                        "23.103.160.0/20",
                        "40.104.0.0/15",
                        "52.104.0.0/14",
                        "outlook.office365.com");
        // an ASA holds addresses and exact names (FQDN objects), so outlook.office365.com is missing; wildcards it
        // cannot hold
        assertThat(texts(j.path("notExpressible"), "entry")).containsExactly("*-my.sharepoint.com", "*.sharepoint.com");
        assertThat(texts(j.path("notExpressible"), "reason"))
                .containsExactly("cisco-asa: this target takes exact hostnames only");
        JsonNode optimize = j.path("coverage").get(0);
        assertThat(optimize.path("hostnamesCovered").asInt()).isEqualTo(1);
        assertThat(optimize.path("hostnames").asInt()).isEqualTo(4);
        assertThat(optimize.path("hostnamesNotExpressible").asInt()).isEqualTo(2);
    }

    /** FortiOS CLI: subnets with masks, an IPv6 object, an IP range, FQDN and wildcard-FQDN objects, groups and a policy. */
    static final String FORTIGATE = """
            #config-version=FGT60F-7.2.5-FW-build1517-230606:opmode=0:vdom=0
            config firewall address
                edit "MS-Teams-Media-1"
                    set comment "Teams media 52.112.0.0/14"
                    set subnet 52.112.0.0 255.252.0.0
                next
                edit "MS-Teams-Media-2"
                    set subnet 13.107.64.0/18
                next
                edit "EXO-Optimize"
                    set type iprange
                    set start-ip 40.96.0.0
                    set end-ip 40.103.255.255
                next
                edit "outlook.office365.com"
                    set type fqdn
                    set fqdn "outlook.office365.com"
                next
                edit "old-proxy"
                    set subnet 198.51.100.7 255.255.255.255
                next
            end
            config firewall address6
                edit "EXO-v6"
                    set ip6 2603:1006::/40
                next
            end
            config firewall wildcard-fqdn custom
                edit "spo"
                    set wildcard-fqdn "*.sharepoint.com"
                next
            end
            config firewall addrgrp
                edit "O365-Optimize"
                    set member "MS-Teams-Media-1" "MS-Teams-Media-2" "EXO-Optimize" "outlook.office365.com" "old-proxy"
                next
            end
            """;

    @Test
    void aHandWrittenFortiGateConfig() throws IOException {
        JsonNode j = verifyJson(List.of(
                "--against",
                write("fortigate.conf", FORTIGATE).toString(),
                "--category",
                "optimize",
                "--service",
                "Skype",
                "--service",
                "Exchange",
                "--service",
                "SharePoint"));

        assertThat(j.path("files").get(0).path("format").asText()).isEqualTo("fortigate");
        assertThat(j.path("files").get(0).get("problems")).isEmpty();
        assertThat(texts(j.path("extra"), "entry")).containsExactly("198.51.100.7 255.255.255.255");
        Set<String> missing = texts(j.path("missing"), "entry");
        // *.sharepoint.com covers *-my.sharepoint.com: both names are one label under sharepoint.com
        assertThat(missing)
                .contains("outlook.office.com", "2603:1016::/36", "40.104.0.0/15", "131.253.33.215/32")
                .doesNotContain(
                        "outlook.office365.com",
                        "*.sharepoint.com",
                        "*-my.sharepoint.com",
                        "52.112.0.0/14",
                        "13.107.64.0/18",
                        "40.96.0.0/13",
                        "2603:1006::/40");
        JsonNode optimize = j.path("coverage").get(0);
        assertThat(optimize.path("hostnamesCovered").asInt()).isEqualTo(3);
        assertThat(optimize.path("hostnames").asInt()).isEqualTo(4);
    }

    /** What a change ticket or wiki page holds: prose, bullets, a range, an address with a mask, a URL. */
    static final String PLAIN = """
            Firewall change FW-2211: Microsoft 365 Optimize (approved 2026-10-02)

            Teams media:  13.107.64.0/18, 52.112.0.0/14 (UDP 3478-3481)
            Exchange:
              - 40.96.0.0/13
              - 52.96.0.0 255.252.0.0
              - 132.245.0.0-132.245.255.255
              - https://outlook.office365.com/owa/
              - outlook.office.com
            SharePoint: *.sharepoint.com
            Old VPN concentrator 192.0.2.10 (to be removed), see wiki.contoso.com
            """;

    @Test
    void aPlainTextListIsReadForEveryPrefixRangeAndHostname() throws IOException {
        Path f = write("fw-2211.txt", PLAIN);
        Result text = verify(
                "--against", f.toString(), "--category", "optimize", "--service", "Skype", "--service", "Exchange");
        assertThat(text.code()).as(text.toString()).isEqualTo(1);
        Golden.assertMatches("verify/plain.txt", text.out());

        JsonNode j = verifyJson(List.of(
                "--against", f.toString(), "--category", "optimize", "--service", "Skype", "--service", "Exchange"));
        assertThat(j.path("files").get(0).path("format").asText()).isEqualTo("text");
        // *.sharepoint.com is outside the selection but Microsoft's: not extra
        assertThat(texts(j.path("extra"), "entry")).containsExactly("192.0.2.10", "wiki.contoso.com");
        Set<String> missing = texts(j.path("missing"), "entry");
        assertThat(missing)
                .doesNotContain(
                        "13.107.64.0/18",
                        "52.112.0.0/14",
                        "40.96.0.0/13",
                        "52.96.0.0/14",
                        "132.245.0.0/16",
                        "outlook.office.com",
                        "outlook.office365.com")
                .contains("40.104.0.0/15", "2603:1006::/40");
    }

    /** FortiOS's built-in "all" objects: every full configuration has them. */
    @Test
    void aCatchAllObjectIsLeftOutRatherThanPermittingEverything() throws IOException {
        String config = FORTIGATE.replace("config firewall address\n", """
                config firewall address
                    edit "all"
                        set subnet 0.0.0.0 0.0.0.0
                    next
                """).replace("config firewall address6\n", """
                config firewall address6
                    edit "all"
                        set ip6 ::/0
                    next
                """);
        JsonNode j = verifyJson(
                List.of("--against", write("fortigate-full.conf", config).toString(), "--category", "optimize"));

        assertThat(j.path("complete").asBoolean()).isFalse();
        assertThat(texts(j.path("extra"), "detail")).contains("matches every address: left out of the comparison");
        assertThat(texts(j.path("extra"), "entry")).contains("0.0.0.0 0.0.0.0", "::/0");
        JsonNode optimize = j.path("coverage").get(0);
        assertThat(optimize.path("ipv4Covered").asText())
                .isNotEqualTo(optimize.path("ipv4Addresses").asText());
        assertThat(optimize.path("ipv6Covered").asText())
                .isNotEqualTo(optimize.path("ipv6Addresses").asText());
    }

    /**
     * Halves of both address spaces and wildcards of public suffixes permit everything, as
     * 0.0.0.0/0 does; they made an empty list 100% complete. Each is a catch-all: extra, left out
     * of the comparison, so everything selected is missing. Microsoft's own *.azureedge.net (a
     * suffix in the list's private section, listed in Default) is neither.
     */
    @Test
    void entriesBroaderThanTheGuardAndWildcardsOfAPublicSuffixAreCatchAlls() throws IOException {
        Path f = write("everything.txt", "0.0.0.0/1\n128.0.0.0/1\n::/1\n8000::/1\n*.com\n*.co.uk\n*.azureedge.net\n");

        JsonNode j = verifyJson(List.of("--against", f.toString(), "--category", "optimize"));

        assertThat(j.path("complete").asBoolean()).isFalse();
        Set<String> extra = new TreeSet<>();
        j.path("extra")
                .forEach(e -> extra.add(
                        e.path("entry").asText() + " " + e.path("detail").asText()));
        assertThat(extra)
                .containsExactlyInAnyOrder(
                        "0.0.0.0/1 broader than /8 (guard.minIpv4PrefixLength): a catch-all, left out of the comparison",
                        "128.0.0.0/1 broader than /8 (guard.minIpv4PrefixLength): a catch-all, left out of the comparison",
                        "::/1 broader than /16 (guard.minIpv6PrefixLength): a catch-all, left out of the comparison",
                        "8000::/1 broader than /16 (guard.minIpv6PrefixLength): a catch-all, left out of the comparison",
                        "*.com matches every name under the public suffix com: a catch-all, left out of the comparison",
                        "*.co.uk matches every name under the public suffix co.uk: a catch-all, left out of the comparison");
        JsonNode optimize = j.path("coverage").get(0);
        assertThat(optimize.path("ipv4Covered").asText()).isEqualTo("0");
        assertThat(optimize.path("ipv6Covered").asText()).isEqualTo("0");
        assertThat(optimize.path("hostnamesCovered").asInt()).isZero();
        assertThat(texts(j.path("missing"), "entry"))
                .contains("52.112.0.0/14", "2603:1006::/40", "outlook.office.com", "*.sharepoint.com");

        // a range is judged by the prefixes it covers: 1.0.0.0/8 and 2.0.0.0/7
        Result range = verify(
                "--against",
                write("range.txt", "1.0.0.0-3.255.255.255\n52.112.0.0/14\n").toString(),
                "--category",
                "optimize",
                "--service",
                "Skype",
                "--ipv4-only");
        assertThat(range.out())
                .containsPattern(
                        "1\\.0\\.0\\.0-3\\.255\\.255\\.255 +2\\.0\\.0\\.0/7 is broader than /8 \\(guard\\.minIpv4PrefixLength\\)");
    }

    /** The limits are the guard's: with guard.minIpv4PrefixLength 12 a /10 is a catch-all; by default (/8) it permits what it holds. */
    @Test
    void theCatchAllLimitsAreTheGuardsFromTheConfigFile() throws IOException {
        Path f = write("wide.txt", "52.64.0.0/10\n13.107.0.0/16\n");
        Path config = dir.resolve("o365watch.yaml");
        Files.writeString(config, """
                store: snapshots
                selection:
                  categories: [Optimize]
                  serviceAreas: [Skype]
                  families: ipv4
                guard:
                  minIpv4PrefixLength: 12
                targets:
                  - name: edl
                """);

        JsonNode byDefault = verifyJson(
                List.of("--against", f.toString(), "--category", "optimize", "--service", "Skype", "--ipv4-only"));
        Result strict = cli.run(
                "verify", "--config", config.toString(), "--version", VERSION, "--against", f.toString(), "--json");

        assertThat(byDefault.path("complete").asBoolean())
                .as(byDefault.toString())
                .isTrue();
        assertThat(texts(byDefault.path("extra"), "detail"))
                .allSatisfy(d -> assertThat(d).startsWith("partly outside every endpoint set"));
        assertThat(strict.code()).as(strict.toString()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(strict.out());
        assertThat(texts(j.path("missing"), "entry")).containsExactly("52.112.0.0/14");
        assertThat(texts(j.path("extra"), "detail"))
                .contains("broader than /12 (guard.minIpv4PrefixLength): a catch-all, left out of the comparison");
    }

    /** Every category, read back from the csv target (which expresses everything): Microsoft's wildcards of private suffixes included. */
    @Test
    void microsoftsOwnWildcardsOfPrivateSuffixesAreNotCatchAlls() throws IOException {
        Path out = dir.resolve("out");
        Result g = generate(out, "--target", "csv", "--category", "all");
        assertThat(g.code()).as(g.toString()).isZero();
        assertThat(Files.readString(out.resolve("csv/o365-entries.csv")))
                .contains("*.azureedge.net", "*.blob.core.windows.net", "*.cloudapp.net");

        JsonNode j = verifyJson(
                List.of("--against", out.resolve("csv/o365-entries.csv").toString(), "--category", "all"));

        assertThat(j.path("extra")).isEmpty();
        assertThat(j.path("missing")).isEmpty();
        assertThat(j.path("complete").asBoolean()).isTrue();
    }

    /**
     * 52.96.0.0/14 is Optimize (sets 1, 31) and Allow (sets 2, 5, 6); a list without 52.96.0.0 to
     * 52.111.255.255 misses two Optimize and two Allow prefixes, each said in its own category,
     * never merged across categories into one 52.96.0.0/12.
     */
    @Test
    void missingAddressSpaceIsSaidPerCategoryEachAddressInItsMostTrusted() throws IOException {
        Path out = dir.resolve("out");
        assertThat(generate(out, "--target", "csv").code()).isZero();
        String csv = Files.readString(out.resolve("csv/o365-entries.csv"))
                .lines()
                .filter(l -> !l.matches(".*,52\\.(9[6-9]|10[0-9]|11[01])\\..*"))
                .map(l -> l + "\n")
                .reduce("", String::concat);

        JsonNode j = verifyJson(List.of("--against", write("no-52-96.csv", csv).toString()));

        Set<String> missing = new TreeSet<>();
        j.path("missing")
                .forEach(m -> missing.add(
                        m.path("entry").asText() + " " + m.path("category").asText()));
        assertThat(missing)
                .containsExactly(
                        "52.100.0.0/14 Allow",
                        "52.104.0.0/14 Optimize",
                        "52.108.0.0/14 Allow",
                        "52.96.0.0/14 Optimize");
        Result junit = verify("--against", DEPLOYED.resolve("no-52-96.csv").toString(), "--format", "junit");
        assertThat(parseXml(junit.out()).getDocumentElement().getAttribute("failures"))
                .isEqualTo("2");
    }

    @Test
    void aFileSavedAsUtf16ByWindowsToolsIsRead() throws IOException {
        Files.createDirectories(DEPLOYED);
        Path f = DEPLOYED.resolve("utf16.txt");
        Files.write(
                f, ("\ufeff13.107.64.0/18\r\n52.112.0.0/14\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_16LE));

        JsonNode j = verifyJson(List.of("--against", f.toString(), "--category", "optimize", "--service", "Skype"));

        assertThat(j.path("complete").asBoolean()).isTrue();
        assertThat(j.path("files").get(0).path("addresses").asInt()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badArgumentsAndFilesAreUsageErrors() throws IOException {
        Result none = verify("--against", dir.resolve("nope.txt").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("nope.txt does not exist").doesNotContain("Exception");

        Result folder = verify("--against", dir.toString());
        assertThat(folder.code()).isEqualTo(2);
        assertThat(folder.err()).contains("is a directory");

        Result format = verify("--against", write("x.txt", "1.2.3.4\n").toString(), "--input-format", "cisco");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("unknown input format 'cisco'", "cisco-asa", "fortigate", "text");

        assertThat(verify("--version", VERSION).code()).isEqualTo(2);

        // a device has no size to check first: the read itself is bounded
        Result device = verify("--against", "/dev/zero");
        assertThat(device.code()).isEqualTo(2);
        assertThat(device.err()).contains("/dev/zero is larger than 64 MB");
    }

    /**
     * A file from which no entry was read says nothing about the device: it is an error naming the
     * file, the format tried and the first line, never "everything is missing". A squid.conf that
     * loads its lists from files, a FortiGate config read as Cisco ASA, an empty export; with a
     * good file beside it too, since the files are one device's set.
     */
    @Test
    void aFileFromWhichNoEntryWasReadIsAnErrorNotEverythingMissing() throws IOException {
        Path squidConf = write("squid.conf", """
                http_port 3128
                # the lists o365watch writes, loaded from their files
                acl o365_optimize_dst dst "/etc/squid/o365/o365-optimize-dst.txt"
                acl o365_optimize_domains dstdomain "/etc/squid/o365/o365-optimize-domains.txt"
                http_access allow o365_optimize_dst
                """);
        Result squid = verify("--against", squidConf.toString(), "--category", "optimize");
        assertThat(squid.code()).as(squid.toString()).isEqualTo(2);
        assertThat(squid.out()).isEmpty();
        assertThat(squid.err().lines()).hasSize(1);
        assertThat(squid.err())
                .contains(
                        "no address or hostname read from " + squidConf + ": " + squidConf
                                + " refers to lists it does not hold (line 3: \"/etc/squid/o365/o365-optimize-dst.txt\"); give the files that hold them");

        Path forti = write("fortigate-as-asa.conf", FORTIGATE);
        Result wrongFormat =
                verify("--against", forti.toString(), "--input-format", "cisco-asa", "--category", "optimize");
        assertThat(wrongFormat.code()).as(wrongFormat.toString()).isEqualTo(2);
        assertThat(wrongFormat.err().lines()).hasSize(1);
        assertThat(wrongFormat.err())
                .contains(forti + ": no address or hostname read as cisco-asa from 37 lines (0 problems);"
                        + " the first line: '#config-version=FGT60F-7.2.5-FW-build1517-230606:opmode=0:vdom=0'; if the file is another format,"
                        + " name it with --input-format");

        Path empty = write("empty.txt", "");
        String[] edl = edlWithGapAndLeftover();
        Result withGood =
                verify("--against", edl[0], edl[1], empty.toString(), "--category", "optimize", "--ipv4-only");
        assertThat(withGood.code()).as(withGood.toString()).isEqualTo(2);
        assertThat(withGood.err())
                .contains(empty + ": no address or hostname read as ")
                .contains(": the file is empty");
        assertThat(withGood.out()).isEmpty();

        // the include file beside the lists it loads is read: it holds the ACL lines, they hold the entries
        Path list = write("o365-optimize-dst.txt", "52.112.0.0/14\n13.107.64.0/18\n");
        Result both = verify(
                "--against",
                squidConf.toString(),
                list.toString(),
                "--category",
                "optimize",
                "--service",
                "Skype",
                "--ipv4-only");
        assertThat(both.code()).as(both.toString()).isZero();
    }

    /** A list copied from a coloured terminal: the coloured line is said, with its file and line, and its prefix is missing. */
    @Test
    void aLineWithATerminalEscapeSequenceIsAProblemNotSkippedInSilence() throws IOException {
        Path f = write("coloured.txt", "Teams media, approved:\n13.107.64.0/18\n\u001b[32m52.112.0.0/14\u001b[0m\n");

        Result r = verify("--against", f.toString(), "--category", "optimize", "--service", "Skype", "--ipv4-only");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out())
                .containsPattern("Missing \\(1\\)[^\n]*\n[^\n]*\n +52\\.112\\.0\\.0/14 +Optimize")
                .containsPattern(
                        "coloured\\.txt:3 +\\[32m52\\.112\\.0\\.0/14 \\[0m +holds a terminal escape sequence \\(ESC")
                .doesNotContain("\u001b");
    }

    @Test
    void hostileAndUnreadableContentIsReportedNeverEchoedRaw() throws IOException {
        byte[] bytes = "52.112.0.0/14\n\u001b[31mred.example.com\u001b[0m\n300.1.1.1/8\n10.1.1.5/24\n\u0000\u00ff\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path f = DEPLOYED.resolve("hostile.txt");
        Files.createDirectories(DEPLOYED);
        Files.write(f, bytes);

        Result r = verify(
                "--against", f.toString(), "--category", "optimize", "--service", "Skype", "--input-format", "text");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0000");
        assertThat(parseXml(verify("--against", f.toString(), "--input-format", "text", "--format", "junit")
                        .out()))
                .isNotNull();
    }
}
