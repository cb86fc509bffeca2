package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.source.WireFormat;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.Golden;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** diff and report through the real command line, on stores of real published versions. */
class ReportTest {
    @TempDir
    Path tmp;

    TestCli cli;
    Path store;

    /** Worldwide 2019082800..2019102800 with the hand-made change records; USGovDoD without records. */
    @BeforeEach
    void setUp() {
        cli = new TestCli(tmp.resolve("machine")).clock(Instant.parse("2019-10-15T09:00:00Z"));
        store = tmp.resolve("store");
        SnapshotStore s = new SnapshotStore(store);
        List<ChangeRecord> records = WireFormat.changes(Fixtures.resource("upstream/worldwide-changes.json"), "test");
        s.put(
                Fixtures.snapshot("Worldwide", "2019082800"),
                Optional.of(records.stream()
                        .filter(r -> !r.version().isNewerThan(Version.parse("2019082800")))
                        .toList()),
                "00".repeat(32));
        s.put(
                Fixtures.snapshot("Worldwide", "2019093000"),
                Optional.of(records.stream()
                        .filter(r -> r.version().value().equals("2019093000"))
                        .toList()),
                "00".repeat(32));
        s.put(Fixtures.snapshot("Worldwide", "2019102800"), Optional.of(List.of()), "00".repeat(32));
        s.put(Fixtures.snapshot("USGovDoD", "2019112700"), Optional.empty(), "00".repeat(32));
        s.put(Fixtures.snapshot("USGovDoD", "2019120400"), Optional.empty(), "00".repeat(32));
    }

    String report(String... args) {
        List<String> all = new ArrayList<>(List.of("report", "--store", store.toString()));
        all.addAll(List.of(args));
        Result first = cli.run(all.toArray(String[]::new));
        Result second = cli.run(all.toArray(String[]::new));
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(second.out()).as("rendered twice, identical bytes").isEqualTo(first.out());
        return first.out();
    }

    @ParameterizedTest(name = "{0} {1}->{2} {3}")
    @CsvSource({
        "Worldwide, 2019082800, 2019093000, markdown, md",
        "Worldwide, 2019082800, 2019093000, html, html",
        "Worldwide, 2019082800, 2019093000, json, json",
        "Worldwide, 2019082800, 2019093000, csv, csv",
        "USGovDoD, 2019112700, 2019120400, markdown, md",
        "USGovDoD, 2019112700, 2019120400, html, html",
        "USGovDoD, 2019112700, 2019120400, json, json",
        "USGovDoD, 2019112700, 2019120400, csv, csv",
    })
    void everyFormatMatchesItsGoldenFile(String instance, String from, String to, String format, String ext)
            throws Exception {
        String out = report("--instance", instance, "--from", from, "--to", to, "--format", format);
        Golden.assertMatches("report/" + instance.toLowerCase() + "-" + from + "-" + to + "." + ext, out);
        if (format.equals("html")) {
            parseXml(out);
        }
    }

    @Test
    void theWorldwideReportShowsPendingItemsTheCrossCheckAndFlags() {
        String md = report("--instance", "Worldwide", "--from", "2019082800", "--to", "2019093000");
        assertThat(md)
                .contains(
                        "## Flags",
                        "## Pending",
                        "| 2019-10-30 | 64 | Common | Allow | `IPv6 2603:1006:1400::/40` | 1942 |",
                        "Every change in the snapshots was announced");
        assertThat(md.indexOf("## Summary")).isLessThan(md.indexOf("## Flags"));
        assertThat(md.indexOf("## Flags")).isLessThan(md.indexOf("## Pending"));
        assertThat(md.indexOf("## Pending")).isLessThan(md.indexOf("## Details by service area"));

        Result after = new TestCli(tmp.resolve("later"))
                .clock(Instant.parse("2019-11-01T00:00:00Z"))
                .run("report", "--store", store.toString(), "--from", "2019082800", "--to", "2019093000");
        assertThat(after.out()).doesNotContain("## Pending").contains("effective 2019-10-30 |");
    }

