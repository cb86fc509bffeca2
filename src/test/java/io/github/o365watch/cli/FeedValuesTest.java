package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.Derived;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.Stat;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values a hostile feed can hold that are well-formed and still no Microsoft 365 endpoint: special-purpose
 * address space and wildcards over a public suffix are refused at fetch (exit 4, nothing stored), most
 * of the port range by the guard (exit 7, outputs untouched), in a team's directory after a first sync.
 */
class FeedValuesTest {
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
        Result first = n.sync();
        assertThat(first.code()).as(first.toString()).isZero();
    }

    private void refusedAtFetch(byte[] endpoints, String message) {
        service.publish("Worldwide", B, endpoints);
        Map<String, String> before = Stat.tree(dir);
        for (String command : new String[] {"fetch", "sync", "check"}) {
            Result r = command.equals("fetch")
                    ? n.cli.run("fetch", "--store", dir.resolve("snapshots").toString(), "--source", service.url())
                    : n.run(command);
            assertThat(r.code()).as(command + ": " + r).isEqualTo(4);
            assertThat(r.err().lines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).contains(message);
        }
        assertThat(Stat.tree(dir)).as("nothing written").isEqualTo(before);
        assertThat(Trees.hashes(dir.resolve("snapshots"))).doesNotContainKey("worldwide/" + B + ".json");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/8",
                "127.0.0.0/8",
                "::ffff:0:0/96",
                "64:ff9b::/96",
                "169.254.0.0/16",
                "fe80::/10",
                "224.0.0.0/4",
                "ff00::/8",
                "192.168.0.0/24"
            })
    void specialPurposeAddressSpaceIsRefusedAtFetch(String prefix) {
        refusedAtFetch(
                Derived.withIp(Fixtures.endpoints("Worldwide", B), 1, prefix),
                "GET /endpoints/Worldwide: endpoint set 1: ips: " + prefix + " is special-purpose address space");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.com", "*.co.uk"})
    void aWildcardOverAPublicSuffixIsRefusedAtFetch(String host) {
        refusedAtFetch(
                Derived.withUrl(Fixtures.endpoints("Worldwide", B), 1, host),
                "GET /endpoints/Worldwide: endpoint set 1: urls: '" + host + "' is a wildcard over the public suffix");
    }

    @Test
    void categoriesThatDifferOnlyInCaseAreRefusedAtFetch() {
        byte[] foo = Derived.withField(
                Fixtures.endpoints("Worldwide", B), s -> s.path("id").asInt() == 1, "category", "Foo");
        refusedAtFetch(
                Derived.withField(foo, s -> s.path("id").asInt() == 2, "category", "FOO"),
                "categories 'Foo' (endpoint set 1) and 'FOO' (endpoint set 2) differ only in case");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-65535", "1-32767,32769-65535", "1024-65535"})
    void mostOfThePortRangeIsRefusedByTheGuardWhateverTheFlags(String ports) throws IOException {
        service.publish(
                "Worldwide",
                B,
                Derived.withField(
                        Fixtures.endpoints("Worldwide", B), s -> s.path("id").asInt() == 1, "tcpPorts", ports));
        Map<String, String> outputs = Trees.hashes(dir.resolve(".generated.releases"));
        String lock = java.nio.file.Files.readString(dir.resolve("o365watch.lock"));

        for (String[] args : new String[][] {{}, {"--accept-shrink"}}) {
            Result r = n.sync(args);
            assertThat(r.code()).as(r.toString()).isEqualTo(7);
            assertThat(r.err())
                    .contains("Worldwide " + B + " opens TCP " + ports + " in set 1 (")
                    .contains("ports, more than half the range)")
                    .contains("refused whatever the flags");
        }
        assertThat(Trees.hashes(dir.resolve(".generated.releases"))).isEqualTo(outputs);
        assertThat(java.nio.file.Files.readString(dir.resolve("o365watch.lock")))
                .isEqualTo(lock);
        Result check = n.check();
        assertThat(check.code()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("sync would refuse Worldwide " + B).contains("opens TCP " + ports);
    }

    @Test
    void theWidestRangeMicrosoftUsesPasses() {
        // Teams media: 50000-59999 for UDP and TCP
        service.publish(
                "Worldwide",
                B,
                Derived.withField(
                        Fixtures.endpoints("Worldwide", B),
                        s -> s.path("id").asInt() == 1,
                        "tcpPorts",
                        "80,443,50000-59999"));
        Result r = n.sync();
        assertThat(r.code()).as(r.toString()).isZero();
    }
}
