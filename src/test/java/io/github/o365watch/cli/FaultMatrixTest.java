package io.github.o365watch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.store.AtomicFiles;
import io.github.o365watch.testing.Derived;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.Stat;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix: every way the network or the feed can go wrong, on each resource it can go
 * wrong on, through fetch, sync and check. Each run must end with the documented exit code and
 * one clear line on stderr, leave the team's directory (snapshots, outputs, lock file, reports)
 * byte-identical with no temporary file behind, and the next run after the fault clears must
 * succeed. The same list of cases builds the table in {@code docs/reliability.md}, so the
 * document cannot drift from what is tested.
 */
class FaultMatrixTest {
    static final String W = "Worldwide";
    static final String OLDER = "2019072900";
    static final String A = SyncTest.A;
    static final String B = SyncTest.B;
    /** A version after B, for faults that only a new version number clears (B itself was stored). */
    static final String C = "2019102800";

    static final Path DOC = Path.of("docs/reliability.md");
    static final String BEGIN =
            "<!-- fault matrix: generated from FaultMatrixTest; mvn test -Dtest=FaultMatrixTest -Dgolden.update=true rewrites it -->";
    static final String END = "<!-- end of fault matrix -->";

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    /** The team's directory after two nightly syncs (2019072900, then A): store, outputs, lock file, reports. */
    @TempDir
    static Path base;

    static State baseState;

    @TempDir
    Path tmp;

    /** A loopback port nothing listens on: connections are refused. */
    static int closedPort;
    /** A loopback listener whose accept queue is full: connections hang until the connect timeout. */
    static ServerSocket blackhole;

    static final List<Socket> FILLERS = new ArrayList<>();

    @BeforeAll
    static void twoNightlySyncs() throws IOException {
        Nightly n = team(base);
        n.service.publish(W, OLDER);
        assertThat(n.sync().code()).isZero();
        n.service.publish(W, A);
        Result r = n.sync();
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(base.resolve("reports"))
                .as("the second sync wrote reports, so they can be checked too")
                .isDirectory();
        baseState = State.of(base);
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        fillAcceptQueue();
    }

