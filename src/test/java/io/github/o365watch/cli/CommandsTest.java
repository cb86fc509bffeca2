package io.github.o365watch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.store.WriterLock;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.Golden;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import io.github.o365watch.testing.WireMocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** status, versions, show, lookup, completion and the usage rules, through the real command line. */
class CommandsTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    FakeService service;
    TestCli cli;
    String store;

    @BeforeEach
    void storeThreeVersions() {
        service = new FakeService(wm);
        cli = new TestCli(tmp.resolve("machine"));
        store = tmp.resolve("store").toString();
        for (String v : new String[] {"2019082800", "2019093000", "2019102800"}) {
            service.publish("Worldwide", v);
            assertThat(cli.run("fetch", "--store", store, "--source", service.url())
                            .code())
                    .isZero();
        }
        wm.resetRequests();
    }

    @Test
    void statusComparesTheStoreWithTheServiceInOneRequest() {
        service.publish("Worldwide", "2019112700").publish("USGovDoD", "2019120400");

        Result r = cli.run("status", "--store", store, "--source", service.url(), "--all-instances");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("""
                INSTANCE   STORED      DATA AGE   UPSTREAM    STATE
                Worldwide  2019102800  2585 days  2019112700  behind: run fetch
                USGovDoD   -           -          2019120400  nothing stored: run fetch
                """);
        assertThat(service.paths()).containsExactly("/version");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "show",
                "generate",
                "lookup 52.112.10.20",
                "diff",
                "report",
                "status --offline",
                "versions --offline",
                "audit --log -",
                "verify --against -"
            })
    void anUnknownInstanceIsAUsageErrorNamingTheInstances(String command) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
        args.addAll(java.util.List.of("--store", store, "--instance", "Worldwid"));
        if (command.equals("generate")) {
            args.addAll(java.util.List.of("--out", tmp.resolve("out").toString()));
        }

        Result r = cli.run(args.toArray(String[]::new));

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .as(r.toString())
                .contains("unknown instance 'Worldwid'; the instances are Worldwide, USGovDoD, USGovGCCHigh, China")
                .doesNotContain("run 'o365watch fetch'");
        // a mistake on the command line: the message, then the pointer to the command's --help
        assertThat(r.err().lines())
                .hasSize(2)
                .last()
                .isEqualTo("Try 'o365watch " + command.split(" ")[0] + " --help' for more information.");
        assertThat(service.requests()).isEmpty();
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aKnownInstanceNotStoredStillSaysToFetchIt() {
        Result r = cli.run("show", "--store", store, "--instance", "china");

        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("nothing is stored for China");
    }

    @Test
    void statusOfflineTouchesNoNetwork() {
        Result r = cli.run("status", "--store", store, "--offline", "--json");

        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("\"stored\": \"2019102800\"", "\"ageDays\": 2585", "\"state\": \"upstream not asked\"");
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void statusShowsTheStoreEvenWhenTheServiceIsDown() {
        Result r = cli.run("status", "--store", store, "--source", "http://127.0.0.1:1", "--retries", "1");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("Worldwide  2019102800", "upstream unavailable");
        assertThat(r.err()).contains("cannot connect");
    }

    @Test
    void versionsListsStoredAndPublishedVersionsWithTheRssSummaries() {
        service.publish("Worldwide", "2019102800").rss("Worldwide", Fixtures.text("upstream/worldwide-history.rss"));

        Result r = cli.run("versions", "--store", store, "--source", service.url());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .startsWith("Worldwide: 3 stored, 18 published\n")
                .contains("  2019102800  yes     yes")
                .contains(
                        "  2019093000  yes     2019-09-30 20:15 UTC  Version 2019093000 includes 5 changes. IPs: 13 added and 4 removed."
                                + " URLs: 0 added and 7 removed.")
                .contains("  2018063000  -       yes");
        assertThat(service.paths()).containsExactly("/version/Worldwide", "/version/Worldwide");
        assertThat(service.requests().get(1).queryParameter("Format").firstValue())
                .isEqualTo("RSS");
    }

    @Test
    void versionsOfflineListsTheStore() {
        Result r = cli.run("versions", "--store", store, "--offline");
        assertThat(r.out()).isEqualTo("""
                Worldwide: 3 stored
                  VERSION     STORED  SETS
                  2019102800  yes     112
                  2019093000  yes     111
                  2019082800  yes     111
                """);
    }

    @Test
    void showPrintsTableJsonAndCsvOfTheNewestOrAGivenVersion() {
        for (String format : new String[] {"table", "json", "csv"}) {
            Result a = cli.run(
                    "show", "--store", store, "--service", "skype", "--category", "Optimize", "--format", format);
            Result b = cli.run(
                    "show", "--store", store, "--service", "skype", "--category", "Optimize", "--format", format);
            assertThat(a.code()).as(a.toString()).isZero();
            assertThat(a.out()).isEqualTo(b.out());
            Golden.assertMatches("cli/show-skype-optimize." + format, a.out());
        }
        Result summary = cli.run("show", "--store", store, "--version", "2019082800", "--summary", "--required");
        Golden.assertMatches("cli/show-2019082800-required-summary.txt", summary.out());
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void showRefusesWhatItCannotShow() {
        Result version = cli.run("show", "--store", store, "--version", "2018063000");
        assertThat(version.code()).isEqualTo(2);
        assertThat(version.err())
                .contains("version 2018063000 of Worldwide is not stored; stored: 2019082800, 2019093000, 2019102800");
        Result area = cli.run("show", "--store", store, "--service", "Teams");
        assertThat(area.code()).isEqualTo(2);
        assertThat(area.err())
                .contains("unknown service area 'Teams'; this version has Common, Exchange, SharePoint, Skype");
        Result format = cli.run("show", "--store", store, "--format", "xml");
        assertThat(format.code()).isEqualTo(2);
        Result empty = cli.run("show", "--store", tmp.resolve("nothing").toString());
        assertThat(empty.code()).isEqualTo(5);
        assertThat(empty.err()).contains("nothing is stored for Worldwide");
    }

    @Test
    void lookupAnswersWhyAnAddressOrHostIsAllowed() {
        Result r = cli.run("lookup", "--store", store, "52.112.10.20", "teams.microsoft.com", "outlook.office365.com");

        assertThat(r.code()).as(r.toString()).isZero();
        Golden.assertMatches("cli/lookup.txt", r.out());
        assertThat(r.out()).contains("Worldwide  11   Skype    Optimize  yes       52.112.0.0/14  UDP 3478-3481");
    }

    @Test
    void lookupExitsOneWhenAQueryMatchesNothing() {
        Result r = cli.run("lookup", "--store", store, "8.8.8.8", "www.example.com");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("""
                8.8.8.8:
                  no endpoint set of Worldwide 2019102800 lists it
                www.example.com:
                  no endpoint set of Worldwide 2019102800 lists it
                """);
        assertThat(cli.run("lookup", "--store", store, "not a host").code()).isEqualTo(2);
        assertThat(cli.run("lookup", "--store", store, "10.0.0.1/8").err()).contains("host bits");
    }

    /** The rows of each query's table, without the PORT column (the plain queries have none). */
    static java.util.Map<String, java.util.List<String>> rows(String out) {
        java.util.Map<String, java.util.List<String>> byQuery = new java.util.LinkedHashMap<>();
        java.util.List<String> current = null;
        int port = -1;
        int next = -1;
        for (String line : out.lines().toList()) {
            if (!line.startsWith(" ")) {
                current = new java.util.ArrayList<>();
                byQuery.put(line, current);
                port = -1;
            } else if (line.startsWith("  INSTANCE")) {
                port = line.indexOf("PORT ");
                next = port < 0 ? -1 : line.indexOf("VERSION");
            } else if (line.matches("  \\S+ +[0-9]+ .*")) { // table rows, not the notes under them
                current.add((port < 0 ? line : line.substring(0, port) + line.substring(next)).replaceAll(" +", " "));
            }
        }
        return byQuery;
    }

    @Test
    void lookupReadsWhatUsersPasteAndSaysWhetherTheSetsListThePort() {
        Result pasted = cli.run(
                "lookup",
                "--store",
                store,
                "https://outlook.office365.com/owa",
                "outlook.office365.com:443",
                "52.112.10.20:3478",
                "[2603:1027::1]:443",
                "HTTP://Teams.Microsoft.com:8080/x?y");
        Result plain = cli.run(
                "lookup",
                "--store",
                store,
                "outlook.office365.com",
                "52.112.10.20",
                "2603:1027::1",
                "teams.microsoft.com");
        assertThat(pasted.code()).as(pasted.toString()).isZero();
        assertThat(plain.code()).as(plain.toString()).isZero();

        java.util.Map<String, java.util.List<String>> p = rows(pasted.out());
        assertThat(p.keySet())
                .containsExactly(
                        "https://outlook.office365.com/owa (outlook.office365.com, TCP 443):",
                        "outlook.office365.com:443 (outlook.office365.com, port 443):",
                        "52.112.10.20:3478 (52.112.10.20, port 3478):",
                        "[2603:1027::1]:443 (2603:1027::1, port 443):",
                        "HTTP://Teams.Microsoft.com:8080/x?y (teams.microsoft.com, port 8080):");
        java.util.List<java.util.List<String>> same =
                new java.util.ArrayList<>(rows(plain.out()).values());
        same.add(0, same.get(0));
        assertThat(new java.util.ArrayList<>(p.values()))
                .as("the same sets as the plain queries")
                .isEqualTo(same);
        assertThat(pasted.out())
                .containsPattern(
                        "(?m)^  Worldwide  11 +Skype +Optimize +yes +52\\.112\\.0\\.0/14 +UDP 3478-3481 +UDP +2019102800$")
                .containsPattern(
                        "(?m)^  Worldwide  12 +Skype +Allow +yes +52\\.112\\.0\\.0/14 +TCP 80,443 +not listed +2019102800$")
                .containsPattern(
                        "(?m)^  Worldwide  1 +Exchange +Optimize +yes +outlook\\.office365\\.com +TCP 80,443 +TCP +2019102800$");

        Result json = cli.run("lookup", "--store", store, "--json", "52.112.10.20:3478");
        assertThat(json.out())
                .contains(
                        "\"address\": \"52.112.10.20/32\"",
                        "\"port\": 3478",
                        "\"portListedOn\": [\n          \"udp\"\n        ]");

        Result badPort = cli.run("lookup", "--store", store, "52.112.10.20:70000");
        assertThat(badPort.code()).isEqualTo(2);
        assertThat(badPort.err()).contains("port 70000 is not 1-65535");
    }

    @Test
    void lookupHistorySaysInWhichVersionsAnEntryWasListed() {
        Result r = cli.run("lookup", "--store", store, "--history", "--json", "2603:1026:630::1");
        assertThat(r.code()).as(r.toString()).isZero();
        // withdrawn from set 31 in 2019093000 (see upstream/README.md)
        assertThat(r.out())
                .contains("\"entry\": \"2603:1026:630::/44\"", "\"versions\": [\n          \"2019082800\"\n        ]");
    }

    @Test
    void reportOutIntoADirectoryWritesTheFileSyncWouldAndAFeedMustBeAFile() throws Exception {
        Path dir = tmp.resolve("reports");
        Files.createDirectories(dir);
        Result toStdout = cli.run("report", "--store", store);

        Result r = cli.run("report", "--store", store, "--out", dir.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        Path file = dir.resolve("worldwide-2019093000-2019102800.md");
        assertThat(r.out()).isEqualTo("wrote " + file + "\n");
        assertThat(Files.readString(file)).isEqualTo(toStdout.out());
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".o365watch-tmp-"));
        }

        Result feed = cli.run("report", "--store", store, "--feed", dir.toString());
        assertThat(feed.code()).as(feed.toString()).isEqualTo(2);
        assertThat(feed.err())
                .startsWith("o365watch: --feed " + dir
                        + ": a directory; the feed is a file that each run reads and extends");

        Result audit = cli.run("audit", "--store", store, "--log", "-", "--out", dir.toString());
        assertThat(audit.code()).as(audit.toString()).isEqualTo(2);
        assertThat(audit.err())
                .isEqualTo(
                        "o365watch: --out " + dir + ": a directory; a report goes to a regular file, a character device"
                                + " such as /dev/null, a named pipe, or standard output (--out -)\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aClientRequestIdThatIsNoGuidIsRefusedBeforeAnythingIsPrintedAndNamesWhereItCameFrom() {
        for (String command : java.util.List.of("status", "versions", "fetch")) {
            Result option =
                    cli.run(command, "--store", store, "--source", service.url(), "--client-request-id", "not-a-guid");
            assertThat(option.code()).as(option.toString()).isEqualTo(2);
            assertThat(option.out()).as(command).isEmpty();
            assertThat(option.err())
                    .isEqualTo("o365watch: --client-request-id 'not-a-guid' is not a GUID (8-4-4-4-12 hex digits)\n");

            Result env = new TestCli(tmp.resolve("machine"))
                    .env("O365WATCH_CLIENT_REQUEST_ID", "12345")
                    .run(command, "--store", store, "--source", service.url());
            assertThat(env.code()).as(env.toString()).isEqualTo(2);
            assertThat(env.out()).as(command).isEmpty();
            assertThat(env.err())
                    .isEqualTo("o365watch: the environment variable O365WATCH_CLIENT_REQUEST_ID ('12345') is not a GUID"
                            + " (8-4-4-4-12 hex digits)\n");
        }
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void completionScriptsForBashAndZsh() {
        Result bash = cli.run("completion", "bash");
        assertThat(bash.code()).isZero();
        assertThat(bash.out()).contains("complete -F _complete_o365watch", "fetch", "lookup", "--all-instances");
        Result zsh = cli.run("completion", "zsh");
        assertThat(zsh.out())
                .startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n");
        assertThat(cli.run("completion", "fish").code()).isEqualTo(2);
    }

    @Test
    void badOptionsAreUsageErrorsWithAHint() {
        Result r = cli.run("fetch", "--frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo(
                        "o365watch: Unknown option: '--frobnicate'\nTry 'o365watch fetch --help' for more information.\n");
        assertThat(cli.run().code()).isEqualTo(2);
        assertThat(cli.run("fetch", "--timeout", "0").code()).isEqualTo(2);
    }

    @Test
    void offlineCommandsNeverTouchTheNetwork() {
        assertThat(cli.run("show", "--store", store).code()).isZero();
        assertThat(cli.run("lookup", "--store", store, "52.112.0.1").code()).isZero();
        assertThat(cli.run("versions", "--store", store, "--offline").code()).isZero();
        assertThat(cli.run("status", "--store", store, "--offline").code()).isZero();
        assertThat(cli.run("diff", "--store", store).code()).isZero();
        assertThat(cli.run("report", "--store", store).code()).isZero();
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void aCategoryMicrosoftAddsLaterCanBeShownAndFiltered() {
        var s = Fixtures.snapshot("Worldwide", "2019112700");
        var sets = new java.util.ArrayList<io.github.o365watch.domain.EndpointSet>();
        for (var e : s.sets()) {
            sets.add(
                    e.id() != 11
                            ? e
                            : new io.github.o365watch.domain.EndpointSet(
                                    e.id(),
                                    e.serviceArea(),
                                    e.serviceAreaDisplayName(),
                                    e.urls(),
                                    e.ips(),
                                    e.tcpPorts(),
                                    e.udpPorts(),
                                    io.github.o365watch.domain.Category.parse("Quarantine"),
                                    e.required(),
                                    e.expressRoute(),
                                    e.notes()));
        }
        new SnapshotStore(Path.of(store))
                .put(
                        new io.github.o365watch.domain.Snapshot(s.instance(), s.version(), sets),
                        java.util.Optional.empty(),
                        "00".repeat(32));

        Result r = cli.run("show", "--store", store, "--category", "quarantine", "--summary");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("1 of 112 endpoint sets (categories Quarantine)", "11  Skype    Quarantine  yes");
        assertThat(cli.run("show", "--store", store, "--category", "Blocked").err())
                .contains("(this version also has Quarantine)");
    }

    @Test
    void aCorruptedSnapshotIsExitFiveNamingTheFile() throws Exception {
        Path file = Path.of(store, "worldwide", "2019102800.json");
        Files.writeString(file, Files.readString(file).replace("\"Optimize\"", "\"Allow\""));

        Result r = cli.run("show", "--store", store);

        assertThat(r.code()).isEqualTo(5);
        assertThat(r.err())
                .isEqualTo("o365watch: " + file + " is corrupt or was edited: its SHA-256 does not match the one"
                        + " recorded when it was stored\n");
    }

    @SuppressWarnings("try") // the resource is held, not used: the block runs while it is held
    @Test
    void aBusyStoreIsExitFiveAfterTheBoundedWait() {
        service.publish("Worldwide", "2019112700");
        var before = Trees.hashes(Path.of(store));
        try (WriterLock held =
                new SnapshotStore(Path.of(store)).lock(Duration.ofSeconds(1), "pid 4242 (o365watch sync)")) {
            Result r = cli.run("fetch", "--store", store, "--source", service.url(), "--lock-timeout", "1");
            assertThat(r.code()).isEqualTo(5);
            assertThat(r.err())
                    .contains(
                            "is busy: another o365watch is writing to it (pid 4242 (o365watch sync)); gave up after 1 s");
        }
        assertThat(Trees.hashes(Path.of(store))).isEqualTo(before);
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void stackTracesOnlyWhenAsked() {
        wm.stubFor(get(urlPathEqualTo("/version")).willReturn(aResponse().withStatus(500)));
        Result quiet = cli.run("fetch", "--store", store, "--source", service.url(), "--retries", "1");
        assertThat(quiet.err().lines()).hasSize(1);
        Result loud = cli.run("fetch", "--store", store, "--source", service.url(), "--retries", "1", "--stacktrace");
        assertThat(loud.err()).contains("\tat io.github.o365watch.");
    }
}
