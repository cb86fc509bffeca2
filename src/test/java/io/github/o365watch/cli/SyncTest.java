package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.Derived;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.Stat;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The nightly job end to end: WireMock serves real published versions one after another, sync
 * runs against them with a real config file, store and output directory, and check judges the
 * result.
 */
class SyncTest {
    static final String A = "2019082800";
    static final String B = "2019093000";

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path dir;

    Nightly n;
    FakeService service;
    TestCli cli;
    Path config;

    @BeforeEach
    void setUp() throws IOException {
        n = new Nightly(wm, dir);
        service = n.service;
        cli = n.cli;
        config = n.config;
    }

    void writeConfig(String extra) throws IOException {
        n.writeConfig(extra);
    }

    Result sync(String... args) {
        return n.sync(args);
    }

    Result check(String... args) {
        return n.check(args);
    }

    Path output(String relative) {
        return n.output(relative);
    }

    JsonNode lock() throws IOException {
        return n.lock();
    }

    Map<String, String> outputs() throws IOException {
        return n.outputs();
    }

    void publishAnnouncedAddition(String effectiveDate) {
        n.publishAnnouncedAddition(effectiveDate);
    }

    @Test
    void firstSyncGeneratesEveryTargetAndTheLock() throws IOException {
        service.publish("Worldwide", A).changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"));

        Result r = sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Worldwide: applied " + A + " (first sync)");
        assertThat(Files.isSymbolicLink(dir.resolve("generated"))).isTrue();
        Map<String, String> outputs = outputs();
        assertThat(outputs.keySet())
                .anyMatch(p -> p.startsWith("worldwide/edl/"))
                .anyMatch(p -> p.startsWith("worldwide/nftables/"))
                .anyMatch(p -> p.startsWith("worldwide/pac/"));
        assertThat(outputs.values()).allMatch(c -> !c.contains("\r"));

        JsonNode lock = lock();
        assertThat(lock.path("instances").path("Worldwide").path("version").asText())
                .isEqualTo(A);
        List<String> locked = new ArrayList<>();
        for (JsonNode o : lock.path("outputs")) {
            String path = o.path("path").asText();
            locked.add(path);
            assertThat(o.path("version").asText()).isEqualTo(A);
            assertThat(o.path("instance").asText()).isEqualTo("Worldwide");
            assertThat(path).startsWith("worldwide/" + o.path("target").asText() + "/");
            assertThat(o.path("selectionHash").asText())
                    .isEqualTo(lock.path("instances")
                            .path("Worldwide")
                            .path("selectionHash")
                            .asText());
            assertThat(o.path("sha256").asText()).isEqualTo(sha256(output(path)));
        }
        assertThat(locked).containsExactlyElementsOf(outputs.keySet());
        // the same outputs as generate writes for that version and target
        Path gen = dir.resolve("by-hand");
        Result g = cli.run(
                "generate",
                "--store",
                dir.resolve("snapshots").toString(),
                "--version",
                A,
                "--target",
                "nftables",
                "--option",
                "nftables.table=o365watch",
                "--out",
                gen.toString());
        assertThat(g.code()).as(g.toString()).isZero();
        try (var files = Files.walk(gen)) {
            for (Path p : (Iterable<Path>)
                    files.filter(Files::isRegularFile).filter(f -> f.getParent().endsWith("nftables"))::iterator) {
                assertThat(outputs).containsEntry("worldwide/nftables/" + p.getFileName(), Files.readString(p));
            }
        }
        assertThat(check("--offline").code()).isZero();
    }

    @Test
    void theNextNightWithNothingNewTouchesNothingAndAsksOnce() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        Map<String, String> before = Stat.tree(dir);
        wm.resetRequests();

