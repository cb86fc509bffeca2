package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.domain.Checksums;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed server over a site sync keeps: every published file at its URL and its aliases, with
 * its media type, entity tag and date; the index; a new release picked up without a restart; the
 * last good release kept when the output breaks; authentication.
 */
class ServeTest {
    static final String A = SyncTest.A;
    static final String B = SyncTest.B;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path dir;

    ServeSite site;

    @BeforeEach
    void setUp() throws IOException {
        site = new ServeSite(wm, dir);
        site.n.service.publish("Worldwide", A);
        Result r = site.n.sync();
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    @Test
    void servesEveryPublishedFileWithItsMediaTypeTagAndDate() throws IOException {
        site.start();
        Map<String, String> outputs = site.n.outputs();
        assertThat(outputs).containsKeys("worldwide/pac/o365.pac", "worldwide/edl/o365-optimize-ipv4.txt");
        for (String path : outputs.keySet()) {
            HttpResponse<byte[]> r = site.get("/" + path);
            byte[] file = Files.readAllBytes(site.n.output(path));
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).isEqualTo(file);
            assertThat(r.headers().firstValue("ETag"))
                    .as(path)
                    .hasValue("\"" + Checksums.sha256(file).substring(0, 32) + "\"");
            assertThat(r.headers().firstValue("Last-Modified")).as(path).isPresent();
            assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
            String type = path.endsWith(".pac")
                    ? "application/x-ns-proxy-autoconfig"
                    : path.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8";
            assertThat(r.headers().firstValue("Content-Type")).as(path).hasValue(type);
        }
        // the short aliases are the first instance's files
        byte[] pac = Files.readAllBytes(site.n.output("worldwide/pac/o365.pac"));
        for (String alias : new String[] {"/proxy.pac", "/wpad.dat", "/pac/o365.pac"}) {
            HttpResponse<byte[]> r = site.get(alias);
            assertThat(r.body()).as(alias).isEqualTo(pac);
            assertThat(r.headers().firstValue("Content-Type")).as(alias).hasValue("application/x-ns-proxy-autoconfig");
        }
        assertThat(site.get("/edl/o365-optimize-ipv4.txt").body())
                .isEqualTo(Files.readAllBytes(site.n.output("worldwide/edl/o365-optimize-ipv4.txt")));
        // the index names each file with its version, size and checksum
        String index = new String(site.get("/").body(), StandardCharsets.UTF_8);
        for (String path : outputs.keySet()) {
            byte[] file = Files.readAllBytes(site.n.output(path));
            assertThat(index)
                    .contains("<a href=\"/" + path + "\">" + path + "</a></td><td>" + A + "</td><td>" + file.length
                            + "</td><td><code>" + Checksums.sha256(file) + "</code>");
        }
        assertThat(site.get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(site.get("/worldwide/edl/").statusCode())
                .as("no directory listing")
                .isEqualTo(404);
        assertThat(site.get("/worldwide/").statusCode())
                .as("no directory listing")
                .isEqualTo(404);
        assertThat(site.accessLog)
                .anyMatch(l -> l.matches(
                        "127\\.0\\.0\\.1 - - \\[.+\\] \"GET /proxy.pac HTTP/1.1\" 200 " + pac.length + " .*"));
    }

    @Test
    void servesTheReportsAndTheFeed() throws IOException {
        site.n.service.publish("Worldwide", B);
        assertThat(site.n.sync().code()).isZero();
        site.start();
        Path reports = dir.resolve("reports");
        try (var files = Files.list(reports)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                String url = name.endsWith(".rss") ? "/feed.rss" : "/reports/" + name;
                HttpResponse<byte[]> r = site.get(url);
                assertThat(r.statusCode()).as(url).isEqualTo(200);
                assertThat(r.body()).as(url).isEqualTo(Files.readAllBytes(p));
            }
        }
        assertThat(site.get("/feed.rss").headers().firstValue("Content-Type"))
                .hasValue("application/rss+xml; charset=utf-8");
        // a link in the reports directory is never followed
        Files.createSymbolicLink(reports.resolve("lock.json"), dir.resolve("o365watch.lock"));
        assertThat(site.get("/reports/lock.json").statusCode()).isEqualTo(404);
    }

