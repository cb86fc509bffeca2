package io.github.o365watch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.domain.Checksums;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import io.github.o365watch.testing.WireMocks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** mirror, then fetch --source DIR: an air-gapped store gets exactly what a live fetch stores. */
class MirrorTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    FakeService service;
    TestCli online;
    TestCli airGapped;

    @BeforeEach
    void setUp() {
        service = new FakeService(wm);
        online = new TestCli(tmp.resolve("online"));
        airGapped = new TestCli(tmp.resolve("air-gapped"));
    }

    @Test
    void aMirrorFetchStoresExactlyWhatALiveFetchStores() throws Exception {
        Path mirror = tmp.resolve("mirror");
        Path live = tmp.resolve("live-store");
        Path offline = tmp.resolve("offline-store");
        for (String v : new String[] {"2019082800", "2019093000"}) {
            service.publish("Worldwide", v)
                    .publish("USGovDoD", "2019120400")
                    .changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"))
                    .rss("Worldwide", Fixtures.text("upstream/worldwide-history.rss"))
                    .rss(
                            "USGovDoD",
                            Fixtures.text("upstream/worldwide-history.rss").replace("Worldwide", "USGovDoD"));
            Result m = online.run("mirror", "--out", mirror.toString(), "--source", service.url(), "--all-instances");
            assertThat(m.code()).as(m.toString()).isZero();
            Result l = online.run("fetch", "--store", live.toString(), "--source", service.url(), "--all-instances");
            assertThat(l.code()).as(l.toString()).isZero();

            wm.resetRequests();
            Result a = airGapped.run(
                    "fetch", "--store", offline.toString(), "--source", mirror.toString(), "--all-instances");
            assertThat(a.code()).as(a.toString()).isZero();
            assertThat(a.out()).isEqualTo(l.out());
            assertThat(service.requests())
                    .as("the air-gapped fetch used no network")
                    .isEmpty();
            assertThat(Trees.hashes(offline)).isEqualTo(Trees.hashes(live));
        }
        var index = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(mirror.resolve("version.json").toFile());
        assertThat(index).hasSize(2);
        assertThat(index.get(0).get("instance").asText()).isEqualTo("Worldwide");
        assertThat(index.get(0).get("latest").asText()).isEqualTo("2019093000");
        assertThat(index.get(0).get("files").get("endpoints/Worldwide.json").asText())
                .isEqualTo(Checksums.sha256(Fixtures.endpoints("Worldwide", "2019093000")));
        assertThat(index.get(1).get("files").get("endpoints/USGovDoD.json").asText())
                .isEqualTo(Checksums.sha256(Fixtures.endpoints("USGovDoD", "2019120400")));
        assertThat(index.get(0).get("files").size())
                .as("history, feed, endpoints, changes")
                .isEqualTo(4);
        assertThat(Files.readAllBytes(mirror.resolve("endpoints/Worldwide.json")))
                .isEqualTo(Fixtures.endpoints("Worldwide", "2019093000"));
        assertThat(mirror.resolve("version/Worldwide.rss")).exists();
        assertThat(mirror.resolve("changes/USGovDoD.json")).exists();
        Result versions = airGapped.run("versions", "--store", offline.toString(), "--source", mirror.toString());
        assertThat(versions.out()).contains("Version 2019093000 includes 5 changes");
    }

    @Test
    void aMirrorRunThatFailsPartWayNeverLabelsListsWithAnotherVersion() throws Exception {
        Path mirror = tmp.resolve("mirror");
        service.publish("Worldwide", "2019082800")
                .publish("USGovDoD", "2019112700")
                .rss("Worldwide", Fixtures.text("upstream/worldwide-history.rss"))
                .rss("USGovDoD", Fixtures.text("upstream/worldwide-history.rss").replace("Worldwide", "USGovDoD"));
        assertThat(online.run("mirror", "--out", mirror.toString(), "--source", service.url(), "--all-instances")
                        .code())
                .isZero();
        // Worldwide moves on; USGovDoD fails after Worldwide's files are written
        service.publish("Worldwide", "2019093000").publish("USGovDoD", "2019120400");
        wm.stubFor(get(urlPathEqualTo("/changes/USGovDoD/0000000000"))
                .willReturn(aResponse().withStatus(503)));

        Result r = online.run(
                "mirror", "--out", mirror.toString(), "--source", service.url(), "--all-instances", "--retries", "1");
        assertThat(r.code()).isEqualTo(3);

        Path store = tmp.resolve("store");
        Result a =
                airGapped.run("fetch", "--store", store.toString(), "--source", mirror.toString(), "--all-instances");
        assertThat(a.code()).as(a.toString()).isZero();
        assertThat(new SnapshotStore(store).load(Instance.WORLDWIDE, Version.parse("2019093000")))
                .isEqualTo(Fixtures.snapshot("Worldwide", "2019093000"));
        assertThat(new SnapshotStore(store).load(Instance.parse("USGovDoD"), Version.parse("2019112700")))
                .isEqualTo(Fixtures.snapshot("USGovDoD", "2019112700"));
    }

    @Test
    void endpointsThatAreNotTheOnesTheIndexNamesAreRefused() throws Exception {
        Path mirror = tmp.resolve("mirror");
        service.publish("Worldwide", "2019082800").rss("Worldwide", Fixtures.text("upstream/worldwide-history.rss"));
        online.run("mirror", "--out", mirror.toString(), "--source", service.url());
        Files.write(mirror.resolve("endpoints/Worldwide.json"), Fixtures.endpoints("Worldwide", "2019093000"));

        Result r = airGapped.run("fetch", "--store", tmp.resolve("store").toString(), "--source", mirror.toString());

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err())
                .contains("the mirror " + mirror + " is inconsistent: endpoints/Worldwide.json is not the file its"
                        + " version.json names for 2019082800");
        assertThat(tmp.resolve("store/worldwide")).doesNotExist();
        // a tenant file left from another run is not part of the version either
        Files.write(mirror.resolve("endpoints/Worldwide.json"), Fixtures.endpoints("Worldwide", "2019082800"));
        Files.write(
                mirror.resolve("endpoints/Worldwide.tenant-contoso.json"),
                Fixtures.endpoints("Worldwide", "2019093000"));
        Result t = airGapped.run(
                "fetch",
                "--store",
                tmp.resolve("store").toString(),
                "--source",
                mirror.toString(),
                "--tenant",
                "contoso");
        assertThat(t.code()).isEqualTo(3);
        assertThat(t.err())
                .contains("endpoints/Worldwide.tenant-contoso.json is not part of the version its version.json names");
    }

    @Test
    void aTenantsListsAreMirroredFetchedAndUsedByGenerate() throws Exception {
        Path mirror = tmp.resolve("mirror");
        // the service substitutes the tenant itself; here its answer is the real list with contoso put in
        byte[] forTenant = new String(
                        Fixtures.endpoints("Worldwide", "2019093000"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"*.sharepoint.com\"", "\"contoso.sharepoint.com\"")
                .replace("\"*-my.sharepoint.com\"", "\"contoso-my.sharepoint.com\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        service.publish("Worldwide", "2019093000").rss("Worldwide", Fixtures.text("upstream/worldwide-history.rss"));
        wm.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .withQueryParam("TenantName", com.github.tomakehurst.wiremock.client.WireMock.equalTo("contoso"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody(forTenant)));

        Result m = online.run("mirror", "--out", mirror.toString(), "--source", service.url(), "--tenant", "contoso");
        assertThat(m.code()).as(m.toString()).isZero();
        assertThat(mirror.resolve("endpoints/Worldwide.tenant-contoso.json")).hasBinaryContent(forTenant);

        Path store = tmp.resolve("store");
        Result f = airGapped.run(
                "fetch", "--store", store.toString(), "--source", mirror.toString(), "--tenant", "contoso");
        assertThat(f.code()).as(f.toString()).isZero();
        assertThat(f.out()).endsWith("; kept the lists published for tenant contoso\n");
        assertThat(store.resolve("worldwide/2019093000.tenant-contoso.json")).exists();

        Result g = airGapped.run(
                "generate",
                "--store",
                store.toString(),
                "--out",
                tmp.resolve("out").toString(),
                "--target",
                "proxy-bypass",
                "--tenant",
                "contoso");
        assertThat(g.code()).as(g.toString()).isZero();
        assertThat(g.out())
                .contains("tenant-specific hostnames as the service published them for tenant contoso")
                .doesNotContain("substituted by o365watch");
        assertThat(Files.readString(tmp.resolve("out/proxy-bypass/o365-proxy-bypass.txt")))
                .contains("contoso.sharepoint.com;", "contoso-my.sharepoint.com;")
                .doesNotContain("*.sharepoint.com");

        wm.resetRequests();
        Result again = online.run(
                "fetch", "--store", tmp.resolve("live").toString(), "--source", service.url(), "--tenant", "contoso");
        assertThat(again.code()).isZero();
        assertThat(service.requests())
                .filteredOn(r -> r.getUrl().contains("TenantName=contoso"))
                .hasSize(1);
    }

    @Test
    void anUnchangedMirrorIsNotDownloadedAgain() {
        Path mirror = tmp.resolve("mirror");
        service.publish("Worldwide", "2019093000").rss("Worldwide", Fixtures.text("upstream/worldwide-history.rss"));
        online.run("mirror", "--out", mirror.toString(), "--source", service.url());
        wm.resetRequests();

        Result again = online.run("mirror", "--out", mirror.toString(), "--source", service.url());

        assertThat(again.out()).isEqualTo("Worldwide: mirror already at 2019093000\n");
        assertThat(service.paths()).containsExactly("/version");
    }

    @Test
    void invalidDataIsNotMirrored() {
        Path mirror = tmp.resolve("mirror");
        service.publish("Worldwide", "2019082800").rss("Worldwide", Fixtures.text("upstream/worldwide-history.rss"));
        online.run("mirror", "--out", mirror.toString(), "--source", service.url());
        var before = Trees.hashes(mirror);
        service.publish("Worldwide", "2019093000");
        wm.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .willReturn(aResponse().withStatus(200).withBody("[{\"id\": \"x\"}]")));

        Result r = online.run("mirror", "--out", mirror.toString(), "--source", service.url());

        assertThat(r.code()).isEqualTo(4);
        assertThat(Trees.hashes(mirror)).isEqualTo(before);
    }

    @Test
    void aMirrorLackingAFileIsAClearUpstreamError() {
        Result r = airGapped.run("fetch", "--store", tmp.resolve("s").toString(), "--source", tmp.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("GET /version: the mirror " + tmp + " has no version.json");
        Result missing = airGapped.run(
                "fetch",
                "--store",
                tmp.resolve("s").toString(),
                "--source",
                tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such directory");
    }
}
