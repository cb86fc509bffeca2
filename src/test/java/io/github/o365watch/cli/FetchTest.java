package io.github.o365watch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import io.github.o365watch.testing.WireMocks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** fetch through the real command line against WireMock serving real published data. */
class FetchTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    FakeService service;
    TestCli cli;
    Path store;

    @BeforeEach
    void setUp() {
        service = new FakeService(wm);
        cli = new TestCli(tmp.resolve("machine"));
        store = tmp.resolve("store");
    }

    Result fetch(String... more) {
        String[] base = {"fetch", "--store", store.toString(), "--source", service.url()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return cli.run(args);
    }

    @Test
    void checksTheVersionThenFetchesEndpointsAndChangesAndStoresThem() {
        service.publish("Worldwide", "2019093000")
                .changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"));

        Result r = fetch();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .isEqualTo("Worldwide: stored 2019093000 (first in this store): 111 endpoint sets, 6 change records\n");
        assertThat(r.err()).isEmpty();
        assertThat(service.paths())
                .containsExactly("/version", "/endpoints/Worldwide", "/changes/Worldwide/0000000000");
        SnapshotStore s = new SnapshotStore(store);
        assertThat(s.load(Instance.WORLDWIDE, Version.parse("2019093000")))
                .isEqualTo(Fixtures.snapshot("Worldwide", "2019093000"));
        assertThat(s.changes(s.newest(Instance.WORLDWIDE).orElseThrow()).orElseThrow())
                .extracting(c -> c.id())
                .containsExactly(1930, 1941, 1942, 1943, 1944, 1945);
        assertThat(s.rawSha256(s.newest(Instance.WORLDWIDE).orElseThrow()))
                .isEqualTo(io.github.o365watch.domain.Checksums.sha256(Fixtures.endpoints("Worldwide", "2019093000")));
    }

    @Test
    void asksForChangesAfterTheNewestStoredVersionAndKeepsOnlyNewerOnes() {
        service.publish("Worldwide", "2019082800");
        assertThat(fetch().code()).isZero();
        wm.resetRequests();
        service.publish("Worldwide", "2019093000")
                .changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"));

        Result r = fetch();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .isEqualTo("Worldwide: stored 2019093000 (previous 2019082800): 111 endpoint sets, 5 change records\n");
        assertThat(service.paths())
                .containsExactly("/version", "/endpoints/Worldwide", "/changes/Worldwide/2019082800");
        SnapshotStore s = new SnapshotStore(store);
        assertThat(s.changes(s.newest(Instance.WORLDWIDE).orElseThrow()).orElseThrow())
                .allSatisfy(c -> assertThat(c.version()).isEqualTo(Version.parse("2019093000")));
    }

    @Test
    void fetchesNothingWhenTheVersionDidNotMove() {
        service.publish("Worldwide", "2019093000");
        assertThat(fetch().code()).isZero();
        Map<String, String> before = Trees.hashes(store);
        wm.resetRequests();

        Result r = fetch();

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Worldwide: up to date at 2019093000\n");
        assertThat(service.paths()).containsExactly("/version");
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void sendsOneClientRequestIdPerMachineOnEveryRequestAndKeepsIt() throws Exception {
        service.publish("Worldwide", "2019082800");
        fetch();
        service.publish("Worldwide", "2019093000");
        fetch();
        fetch();

        List<LoggedRequest> requests = service.requests();
        Set<String> ids = requests.stream()
                .map(r -> r.queryParameter("ClientRequestId").firstValue())
                .collect(Collectors.toSet());
        assertThat(requests).hasSize(7);
        assertThat(ids).hasSize(1);
        String id = ids.iterator().next();
        assertThat(id)
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                .isNotEqualTo("b10c5ed1-bad1-445f-b386-b919946339a7");
        assertThat(Files.readString(cli.configDir().resolve("client-request-id"), StandardCharsets.UTF_8)
                        .strip())
                .isEqualTo(id);
        assertThat(Trees.hashes(store).keySet()).noneMatch(p -> p.contains("client-request-id"));

        // another machine gets its own
        wm.resetRequests();
        TestCli other = new TestCli(tmp.resolve("other-machine"));
        other.run("fetch", "--store", tmp.resolve("store2").toString(), "--source", service.url());
        assertThat(service.requests())
                .extracting(r -> r.queryParameter("ClientRequestId").firstValue())
                .isNotEmpty()
                .doesNotContain(id);
    }

    @Test
    void anExplicitClientRequestIdWinsAndTheSampleGuidIsRefused() {
        service.publish("Worldwide", "2019093000");
        Result r = fetch("--client-request-id", "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(service.requests())
                .extracting(q -> q.queryParameter("ClientRequestId").firstValue())
                .containsOnly("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9");

        Result sample = fetch("--client-request-id", "b10c5ed1-bad1-445f-b386-b919946339a7", "--force");
        assertThat(sample.code()).isEqualTo(2);
        assertThat(sample.err()).contains("sample GUID");
    }

    @Test
    void fetchesEveryInstanceTheServiceLists() {
        service.publish("Worldwide", "2019093000").publish("USGovDoD", "2019120400");

        Result r = fetch("--all-instances", "--json");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("\"instance\": \"Worldwide\"", "\"instance\": \"USGovDoD\"", "\"status\": \"stored\"");
        SnapshotStore s = new SnapshotStore(store);
        assertThat(s.instances()).containsExactly(Instance.WORLDWIDE, Instance.parse("USGovDoD"));
        assertThat(s.load(Instance.parse("usgovdod"), Version.parse("2019120400")))
                .isEqualTo(Fixtures.snapshot("USGovDoD", "2019120400"));
    }

    @Test
    void instanceNamesAreCaseInsensitiveAndUnknownOnesAreUsageErrors() {
        service.publish("Worldwide", "2019093000").publish("USGovDoD", "2019120400");

        assertThat(fetch("--instance", "usgovdod").out()).startsWith("USGovDoD: stored 2019120400");
        Result unknown = fetch("--instance", "Atlantis");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no instance 'Atlantis'", "Worldwide, USGovDoD");
    }

    @Test
    void aNewInstanceAppearsWithoutACodeChange() {
        service.publish("Worldwide", "2019093000");
        // a cloud o365watch has never heard of, served with real data
        service.publish("Bleu", "2025053000", Fixtures.endpoints("USGovDoD", "2019120400"));

        Result r = fetch("--all-instances");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Bleu: stored 2025053000");
        assertThat(new SnapshotStore(store).instances()).contains(Instance.parse("Bleu"));
        // any case, and the service's spelling in what is printed and stored
        assertThat(fetch("--instance", "BLEU", "--force").out()).startsWith("Bleu: 2025053000 fetched again");
        assertThat(cli.run(
                                "lookup",
                                "--store",
                                store.toString(),
                                "--instance",
                                "bLEU",
                                "--json",
                                "outlook-dod.office365.us")
                        .out())
                .contains("\"instance\": \"Bleu\"");
    }

    @Test
    void aRepublishedVersionWithOtherContentIsKeptBesideTheFirstAndReported() throws Exception {
        service.publish("Worldwide", "2019093000");
        fetch();
        // same version number, other content (the lists of 2019102800)
        service.publish("Worldwide", "2019093000", Fixtures.endpoints("Worldwide", "2019102800"));

        Result again = fetch();
        assertThat(again.out()).isEqualTo("Worldwide: up to date at 2019093000\n");

        Result forced = fetch("--force");

        assertThat(forced.code()).as(forced.toString()).isZero();
        var before = Fixtures.snapshot("Worldwide", "2019093000");
        var after = Fixtures.snapshot("Worldwide", "2019102800");
        java.util.TreeSet<Integer> differ = new java.util.TreeSet<>();
        before.sets().forEach(x -> {
            if (!after.sets().contains(x)) {
                differ.add(x.id());
            }
        });
        after.sets().forEach(x -> {
            if (!before.sets().contains(x)) {
                differ.add(x.id());
            }
        });
        assertThat(forced.out())
                .isEqualTo("Worldwide: 2019093000 was republished with different content (endpoint sets "
                        + differ.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", "))
                        + (differ.size() > 20 ? " and " + (differ.size() - 20) + " more" : "")
                        + " differ); both kept, the new one as revision 2\n");
        SnapshotStore s = new SnapshotStore(store);
        assertThat(s.revisions(Instance.WORLDWIDE))
                .extracting(v -> v.revision())
                .containsExactly(1, 2);
        assertThat(Files.exists(store.resolve("worldwide/2019093000.json"))).isTrue();
        assertThat(Files.exists(store.resolve("worldwide/2019093000.r2.json"))).isTrue();
        assertThat(s.load(Instance.WORLDWIDE, Version.parse("2019093000")).sets())
                .isEqualTo(Fixtures.snapshot("Worldwide", "2019102800").sets());

        Result identical = fetch("--force");
        assertThat(identical.out())
                .isEqualTo("Worldwide: 2019093000 fetched again: identical to the stored copy, nothing written\n");
    }

    @Test
    void retriesAServerErrorAndThenSucceeds() {
        service.publish("Worldwide", "2019093000");
        wm.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("oops"))
                .willSetStateTo("recovered"));
        wm.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.endpoints("Worldwide", "2019093000"))));

        Result r = fetch();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(service.paths())
                .containsExactly(
                        "/version", "/endpoints/Worldwide", "/endpoints/Worldwide", "/changes/Worldwide/0000000000");
        assertThat(cli.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void storesWhatTheRealWireResponseHoldsCrlfAndAll() {
        service.publish("Worldwide", "2020092900", Fixtures.wire());

        Result r = fetch();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Worldwide: stored 2020092900 (first in this store): ");
        assertThat(new SnapshotStore(store)
                        .load(Instance.WORLDWIDE, Version.parse("2020092900"))
                        .sets())
                .isNotEmpty();
    }
}
