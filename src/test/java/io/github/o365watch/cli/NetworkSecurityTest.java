package io.github.o365watch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.SmtpServer;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.WireMocks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with a certificate the JDK does not trust (a TLS-inspecting proxy's), made for this test;
 * an HTTP proxy with Basic credentials from the environment; NO_PROXY.
 */
class NetworkSecurityTest {
    @TempDir
    static Path keys;

    static WireMockServer https;

    @RegisterExtension
    static WireMockExtension plain =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @RegisterExtension
    static WireMockExtension proxy =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    TestCli cli;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        SmtpServer.Keys server = SmtpServer.Keys.localhost(keys);
        java.nio.file.Files.copy(server.pem(), keys.resolve("ca.pem"));
        https = new WireMockServer(wireMockConfig()
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(server.keystore().toString())
                .keystoreType("PKCS12")
                .keystorePassword(SmtpServer.Keys.password())
                .keyManagerPassword(SmtpServer.Keys.password()));
        https.start();
        startHttpsStubs();
    }

    static void startHttpsStubs() {
        https.stubFor(get(urlPathEqualTo("/version"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.versionJson("Worldwide", "2019093000"))));
        https.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.endpoints("Worldwide", "2019093000"))));
        https.stubFor(get(urlPathEqualTo("/changes/Worldwide/0000000000"))
                .willReturn(aResponse().withStatus(200).withBody("[]")));
    }

    @AfterAll
    static void stop() {
        https.stop();
    }

    @BeforeEach
    void setUp() {
        cli = new TestCli(tmp.resolve("machine"));
    }

    @Test
    void anUntrustedCertificateIsAnErrorWithNoWayToSwitchCheckingOff() {
        Result r = cli.run(
                "fetch", "--store", tmp.resolve("s").toString(), "--source", "https://localhost:" + https.httpsPort());

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("GET /version: TLS failure talking to localhost", "--ca-bundle");
        assertThat(cli.run("fetch", "--help").out())
                .doesNotContainIgnoringCase("insecure")
                .doesNotContainIgnoringCase("trust all");
    }

    @Test
    void aCaBundleMakesTheInspectingProxysCertificateTrusted() {
        Result r = cli.run(
                "fetch",
                "--store",
                tmp.resolve("s").toString(),
                "--source",
                "https://localhost:" + https.httpsPort(),
                "--ca-bundle",
                keys.resolve("ca.pem").toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Worldwide: stored 2019093000");

        Result env = cli.env("O365WATCH_CA_BUNDLE", keys.resolve("ca.pem").toString())
                .run(
                        "fetch",
                        "--store",
                        tmp.resolve("s2").toString(),
                        "--source",
                        "https://localhost:" + https.httpsPort());
        assertThat(env.code()).as(env.toString()).isZero();
    }

    @Test
    void aHostnameThatDoesNotMatchTheCertificateIsRefused() {
        // the certificate names localhost and 127.0.0.1, not 127.0.0.2
        Result r = cli.run(
                "fetch",
                "--store",
                tmp.resolve("s").toString(),
                "--source",
                "https://127.0.0.2:" + https.httpsPort(),
                "--ca-bundle",
                keys.resolve("ca.pem").toString(),
                "--retries",
                "1");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        // a refused connection is exit 3 too: only the handshake's verdict on the name proves the case
        assertThat(r.err())
                .as(r.toString())
                .contains("TLS failure talking to 127.0.0.2: Hostname 127.0.0.2 not verified");
    }

    @Test
    void aBadCaBundleIsAUsageError() throws Exception {
        Path junk = java.nio.file.Files.writeString(tmp.resolve("junk.pem"), "not a certificate");
        Result r = cli.run(
                "fetch",
                "--store",
                tmp.resolve("s").toString(),
                "--source",
                "https://localhost:" + https.httpsPort(),
                "--ca-bundle",
                junk.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read CA bundle");
    }

    @Test
    void requestsGoThroughTheProxyWithCredentialsFromTheEnvironmentOnly() {
        String secret = "s3cr3t-Pa55word";
        String expected =
                "Basic " + Base64.getEncoder().encodeToString(("alice:" + secret).getBytes(StandardCharsets.UTF_8));
        // like a real proxy: anything without the right credentials gets a challenge
        proxy.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/.*"))
                .atPriority(10)
                .willReturn(aResponse().withStatus(407).withHeader("Proxy-Authenticate", "Basic realm=\"corp\"")));
        proxy.stubFor(get(urlPathEqualTo("/version"))
                .withHeader("Proxy-Authorization", equalTo(expected))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.versionJson("Worldwide", "2019093000"))));
        proxy.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .withHeader("Proxy-Authorization", equalTo(expected))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.endpoints("Worldwide", "2019093000"))));
        proxy.stubFor(get(urlPathEqualTo("/changes/Worldwide/0000000000"))
                .withHeader("Proxy-Authorization", equalTo(expected))
                .willReturn(aResponse().withStatus(200).withBody("[]")));

        Result r = cli.env("O365WATCH_PROXY_USER", "alice")
                .env("O365WATCH_PROXY_PASSWORD", secret)
                .run(
                        "fetch",
                        "--store",
                        tmp.resolve("s").toString(),
                        "--source",
                        "http://127.0.0.1:9/",
                        "--proxy",
                        "http://localhost:" + proxy.getPort());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.toString()).doesNotContain(secret);
        assertThat(proxy.getAllServeEvents()).isNotEmpty();

        Result refused = cli.env("O365WATCH_PROXY_PASSWORD", "wrong-" + secret)
                .run(
                        "fetch",
                        "--store",
                        tmp.resolve("s3").toString(),
                        "--source",
                        "http://127.0.0.1:9/",
                        "--proxy",
                        "http://localhost:" + proxy.getPort(),
                        "--stacktrace");
        assertThat(refused.code()).isEqualTo(3);
        assertThat(refused.err()).contains("HTTP 407");
        assertThat(refused.toString()).doesNotContain(secret);
    }

    @Test
    void aRedirectFromHttpsToPlainHttpIsRefusedEvenToLoopback() {
        https.stubFor(get(urlPathEqualTo("/endpoints/Worldwide"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", "http://127.0.0.1:" + plain.getPort() + "/endpoints/Worldwide")));
        try {
            Result r = cli.run(
                    "fetch",
                    "--store",
                    tmp.resolve("s").toString(),
                    "--source",
                    "https://localhost:" + https.httpsPort(),
                    "--ca-bundle",
                    keys.resolve("ca.pem").toString());
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).contains("refusing to follow a redirect to plain HTTP at 127.0.0.1");
            assertThat(plain.getAllServeEvents()).isEmpty();
        } finally {
            https.resetMappings();
            startHttpsStubs();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "http://endpoints.office.com",
                "http://127.0.0.1.nip.io:PORT",
                "http://localhost.example.com:PORT",
                "http://2130706433:PORT",
                "http://0x7f000001:PORT",
                "http://10.0.0.1:PORT"
            })
    void plainHttpIsRefusedOffLoopbackBeforeAnyConnection(String source) {
        // names and spellings that may well reach this machine are still not loopback literals: only https:// goes
        // there
        Result r = cli.run(
                "fetch",
                "--store",
                tmp.resolve("s").toString(),
                "--source",
                source.replace("PORT", String.valueOf(plain.getPort())));

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .contains("refusing plain HTTP to ")
                .contains("only https:// is allowed, or http:// to a loopback address");
        assertThat(plain.getAllServeEvents()).isEmpty();
        assertThat(tmp.resolve("s")).doesNotExist();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "http://127.0.0.1:PORT",
                "http://127.0.0.2:PORT",
                "http://localhost:PORT",
                "http://[::ffff:7f00:1]:PORT"
            })
    void plainHttpToALoopbackMirrorIsAllowed(String source) {
        FakeService service = new FakeService(plain).publish("Worldwide", "2019093000");

        Result r = cli.run(
                "fetch",
                "--store",
                tmp.resolve("s").toString(),
                "--source",
                source.replace("PORT", String.valueOf(plain.getPort())));

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(service.requests()).isNotEmpty();
    }

    @Test
    void badProxySettingsAreUsageErrors() {
        Result port = cli.run("fetch", "--store", tmp.resolve("s").toString(), "--proxy", "http://proxy.corp:99999");
        assertThat(port.code()).isEqualTo(2);
        assertThat(port.err()).contains("port 99999 is outside 1-65535");
        Result envPort = new TestCli(tmp.resolve("m2"))
                .env("HTTPS_PROXY", "http://proxy.corp:70000")
                .run("fetch", "--store", tmp.resolve("s").toString());
        assertThat(envPort.code()).isEqualTo(2);
        Result socks = new TestCli(tmp.resolve("m3"))
                .env("HTTPS_PROXY", "socks5://proxy.corp:1080")
                .env("O365WATCH_PROXY_USER", "alice")
                .env("O365WATCH_PROXY_PASSWORD", "pw")
                .run("fetch", "--store", tmp.resolve("s").toString());
        assertThat(socks.code()).isEqualTo(2);
        assertThat(socks.err()).contains("HTTP proxy only");
    }

    @Test
    void credentialsOnTheCommandLineAreRefused() {
        Result r = cli.run(
                "fetch", "--store", tmp.resolve("s").toString(), "--proxy", "http://bob:hunter2@proxy.corp:8080");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--proxy must not carry credentials").doesNotContain("hunter2");
    }

    @Test
    void theEnvironmentsProxyIsUsedUnlessNoProxyExemptsTheHost() {
        FakeService service = new FakeService(plain).publish("Worldwide", "2019093000");
        proxy.stubFor(get(urlPathEqualTo("/version")).willReturn(aResponse().withStatus(503)));
        String source = "http://127.0.0.1:" + plain.getPort();

        Result viaProxy = cli.env("HTTP_PROXY", "http://localhost:" + proxy.getPort())
                .run("fetch", "--store", tmp.resolve("s").toString(), "--source", source, "--retries", "1");
        assertThat(viaProxy.code()).isEqualTo(3);
        assertThat(proxy.getAllServeEvents()).hasSize(1);
        assertThat(service.requests()).isEmpty();

        Result direct = cli.env("NO_PROXY", "example.com,127.0.0.1")
                .run("fetch", "--store", tmp.resolve("s").toString(), "--source", source);
        assertThat(direct.code()).as(direct.toString()).isZero();
        assertThat(service.requests()).isNotEmpty();
        assertThat(proxy.getAllServeEvents()).hasSize(1);
    }

    /** A site whose config file names the source, its CA bundle and a proxy: every command run there uses them, after the options and the environment. */
    @Test
    void theConfigFilesCaBundleAndProxyComeAfterTheOptionsAndTheEnvironment() throws Exception {
        Path site = java.nio.file.Files.createDirectories(tmp.resolve("site"));
        java.nio.file.Files.copy(keys.resolve("ca.pem"), site.resolve("corp-ca.pem"));
        java.nio.file.Files.writeString(
                site.resolve("o365watch.yaml"),
                "source: https://localhost:" + https.httpsPort()
                        + "\ncaBundle: corp-ca.pem\ntargets:\n  - name: edl\n");
        TestCli here = new TestCli(tmp.resolve("machine")).in(site);

        Result fetch = here.run("fetch");
        assertThat(fetch.code()).as(fetch.toString()).isZero();
        assertThat(fetch.out()).startsWith("Worldwide: stored 2019093000");
        assertThat(site.resolve("snapshots/worldwide/2019093000.json")).exists();
        Path junk = java.nio.file.Files.writeString(tmp.resolve("junk.pem"), "not a certificate");
        Result env = new TestCli(tmp.resolve("machine"))
                .in(site)
                .env("O365WATCH_CA_BUNDLE", junk.toString())
                .run("status");
        assertThat(env.code())
                .as("the environment's bundle before the config file's")
                .isEqualTo(2);
        assertThat(env.err()).contains("cannot read CA bundle " + junk);
        Result option = new TestCli(tmp.resolve("machine"))
                .in(site)
                .env("O365WATCH_CA_BUNDLE", junk.toString())
                .run("status", "--ca-bundle", keys.resolve("ca.pem").toString());
        assertThat(option.code()).as(option.toString()).isZero();

        // a proxy in the config file: used unless the environment names one
        FakeService service = new FakeService(plain).publish("Worldwide", "2019093000");
        proxy.stubFor(get(urlPathEqualTo("/version")).willReturn(aResponse().withStatus(503)));
        java.nio.file.Files.writeString(
                site.resolve("o365watch.yaml"),
                "source: http://127.0.0.1:" + plain.getPort() + "\nproxy: http://localhost:" + proxy.getPort()
                        + "\ntargets:\n  - name: edl\n");
        Result viaProxy = here.run("versions", "--retries", "1");
        assertThat(viaProxy.code()).as(viaProxy.toString()).isEqualTo(3);
        assertThat(proxy.getAllServeEvents()).hasSize(1);
        assertThat(service.requests()).isEmpty();
        Result envProxy = new TestCli(tmp.resolve("machine"))
                .in(site)
                .env("HTTP_PROXY", "http://localhost:1")
                .run("versions", "--retries", "1");
        assertThat(envProxy.code()).isEqualTo(3);
        assertThat(envProxy.err()).contains("Failed to connect to localhost/127.0.0.1:1)");
        assertThat(proxy.getAllServeEvents())
                .as("the environment's proxy, not the config file's")
                .hasSize(1);

        // credentials never in the file; the line is named, the secret never printed
        java.nio.file.Files.writeString(
                site.resolve("o365watch.yaml"), "proxy: http://bob:hunter2@proxy.corp:8080\ntargets:\n  - name: edl\n");
        Result creds = here.run("status", "--offline");
        assertThat(creds.code()).isEqualTo(2);
        assertThat(creds.err())
                .startsWith("o365watch: config file " + site.resolve("o365watch.yaml") + ", line 1: proxy: ")
                .contains("must not carry credentials")
                .doesNotContain("hunter2");
        // the starter's placeholder, and a bundle that is not there, are mistakes named by their line
        java.nio.file.Files.writeString(
                site.resolve("o365watch.yaml"),
                "proxy: http://proxy.example.com:8080\ncaBundle: none.pem\n" + "targets:\n  - name: edl\n");
        assertThat(here.run("status", "--offline").err())
                .startsWith("o365watch: config file " + site.resolve("o365watch.yaml")
                        + ", line 1: proxy: 'http://proxy.example.com:8080' names proxy.example.com, a placeholder");
        java.nio.file.Files.writeString(
                site.resolve("o365watch.yaml"), "caBundle: none.pem\ntargets:\n  - name: edl\n");
        assertThat(here.run("show").err())
                .isEqualTo("o365watch: config file " + site.resolve("o365watch.yaml") + ", line 1: caBundle: "
                        + site.resolve("none.pem") + " is not a file\n");
    }
}