    @Test
    void picksUpTheNextReleaseWithoutARestartAndKeepsTheLastGoodOne() throws IOException {
        site.start();
        Map<String, String> before = site.n.outputs();
        before.keySet().forEach(p -> assertThat(site.get("/" + p).statusCode()).isEqualTo(200));
        site.n.service.publish("Worldwide", B);
        assertThat(site.n.sync().code()).isZero();
        Map<String, String> next = site.n.outputs();
        String changed = next.keySet().stream()
                .filter(p -> !next.get(p).equals(before.get(p)))
                .findFirst()
                .orElseThrow();
        assertThat(new String(site.get("/" + changed).body(), StandardCharsets.UTF_8))
                .as(changed)
                .isEqualTo(next.get(changed));
        String edl = "worldwide/edl/o365-allow-url.txt";
        String after = next.get(edl);
        assertThat(new String(site.get("/" + edl).body(), StandardCharsets.UTF_8))
                .isEqualTo(after);
        assertThat(new String(site.get("/healthz").body(), StandardCharsets.UTF_8))
                .startsWith("ok\n");

        // the output link now points nowhere: the last good release is served, and health and metrics say so
        Path link = dir.resolve("generated");
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of(".generated.releases/gone"));
        HttpResponse<byte[]> still = site.get("/" + edl);
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(new String(still.body(), StandardCharsets.UTF_8)).isEqualTo(after);
        HttpResponse<byte[]> health = site.get("/healthz");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(new String(health.body(), StandardCharsets.UTF_8))
                .contains("problem: the output link " + link + " points to nothing");
        assertThat(new String(site.get("/metrics").body(), StandardCharsets.UTF_8))
                .contains("o365watch_release_stale 1.0");
    }

    @Test
    void aReleaseEditedByHandIsNotServed() throws IOException {
        Path pac = site.n.output("worldwide/pac/o365.pac").toRealPath();
        Files.writeString(pac, "function FindProxyForURL(url, host) { return \"DIRECT\"; }\n");
        site.start();
        HttpResponse<byte[]> r = site.get("/proxy.pac");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .contains("is not what sync published there (edited by hand?)");
        assertThat(site.get("/healthz").statusCode()).isEqualTo(503);
    }

    @Test
    void healthTurnsUnavailableWhenTheAppliedVersionIsTooOld() {
        site.start(io.github.o365watch.testing.TestCli.NOW, Map.of(), site.options());
        HttpResponse<byte[]> health = site.get("/healthz");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(new String(health.body(), StandardCharsets.UTF_8))
                .contains("problem: Worldwide " + A + ", ")
                .contains("days old: older than 60 days");
    }

    @Test
    void basicAuthenticationGuardsEverythingButHealth() throws IOException {
        Path auth = Files.writeString(dir.resolve("auth"), "poller:s3cret-Pa55\n");
        site.start(ServeSite.SOON_AFTER, Map.of(), site.options(Optional.empty(), Optional.empty(), Optional.of(auth)));
        assertThat(site.get("/proxy.pac").statusCode()).isEqualTo(401);
        assertThat(site.get("/proxy.pac").headers().firstValue("WWW-Authenticate"))
                .hasValue("Basic realm=\"o365watch\", charset=\"UTF-8\"");
        assertThat(site.get("/metrics").statusCode()).isEqualTo(401);
        String wrong = "Basic "
                + java.util.Base64.getEncoder().encodeToString("poller:wrong".getBytes(StandardCharsets.UTF_8));
        assertThat(site.get("/proxy.pac", "Authorization", wrong).statusCode()).isEqualTo(401);
        String right = "Basic "
                + java.util.Base64.getEncoder().encodeToString("poller:s3cret-Pa55".getBytes(StandardCharsets.UTF_8));
        assertThat(site.get("/proxy.pac", "Authorization", right).statusCode()).isEqualTo(200);
        assertThat(site.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(String.join("\n", site.accessLog)).doesNotContain("s3cret").doesNotContain(right.substring(6));
    }
}