    @Test
    void theJsonReportHasTheDocumentedTopLevelKeys() throws Exception {
        String json = report("--format", "json", "--from", "2019082800", "--to", "2019093000");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        List<String> keys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        String doc = Files.readString(Path.of("docs/report-schema.md"));
        String firstBlock = doc.substring(doc.indexOf("```\n{") + 4, doc.indexOf("\n}\n```"));
        List<String> documented = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("^  \"(\\w+)\":(.*)$", java.util.regex.Pattern.MULTILINE)
                .matcher(firstBlock);
        while (m.find()) {
            (m.group(2).contains(" only in ") ? optional : documented).add(m.group(1));
        }
        assertThat(optional)
                .as("keys documented as present only in some reports")
                .containsExactly("summarisedOutputs", "heldRemovals");
        assertThat(keys).containsAll(documented);
        keys.removeAll(optional);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(documented);
        assertThat(tree.get("schemaVersion").asInt()).isEqualTo(1);
    }

    @Test
    void theHtmlReportIsSelfContainedWithCharts() throws Exception {
        String html = report("--format", "html", "--from", "2019082800", "--to", "2019093000");
        Document doc = parseXml(html);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getElementsByTagName("link").getLength()).isZero();
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("polyline").getLength())
                .as("history of prefix and hostname counts")
                .isEqualTo(2);
        assertThat(html).doesNotContain("src=", "href=", "url(", "<link").contains("@media print");
    }

    @Test
    void hostileFeedTextIsEscapedInEveryFormat() throws Exception {
        String hostile =
                "=HYPERLINK(\"x\") </td></tr></table><script>alert(1)</script> <img src=x onerror=alert(2)> | # [x](javascript:y) `z` \u0007 \u202Eevil";
        SnapshotStore s = new SnapshotStore(store);
        Snapshot base = Fixtures.snapshot("Worldwide", "2019102800");
        List<EndpointSet> sets = new ArrayList<>();
        for (EndpointSet e : base.sets()) {
            sets.add(
                    e.id() != 46
                            ? e
                            : new EndpointSet(
                                    e.id(),
                                    e.serviceArea(),
                                    hostile,
                                    e.urls(),
                                    e.ips(),
                                    e.tcpPorts(),
                                    e.udpPorts(),
                                    e.category(),
                                    e.required(),
                                    e.expressRoute(),
                                    hostile));
        }
        s.put(
                new Snapshot(base.instance(), Version.parse("2019102801"), sets),
                Optional.of(List.of()),
                "00".repeat(32));

        String html = report("--format", "html");
        Document doc = parseXml(html);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getElementsByTagName("img").getLength()).isZero();
        assertThat(doc.getDocumentElement().getTextContent()).contains("<script>alert(1)</script>");
        assertThat(html).doesNotContain("\u202E", "\u0007");
        String md = report("--format", "markdown");
        assertThat(md)
                .doesNotContain("<script", "<img", "[x](javascript", "\u202E")
                .contains("&lt;script&gt;", "\\[x\\](javascript");
        String csv = report("--format", "csv");
        assertThat(csv).contains(",attribute,notes,,\"'=HYPERLINK(\"\"x\"\")").doesNotContain("\u0007", "\u202E");
        String json = report("--format", "json");
        assertThat(json).contains("\"after\": \"=HYPERLINK(\\\"x\\\") </td></tr></table><script>alert(1)</script>");
        Result text = cli.run("diff", "--store", store.toString());
        assertThat(text.out()).doesNotContain("\u0007");
    }

    @Test
    void theFeedGetsOneItemPerVersionPairNewestFirstAndBounded() throws Exception {
        Path feed = tmp.resolve("feed.xml");
        Result a = cli.run(
                "report",
                "--store",
                store.toString(),
                "--from",
                "2019082800",
                "--to",
                "2019093000",
                "--feed",
                feed.toString());
        assertThat(a.code()).as(a.toString()).isZero();
        assertThat(a.out()).as("--feed alone writes only the feed").isEmpty();
        assertThat(a.err()).contains("item o365watch:Worldwide:2019082800:2019093000");
        cli.run(
                "report",
                "--store",
                store.toString(),
                "--from",
                "2019093000",
                "--to",
                "2019102800",
                "--feed",
                feed.toString());
        byte[] twice = Files.readAllBytes(feed);
        cli.run(
                "report",
                "--store",
                store.toString(),
                "--from",
                "2019082800",
                "--to",
                "2019093000",
                "--feed",
                feed.toString());
        cli.run(
                "report",
                "--store",
                store.toString(),
                "--from",
                "2019093000",
                "--to",
                "2019102800",
                "--feed",
                feed.toString());

        assertThat(Files.readAllBytes(feed))
                .as("re-running adds no item and changes no byte")
                .isEqualTo(twice);
        Channel channel = (Channel) readFeed(Files.readAllBytes(feed));
        assertThat(channel.getFeedType()).isEqualTo("rss_2.0");
        assertThat(channel.getTitle()).isNotBlank();
        assertThat(channel.getLink()).isEqualTo("https://aka.ms/o365ip");
        assertThat(channel.getDescription()).isNotBlank();
        List<Item> items = channel.getItems();
        assertThat(items)
                .extracting(i -> i.getGuid().getValue())
                .containsExactly(
                        "o365watch:Worldwide:2019093000:2019102800", "o365watch:Worldwide:2019082800:2019093000");
        assertThat(items).allSatisfy(i -> {
            assertThat(i.getGuid().isPermaLink()).isFalse();
            assertThat(i.getTitle()).isNotBlank();
            assertThat(i.getPubDate()).isNotNull();
            assertThat(i.getDescription().getValue()).contains("<h2>Summary</h2>");
        });
        assertThat(new String(Files.readAllBytes(feed), StandardCharsets.UTF_8)).doesNotContain("\r");

        cli.run(
                "report",
                "--store",
                store.toString(),
                "--instance",
                "USGovDoD",
                "--feed",
                feed.toString(),
                "--feed-max",
                "2");
        Channel bounded = (Channel) readFeed(Files.readAllBytes(feed));
        assertThat(bounded.getItems())
                .extracting(i -> i.getGuid().getValue())
                .containsExactly(
                        "o365watch:USGovDoD:2019112700:2019120400", "o365watch:Worldwide:2019093000:2019102800");
    }

    @Test
    void aFeedFileThatIsNotRssIsRefusedAndLeftAlone() throws Exception {
        Path feed = Files.writeString(tmp.resolve("feed.xml"), "<html>not a feed</html>");
        Result r = cli.run("report", "--store", store.toString(), "--feed", feed.toString());
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.err()).contains("not an RSS feed o365watch can extend");
        assertThat(Files.readString(feed)).isEqualTo("<html>not a feed</html>");
    }

    @Test
    void reportOutWritesTheFileAtomically() throws Exception {
        Path out = tmp.resolve("reports/latest.html");
        Result r = cli.run("report", "--store", store.toString(), "--format", "html", "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        parseXml(Files.readString(out));
        try (var files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("latest.html");
        }
    }

    /** A link stays a link: the file it names gets the report (a rename over the link would replace it with a copy). */
    @Test
    void reportOutThroughALinkReplacesTheFileItNamesAndKeepsTheLink() throws Exception {
        Path real = Files.writeString(
                Files.createDirectories(tmp.resolve("published")).resolve("latest.md"), "old\n");
        Path link = Files.createSymbolicLink(tmp.resolve("latest.md"), real);
        Result r = cli.run("report", "--store", store.toString(), "--out", link.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real))
                .startsWith("# Microsoft 365 endpoint changes: Worldwide 2019093000 to 2019102800");
        try (var files = Files.list(real.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("latest.md");
        }
    }

    /** A directory, a link to nothing, a feed that is a directory or standard output: exit 2 in one line, nothing written. */
    @Test
    void reportOutAndFeedRefuseWhatCannotTakeThemBeforeWritingAnything() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("a-dir"));
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling.md"), tmp.resolve("nowhere/x.md"));
        Path out = tmp.resolve("r.md");
        Result toNothing = cli.run("report", "--store", store.toString(), "--out", dangling.toString());
        Result feedDir =
                cli.run("report", "--store", store.toString(), "--out", out.toString(), "--feed", dir.toString());
        Result feedStdout = cli.run("report", "--store", store.toString(), "--out", out.toString(), "--feed", "-");

        assertThat(toNothing.code()).as(toNothing.toString()).isEqualTo(2);
        assertThat(toNothing.err()).startsWith("o365watch: --out " + dangling + ": a link to nothing;");
        assertThat(feedDir.code()).as(feedDir.toString()).isEqualTo(2);
        assertThat(feedDir.err())
                .startsWith("o365watch: --feed " + dir
                        + ": a directory; the feed is a file that each run reads and extends");
        assertThat(feedStdout.code()).as(feedStdout.toString()).isEqualTo(2);
        assertThat(feedStdout.err())
                .startsWith("o365watch: --feed -: the feed is a file that each run reads and extends;");
        assertThat(out).as("nothing written when the feed is refused").doesNotExist();
        assertThat(tmp.resolve("nowhere")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    /** {@code --out -} and {@code --out /dev/stdout} print, like no --out: no file named "-", nothing opened again. */
    @Test
    void reportOutDashIsStandardOutput() {
        Result dash = cli.run("report", "--store", store.toString(), "--out", "-");
        Result stdout = cli.run("report", "--store", store.toString(), "--out", "/dev/stdout");
        Result plain = cli.run("report", "--store", store.toString());
        assertThat(dash.code()).isZero();
        assertThat(dash.out()).isEqualTo(plain.out()).startsWith("# Microsoft 365 endpoint changes");
        assertThat(stdout.out()).isEqualTo(plain.out());
        assertThat(Path.of("-")).doesNotExist();
    }

    /** A named pipe (as a shell makes for {@code --out >(gzip > r.gz)}) is written into, not replaced. */
    @Test
    void reportOutIntoANamedPipeWritesThroughIt() throws Exception {
        Path fifo = tmp.resolve("pipe");
        assertThat(io.github.o365watch.testing.Tools.run(
                                List.of(
                                        io.github.o365watch.testing.Tools.require("mkfifo")
                                                .toString(),
                                        fifo.toString()),
                                null)
                        .code())
                .isZero();
        Path read = tmp.resolve("read.csv");
        Process reader = new ProcessBuilder("cat", fifo.toString())
                .redirectOutput(read.toFile())
                .start();
        try {
            Result r = cli.run("report", "--store", store.toString(), "--format", "csv", "--out", fifo.toString());
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(fifo)
                    .as("still the pipe, not a file renamed over it")
                    .exists()
                    .matches(p -> !Files.isRegularFile(p));
            assertThat(reader.waitFor()).isZero();
            assertThat(Files.readString(read)).startsWith("instance,");
        } finally {
            reader.destroyForcibly();
        }
    }

    @Test
    void diffExitCodeIsOneForDifferencesAndZeroWithout() {
        SnapshotStore s = new SnapshotStore(store);
        Snapshot same = Fixtures.snapshot("Worldwide", "2019102800");
        s.put(
                new Snapshot(same.instance(), Version.parse("2019102801"), same.sets()),
                Optional.of(List.of()),
                "00".repeat(32));

        Result equal = cli.run("diff", "--store", store.toString(), "--exit-code");
        assertThat(equal.code()).as(equal.toString()).isZero();
        assertThat(equal.out()).contains("No differences");
        Result differ = cli.run(
                "diff", "--store", store.toString(), "--exit-code", "--from", "2019093000", "--to", "2019102800");
        assertThat(differ.code()).isEqualTo(1);
        assertThat(cli.run("diff", "--store", store.toString(), "--from", "2019093000", "--to", "2019102800")
                        .code())
                .isZero();
    }

    @Test
    void diffRefusesWhatCannotBeCompared() {
        assertThat(cli.run("diff", "--store", store.toString(), "--from", "2019102800", "--to", "2019093000")
                        .err())
                .contains("--from 2019102800 must be older than --to 2019093000");
        Path one = tmp.resolve("one");
        new SnapshotStore(one).put(Fixtures.snapshot("Worldwide", "2019102800"), Optional.empty(), "00".repeat(32));
        Result r = cli.run("diff", "--store", one.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("only one version of Worldwide is stored");
        assertThat(cli.run("diff", "--store", store.toString(), "--broad-ipv4", "40")
                        .code())
                .isEqualTo(2);
    }

    @Test
    void theShippedSnapshotsDiffOffline() {
        Result r = cli.run("diff", "--store", "snapshots");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Microsoft 365 endpoint changes: Worldwide 2019102800 to 2019112700");
        assertThat(r.out()).contains("Not possible: no change records were fetched with 2019112700");
    }

    @Test
    void theShippedReportDoesNotCallPrefixesReSplitInsideTheirSetRemovedFromOptimize() throws Exception {
        // set 1 (Optimize) swapped 19 IPv6 prefixes for the five /36s that hold them
        Result md = cli.run(
                "report", "--store", "snapshots", "--from", "2019102800", "--to", "2019112700", "--format", "markdown");
        assertThat(md.code()).as(md.toString()).isZero();
        assertThat(md.out()).doesNotContain("removed from Optimize").contains("| 1 | 2603:1016::/40, 2603:1026::/40,");

        Result json = cli.run(
                "report", "--store", "snapshots", "--from", "2019102800", "--to", "2019112700", "--format", "json");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        List<String> kinds = new ArrayList<>();
        tree.path("flags").forEach(f -> kinds.add(f.path("kind").asText()));
        assertThat(kinds).doesNotContain("optimize-removal").isNotEmpty();
        assertThat(tree.path("addresses").path("stillListed").toString())
                .contains("{\"endpointSetId\":1,\"prefix\":\"2603:1016::/40\"}");
    }

    @Test
    void aVersionThatOnlyRenamesIsListedAsCosmeticInEveryFormatNeverFlaggedNorADisagreement() throws Exception {
        SnapshotStore s = new SnapshotStore(store);
        Snapshot nov = Fixtures.snapshot("Worldwide", "2019112700");
        List<EndpointSet> renamed = new ArrayList<>();
        for (EndpointSet e : nov.sets()) {
            renamed.add(
                    !e.serviceArea().name().equals("SharePoint")
                            ? e
                            : new EndpointSet(
                                    e.id(),
                                    e.serviceArea(),
                                    "SharePoint Online and OneDrive",
                                    e.urls(),
                                    e.ips(),
                                    e.tcpPorts(),
                                    e.udpPorts(),
                                    e.category(),
                                    e.required(),
                                    e.expressRoute(),
                                    e.notes()));
        }
        s.put(nov, Optional.of(List.of()), "00".repeat(32));
        s.put(
                new Snapshot(nov.instance(), Version.parse("2019112701"), renamed),
                Optional.of(List.of()),
                "00".repeat(32));

        String md = report("--from", "2019112700", "--to", "2019112701");
        assertThat(md)
                .contains(
                        "- Endpoint sets: 8 changed (0 added, 0 removed, 8 modified, 8 of them only in display name or notes"
                                + " (cosmetic)); 0 entries added, 0 removed.",
                        "- Review flags: none.",
                        "Every change in the snapshots was announced, and every announced change is in the snapshots.",
                        "#### Set 31: Optimize, required, SharePoint Online and OneDrive (cosmetic change only)",
                        "| cosmetic | serviceAreaDisplayName | SharePoint Online and OneDrive for Business -&gt; SharePoint Online and OneDrive |  |")
                .doesNotContain("## Flags", "unannounced");

        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report("--from", "2019112700", "--to", "2019112701", "--format", "json"));
        assertThat(json.path("summary").path("setsCosmeticOnly").asInt()).isEqualTo(8);
        assertThat(json.path("flags")).isEmpty();
        assertThat(json.path("crossCheck").path("disagreements")).isEmpty();
        assertThat(json.path("endpointSets")).hasSize(8).allSatisfy(set -> {
            assertThat(set.path("cosmeticOnly").asBoolean()).isTrue();
            assertThat(set.path("attributes"))
                    .singleElement()
                    .satisfies(a -> assertThat(a.path("cosmetic").asBoolean()).isTrue());
        });

        String csv = report("--from", "2019112700", "--to", "2019112701", "--format", "csv");
        assertThat(csv.lines().skip(1))
                .hasSize(8)
                .allMatch(l -> l.contains(",modified,cosmetic,attribute,serviceAreaDisplayName,"));
    }

    static Document parseXml(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    static WireFeed readFeed(byte[] xml) throws Exception {
        WireFeedInput in = new WireFeedInput();
        return in.build(new InputSource(new ByteArrayInputStream(xml)));
    }
}
