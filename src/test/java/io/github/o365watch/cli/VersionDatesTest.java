package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.source.WireFormat;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.Stat;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A version is a real date not after tomorrow (UTC) plus a sequence; a store that holds a newer
 * version than the service publishes is said loudly by status, fetch, sync and check, and the
 * service's word wins with {@code --accept-older} after a review. The clock is TestCli's, 2026-11-25.
 */
class VersionDatesTest {
    static final String A = SyncTest.A;
    static final String B = SyncTest.B;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path dir;

    Nightly n;
    FakeService service;

    @BeforeEach
    void firstSync() throws IOException {
        n = new Nightly(wm, dir);
        service = n.service;
        service.publish("Worldwide", A);
        assertThat(n.sync().code()).isZero();
    }

    private Result status() {
        return n.cli.run("status", "--store", dir.resolve("snapshots").toString(), "--source", service.url());
    }

    private Result fetch(String... more) {
        List<String> args = new java.util.ArrayList<>(
                List.of("fetch", "--store", dir.resolve("snapshots").toString(), "--source", service.url()));
        args.addAll(List.of(more));
        return n.cli.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999999999", "2019133100", "2019023000", "2026112700", "2099010100"})
    void aVersionThatIsNoDateOrIsDatedAfterTomorrowIsInvalidData(String bogus) {
        service.publish("Worldwide", bogus, Fixtures.endpoints("Worldwide", B));
        Map<String, String> before = Stat.tree(dir);
        for (Result r : List.of(fetch(), n.sync(), n.check(), status())) {
            assertThat(r.code()).as(r.toString()).isEqualTo(4);
            assertThat(r.err()).as(r.toString()).contains("GET /version: version " + bogus + " is ");
        }
        assertThat(Stat.tree(dir)).isEqualTo(before);
    }

    @Test
    void tomorrowInUtcIsAcceptedForTheServiceMayBeAheadOfUs() {
        service.publish("Worldwide", "2026112600", Fixtures.endpoints("Worldwide", B));
        Result r = n.sync();
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("applied 2026112600");
    }

    @Test
    void aStoreAheadOfTheServiceIsSaidLoudlyAndTheServiceWinsAfterReview() throws IOException {
        // the service published B, the nightly job applied it; then the service went back to A
        service.publish("Worldwide", B);
        assertThat(n.sync().code()).isZero();
        service.publish("Worldwide", A);
        Map<String, String> before = Stat.tree(dir);

        Result status = status();
        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.out()).contains("STORED NEWER THAN UPSTREAM");
        assertThat(status.err())
                .contains("the store holds Worldwide " + B + ", newer than the " + A + " the service publishes");
        Result fetch = fetch();
        assertThat(fetch.code()).as(fetch.toString()).isEqualTo(7);
        assertThat(fetch.err()).contains("fetch --accept-older withdraws " + B);
        Result sync = n.sync();
        assertThat(sync.code()).as(sync.toString()).isEqualTo(7);
        assertThat(sync.err()).contains("refused by the safety guard").contains("sync --accept-older withdraws " + B);
        Result check = n.check();
        assertThat(check.code()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("the outputs come from Worldwide " + B + ", newer than the " + A);
        assertThat(Stat.tree(dir)).as("nothing written").isEqualTo(before);

        // going back from B to A removes 12% of the IPv6 addresses: the guard judges that as always, so both are
        // accepted
        Result accepted = n.sync("--accept-older", "--accept-shrink");
        assertThat(accepted.code()).as(accepted.toString()).isZero();
        assertThat(accepted.out()).contains("applied " + A);
        assertThat(accepted.err()).contains("withdrew " + B);
        assertThat(n.lock().path("instances").path("Worldwide").path("version").asText())
                .isEqualTo(A);
        // B's files stay for review, marked; the store lists A as its newest
        Map<String, String> store = Trees.hashes(dir.resolve("snapshots"));
        assertThat(store).containsKeys("worldwide/" + B + ".json", "worldwide/" + B + ".withdrawn");
        assertThat(Files.readString(dir.resolve("snapshots/worldwide/" + B + ".withdrawn")))
                .contains("withdrawn by sync --accept-older: the service published " + A);
        SnapshotStore s = new SnapshotStore(dir.resolve("snapshots"));
        assertThat(s.newest(Instance.WORLDWIDE).orElseThrow().version().value()).isEqualTo(A);
        assertThat(s.find(Instance.WORLDWIDE, Version.parse(B), 1))
                .as("the copy a lock may name")
                .isPresent();
        assertThat(n.check().code()).isZero();
        assertThat(n.sync().code()).isZero();

        // and when the service publishes B again, it is stored as a new copy beside the withdrawn one and applied
        service.publish("Worldwide", B);
        Result again = n.sync();
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("applied " + B);
        assertThat(Trees.hashes(dir.resolve("snapshots"))).containsKey("worldwide/" + B + ".r2.json");
    }

    @Test
    void aBogusVersionStoredBeforeDatesWereCheckedIsWithdrawnByFetch() {
        // written by an o365watch that took any ten digits from /version
        SnapshotStore s = new SnapshotStore(dir.resolve("snapshots"));
        s.put(
                WireFormat.endpoints(
                        Fixtures.endpoints("Worldwide", B), Instance.WORLDWIDE, Version.parse("9999999999"), "old"),
                Optional.empty(),
                "0".repeat(64));
        service.publish("Worldwide", B);

        Result refused = fetch();
        assertThat(refused.code()).as(refused.toString()).isEqualTo(7);
        assertThat(refused.err()).contains("the store holds Worldwide 9999999999, newer than the " + B);
        Result accepted = fetch("--accept-older");
        assertThat(accepted.code()).as(accepted.toString()).isZero();
        assertThat(accepted.out()).contains("stored " + B);
        assertThat(accepted.err()).contains("withdrew 9999999999");
        assertThat(n.sync().code()).isZero();
        assertThat(s.newest(Instance.WORLDWIDE).orElseThrow().version().value()).isEqualTo(B);
    }
}
