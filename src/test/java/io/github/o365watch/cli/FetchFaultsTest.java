package io.github.o365watch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad answers from the network: each ends in one clear message and the documented exit code,
 * with the store byte-identical to before (it already holds a version, so there is something
 * to damage).
 */
class FetchFaultsTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    FakeService service;
    TestCli cli;
    Path store;
    Map<String, String> before;

    @BeforeEach
    void storeOneVersionThenPublishTheNext() {
        service = new FakeService(wm);
        cli = new TestCli(tmp.resolve("machine"));
        store = tmp.resolve("store");
        service.publish("Worldwide", "2019082800");
        assertThat(fetch().code()).isZero();
        service.publish("Worldwide", "2019093000");
        wm.resetRequests();
        before = Trees.hashes(store);
    }

    Result fetch(String... more) {
        String[] base = {"fetch", "--store", store.toString(), "--source", service.url(), "--timeout", "1"};
        return cli.run(Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new));
    }

    static String endpointsWith(String from, String to) {
        return new String(Fixtures.endpoints("Worldwide", "2019093000"), StandardCharsets.UTF_8).replace(from, to);
    }

    static Stream<Arguments> badEndpoints() {
        return Stream.of(
                Arguments.of("malformed JSON", ok("[{\"id\": 1, \"serviceArea\": "), 4, "not the expected JSON"),
                Arguments.of(
                        "an HTML error page with 200",
                        ok("<html><body>Service Unavailable</body></html>"),
                        4,
                        "not the expected JSON"),
                Arguments.of("an empty body", ok(""), 4, "empty response"),
                Arguments.of("an empty JSON array", ok("[]"), 4, "no endpoint sets"),
                Arguments.of("a JSON object instead of an array", ok("{}"), 4, "not the expected JSON"),
                Arguments.of(
                        "an IP with host bits set",
                        ok(endpointsWith("\"52.112.0.0/14\"", "\"52.112.0.1/14\"")),
                        4,
                        "endpoint set 11: ips: prefix has host bits set: '52.112.0.1/14'"),
                Arguments.of(
                        "a prefix length out of range",
                        ok(endpointsWith("\"13.107.64.0/18\"", "\"13.107.64.0/33\"")),
                        4,
                        "endpoint set 11: ips: not an IP prefix: '13.107.64.0/33'"),
                Arguments.of(
                        "a hostile URL string",
                        ok(endpointsWith("\"outlook.office.com\"", "\"outlook.office.com\\\"; rm -rf / ; echo \\\"\"")),
                        4,
                        "endpoint set 1: urls: not a hostname pattern: 'outlook.office.com\"; rm -rf / ; echo \"'"),
                Arguments.of(
                        "a URL with a newline",
                        ok(endpointsWith("\"outlook.office.com\"", "\"outlook.office.com\\nEvil\"")),
                        4,
                        "outlook.office.com\\u000aEvil' (character '\\u000a' is not allowed)"),
                Arguments.of(
                        "wrong type for id",
                        ok(endpointsWith("\"id\": 11,", "\"id\": \"x\",")),
                        4,
                        "not the expected JSON"),
                Arguments.of(
                        "missing category",
                        ok(endpointsWith("\"category\": \"Optimize\",", "")),
                        4,
                        "category is missing"),
                Arguments.of(
                        "duplicate set ids",
                        ok(endpointsWith("\"id\": 12,", "\"id\": 11,")),
                        4,
                        "endpoint set 11 appears more than once"),
                Arguments.of(
                        "a bad port",
                        ok(endpointsWith("\"udpPorts\": \"3478,3479,3480,3481\"", "\"udpPorts\": \"3478,70000\"")),
                        4,
                        "70000 is outside 1-65535"),
                Arguments.of(
                        "invalid UTF-8",
                        aResponse().withStatus(200).withBody(new byte[] {'[', '"', (byte) 0xC3, (byte) 0x28, '"', ']'}),
                        4,
                        "not the expected JSON"),
                Arguments.of("HTTP 404", aResponse().withStatus(404).withBody("Not Found"), 3, "HTTP 404"),
                Arguments.of(
                        "HTTP 400 with Microsoft's message",
                        aResponse()
                                .withStatus(400)
                                .withBody(
                                        "Invalid Instance string specified or ClientRequestId not specified in the Url."),
                        3,
                        "HTTP 400 from localhost: Invalid Instance string"),
                Arguments.of("HTTP 503 every time", aResponse().withStatus(503), 3, "HTTP 503"),
                Arguments.of(
                        "a connection reset",
                        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        3,
                        "network error"),
                Arguments.of(
                        "garbage instead of HTTP",
                        aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
                        3,
                        "network error"),
                Arguments.of("a read timeout", ok("[]").withFixedDelay(3000), 3, "timed out"));
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEndpoints")
    void aBadEndpointsAnswerChangesNothing(String what, ResponseDefinitionBuilder response, int code, String message) {
        wm.stubFor(get(urlPathEqualTo("/endpoints/Worldwide")).willReturn(response));

        Result r = fetch();

        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.err())
                .as(r.toString())
                .contains(message)
                .startsWith("o365watch: Worldwide: GET /endpoints/Worldwide: ");
        assertThat(r.err().lines()).as("one clear message, no stack trace").hasSize(1);
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void rateLimitingWaitsOutRetryAfterOnceThenGivesUp() {
        wm.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        Result r = fetch();

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("rate limited by the service (HTTP 429, Retry-After 7 s); not retrying");
        assertThat(cli.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(service.paths()).containsExactly("/version", "/endpoints/Worldwide", "/endpoints/Worldwide");
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void rateLimitingWithoutRetryAfterOrWithALongOneGivesUpAtOnce() {
        wm.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        Result r = fetch();
        assertThat(r.code()).isEqualTo(3);
        assertThat(cli.sleeps()).isEmpty();
        assertThat(service.paths()).containsExactly("/version", "/endpoints/Worldwide");

        wm.resetRequests();
        wm.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .willReturn(aResponse().withStatus(429)));
        assertThat(fetch().code()).isEqualTo(3);
        assertThat(service.paths()).containsExactly("/version", "/endpoints/Worldwide");
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void aFailedChangesRequestStoresNothing() {
        wm.stubFor(get(urlPathMatching("/changes/Worldwide/.*"))
                .willReturn(aResponse().withStatus(429)));

        Result r = fetch();

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("GET /changes/Worldwide/2019082800: rate limited");
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void badChangeRecordsStoreNothing() {
        service.changes(
                "Worldwide",
                "[{\"id\": 5, \"endpointSetId\": 11, \"disposition\": \"Change\", \"version\": \"2019093000\","
                        + " \"add\": {\"effectiveDate\": \"20191030\", \"ips\": [\"10.0.0.1/8\"]}}]");

        Result r = fetch();

        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("change record 5: ips: prefix has host bits set: '10.0.0.1/8'");
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void aBadVersionAnswerStoresNothing() {
        wm.stubFor(get(urlPathEqualTo("/version"))
                .willReturn(ok("[{\"instance\": \"Worldwide\", \"latest\": \"2019-09-30\"}]")));

        Result r = fetch();

        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("GET /version: not a data version (10 digits, YYYYMMDDNN): '2019-09-30'");
        assertThat(service.paths()).containsExactly("/version");
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void aVersionThatGoesBackwardsChangesNothingAndIsRefusedLoudly() {
        wm.stubFor(get(urlPathEqualTo("/version")).willReturn(ok(Fixtures.versionJson("Worldwide", "2019072900"))));

        Result r = fetch();

        assertThat(r.code()).as(r.toString()).isEqualTo(7);
        assertThat(r.err())
                .startsWith("o365watch: Worldwide: the store holds Worldwide 2019082800, newer than the 2019072900 the"
                        + " service publishes")
                .contains("fetch --accept-older withdraws 2019082800");
        assertThat(service.paths()).containsExactly("/version");
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void laggingEndpointsAreNotStoredUnderTheNewVersion() {
        // /version moved and the change feed announces additions, but /endpoints still serves the old lists
        service.publish("Worldwide", "2019093000", Fixtures.endpoints("Worldwide", "2019082800"))
                .changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"));

        Result r = fetch();

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("/endpoints still serves the lists of 2019082800", "try again later");
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void aConnectionRefusedIsUpstreamUnavailable() {
        Result r = cli.run("fetch", "--store", store.toString(), "--source", "http://127.0.0.1:1", "--retries", "2");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("GET /version: cannot connect to 127.0.0.1:1", "after 2 tries");
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void plainHttpIsRefusedExceptToLoopback() {
        Result r = cli.run("fetch", "--store", store.toString(), "--source", "http://endpoints.office.com");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("refusing plain HTTP to endpoints.office.com");
    }

    @Test
    void aRedirectToPlainHttpIsRefused() {
        wm.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .willReturn(
                        aResponse().withStatus(302).withHeader("Location", "http://example.com/endpoints/Worldwide")));

        Result r = fetch();

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("refusing to follow a redirect to plain HTTP at example.com");
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void aRedirectLoopEndsWithAClearMessage() {
        wm.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/endpoints/Worldwide")));

        Result r = fetch();

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("too many redirects");
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void aBodyOverTheCapIsRefused() {
        byte[] big = new byte[33 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        wm.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .willReturn(aResponse().withStatus(200).withBody(big)));

        Result r = fetch();

        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("over the limit of 33554432");
        assertThat(Trees.hashes(store)).isEqualTo(before);
    }

    @Test
    void aDiskErrorWhileStoringIsExitFiveAndLeavesNothingBehind() throws Exception {
        // the data file's place is taken by a directory: writing fails after the change records were written
        Files.createDirectories(store.resolve("worldwide/2019093000.json"));

        Result r = fetch();

        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("cannot write " + store.resolve("worldwide/2019093000.json"));
        assertThat(Trees.hashes(store)).isEqualTo(before);
        try (Stream<Path> files = Files.walk(store)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".o365watch-tmp"));
        }
        Files.delete(store.resolve("worldwide/2019093000.json"));
        assertThat(fetch().code()).as("the next run succeeds").isZero();
    }
}
