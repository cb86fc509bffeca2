package io.github.o365watch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.store.WriterLock;
import io.github.o365watch.testing.Derived;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.SyncDir;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each exit code a command's --help lists is one it returns: a run reaches every one of them
 * (70, a bug, aside). TestCli checks the other way round on every run of every test: a code the
 * command does not list fails the test.
 */
class ExitCodesTest {
    static final String A = SyncTest.A;
    static final String B = SyncTest.B;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    /** A service that fails every request. */
    @RegisterExtension
    static WireMockExtension down =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    /** A service that answers every request with something that is not the web service's data. */
    @RegisterExtension
    static WireMockExtension junk =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    FakeService service;
    TestCli cli;
    String store;
    String corrupt;
    String broken;
    Path log;
    /** Per command, the codes reached. */
    final Map<String, Set<Integer>> reached = new TreeMap<>();

    @BeforeEach
    void setUp() throws IOException {
        service = new FakeService(wm);
        cli = new TestCli(tmp.resolve("machine"));
        store = tmp.resolve("store").toString();
        for (String v : List.of(A, B)) {
            service.publish("Worldwide", v);
            assertThat(cli.run("fetch", "--store", store, "--source", service.url())
                            .code())
                    .isZero();
        }
        Path bad = tmp.resolve("corrupt");
        Files.createDirectories(bad.resolve("worldwide"));
        Files.writeString(bad.resolve("worldwide").resolve(B + ".meta.json"), "{}\n");
        corrupt = bad.toString();
        // a config file whose templates directory holds a broken target
        Path templates = Files.createDirectories(tmp.resolve("templates/edl"));
        Files.writeString(templates.resolve("target.properties"), "id=edl\n");
        broken = Files.writeString(
                        tmp.resolve("broken.yaml"), "store: store\ntemplates: templates\ntargets:\n  - name: edl\n")
                .toString();
        down.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
        junk.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"not\": \"the web service\"}")));
        log = Files.writeString(tmp.resolve("kern.log"), """
                Nov 25 10:00:01 fw kernel: [1.0] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.10.20 LEN=60 PROTO=UDP SPT=50000 DPT=3478
                Nov 25 10:00:02 fw kernel: [1.1] o365-accept: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.10.21 LEN=60 PROTO=UDP SPT=50000 DPT=3478
                """);
    }

    /** Runs and notes the code under the command's name. */
    Result run(int expected, String... args) {
        Result r = cli.run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(expected);
        reached.computeIfAbsent(args[0], k -> new TreeSet<>()).add(r.code());
        return r;
    }

    private static void put(Path store, String version, byte[] endpoints) {
        new SnapshotStore(store)
                .put(
                        io.github.o365watch.source.WireFormat.endpoints(
                                endpoints,
                                io.github.o365watch.domain.Instance.WORLDWIDE,
                                io.github.o365watch.domain.Version.parse(version),
                                "test"),
                        java.util.Optional.empty(),
                        "0".repeat(64));
    }

    void assertEveryListedCodeReached(String... commands) {
        for (String c : commands) {
            Set<Integer> listed = new TreeSet<>(TestCli.listed(c));
            listed.remove(ExitCodes.INTERNAL);
            assertThat(reached.get(c)).as(c).isEqualTo(listed);
        }
    }

    @Test
    void commandsOnTheStore() throws IOException {
        Path edl = tmp.resolve("edl");
        Map<String, List<String>> needs = Map.of(
                "lookup",
                List.of("52.112.10.20"),
                "verify",
                List.of("--against", "x"),
                "audit",
                List.of("--log", log.toString()));
        for (String c : List.of("show", "lookup", "diff", "report", "generate", "verify", "audit")) {
            run(2, c, "--frobnicate");
            List<String> args = needs.getOrDefault(c, List.of());
            run(5, concat(new String[] {c, "--store", corrupt}, args.toArray(String[]::new)));
            run(6, concat(new String[] {c, "--config", broken}, args.toArray(String[]::new)));
        }
        run(0, "show", "--store", store);
        run(0, "lookup", "--store", store, "52.112.10.20");
        run(1, "lookup", "--store", store, "192.0.2.1");
        run(0, "diff", "--store", store);
        run(1, "diff", "--store", store, "--exit-code");
        run(0, "report", "--store", store);
        run(0, "generate", "--store", store, "--target", "edl", "--category", "optimize", "--out", edl.toString());
        run(
                6,
                "generate",
                "--store",
                store,
                "--target",
                "edl",
                "--templates",
                tmp.resolve("templates").toString(),
                "--out",
                edl.toString());
        String ipv4 = edl.resolve("edl/o365-optimize-ipv4.txt").toString();
        run(
                0,
                "verify",
                "--store",
                store,
                "--against",
                ipv4,
                "--category",
                "optimize",
                "--addresses-only",
                "--ipv4-only");
        run(1, "verify", "--store", store, "--against", ipv4, "--category", "optimize", "--addresses-only");
        run(0, "audit", "--store", store, "--log", log.toString());
        run(1, "audit", "--store", store, "--log", log.toString(), "--exit-code");
        // the newest stored version shrinks past the guard's threshold against the one before it
        Path shrunk = tmp.resolve("shrunk");
        put(shrunk, A, Fixtures.endpoints("Worldwide", A));
        put(
                shrunk,
                B,
                Derived.withoutIps(
                        Fixtures.endpoints("Worldwide", A),
                        s -> s.path("serviceArea").asText().equals("Exchange")));
        run(
                7,
                "generate",
                "--store",
                shrunk.toString(),
                "--target",
                "edl",
                "--out",
                tmp.resolve("edl-7").toString());
        assertEveryListedCodeReached("show", "lookup", "diff", "report", "generate", "verify", "audit");
    }

    @SuppressWarnings("try") // the resource is held, not used: the block runs while it is held
    @Test
    void commandsThatAskTheService() throws IOException {
        service.rss("Worldwide", Fixtures.text("upstream/worldwide-history.rss"));
        for (String c : List.of("status", "versions", "fetch", "mirror")) {
            String out = "--out=" + tmp.resolve("mirror-" + c);
            String[] extra = c.equals("mirror") ? new String[] {out} : new String[] {"--store", store};
            run(0, concat(new String[] {c, "--source", service.url(), "--retries", "1"}, extra));
            run(2, c, "--frobnicate");
            run(3, concat(new String[] {c, "--source", down.baseUrl(), "--retries", "1"}, extra));
            run(4, concat(new String[] {c, "--source", junk.baseUrl(), "--retries", "1"}, extra));
            run(
                    6,
                    concat(
                            new String[] {c, "--config", broken},
                            c.equals("mirror") ? new String[] {out} : new String[0]));
        }
        run(5, "status", "--store", corrupt, "--offline");
        run(5, "versions", "--store", corrupt, "--offline");
        service.publish("Worldwide", "2019102800");
        try (WriterLock held =
                new SnapshotStore(Path.of(store)).lock(Duration.ofSeconds(1), "pid 4242 (o365watch sync)")) {
            run(5, "fetch", "--store", store, "--source", service.url(), "--lock-timeout", "1");
        }
        // the store holds a newer version than the service publishes
        service.publish("Worldwide", A);
        run(7, "fetch", "--store", store, "--source", service.url());
        // the mirror directory is a file
        run(
                5,
                "mirror",
                "--source",
                service.url(),
                "--out",
                Files.writeString(tmp.resolve("a-file"), "x").toString());
        assertEveryListedCodeReached("status", "versions", "fetch", "mirror");
    }

    @Test
    void syncAndCheck() throws IOException {
        Path site = Files.createDirectories(tmp.resolve("site"));
        Path config = site.resolve("o365watch.yaml");
        Files.writeString(config, SyncDir.config(service.url()));
        run(2, "sync", "--config", tmp.resolve("none.yaml").toString());
        run(2, "check", "--config", tmp.resolve("none.yaml").toString());
        run(6, "sync", "--config", broken);
        run(6, "check", "--config", broken);
        run(3, "sync", "--config", config.toString(), "--source", down.baseUrl(), "--retries", "1");
        run(4, "sync", "--config", config.toString(), "--source", junk.baseUrl());
        run(0, "sync", "--config", config.toString());
        run(0, "check", "--config", config.toString());
        run(3, "check", "--config", config.toString(), "--source", down.baseUrl(), "--retries", "1");
        run(4, "check", "--config", config.toString(), "--source", junk.baseUrl());
        run(5, "sync", "--config", config.toString(), "--store", corrupt, "--offline");
        run(5, "check", "--config", config.toString(), "--store", corrupt, "--offline");
        service.publish(
                "Worldwide",
                "2019102800",
                Derived.withoutIps(
                        Fixtures.endpoints("Worldwide", "2019102800"),
                        s -> s.path("serviceArea").asText().equals("Exchange")));
        run(7, "sync", "--config", config.toString());
        run(1, "check", "--config", config.toString());
        assertEveryListedCodeReached("sync", "check");
    }

    @Test
    void commandsOutsideTheStore() throws IOException {
        Path config = tmp.resolve("new/o365watch.yaml");
        run(0, "init", "--config", config.toString());
        run(2, "init", "--config", config.toString());
        run(
                5,
                "init",
                "--config",
                Files.writeString(tmp.resolve("plain"), "x")
                        .resolve("o365watch.yaml")
                        .toString());
        run(0, "targets");
        run(2, "targets", "--frobnicate");
        run(6, "targets", "--templates", tmp.resolve("templates").toString());
        run(0, "completion", "bash");
        run(2, "completion", "fish");
        assertEveryListedCodeReached("init", "targets", "completion");
    }

    static String[] concat(String[] a, String[] b) {
        List<String> out = new ArrayList<>(List.of(a));
        out.addAll(List.of(b));
        return out.toArray(String[]::new);
    }
}