    /**
     * Linux drops a SYN while a listener's accept queue is full, so once it is full (the listener
     * never accepts) a connect hangs: a connect timeout on loopback, without depending on how
     * the machine routes a non-routable address.
     */
    static void fillAcceptQueue() throws IOException {
        blackhole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 32; i++) {
            Socket s = new Socket();
            try {
                s.connect(blackhole.getLocalSocketAddress(), 250);
                FILLERS.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                return;
            }
        }
        fail("could not fill the accept queue of a loopback listener; the connect-timeout cases need Linux");
    }

    @AfterAll
    static void closeSockets() throws IOException {
        for (Socket s : FILLERS) {
            s.close();
        }
        blackhole.close();
    }

    // ---------------------------------------------------------------- the cases

    /** Where a fault is served. */
    enum Endpoint {
        VERSION("/version"),
        ENDPOINTS("/endpoints"),
        CHANGES("/changes");

        final String label;

        Endpoint(String label) {
            this.label = label;
        }

        MappingBuilder request() {
            return switch (this) {
                case VERSION -> get(urlPathEqualTo("/version"));
                case ENDPOINTS -> get(urlPathEqualTo("/endpoints/" + W));
                case CHANGES -> get(urlPathMatching("/changes/" + W + "/[0-9]{10}"));
            };
        }
    }

    enum Command {
        FETCH,
        SYNC,
        CHECK;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a run under the fault leaves as it was. */
    enum Kept {
        EVERYTHING("everything"),
        /** The version is what Microsoft published, so fetch and sync keep it (for review); the guard keeps it out of the outputs. */
        ALL_BUT_SNAPSHOT("outputs, lock file, reports (fetch and sync store the version for review)"),
        /** Not a fault after all: applied like any version. */
        NOTHING("nothing: applied like any version");

        final String text;

        Kept(String text) {
            this.text = text;
        }
    }

    /** What the next run does once the fault is gone. */
    enum Next {
        RECOVERS(
                "recovers",
                "once the service answers properly again, fetch stores " + B + ", sync applies it and check exits 0"
                        + " (the test runs the three in turn, in the directory the faults left)."),
        NEW_VERSION(
                "recovers with the next version",
                "the version stays in the store as Microsoft published it; each sync"
                        + " downloads it again and refuses it while the service serves the same lists. Lists corrected under the same"
                        + " number are kept as a revision and applied without a flag (`SyncTest`); here Microsoft publishes the next"
                        + " version (" + C
                        + " in the test), which fetch stores, sync applies and check passes. Or a person reviews it"
                        + " and runs `sync --accept-shrink`, which does not lift the guard's prefix-length limits: to publish a"
                        + " prefix broader than those after review, lower `guard.minIpv4PrefixLength` or `guard.minIpv6PrefixLength`."),
        NONE("none needed", "the answer is not a fault after all and is applied like any other.");

        final String text;
        final String meaning;

        Next(String text, String meaning) {
            this.text = text;
            this.meaning = meaning;
        }
    }

    /**
     * One fault on one resource, and what each command must do about it.
     *
     * @param message what a failing command's one stderr line contains (and, for a command that exits 0 or 1, its output)
     * @param shows   where a command's output says something else than {@code message}
     * @param waits   the waits recorded before retrying, per run
     * @param args    options for the runs under the fault
     */
    record Case(
            String fault,
            Endpoint endpoint,
            Consumer<Fx> serve,
            int fetch,
            int sync,
            int check,
            String message,
            Map<Command, String> shows,
            List<Duration> waits,
            List<String> args,
            Kept kept,
            Next next) {

        int code(Command c) {
            return switch (c) {
                case FETCH -> fetch;
                case SYNC -> sync;
                case CHECK -> check;
            };
        }

        String message(Command c) {
            return shows.getOrDefault(c, message);
        }

        /** The version the service publishes once the fault is gone. */
        String cleared() {
            return next == Next.NEW_VERSION ? C : B;
        }

        Case waits(Duration... w) {
            return new Case(fault, endpoint, serve, fetch, sync, check, message, shows, List.of(w), args, kept, next);
        }

        Case args(String... a) {
            return new Case(fault, endpoint, serve, fetch, sync, check, message, shows, waits, List.of(a), kept, next);
        }

        Case shows(Command c, String text) {
            Map<Command, String> m = new java.util.EnumMap<>(Command.class);
            m.putAll(shows);
            m.put(c, text);
            return new Case(fault, endpoint, serve, fetch, sync, check, message, m, waits, args, kept, next);
        }

        Case kept(Kept k, Next n) {
            return new Case(fault, endpoint, serve, fetch, sync, check, message, shows, waits, args, k, n);
        }

        @Override
        public String toString() {
            return fault + " on " + endpoint.label;
        }
    }

    static Case fault(String fault, Endpoint e, Consumer<Fx> serve, int fetch, int sync, int check, String message) {
        return new Case(
                fault,
                e,
                serve,
                fetch,
                sync,
                check,
                message,
                Map.of(),
                List.of(),
                List.of(),
                Kept.EVERYTHING,
                Next.RECOVERS);
    }

    /** The same fault on each of the three resources, served as {@code response}. */
    static List<Case> onEach(
            String fault,
            java.util.function.Function<Endpoint, ResponseDefinitionBuilder> response,
            int code,
            String message,
            Duration... waits) {
        List<Case> out = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            out.add(fault(fault, e, fx -> fx.stub(e, response.apply(e)), code, code, code, message)
                    .waits(waits));
        }
        return out;
    }

    static final Duration[] RETRIED = {Duration.ofSeconds(2), Duration.ofSeconds(4)};
    /** The shortest timeout the CLI takes, and one try: each try waits the whole timeout (retries are tested on the faults above). */
    static final String[] ONE_SHORT_TRY = {"--timeout", "1", "--retries", "1"};
    /**
     * How long that second lasts in the runs under a fault (TestCli.timeoutUnit): far longer than
     * WireMock takes to answer the requests before the fault, far shorter than a real second, so
     * the timeout cases wait a quarter of the time per run. The runs after the fault clears have
     * real seconds.
     */
    static final Duration SECOND = Duration.ofMillis(250);

    static final List<Case> CASES = all();

    static List<Case> all() {
        List<Case> all = new ArrayList<>();
        // the network
        all.add(fault(
                        "connection refused",
                        Endpoint.VERSION,
                        fx -> fx.source("http://127.0.0.1:" + closedPort),
                        3,
                        3,
                        3,
                        "cannot connect to 127.0.0.1")
                .waits(RETRIED));
        for (Endpoint e : List.of(Endpoint.ENDPOINTS, Endpoint.CHANGES)) {
            all.add(fault(
                            "connection refused",
                            e,
                            fx -> fx.redirect(e, "http://127.0.0.1:" + closedPort + "/gone"),
                            3,
                            3,
                            3,
                            "cannot connect to 127.0.0.1")
                    .waits(RETRIED));
        }
        all.add(fault(
                        "DNS failure",
                        Endpoint.VERSION,
                        fx -> fx.source("https://nonexistent.invalid"),
                        3,
                        3,
                        3,
                        "cannot resolve host nonexistent.invalid")
                .waits(RETRIED));
        for (Endpoint e : List.of(Endpoint.ENDPOINTS, Endpoint.CHANGES)) {
            all.add(fault(
                            "DNS failure",
                            e,
                            fx -> fx.redirect(e, "https://nonexistent.invalid/gone"),
                            3,
                            3,
                            3,
                            "cannot resolve host nonexistent.invalid")
                    .waits(RETRIED));
        }
        // a run connects once, for /version, and reuses the connection; later connection failures are the rows above
        all.add(fault(
                        "connect timeout",
                        Endpoint.VERSION,
                        fx -> fx.source("http://127.0.0.1:" + blackhole.getLocalPort()),
                        3,
                        3,
                        3,
                        "timed out talking to 127.0.0.1")
                .args(ONE_SHORT_TRY));
        for (Endpoint e : Endpoint.values()) {
            // the headers and a first chunk arrive, then nothing for longer than the read timeout
            all.add(fault(
                            "read timeout mid-body",
                            e,
                            fx -> fx.stub(e, ok(good(e)).withChunkedDribbleDelay(2, 3000)),
                            3,
                            3,
                            3,
                            "timed out talking to localhost")
                    .args(ONE_SHORT_TRY));
        }
        all.addAll(onEach(
                "connection reset",
                e -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                3,
                "(Connection reset)",
                RETRIED));
        // HTTP errors
        all.addAll(onEach(
                "HTTP 400",
                e -> aResponse()
                        .withStatus(400)
                        .withBody("Invalid Instance string specified or ClientRequestId not specified in the Url."),
                3,
                "HTTP 400 from localhost"));
        all.addAll(onEach(
                "HTTP 404", e -> aResponse().withStatus(404).withBody("Not Found"), 3, "HTTP 404 from localhost"));
        all.addAll(onEach(
                "HTTP 429 with Retry-After: 7",
                e -> aResponse().withStatus(429).withHeader("Retry-After", "7"),
                3,
                "rate limited by the service (HTTP 429, Retry-After 7 s)",
                Duration.ofSeconds(7)));
        all.addAll(onEach(
                "HTTP 429 without Retry-After",
                e -> aResponse().withStatus(429),
                3,
                "rate limited by the service (HTTP 429)"));
        all.addAll(onEach("HTTP 500", e -> aResponse().withStatus(500), 3, "HTTP 500 from localhost", RETRIED));
        all.addAll(onEach("HTTP 502", e -> aResponse().withStatus(502), 3, "HTTP 502 from localhost", RETRIED));
        all.addAll(onEach("HTTP 503", e -> aResponse().withStatus(503), 3, "HTTP 503 from localhost", RETRIED));
        for (Endpoint e : Endpoint.values()) {
            all.add(fault(
                    "redirect loop",
                    e,
                    fx -> {
                        fx.redirect(e, "/loop");
                        wm.stubFor(get(urlPathEqualTo("/loop"))
                                .willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));
                    },
                    3,
                    3,
                    3,
                    "too many redirects"));
        }
        // bodies that are not the data
        all.addAll(onEach(
                "200 with an HTML error page",
                e -> ok("<html><body>Service Unavailable</body></html>"),
                4,
                "not the expected JSON"));
        all.addAll(onEach("200 with an empty body", e -> ok(""), 4, "empty response"));
        all.add(fault(
                "empty JSON array",
                Endpoint.VERSION,
                fx -> fx.stub(Endpoint.VERSION, ok("[]")),
                4,
                4,
                4,
                "lists no instance"));
        all.add(fault(
                "empty JSON array",
                Endpoint.ENDPOINTS,
                fx -> fx.stub(Endpoint.ENDPOINTS, ok("[]")),
                4,
                4,
                4,
                "no endpoint sets"));
        for (Endpoint e : Endpoint.values()) {
            byte[] g = good(e);
            all.add(fault(
                    "truncated JSON",
                    e,
                    fx -> fx.stub(e, ok(Arrays.copyOf(g, g.length / 2))),
                    4,
                    4,
                    4,
                    "not the expected JSON"));
        }
        // announced: refused on the Content-Length, before reading (identity keeps WireMock from compressing it)
        all.addAll(onEach(
                "body over the 32 MiB cap",
                e -> ok(BIG).withHeader("Content-Encoding", "identity")
                        .withHeader("Content-Length", String.valueOf(BIG.length)),
                4,
                "response of 34603008 bytes is over the limit of 33554432"));
        // not announced: gzip-compressed and chunked, counted as it is decompressed
        all.add(fault(
                "gzip body over the cap, no length",
                Endpoint.ENDPOINTS,
                fx -> fx.stub(Endpoint.ENDPOINTS, ok(BIG)),
                4,
                4,
                4,
                "response is over the limit of 33554432 bytes"));
        all.add(fault(
                "invalid UTF-8",
                Endpoint.VERSION,
                fx -> fx.stub(
                        Endpoint.VERSION,
                        ok(
                                latin1(
                                        "[{\"instance\": \"Worldwide\", \"latest\": \"2019093000\", \"note\": \"caf\u00c3(\"}]"))),
                4,
                4,
                4,
                "not the expected JSON"));
        all.add(fault(
                "invalid UTF-8",
                Endpoint.ENDPOINTS,
                fx -> fx.stub(
                        Endpoint.ENDPOINTS,
                        ok(latin1(endpointsB().replace("\"Exchange Online\"", "\"Exchange \u00c3(Online\"")))),
                4,
                4,
                4,
                "not the expected JSON"));
        all.add(fault(
                "invalid UTF-8",
                Endpoint.CHANGES,
                fx -> fx.stub(
                        Endpoint.CHANGES, ok(latin1(record("\"disposition\": \"Ch\u00c3(ange\"", "198.51.100.0/24")))),
                4,
                4,
                4,
                "not the expected JSON"));
        // data that parses but is wrong
        all.add(fault(
                "wrong type",
                Endpoint.VERSION,
                fx -> fx.stub(Endpoint.VERSION, ok("[{\"instance\": \"Worldwide\", \"latest\": 2019093000}]")),
                4,
                4,
                4,
                "is not a string"));
        all.add(fault(
                "wrong type",
                Endpoint.ENDPOINTS,
                fx -> fx.stub(Endpoint.ENDPOINTS, ok(endpointsB().replace("\"id\": 11,", "\"id\": \"x\","))),
                4,
                4,
                4,
                "not the expected JSON"));
        all.add(fault(
                "wrong type",
                Endpoint.CHANGES,
                fx -> fx.stub(
                        Endpoint.CHANGES,
                        ok(record("\"disposition\": \"Change\"", "198.51.100.0/24")
                                .replace("\"id\": 2001", "\"id\": \"x\""))),
                4,
                4,
                4,
                "not the expected JSON"));
        all.add(fault(
                "missing required field",
                Endpoint.VERSION,
                fx -> fx.stub(Endpoint.VERSION, ok("[{\"instance\": \"Worldwide\"}]")),
                4,
                4,
                4,
                "'latest' is missing"));
        all.add(fault(
                "missing required field",
                Endpoint.ENDPOINTS,
                fx -> fx.stub(Endpoint.ENDPOINTS, ok(endpointsB().replace("\"category\": \"Optimize\",", ""))),
                4,
                4,
                4,
                "category is missing"));
        all.add(fault(
                "missing required field",
                Endpoint.CHANGES,
                fx -> fx.stub(
                        Endpoint.CHANGES,
                        ok(record("\"disposition\": \"Change\"", "198.51.100.0/24")
                                .replace("\"endpointSetId\": 1, ", ""))),
                4,
                4,
                4,
                "endpointSetId is missing"));
        all.add(fault(
                "IP with host bits set",
                Endpoint.ENDPOINTS,
                fx -> fx.stub(Endpoint.ENDPOINTS, ok(endpointsB().replace("\"52.112.0.0/14\"", "\"52.112.0.1/14\""))),
                4,
                4,
                4,
                "prefix has host bits set: '52.112.0.1/14'"));
        all.add(fault(
                "IP with host bits set",
                Endpoint.CHANGES,
                fx -> fx.stub(Endpoint.CHANGES, ok(record("\"disposition\": \"Change\"", "10.0.0.1/8"))),
                4,
                4,
                4,
                "prefix has host bits set: '10.0.0.1/8'"));
        for (String absurd : List.of("0.0.0.0/0", "::/0")) {
            // it holds special-purpose address space (private, loopback, multicast, ...): no Microsoft 365 list can
            all.add(fault(
                    "absurd prefix " + absurd,
                    Endpoint.ENDPOINTS,
                    fx -> fx.stub(Endpoint.ENDPOINTS, ok(Derived.withIp(Fixtures.endpoints(W, B), 1, absurd))),
                    4,
                    4,
                    4,
                    absurd + " is special-purpose address space"));
        }
        for (String broad : List.of("16.0.0.0/4", "2400::/8")) {
            // public unicast space, so fetch keeps what Microsoft published; the guard keeps it out of every output
            all.add(fault(
                            "prefix broader than the guard allows, " + broad,
                            Endpoint.ENDPOINTS,
                            fx -> fx.stub(Endpoint.ENDPOINTS, ok(Derived.withIp(Fixtures.endpoints(W, B), 1, broad))),
                            0,
                            7,
                            1,
                            "lists " + broad + " in set 1")
                    .shows(Command.FETCH, "stored " + B)
                    .shows(Command.CHECK, "+ " + broad + " (Optimize)")
                    .kept(Kept.ALL_BUT_SNAPSHOT, Next.NEW_VERSION));
        }
        for (String absurd : List.of("0.0.0.0/0", "::/0")) {
            // a change record's prefixes never reach an output: the report shows it, nothing else uses it
            all.add(fault(
                            "absurd prefix " + absurd,
                            Endpoint.CHANGES,
                            fx -> fx.stub(Endpoint.CHANGES, ok(record("\"disposition\": \"Change\"", absurd))),
                            0,
                            0,
                            1,
                            "applied " + B)
                    .shows(Command.FETCH, "stored " + B)
                    .shows(Command.CHECK, "not current")
                    .kept(Kept.NOTHING, Next.NONE));
        }
        all.add(fault(
                "duplicate set ids",
                Endpoint.ENDPOINTS,
                fx -> fx.stub(Endpoint.ENDPOINTS, ok(endpointsB().replace("\"id\": 12,", "\"id\": 11,"))),
                4,
                4,
                4,
                "endpoint set 11 appears more than once"));
        all.add(fault(
                "version goes backwards",
                Endpoint.VERSION,
                fx -> fx.stub(Endpoint.VERSION, ok(Fixtures.versionJson(W, OLDER))),
                7,
                7,
                1,
                "newer than the " + OLDER + " the service publishes"));
        all.add(fault(
                "version that is no date",
                Endpoint.VERSION,
                fx -> fx.stub(Endpoint.VERSION, ok(Fixtures.versionJson(W, "9999999999"))),
                4,
                4,
                4,
                "version 9999999999 is not a data version: 99999999 is no date"));
        all.add(fault(
                "version dated after tomorrow",
                Endpoint.VERSION,
                fx -> fx.stub(Endpoint.VERSION, ok(Fixtures.versionJson(W, "2026112700"))),
                4,
                4,
                4,
                "version 2026112700 is dated 2026-11-27, after 2026-11-26"));
        // Microsoft's caches lag: /version moved and the change feed announces changes, /endpoints still serves A
        all.add(fault(
                "/version newer, /endpoints still the old lists",
                Endpoint.ENDPOINTS,
                fx -> {
                    fx.stub(Endpoint.ENDPOINTS, ok(Fixtures.endpoints(W, A)));
                    fx.stub(Endpoint.CHANGES, ok(Fixtures.text("upstream/worldwide-changes.json")));
                },
                3,
                3,
                3,
                "/endpoints still serves the lists of " + A));
        return all;
    }

    /** A good answer of each resource for B. */
    static byte[] good(Endpoint e) {
        return switch (e) {
            case VERSION -> Fixtures.versionJson(W, B).getBytes(StandardCharsets.UTF_8);
            case ENDPOINTS -> Fixtures.endpoints(W, B);
            case CHANGES ->
                record("\"disposition\": \"Change\"", "198.51.100.0/24").getBytes(StandardCharsets.UTF_8);
        };
    }

    static String endpointsB() {
        return new String(Fixtures.endpoints(W, B), StandardCharsets.UTF_8);
    }

    /** One change record of B adding {@code ip} to set 1, with {@code disposition} as given. */
    static String record(String disposition, String ip) {
        return "[{\"id\": 2001, \"endpointSetId\": 1, " + disposition + ", \"impact\": \"AddedIp\", \"version\": \"" + B
                + "\"," + " \"add\": {\"effectiveDate\": \"20191030\", \"ips\": [\"" + ip + "\"]}}]";
    }

    /** The bytes of {@code s} one to one ({@code \u00c3(} is the invalid UTF-8 sequence C3 28). */
    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static final byte[] BIG = big();

    static byte[] big() {
        byte[] b = new byte[33 * 1024 * 1024];
        Arrays.fill(b, (byte) ' ');
        b[0] = '[';
        b[b.length - 1] = ']';
        return b;
    }

    static ResponseDefinitionBuilder ok(String body) {
        return ok(body.getBytes(StandardCharsets.UTF_8));
    }

    static ResponseDefinitionBuilder ok(byte[] body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    /** How a case reaches the service: stubs over the good answers, or another --source. */
    static final class Fx {
        String source;

        Fx(Nightly n) {
            this.source = n.service.url();
        }

        void stub(Endpoint e, ResponseDefinitionBuilder response) {
            wm.stubFor(e.request().atPriority(1).willReturn(response));
        }

        /** The resource answers with a redirect to {@code location}: the service goes away after the version check. */
        void redirect(Endpoint e, String location) {
            stub(e, aResponse().withStatus(302).withHeader("Location", location));
        }

        void source(String url) {
            source = url;
        }
    }

    // ---------------------------------------------------------------- the test

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aFaultChangesNothingAndTheNextRunSucceeds(Case c) throws IOException {
        SoftAssertions soft = new SoftAssertions();
        Path dir = tmp.resolve("team");
        Nightly n = null;
        Fx fx = null;
        for (Command cmd : Command.values()) {
            // each command finds the directory as the nightly syncs left it, so each cell of the table stands on its
            // own
            if (n == null || !State.of(dir).sameContent(baseState)) {
                n = fresh(dir);
                wm.resetAll();
                n.service.publish(W, B);
                fx = new Fx(n);
                c.serve().accept(fx);
            }
            n.cli.sleeps().clear();
            n.cli.timeoutUnit(SECOND);
            State before = State.of(dir);

            Result r = run(n, cmd, fx.source, c.args());

            String what = cmd.label() + " under " + c + "\n" + r;
            soft.assertThat(r.code()).as(what).isEqualTo(c.code(cmd));
            soft.assertThat(r.err())
                    .as("no stack trace: " + what)
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            if (c.code(cmd) >= 2) {
                soft.assertThat(r.err().lines())
                        .as("one line on stderr: " + what)
                        .hasSize(1);
                soft.assertThat(r.err()).as(what).startsWith("o365watch: ").contains(c.message(cmd));
                if (c.code(cmd) != 7) {
                    soft.assertThat(r.err()).as("names the resource: " + what).contains(c.endpoint().label);
                }
            } else {
                soft.assertThat(r.err().lines())
                        .as("only warnings: " + what)
                        .allMatch(l -> l.startsWith("o365watch: warning: "));
                soft.assertThat(r.out() + r.err()).as(what).contains(c.message(cmd));
            }
            soft.assertThat(n.cli.sleeps()).as("waits before retrying: " + what).isEqualTo(c.waits());
            State after = State.of(dir);
            if (c.kept() == Kept.EVERYTHING || cmd == Command.CHECK) {
                soft.assertThat(after).as("nothing touched: " + what).isEqualTo(before);
            } else if (c.kept() == Kept.ALL_BUT_SNAPSHOT) {
                soft.assertThat(after.without("snapshots/"))
                        .as("outputs, lock file, reports: " + what)
                        .isEqualTo(before.without("snapshots/"));
                soft.assertThat(after.only("snapshots/").stat())
                        .as("the store only gains files: " + what)
                        .containsAllEntriesOf(before.only("snapshots/").stat());
            }
            soft.assertThat(leftovers(dir)).as("temporary files: " + what).isEmpty();
        }

        if (c.next() != Next.NONE) {
            // the fault clears: the nightly job, then the gate, in the directory the faults left
            wm.resetAll();
            n.service.publish(W, c.cleared());
            n.cli.sleeps().clear();
            n.cli.timeoutUnit(Duration.ofSeconds(1));
            Result fetch = run(n, Command.FETCH, n.service.url(), List.of());
            Result sync = run(n, Command.SYNC, n.service.url(), List.of());
            Result check = run(n, Command.CHECK, n.service.url(), List.of());
            String again = "after " + c + " cleared\nfetch: " + fetch + "\nsync: " + sync + "\ncheck: " + check;
            soft.assertThat(List.of(fetch.code(), sync.code(), check.code()))
                    .as(again)
                    .containsExactly(0, 0, 0);
            soft.assertThat(fetch.out()).as(again).contains("stored " + c.cleared());
            soft.assertThat(sync.out()).as(again).contains("applied " + c.cleared() + " (was " + A + ")");
            soft.assertThat(check.out()).as(again).startsWith("current: ");
            soft.assertThat(fetch.err() + sync.err() + check.err()).as(again).isEmpty();
            soft.assertThat(leftovers(dir)).as("temporary files: " + again).isEmpty();
        }
        soft.assertAll();
    }

    /** {@code dir} as the two nightly syncs left it. */
    static Nightly fresh(Path dir) throws IOException {
        deleteTree(dir);
        copyTree(base, dir);
        return team(dir);
    }

    /**
     * The nightly set-up with one target and one report format: the faults strike before any
     * rendering, and a lighter sync keeps the recovery runs of the whole matrix fast.
     */
    static Nightly team(Path dir) throws IOException {
        Nightly n = new Nightly(wm, dir);
        Files.writeString(n.config, """
                store: snapshots
                source: %s
                instances: [Worldwide]
                output: generated
                targets:
                  - name: edl
                reports:
                  formats: [markdown]
                  directory: reports
                  feed: reports/o365watch.rss
                """.formatted(n.service.url()));
        return n;
    }

    static Result run(Nightly n, Command cmd, String source, List<String> args) {
        List<String> common = new ArrayList<>(List.of("--source", source));
        common.addAll(args);
        return switch (cmd) {
            case FETCH -> {
                List<String> all = new ArrayList<>(
                        List.of("fetch", "--store", n.dir.resolve("snapshots").toString()));
                all.addAll(common);
                yield n.cli.run(all.toArray(String[]::new));
            }
            case SYNC -> n.sync(common.toArray(String[]::new));
            case CHECK -> n.check(common.toArray(String[]::new));
        };
    }

    /**
     * Everything a run could change: content (SHA-256), inode, time and size of every file and
     * link target, and the set of paths, directories included (an empty staging directory left
     * behind counts).
     */
    record State(Map<String, String> hashes, Map<String, String> stat, TreeSet<String> paths) {
        static State of(Path dir) {
            TreeSet<String> paths = new TreeSet<>();
            try (Stream<Path> all = Files.walk(dir)) {
                all.forEach(p -> paths.add(dir.relativize(p).toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new State(Trees.hashes(dir), Stat.tree(dir), paths);
        }

        boolean sameContent(State o) {
            return hashes.equals(o.hashes) && paths.equals(o.paths);
        }

        State without(String prefix) {
            return new State(
                    filter(hashes, prefix, false),
                    filter(stat, prefix, false),
                    paths.stream().filter(p -> !p.startsWith(prefix)).collect(Collectors.toCollection(TreeSet::new)));
        }

        State only(String prefix) {
            return new State(
                    filter(hashes, prefix, true),
                    filter(stat, prefix, true),
                    paths.stream().filter(p -> p.startsWith(prefix)).collect(Collectors.toCollection(TreeSet::new)));
        }

        private static Map<String, String> filter(Map<String, String> m, String prefix, boolean keep) {
            Map<String, String> out = new TreeMap<>();
            m.forEach((k, v) -> {
                if (k.startsWith(prefix) == keep) {
                    out.put(k, v);
                }
            });
            return out;
        }
    }

    /** Temporary files and staging directories (store.AtomicFiles, store.OutputTree) left behind. */
    static List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(p -> dir.relativize(p).toString())
                    .filter(p -> {
                        String name = Path.of(p).getFileName().toString();
                        return name.startsWith(AtomicFiles.TEMP_PREFIX) || name.startsWith(".staging-");
                    })
                    .toList();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Copies a tree as it is: links stay links, times stay. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    // ---------------------------------------------------------------- the document

    @Test
    void theDocumentShowsThisMatrix() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int from = doc.indexOf(BEGIN);
        int to = doc.indexOf(END);
        if (from < 0 || to < from) {
            fail(DOC + " lacks the markers of the fault matrix:\n" + BEGIN + "\n" + END);
        }
        String have = doc.substring(from + BEGIN.length(), to);
        String want = "\n" + table();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(
                    DOC, doc.substring(0, from + BEGIN.length()) + want + doc.substring(to), StandardCharsets.UTF_8);
            return;
        }
        if (!have.equals(want)) {
            fail("the fault matrix in " + DOC + " differs from the cases FaultMatrixTest runs"
                    + " (rerun with -Dgolden.update=true if the change is intended):\n" + diff(have, want));
        }
    }

    /** The table: one row per case, in the order of the list, and what its "Next run" words mean. */
    static String table() {
        StringBuilder s = new StringBuilder();
        s.append(
                "| Fault | Endpoint | fetch | sync | check | Waits before retrying | Left unchanged | Next run | Message (contains) |\n");
        s.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Case c : CASES) {
            s.append("| ")
                    .append(c.fault())
                    .append(" | `")
                    .append(c.endpoint().label)
                    .append("` | ")
                    .append(c.fetch())
                    .append(" | ")
                    .append(c.sync())
                    .append(" | ")
                    .append(c.check())
                    .append(" | ")
                    .append(waits(c))
                    .append(" | ")
                    .append(c.kept().text)
                    .append(" | ")
                    .append(c.next().text)
                    .append(" | `")
                    .append(c.message())
                    .append("` |\n");
        }
        s.append("\n");
        for (Next n : Next.values()) {
            s.append("- **").append(n.text).append("**: ").append(n.meaning).append("\n");
        }
        return s.toString();
    }

    static String waits(Case c) {
        if (c.args().contains("--retries")) {
            return "none (run with `--retries 1`)";
        }
        if (c.waits().isEmpty()) {
            return "none";
        }
        return c.waits().stream().map(d -> d.toSeconds() + " s").collect(Collectors.joining(", "));
    }

    /** Lines only in the document (-) and only in the cases (+). */
    static String diff(String have, String want) {
        List<String> h = have.lines().toList();
        List<String> w = want.lines().toList();
        StringBuilder out = new StringBuilder();
        h.stream()
                .filter(l -> !w.contains(l))
                .forEach(l -> out.append("- ").append(l).append('\n'));
        w.stream()
                .filter(l -> !h.contains(l))
                .forEach(l -> out.append("+ ").append(l).append('\n'));
        return out.length() == 0 ? "the same lines in another order" : out.toString();
    }
}
