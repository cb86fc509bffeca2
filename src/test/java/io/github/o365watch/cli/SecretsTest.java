package io.github.o365watch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.o365watch.testing.Derived;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.SmtpServer;
import io.github.o365watch.testing.SmtpServer.Keys;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets a nightly job holds (the proxy's password, the SMTP password, the webhook URLs'
 * tokens) appear nowhere o365watch writes: not on stdout or stderr, with or without
 * {@code --stacktrace}, not in the outputs, reports, feed, lock, store, or the machine's config
 * directory, not in what the notifications carry. Every run goes through an HTTP proxy that
 * demands credentials; notifications succeed and fail in every way the tests can make them.
 */
class SecretsTest {
    static final String PROXY_USER = "alice";
    static final String PROXY_PASSWORD = "Pr0xy-S3cret-91f2";
    static final String SMTP_PASSWORD = "Smtp-S3cret-55ab";
    static final String TOKEN = "Hook-T0ken-c3d4";
    static final String FILE_TOKEN = "File-T0ken-e8f0";
    static final String BASIC =
            Base64.getEncoder().encodeToString((PROXY_USER + ":" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));
    /** Each secret and the forms it travels in. */
    static final List<String> SECRETS = List.of(
            PROXY_PASSWORD,
            SMTP_PASSWORD,
            TOKEN,
            FILE_TOKEN,
            BASIC,
            Base64.getEncoder().encodeToString(("\0o365watch\0" + SMTP_PASSWORD).getBytes(StandardCharsets.UTF_8)));

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    /** A forward proxy that asks for Basic credentials and passes on what carries the right ones. */
    @RegisterExtension
    static WireMockExtension proxy = WireMockExtension.newInstance()
            .options(WireMocks.options().enableBrowserProxying(true))
            .build();

    @TempDir
    static Path keysDir;

    static Keys keys;

    @TempDir
    Path dir;

    Nightly n;
    SmtpServer smtp;
    final List<Result> results = new ArrayList<>();

    @BeforeAll
    static void certificate() {
        keys = Keys.localhost(keysDir);
    }

