package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Tools;
import io.github.o365watch.testing.WireMocks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP as pollers use it, with real clients: curl for conditional requests, HEAD, gzip and TLS with
 * a test CA; promtool on /metrics and on the textfile sync writes; and requests no client should
 * send (traversal, encoded slashes, huge headers, slow clients, other methods).
 */
class ServeHttpTest {
    static final String A = SyncTest.A;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path dir;

    ServeSite site;

    @BeforeEach
    void setUp() throws IOException {
        site = new ServeSite(wm, dir);
        site.n.writeConfig("  metricsFile: o365watch.prom\n");
        site.n.service.publish("Worldwide", A);
        Result r = site.n.sync();
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    /** curl's status, response headers (lower-case names) and body file. */
    record Curl(int exit, int status, Map<String, String> headers, byte[] body) {}

    Curl curl(String... args) throws IOException {
        Path curl = Tools.require("curl");
        Path headers = Files.createTempFile(dir, "h", ".txt");
        Path body = Files.createTempFile(dir, "b", ".bin");
        List<String> cmd = new ArrayList<>(
                List.of(curl.toString(), "-sS", "--max-time", "20", "-D", headers.toString(), "-o", body.toString()));
        cmd.addAll(List.of(args));
        Tools.Run run = Tools.run(cmd, null);
        Map<String, String> h = new java.util.TreeMap<>();
        int status = 0;
        for (String line : Files.readAllLines(headers, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("HTTP/")) {
                status = Integer.parseInt(line.split(" ")[1]);
                h.clear();
            } else if (line.contains(":")) {
                h.put(
                        line.substring(0, line.indexOf(':')).toLowerCase(java.util.Locale.ROOT),
                        line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return new Curl(run.code(), status, h, Files.readAllBytes(body));
    }

    @Test
    void curlGetsConditionalAnswersHeadAndGzip() throws IOException {
        site.start();
        String url = site.url("/edl/o365-optimize-url.txt");
        byte[] file = Files.readAllBytes(site.n.output("worldwide/edl/o365-optimize-url.txt"));
        Curl full = curl(url);
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(file);
        assertThat(full.headers())
                .containsEntry("content-length", Integer.toString(file.length))
                .containsEntry("content-type", "text/plain; charset=utf-8")
                .containsEntry("cache-control", "no-cache");
        String etag = full.headers().get("etag");
        String date = full.headers().get("last-modified");

        Curl byTag = curl("-H", "If-None-Match: " + etag, url);
        assertThat(byTag.status()).isEqualTo(304);
        assertThat(byTag.body()).isEmpty();
        assertThat(byTag.headers()).containsEntry("etag", etag);
        assertThat(curl("-H", "If-None-Match: \"0000\"", url).status())
                .as("another tag")
                .isEqualTo(200);
        assertThat(curl("-H", "If-None-Match: \"0000\", W/" + etag, url).status())
                .as("one of a list, weakly")
                .isEqualTo(304);
        // curl -z sends If-Modified-Since
        assertThat(curl("-z", date, url).status()).isEqualTo(304);
        assertThat(curl("-z", "Mon, 01 Jan 2018 00:00:00 GMT", url).status()).isEqualTo(200);
        // a tag that does not match decides, whatever the date says (RFC 9110 13.2.2)
        assertThat(curl("-H", "If-None-Match: \"0000\"", "-z", date, url).status())
                .isEqualTo(200);

        Curl head = curl("-I", url);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers())
                .containsEntry("content-length", Integer.toString(file.length))
                .containsEntry("etag", etag);
        // curl -I writes the headers where the body would go; on the wire, nothing follows them
        String rawHead =
                site.raw("HEAD /edl/o365-optimize-url.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(rawHead)
                .startsWith("HTTP/1.1 200 ")
                .contains("Content-Length: " + file.length + "\r\n")
                .endsWith("\r\n\r\n");
        assertThat(curl("-I", "-H", "If-None-Match: " + etag, url).status())
                .as("Juniper polls with a conditional HEAD")
                .isEqualTo(304);

        Curl gzip = curl("-H", "Accept-Encoding: gzip", url);
        assertThat(gzip.status()).isEqualTo(200);
        assertThat(gzip.headers()).containsEntry("content-encoding", "gzip");
        assertThat(gunzip(gzip.body())).isEqualTo(file);
        assertThat(gzip.body().length).isLessThan(file.length);
        // the tag of the compressed form brings a 304 too
        Curl gzipAgain = curl(
                "-H",
                "Accept-Encoding: gzip",
                "-H",
                "If-None-Match: " + gzip.headers().get("etag"),
                url);
        assertThat(gzipAgain.status()).isEqualTo(304);
        assertThat(curl("--compressed", url).body()).isEqualTo(file);
    }

    @Test
    void curlTrustsTheServerThroughTheTestCa() throws IOException {
        HeldCertificate ca = new HeldCertificate.Builder()
                .certificateAuthority(0)
                .commonName("o365watch test CA")
                .duration(2, TimeUnit.DAYS)
                .build();
        HeldCertificate server = new HeldCertificate.Builder()
                .signedBy(ca)
                .commonName("localhost")
                .addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("127.0.0.1")
                .duration(2, TimeUnit.DAYS)
                .build();
        Path caPem = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        Path chain = Files.writeString(dir.resolve("server.pem"), server.certificatePem() + ca.certificatePem());
        Path key = Files.writeString(dir.resolve("server.key"), server.privateKeyPkcs8Pem());
        site.start(
                ServeSite.SOON_AFTER, Map.of(), site.options(Optional.of(chain), Optional.of(key), Optional.empty()));
        assertThat(site.server.url()).startsWith("https://127.0.0.1:");
        Curl ok = curl("--cacert", caPem.toString(), site.url("/proxy.pac"));
        assertThat(ok.exit()).isZero();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(Files.readAllBytes(site.n.output("worldwide/pac/o365.pac")));
        // without the CA, curl does not trust the server (60: peer certificate cannot be authenticated)
        assertThat(curl(site.url("/proxy.pac")).exit()).isEqualTo(60);
        // plain HTTP on the TLS port is no way in
        assertThat(curl(site.url("/proxy.pac").replace("https:", "http:")).status())
                .isNotEqualTo(200);
    }

    @Test
    void metricsAndTheSyncTextfilePassPromtool() throws IOException {
        Path promtool = Tools.require("promtool");
        site.start();
        site.get("/proxy.pac");
        site.get("/nothing");
        HttpResponse<byte[]> metrics = site.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        String text = new String(metrics.body(), StandardCharsets.UTF_8);
        assertThat(text)
                .contains("o365watch_applied_version{instance=\"Worldwide\"} 2.0190828E9")
                .contains("o365watch_fetched_version{instance=\"Worldwide\"} 2.0190828E9")
                .contains("o365watch_applied_version_age_seconds{instance=\"Worldwide\"} " + 13 * 86400 + ".0")
                .contains("o365watch_http_requests_total{path=\"/proxy.pac\",status=\"200\"} 1.0")
                .contains("o365watch_http_requests_total{path=\"other\",status=\"404\"} 1.0")
                .contains("o365watch_last_sync_success 1.0")
                .contains("o365watch_release_stale 0.0")
                .containsPattern(
                        "o365watch_list_entries\\{file=\"o365-optimize-ipv4.txt\",instance=\"worldwide\",target=\"edl\"\\} [1-9]");
        Path scraped = Files.write(dir.resolve("scraped.prom"), metrics.body());
        Tools.Run served = Tools.run(List.of(promtool.toString(), "check", "metrics"), scraped);
        assertThat(served.code()).as(served.out()).isZero();

        Path textfile = dir.resolve("o365watch.prom");
        String written = Files.readString(textfile);
        assertThat(written)
                .contains("o365watch_last_sync_success 1.0")
                .contains("o365watch_applied_version{instance=\"Worldwide\"} 2.0190828E9")
                .doesNotContain("o365watch_http_requests");
        Tools.Run file = Tools.run(List.of(promtool.toString(), "check", "metrics"), textfile);
        assertThat(file.code()).as(file.out()).isZero();

        // a sync that fails says so in the textfile, and health turns 503 from it
        wm.resetAll();
        Result failed = site.n.sync();
        assertThat(failed.code()).as(failed.toString()).isEqualTo(3);
        assertThat(Files.readString(textfile)).contains("o365watch_last_sync_success 0.0");
        HttpResponse<byte[]> health = site.get("/healthz");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(new String(health.body(), StandardCharsets.UTF_8))
                .contains("problem: the last sync failed or was refused");
    }

    @Test
    void hostileRequestsGetNothingOutsideTheRelease() throws IOException {
        site.start();
        String lock = Files.readString(dir.resolve("o365watch.lock"));
        assertThat(lock).contains("selectionHash");
        for (String path : List.of(
                "/../o365watch.lock",
                "/%2e%2e/o365watch.lock",
                "/worldwide/../../o365watch.lock",
                "/reports/../o365watch.lock",
                "/reports/..%2fo365watch.lock",
                "/reports/%2e%2e/o365watch.lock",
                "/worldwide%2fpac%2fo365.pac",
                "/.generated.releases/",
                "/generated/worldwide/pac/o365.pac",
                "/..;/o365watch.lock",
                "/%00/o365watch.lock",
                "/worldwide/pac/o365.pac%00.txt",
                "//etc/passwd",
                "/reports/.o365watch-tmp-x")) {
            String answer = site.raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(answer)
                    .as(path)
                    .matches("(?s)HTTP/1.1 (400|404) .*")
                    .doesNotContain("selectionHash")
                    .doesNotContain("FindProxyForURL");
        }
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO")) {
            String answer = site.raw(method
                    + " /proxy.pac HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(method).startsWith("HTTP/1.1 405 ").contains("Allow: GET, HEAD");
        }
        // request size limits: headers and the request line
        String huge = "GET /proxy.pac HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n";
        assertThat(site.raw(huge)).startsWith("HTTP/1.1 431 ");
        assertThat(site.raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                .matches("(?s)HTTP/1.1 (414|431) .*");
        assertThat(site.raw("GET /proxy.pac HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 ");
    }

    @Test
    void slowClientsAreCutOffAndDoNotStarveOthers() throws IOException {
        site.start();
        List<Socket> slow = new ArrayList<>();
        try {
            // more slow clients than the pool has threads, each stopping in the middle of its headers
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", site.server.port()), 10_000);
                s.setSoTimeout(30_000);
                s.getOutputStream()
                        .write("GET /proxy.pac HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                                .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            assertThat(site.get("/proxy.pac").statusCode())
                    .as("a client behind them is answered")
                    .isEqualTo(200);
            // the server closes each silent connection (after its idle timeout), having answered nothing
            for (Socket s : slow) {
                InputStream in = s.getInputStream();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                try {
                    in.transferTo(got);
                } catch (java.net.SocketException reset) {
                    // a reset closes it too
                }
                assertThat(got.toString(StandardCharsets.ISO_8859_1)).doesNotContain("FindProxyForURL");
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
