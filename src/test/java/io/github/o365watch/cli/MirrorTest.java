package io.github.o365watch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
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
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** mirror, then fetch --source DIR: an air-gapped store gets exactly what a live fetch stores. */
class MirrorTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

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
            service.publish("Worldwide", v).publish("USGovDoD", "2019120400")
                    .changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"))
                    .rss("Worldwide", Fixtures.text("upstream/worldwide-history.rss"))
                    .rss("USGovDoD", Fixtures.text("upstream/worldwide-history.rss").replace("Worldwide", "USGovDoD"));
            Result m = online.run("mirror", "--out", mirror.toString(), "--source", service.url(), "--all-instances");
            assertThat(m.code()).as(m.toString()).isZero();
            Result l = online.run("fetch", "--store", live.toString(), "--source", service.url(), "--all-instances");
            assertThat(l.code()).as(l.toString()).isZero();

            wm.resetRequests();
            Result a = airGapped.run("fetch", "--store", offline.toString(), "--source", mirror.toString(), "--all-instances");
            assertThat(a.code()).as(a.toString()).isZero();
            assertThat(a.out()).isEqualTo(l.out());
            assertThat(service.requests()).as("the air-gapped fetch used no network").isEmpty();
            assertThat(Trees.hashes(offline)).isEqualTo(Trees.hashes(live));
        }
        assertThat(Files.readString(mirror.resolve("version.json"))).isEqualTo("""
                [
                  {
                    "endpointsSha256": "%s",
                    "instance": "Worldwide",
                    "latest": "2019093000"
                  },
                  {
                    "endpointsSha256": "%s",
                    "instance": "USGovDoD",
                    "latest": "2019120400"
                  }
                ]
                """.formatted(Checksums.sha256(Fixtures.endpoints("Worldwide", "2019093000")),
                Checksums.sha256(Fixtures.endpoints("USGovDoD", "2019120400"))));
        assertThat(Files.readAllBytes(mirror.resolve("endpoints/Worldwide.json"))).isEqualTo(Fixtures.endpoints("Worldwide", "2019093000"));
        assertThat(mirror.resolve("version/Worldwide.rss")).exists();
        assertThat(mirror.resolve("changes/USGovDoD.json")).exists();
        Result versions = airGapped.run("versions", "--store", offline.toString(), "--source", mirror.toString());
        assertThat(versions.out()).contains("Version 2019093000 includes 5 changes");
    }

    @Test
    void aMirrorRunThatFailsPartWayNeverLabelsListsWithAnotherVersion() throws Exception {
        Path mirror = tmp.resolve("mirror");
        service.publish("Worldwide", "2019082800").publish("USGovDoD", "2019112700")
                .rss("Worldwide", Fixtures.text("upstream/worldwide-history.rss"))
                .rss("USGovDoD", Fixtures.text("upstream/worldwide-history.rss").replace("Worldwide", "USGovDoD"));
        assertThat(online.run("mirror", "--out", mirror.toString(), "--source", service.url(), "--all-instances").code()).isZero();
        // Worldwide moves on; USGovDoD fails after Worldwide's files are written
        service.publish("Worldwide", "2019093000").publish("USGovDoD", "2019120400");
        wm.stubFor(get(urlPathEqualTo("/changes/USGovDoD/0000000000")).willReturn(aResponse().withStatus(503)));

        Result r = online.run("mirror", "--out", mirror.toString(), "--source", service.url(), "--all-instances", "--retries", "1");
        assertThat(r.code()).isEqualTo(3);

        Path store = tmp.resolve("store");
        Result a = airGapped.run("fetch", "--store", store.toString(), "--source", mirror.toString(), "--all-instances");
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
        assertThat(r.err()).contains("the mirror " + mirror + " is inconsistent: endpoints/Worldwide.json is not the file its"
                + " version.json names for 2019082800");
        assertThat(tmp.resolve("store/worldwide")).doesNotExist();
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
        wm.stubFor(get(urlPathEqualTo("/endpoints/Worldwide")).willReturn(aResponse().withStatus(200).withBody("[{\"id\": \"x\"}]")));

        Result r = online.run("mirror", "--out", mirror.toString(), "--source", service.url());

        assertThat(r.code()).isEqualTo(4);
        assertThat(Trees.hashes(mirror)).isEqualTo(before);
    }

    @Test
    void aMirrorLackingAFileIsAClearUpstreamError() {
        Result r = airGapped.run("fetch", "--store", tmp.resolve("s").toString(), "--source", tmp.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("GET /version: the mirror " + tmp + " has no version.json");
        Result missing = airGapped.run("fetch", "--store", tmp.resolve("s").toString(), "--source", tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such directory");
    }
}