    @BeforeEach
    void setUp() throws IOException {
        smtp = SmtpServer.startTls(keys, "o365watch", SMTP_PASSWORD);
        n = new Nightly(wm, dir);
        Files.writeString(dir.resolve("hook-url.txt"), wm.baseUrl() + "/file-hooks/" + FILE_TOKEN + "\n");
        n.writeConfig(Nightly.notify(smtp.port(), keys.pem().toString(), List.of("netops@corp.example"), """
                - kind: teams
                  urlEnv: HOOK_URL
                - kind: slack
                  urlFile: hook-url.txt
                """));
        n.cli.env("SMTP_PASSWORD", SMTP_PASSWORD)
                .env("HOOK_URL", wm.baseUrl() + "/hooks/" + TOKEN)
                .env("HTTP_PROXY", "http://localhost:" + proxy.getPort())
                .env("O365WATCH_PROXY_USER", PROXY_USER)
                .env("O365WATCH_PROXY_PASSWORD", PROXY_PASSWORD);
        proxy.stubFor(any(anyUrl())
                .atPriority(1)
                .withHeader("Proxy-Authorization", absent())
                .willReturn(challenge()));
        proxy.stubFor(any(anyUrl())
                .atPriority(2)
                .withHeader("Proxy-Authorization", notMatching(Pattern.quote("Basic " + BASIC)))
                .willReturn(challenge()));
        wm.stubFor(
                post(urlPathEqualTo("/hooks/" + TOKEN)).willReturn(aResponse().withStatus(200)));
        wm.stubFor(post(urlPathEqualTo("/file-hooks/" + FILE_TOKEN))
                .willReturn(
                        aResponse().withStatus(503).withBody("upstream said: token " + FILE_TOKEN + " is unknown")));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder challenge() {
        return aResponse().withStatus(407).withHeader("Proxy-Authenticate", "Basic realm=\"corp\"");
    }

    @AfterEach
    void stop() {
        smtp.close();
    }

    Result run(Result r) {
        results.add(r);
        return r;
    }

    @Test
    void noSecretShowsInAnythingASyncWritesOrSends() throws IOException {
        n.service
                .publish("Worldwide", SyncTest.A)
                .changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"));
        assertThat(run(n.sync()).code()).as(results.get(0).toString()).isZero();
        assertThat(proxy.getAllServeEvents())
                .as("the service was reached through the proxy")
                .isNotEmpty();

        // a change: mail and the first webhook succeed, the second webhook fails with its token echoed in the body
        n.service.publish("Worldwide", SyncTest.B);
        Result changed = run(n.sync("--stacktrace"));
        assertThat(changed.code()).as(changed.toString()).isZero();
        assertThat(changed.err()).contains("slack webhook").contains("HTTP 503");
        assertThat(smtp.received()).hasSize(1);

        // a refusal: the SMTP login is refused, the second webhook's connection is reset
        n.cli.env("SMTP_PASSWORD", "wrong-" + SMTP_PASSWORD);
        wm.stubFor(post(urlPathEqualTo("/file-hooks/" + FILE_TOKEN))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        n.service.publish(
                "Worldwide",
                "2019100100",
                Derived.withoutIps(
                        Fixtures.endpoints("Worldwide", SyncTest.B),
                        s -> s.path("serviceArea").asText().equals("Exchange")));
        Result refused = run(n.sync("--stacktrace"));
        assertThat(refused.code()).as(refused.toString()).isEqualTo(7);
        assertThat(refused.err()).contains("refused the login of o365watch");

        // the shrink accepted: the SMTP server is gone, the second webhook closes without an answer
        smtp.close();
        wm.stubFor(post(urlPathEqualTo("/file-hooks/" + FILE_TOKEN))
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        Result accepted = run(n.sync("--accept-shrink", "--stacktrace"));
        assertThat(accepted.code()).as(accepted.toString()).isZero();
        assertThat(accepted.err())
                .contains("notification failed: e-mail")
                .contains("notification failed: slack webhook");

        for (String format : List.of("text", "json", "junit", "github")) {
            run(n.check("--format", format, "--stacktrace"));
        }
        run(n.cli.run("status", "--store", dir.resolve("snapshots").toString(), "--source", n.service.url(), "--json"));
        run(n.cli.run(
                "versions",
                "--store",
                dir.resolve("snapshots").toString(),
                "--source",
                n.service.url(),
                "--stacktrace"));

        // the proxy refuses a wrong password: the failure names the proxy's answer, not the password
        n.cli.env("O365WATCH_PROXY_PASSWORD", "wrong-" + PROXY_PASSWORD);
        n.service.publish("Worldwide", "2019102800");
        Result proxyRefused = run(n.sync("--stacktrace"));
        assertThat(proxyRefused.code()).as(proxyRefused.toString()).isEqualTo(3);
        assertThat(proxyRefused.err()).contains("HTTP 407");

        // credentials in the proxy URL itself, right and wrongly encoded
        n.cli.env("O365WATCH_PROXY_USER", "")
                .env("O365WATCH_PROXY_PASSWORD", "")
                .env("HTTP_PROXY", "http://" + PROXY_USER + ":" + PROXY_PASSWORD + "@localhost:" + proxy.getPort());
        Result inUrl = run(n.cli.run(
                "fetch", "--store", dir.resolve("snapshots").toString(), "--source", n.service.url(), "--stacktrace"));
        assertThat(inUrl.code()).as(inUrl.toString()).isZero();
        n.cli.env("HTTP_PROXY", "http://" + PROXY_USER + ":" + PROXY_PASSWORD + "%zz@localhost:" + proxy.getPort());
        Result badlyEncoded = run(n.cli.run(
                "fetch", "--store", dir.resolve("snapshots").toString(), "--source", n.service.url(), "--stacktrace"));
        assertThat(badlyEncoded.code()).as(badlyEncoded.toString()).isEqualTo(2);

        for (Result r : results) {
            assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(SECRETS);
        }
        for (Path f : files(dir)) {
            if (f.getFileName().toString().equals("hook-url.txt")) {
                continue; // where the second token lives
            }
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                    .as(f.toString())
                    .doesNotContain(SECRETS);
        }
        for (SmtpServer.Received mail : smtp.received()) {
            assertThat(new String(mail.raw(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRETS);
        }
        for (ServeEvent e : wm.getAllServeEvents()) {
            assertThat(e.getRequest().getBodyAsString()).doesNotContain(SECRETS);
        }
    }

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