        Result r = sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines()).hasSize(1);
        assertThat(r.out()).startsWith("up to date: Worldwide " + A);
        assertThat(r.err()).isEmpty();
        assertThat(service.paths()).containsExactly("/version");
        assertThat(Stat.tree(dir)).isEqualTo(before);
    }

    @Test
    void aNewVersionRewritesOnlyWhatChangedAndCheckGoesFromOneToZero() throws IOException {
        service.publish("Worldwide", A).changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"));
        assertThat(sync().code()).isZero();
        Map<String, String> first = outputs();
        Map<String, String> statBefore = new TreeMap<>();
        first.keySet().forEach(p -> statBefore.put(p, Stat.of(output(p))));
        service.publish("Worldwide", B);

        Result pending = check();
        assertThat(pending.code()).as(pending.toString()).isEqualTo(1);
        assertThat(pending.out())
                .contains("not current")
                .contains("from Worldwide " + A + " to " + B)
                .contains("- 2603:1026:630::/44"); // removed from set 31 (SharePoint Optimize) in B
        assertThat(Trees.hashes(dir.resolve("snapshots")))
                .doesNotContainKey("worldwide/" + B + ".json"); // check stores nothing

        Result r = sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("Worldwide: applied " + B + " (was " + A + ")")
                .contains("report: ");
        Map<String, String> second = outputs();
        List<String> changed = new ArrayList<>();
        List<String> same = new ArrayList<>();
        second.forEach((p, c) -> (c.equals(first.get(p)) ? same : changed).add(p));
        assertThat(changed).isNotEmpty();
        assertThat(same).as("B changes IPv6 and URLs only: the IPv4 lists stay").isNotEmpty();
        for (String p : same) {
            assertThat(Stat.of(output(p))).as(p + " untouched").isEqualTo(statBefore.get(p));
        }
        for (String p : changed) {
            assertThat(Stat.of(output(p))).as(p + " rewritten").isNotEqualTo(statBefore.get(p));
        }
        assertThat(r.out()).contains("wrote " + changed.size() + " files, 0 removed, " + same.size() + " unchanged");
        assertThat(dir.resolve("reports/worldwide-" + A + "-" + B + ".md")).exists();
        assertThat(dir.resolve("reports/worldwide-" + A + "-" + B + ".json")).exists();
        assertThat(Files.readString(dir.resolve("reports/o365watch.rss"))).contains(B);
        assertThat(lock().path("instances").path("Worldwide").path("version").asText())
                .isEqualTo(B);

        Result after = check();
        assertThat(after.code()).as(after.toString()).isZero();
        assertThat(after.out()).startsWith("current: ");
    }

    @Test
    void aShrinkingVersionIsRefusedWithOutputsByteIdenticalUntilAccepted() throws IOException {
        service.publish("Worldwide", B);
        assertThat(sync().code()).isZero();
        Map<String, String> outputsBefore = Trees.hashes(dir.resolve(".generated.releases"));
        String lockBefore = Files.readString(dir.resolve("o365watch.lock"));
        String linkBefore = Files.readSymbolicLink(dir.resolve("generated")).toString();
        // Exchange's ranges gone from every set: the area stays (its URLs remain), most of its addresses go
        service.publish(
                "Worldwide",
                "2019100100",
                Derived.withoutIps(
                        Fixtures.endpoints("Worldwide", B),
                        s -> s.path("serviceArea").asText().equals("Exchange")));

        Result r = sync();

        assertThat(r.code()).as(r.toString()).isEqualTo(7);
        assertThat(r.err())
                .contains("refused by the safety guard")
                .contains("Worldwide 2019100100 removes")
                .contains("of the selected IPv4 addresses")
                .contains("the limit is 10%");
        // IPv6 in /64s, never a 28-digit count
        assertThat(r.err())
                .containsPattern(
                        "removes [0-9.]+% of the selected IPv6 addresses \\((about )?[0-9,.]+ /64s of (about )?[0-9,.]+ /64s;")
                .containsPattern(
                        "IPv4 addresses \\([0-9]{1,3}(,[0-9]{3})* addresses of [0-9]{1,3}(,[0-9]{3})* addresses;")
                .doesNotContainPattern("[0-9]{13}");
        assertThat(Trees.hashes(dir.resolve(".generated.releases"))).isEqualTo(outputsBefore);
        assertThat(Files.readString(dir.resolve("o365watch.lock"))).isEqualTo(lockBefore);
        assertThat(Files.readSymbolicLink(dir.resolve("generated")).toString()).isEqualTo(linkBefore);
        assertThat(dir.resolve("reports")).doesNotExist();

        Result again = sync();
        assertThat(again.code())
                .as("refused every night until a person decides")
                .isEqualTo(7);

        Result accepted = sync("--accept-shrink");
        assertThat(accepted.code()).as(accepted.toString()).isZero();
        assertThat(lock().path("instances").path("Worldwide").path("version").asText())
                .isEqualTo("2019100100");
    }

    /**
     * The service sends a truncated list under a new version number, then the full list under the
     * same number. The refused download must not poison the store: the next sync downloads the
     * version again, keeps the full list as a revision, and the guard, judging that revision,
     * lets it through without any flag.
     */
    @Test
    void aTruncatedDownloadRefusedByTheGuardIsDownloadedAgainAndTheGoodListAppliedWithoutAFlag() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        String v = "2019090100";
        byte[] good = Derived.withIp(Fixtures.endpoints("Worldwide", A), 1, "20.20.20.0/24");
        // the response cut short: most of the Exchange and SharePoint sets missing
        service.publish(
                "Worldwide",
                v,
                Derived.withoutIps(good, s -> s.path("serviceArea").asText().matches("Exchange|SharePoint")));

        Result refused = sync();

        assertThat(refused.code()).as(refused.toString()).isEqualTo(7);
        assertThat(refused.err().lines()).hasSize(1);
        assertThat(refused.err())
                .contains("refused by the safety guard")
                .contains("Worldwide " + v + " removes")
                .contains("the next sync downloads " + v + " again")
                .contains("o365watch fetch --force")
                .contains("--accept-shrink");
        assertThat(lock().path("instances").path("Worldwide").path("version").asText())
                .isEqualTo(A);

        // Microsoft's caches catch up: the same version number, the whole list
        service.publish("Worldwide", v, good);
        Map<String, String> beforeDryRun = Trees.hashes(dir);
        Result dry = sync("--dry-run");
        assertThat(dry.code())
                .as("a dry run judges what sync would download: " + dry)
                .isZero();
        assertThat(dry.out())
                .contains("Worldwide: would apply " + v + " (was " + A + "); the service publishes " + v
                        + ", which sync would fetch first");
        assertThat(Trees.hashes(dir)).as("a dry run writes nothing").isEqualTo(beforeDryRun);
        wm.resetRequests();

        Result applied = sync();

        assertThat(applied.code()).as(applied.toString()).isZero();
        assertThat(service.paths()).as("downloaded again").contains("/endpoints/Worldwide");
        assertThat(applied.out())
                .contains("Worldwide: applied " + v + " (was " + A + ")")
                .contains("downloaded " + v + " again: the service now serves other lists (revision 2");
        assertThat(lock().path("instances").path("Worldwide").path("version").asText())
                .isEqualTo(v);
        // the refused lists stay beside the good ones, for review; the outputs hold the good ones
        assertThat(dir.resolve("snapshots/worldwide/" + v + ".json")).exists();
        assertThat(dir.resolve("snapshots/worldwide/" + v + ".r2.json")).exists();
        assertThat(outputs().values()).anyMatch(c -> c.contains("20.20.20.0/24"));
        assertThat(check().code()).isZero();

        // applied: the next night asks /version only
        wm.resetRequests();
        Result quiet = sync();
        assertThat(quiet.code()).as(quiet.toString()).isZero();
        assertThat(service.paths()).containsExactly("/version");
    }

    /**
     * Lists republished under the applied version number are judged like a new version: a
     * truncated copy stored by {@code fetch --force} is refused by the guard (the lock records the
     * revision applied), check says the outputs are not current, and the service's corrected
     * lists are applied by the next sync without a flag.
     */
    @Test
    void aTruncatedCopyOfTheAppliedVersionIsJudgedByTheGuard() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        assertThat(lock().path("instances").path("Worldwide").has("revision"))
                .as("a first copy records no revision")
                .isFalse();
        Map<String, String> outputsBefore = Trees.hashes(dir.resolve(".generated.releases"));
        byte[] full = Fixtures.endpoints("Worldwide", A);
        service.publish(
                "Worldwide",
                A,
                Derived.withoutIps(full, s -> s.path("serviceArea").asText().matches("Exchange|SharePoint")));
        Result fetched =
                cli.run("fetch", "--force", "--store", dir.resolve("snapshots").toString(), "--source", service.url());
        assertThat(fetched.code()).as(fetched.toString()).isZero();
        assertThat(dir.resolve("snapshots/worldwide/" + A + ".r2.json")).exists();

        Result checked = check("--offline");
        assertThat(checked.code())
                .as("the truncated copy changes what the targets write: " + checked)
                .isEqualTo(1);
        assertThat(checked.out()).contains("from Worldwide " + A + " to " + A + " (revision 2)");

        Result refused = sync();

        assertThat(refused.code()).as(refused.toString()).isEqualTo(7);
        assertThat(refused.err()).contains("refused by the safety guard").contains("Worldwide " + A + " removes");
        assertThat(Trees.hashes(dir.resolve(".generated.releases"))).isEqualTo(outputsBefore);
        assertThat(lock().path("instances").path("Worldwide").has("revision")).isFalse();

        // the service serves the whole list again under the same number
        service.publish("Worldwide", A, full);
        Result applied = sync();
        assertThat(applied.code()).as(applied.toString()).isZero();
        assertThat(lock().path("instances").path("Worldwide").path("revision").asInt())
                .isEqualTo(3);
        assertThat(Trees.hashes(dir.resolve(".generated.releases")))
                .as("the same lists, the same files")
                .isEqualTo(outputsBefore);
        assertThat(check().code()).isZero();
    }

    @Test
    void aVersionThatLosesAServiceAreaIsRefused() throws IOException {
        service.publish("Worldwide", B);
        assertThat(sync().code()).isZero();
        service.publish(
                "Worldwide",
                "2019100100",
                Derived.withoutSets(
                        Fixtures.endpoints("Worldwide", B),
                        s -> s.path("serviceArea").asText().equals("Skype")));

        Result r = sync();

        assertThat(r.code()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("loses the service area Skype");
    }

    @Test
    void aConfigThatSelectsNothingIsRefused() throws IOException {
        writeConfig(
                "selection:\n  categories: [Optimize]\n  serviceAreas: [Common]\n  families: ipv6\n  requiredOnly: true\n");
        service.publish(
                "Worldwide",
                A,
                Derived.withoutSets(
                        Fixtures.endpoints("Worldwide", A),
                        s -> s.path("serviceArea").asText().equals("Common")));

        Result r = sync();

        assertThat(r.code()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("selects nothing");
        assertThat(dir.resolve("generated")).doesNotExist();
        assertThat(dir.resolve("o365watch.lock")).doesNotExist();
    }

    @Test
    void checkFindsAHandEditedOutputAndSyncPutsItBack() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        String path = outputs().keySet().stream()
                .filter(p -> p.startsWith("worldwide/edl/"))
                .findFirst()
                .orElseThrow();
        String original = Files.readString(output(path));
        Files.writeString(output(path), original + "203.0.113.0/24\n");

        Result c = check("--offline");

        assertThat(c.code()).as(c.toString()).isEqualTo(1);
        assertThat(c.out()).contains(path + ": differs from what the lock file records");

        Result s = sync();
        assertThat(s.code()).as(s.toString()).isZero();
        assertThat(s.out()).contains("wrote 1 file,");
        assertThat(Files.readString(output(path))).isEqualTo(original);
        assertThat(check("--offline").code()).isZero();
    }

    @Test
    void anAnnouncedAdditionFailsCheckOnlyWithinTheGracePeriod() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();

        publishAnnouncedAddition("20270115"); // 51 days after the test clock's today
        Result later = check();
        assertThat(later.code()).as(later.toString()).isZero();
        assertThat(later.out())
                .startsWith("current: ")
                .contains("+ 20.20.20.0/24 (Optimize)  takes effect 2027-01-15  (change record 2001)  [not yet due]")
                .contains("+ 20.20.20.0/24 (Optimize; TCP 80,443)  takes effect 2027-01-15");

        Result wider = check("--grace-days", "60");
        assertThat(wider.code()).as(wider.toString()).isEqualTo(1);

        publishAnnouncedAddition("20261130"); // within the default 7 days
        Result soon = check();
        assertThat(soon.code()).as(soon.toString()).isEqualTo(1);
        assertThat(soon.out())
                .startsWith("not current: 2 outputs need sync")
                .contains("+ 20.20.20.0/24 (Optimize)  takes effect 2026-11-30  (change record 2001)\n")
                .doesNotContain("[not yet due]");
    }

    @Test
    void aNewerVersionThatChangesNothingSelectedIsNotAFailure() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        // a new range in set 3 (Exchange, category Default): the config selects Optimize and Allow only
        service.publish(
                "Worldwide", "2019090100", Derived.withIp(Fixtures.endpoints("Worldwide", A), 3, "20.20.20.0/24"));

        Result r = check();

        assertThat(r.code()).as(r.toString()).isZero();
        // the PAC file sees every category, but a PAC file cannot hold a range: only its comments change
        assertThat(r.out())
                .contains("worldwide/pac (comments only, nothing due):")
                .contains("~ comments only")
                .doesNotContain("worldwide/edl")
                .doesNotContain("worldwide/nftables");
    }

    @Test
    void dryRunSaysWhatWouldChangeAndWritesNothing() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        Map<String, String> before = Stat.tree(dir);
        service.publish("Worldwide", B);

        Result r = sync("--dry-run");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("Worldwide: would apply " + B + " (was " + A + "); the service publishes " + B)
                .containsPattern("would write [1-9][0-9]* files, 0 removed, [1-9][0-9]* unchanged")
                .contains("  write worldwide/");
        assertThat(Stat.tree(dir)).isEqualTo(before);
    }

    @Test
    void syncVersionRollsBackInOneCommand() throws IOException {
        service.publish("Worldwide", A).changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"));
        assertThat(sync().code()).isZero();
        Map<String, String> atA = outputs();
        String lockAtA = Files.readString(dir.resolve("o365watch.lock"));
        service.publish("Worldwide", B);
        assertThat(sync().code()).isZero();
        assertThat(outputs()).isNotEqualTo(atA);
        wm.resetRequests();

        Result r = sync("--version", A);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Worldwide: applied " + A + " (was " + B + ")");
        assertThat(outputs()).isEqualTo(atA);
        assertThat(Files.readString(dir.resolve("o365watch.lock"))).isEqualTo(lockAtA);
        assertThat(service.paths()).as("a rollback needs no network").isEmpty();
    }

    @Test
    void anOfflineSyncWithNothingStoredSaysToRunItOnline() {
        Result r = sync("--offline");

        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(r.err())
                .as("not 'run sync' to someone who just ran it")
                .contains("--offline uses only the store: run sync without --offline")
                .doesNotContain("run 'o365watch sync'");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void theLockFileIsCanonicalAndTheSameForTheSameInput() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        String first = Files.readString(dir.resolve("o365watch.lock"));
        Map<String, String> outputs = outputs();
        for (Path p :
                List.of(dir.resolve("generated"), dir.resolve(".generated.releases"), dir.resolve("o365watch.lock"))) {
            deleteTree(p);
        }

        assertThat(sync("--offline").code()).isZero();

        assertThat(Files.readString(dir.resolve("o365watch.lock"))).isEqualTo(first);
        assertThat(outputs()).isEqualTo(outputs);
        assertThat(first).doesNotContain("\r").endsWith("}\n");
    }

    @Test
    void anUnmanagedOutputDirectoryIsNeverOverwritten() throws IOException {
        service.publish("Worldwide", A);
        Files.createDirectories(dir.resolve("generated"));
        Files.writeString(dir.resolve("generated/mine.txt"), "hand-made\n");

        Result r = sync();

        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("is not managed by o365watch");
        assertThat(Files.readString(dir.resolve("generated/mine.txt"))).isEqualTo("hand-made\n");
        assertThat(dir.resolve("o365watch.lock")).doesNotExist();
    }

    @Test
    void checkWithoutALockFileSaysRunSync() {
        service.publish("Worldwide", A);

        Result r = check("--offline");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("no lock file");
    }

    @Test
    void aChangedConfigMakesCheckFailUntilSync() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        writeConfig("selection:\n  families: ipv4\n");

        Result r = check("--offline");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("the configuration changed since the last sync");
        assertThat(sync().code()).isZero();
        assertThat(check("--offline").code()).isZero();
    }

    @Test
    void anUnreachableServiceLeavesEverythingAsItWasAndCheckSaysItCannotTell() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        Map<String, String> before = Stat.tree(dir);
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/version"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(503)));

        Result s = sync("--retries", "1");
        Result c = check("--retries", "1");

        assertThat(s.code()).as(s.toString()).isEqualTo(3);
        assertThat(c.code()).as("an error, not 'not current'").isEqualTo(3);
        assertThat(Stat.tree(dir)).isEqualTo(before);
        assertThat(check("--offline").code()).isZero();
    }

    @Test
    void everyConfiguredInstanceIsSyncedAndLocked() throws IOException {
        Files.writeString(
                config, Files.readString(config).replace("instances: [Worldwide]", "instances: [Worldwide, usgovdod]"));
        service.publish("Worldwide", A).publish("USGovDoD", "2019082800");

        Result r = sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Worldwide: applied " + A).contains("USGovDoD: applied 2019082800");
        assertThat(outputs().keySet())
                .anyMatch(p -> p.startsWith("worldwide/"))
                .anyMatch(p -> p.startsWith("usgovdod/"));
        assertThat(lock().path("instances").path("USGovDoD").path("version").asText())
                .isEqualTo("2019082800");
        assertThat(check().code()).isZero();
        service.publish("USGovDoD", "2019093000");
        Result c = check();
        assertThat(c.code()).as(c.toString()).isEqualTo(1);
        assertThat(c.out()).contains("usgovdod/").doesNotContain("worldwide/");
    }

    @Test
    void aTargetTakenOutOfTheConfigLosesItsFilesAndCheckSaysSoFirst() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        Files.writeString(config, Files.readString(config).replace("  - name: edl\n", ""));

        Result c = check("--offline");
        assertThat(c.code()).as(c.toString()).isEqualTo(1);
        assertThat(c.out()).contains("the configuration changed since the last sync");

        Result r = sync();
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("wrote 0 files, [1-9][0-9]* removed");
        assertThat(outputs().keySet()).noneMatch(p -> p.startsWith("worldwide/edl/"));
        assertThat(lock().path("outputs").toString()).doesNotContain("worldwide/edl/");
        assertThat(check("--offline").code()).isZero();
    }

    @Test
    void anInstanceTakenOutOfTheConfigFailsCheckUntilSyncRemovesIt() throws IOException {
        Files.writeString(
                config, Files.readString(config).replace("instances: [Worldwide]", "instances: [Worldwide, USGovDoD]"));
        service.publish("Worldwide", A).publish("USGovDoD", "2019082800");
        assertThat(sync().code()).isZero();
        Files.writeString(
                config, Files.readString(config).replace("instances: [Worldwide, USGovDoD]", "instances: [Worldwide]"));

        Result c = check("--offline");
        assertThat(c.code()).as(c.toString()).isEqualTo(1);
        assertThat(c.out()).contains("the lock file has outputs for USGovDoD, which the config no longer lists");
        assertThat(sync().code()).isZero();
        assertThat(outputs().keySet()).noneMatch(p -> p.startsWith("usgovdod/"));
        assertThat(check("--offline").code()).isZero();
    }

    @Test
    void syncInstanceVersionRollsBackOneInstanceAndLeavesTheOther() throws IOException {
        Files.writeString(
                config, Files.readString(config).replace("instances: [Worldwide]", "instances: [Worldwide, USGovDoD]"));
        service.publish("Worldwide", A).publish("USGovDoD", "2019082800");
        assertThat(sync().code()).isZero();
        service.publish("Worldwide", B).publish("USGovDoD", "2019093000");
        assertThat(sync().code()).isZero();
        Map<String, String> before = outputs();

        Result r = sync("--instance", "usgovdod", "--version", "2019082800");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(lock().path("instances").path("USGovDoD").path("version").asText())
                .isEqualTo("2019082800");
        assertThat(lock().path("instances").path("Worldwide").path("version").asText())
                .isEqualTo(B);
        Map<String, String> after = outputs();
        before.keySet().stream()
                .filter(p -> p.startsWith("worldwide/"))
                .forEach(p -> assertThat(after.get(p)).isEqualTo(before.get(p)));
        assertThat(sync("--instance", "Germany").code()).isEqualTo(2);
    }

    /**
     * A version number both instances publish (USGovDoD and Worldwide share 2019093000): without
     * --instance, --version would roll back every instance the config lists. It needs --instance,
     * and says so before anything runs.
     */
    @Test
    void syncVersionWithSeveralInstancesNeedsInstance() throws IOException {
        Files.writeString(
                config, Files.readString(config).replace("instances: [Worldwide]", "instances: [Worldwide, USGovDoD]"));
        service.publish("Worldwide", A).publish("USGovDoD", "2019082800");
        assertThat(sync().code()).isZero();
        service.publish("Worldwide", B).publish("USGovDoD", B);
        assertThat(sync().code()).isZero();
        service.publish("Worldwide", "2019102800").publish("USGovDoD", "2019102800");
        assertThat(sync().code()).isZero();
        Map<String, String> before = Stat.tree(dir);

        Result r = sync("--version", B);

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        // a mistake on the command line: the message, then the pointer to --help
        assertThat(r.err().lines()).hasSize(2).last().isEqualTo("Try 'o365watch sync --help' for more information.");
        assertThat(r.err())
                .contains("--version " + B + " rolls back one instance, and the config lists Worldwide, USGovDoD:"
                        + " name it with --instance");
        assertThat(Stat.tree(dir)).as("nothing touched").isEqualTo(before);
        Result two = sync("--version", B, "--instance", "Worldwide", "--instance", "USGovDoD");
        assertThat(two.code()).as(two.toString()).isEqualTo(2);

        Result one = sync("--version", B, "--instance", "USGovDoD");
        assertThat(one.code()).as(one.toString()).isZero();
        assertThat(lock().path("instances").path("USGovDoD").path("version").asText())
                .isEqualTo(B);
        assertThat(lock().path("instances").path("Worldwide").path("version").asText())
                .isEqualTo("2019102800");
    }

    static Stream<Arguments> corruptLocks() {
        return Stream.of(
                Arguments.of("not JSON", "{"),
                Arguments.of("a null output", "{\"format\":1,\"instances\":{},\"outputs\":[null]}"),
                Arguments.of("no instances", "{\"format\":1,\"outputs\":[]}"),
                Arguments.of("another format", "{\"format\":2,\"instances\":{},\"outputs\":[]}"),
                Arguments.of(
                        "a bad version",
                        "{\"format\":1,\"instances\":{\"Worldwide\":{\"version\":\"bogus\",\"selectionHash\":\"0123456789abcdef\"}},\"outputs\":[]}"),
                Arguments.of(
                        "a path leaving the output",
                        "{\"format\":1,\"instances\":{},\"outputs\":[{\"path\":\"../../etc/x\",\"target\":\"edl\","
                                + "\"instance\":\"Worldwide\",\"version\":\"2019082800\",\"selectionHash\":\"0123456789abcdef\",\"sha256\":\""
                                + "0".repeat(64) + "\"}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptLocks")
    void aCorruptLockFileIsAStoreErrorNamingItAndNothingIsTouched(String what, String content) throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        Files.writeString(dir.resolve("o365watch.lock"), content);
        Map<String, String> before = Stat.tree(dir);

        Result s = sync();
        Result c = check("--offline");

        assertThat(s.code()).as(s.toString()).isEqualTo(5);
        assertThat(s.err()).contains("lock file " + dir.resolve("o365watch.lock"));
        assertThat(c.code()).as(c.toString()).isEqualTo(5);
        assertThat(Stat.tree(dir)).isEqualTo(before);
    }

    @Test
    void aLockNamingAVersionTheStoreLacksStopsSync() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        Path lock = dir.resolve("o365watch.lock");
        Files.writeString(
                lock, Files.readString(lock).replace("\"version\": \"" + A + "\"", "\"version\": \"2019072900\""));
        Map<String, String> before = Stat.tree(dir);

        Result r = sync();

        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("says Worldwide 2019072900 was applied, but the store");
        assertThat(Stat.tree(dir)).isEqualTo(before);
    }

    @Test
    void whenTheLockCannotBeWrittenTheOutputsGoBackToWhatItRecords() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        Map<String, String> atA = outputs();
        String link = Files.readSymbolicLink(dir.resolve("generated")).toString();
        service.publish("Worldwide", B);
        // an immutable lock file can be read but not replaced, even by root: the write after the publish fails
        Path lock = dir.resolve("o365watch.lock");
        Result r = io.github.o365watch.testing.Tools.whileImmutable(lock, () -> sync());

        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(Files.readSymbolicLink(dir.resolve("generated")).toString()).isEqualTo(link);
        assertThat(outputs()).isEqualTo(atA);
        assertThat(dir.resolve("reports")).doesNotExist();
        Result again = sync();
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("applied " + B + " (was " + A + ")");
    }

    @Test
    void anOutputLinkToSomewhereElseIsNeverTakenOver() throws IOException {
        service.publish("Worldwide", A);
        Path foreign = Files.createDirectories(dir.resolve("foreign/sub"));
        Files.writeString(foreign.resolve("keep.txt"), "mine\n");
        Files.createSymbolicLink(dir.resolve("generated"), dir.resolve("foreign"));

        Result r = sync();

        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("which o365watch did not write");
        assertThat(Files.readSymbolicLink(dir.resolve("generated"))).isEqualTo(dir.resolve("foreign"));
        assertThat(Files.readString(foreign.resolve("keep.txt"))).isEqualTo("mine\n");
    }

    @Test
    void aDanglingOutputLinkSaysHowToRecover() throws IOException {
        service.publish("Worldwide", A);
        assertThat(sync().code()).isZero();
        deleteTree(dir.resolve(".generated.releases"));

        Result r = sync();

        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("points to nothing").contains("delete the link and run sync again");
    }

    static String sha256(Path p) throws IOException {
        return io.github.o365watch.domain.Checksums.sha256(Files.readAllBytes(p));
    }

    static void deleteTree(Path p) throws IOException {
        if (Files.isSymbolicLink(p) || Files.isRegularFile(p)) {
            Files.delete(p);
            return;
        }
        try (var all = Files.walk(p)) {
            for (Path q : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(q);
            }
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
