package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy that refuses every request with 407, as a corporate proxy does with a wrong password.
 * Each try of a wrong password counts towards locking the account, so o365watch sends the
 * credentials once, never retries, and says what happened without showing them: for HTTPS
 * (the proxy refuses the CONNECT of the tunnel) and for plain HTTP to a loopback mirror.
 */
class ProxyCredentialsTest {
    static final String PASSWORD = "Wr0ng-Pa55word-4711";

    @TempDir
    Path tmp;

    TestCli cli;
    RefusingProxy proxy;

    @BeforeEach
    void setUp() throws IOException {
        cli = new TestCli(tmp.resolve("machine"));
        proxy = new RefusingProxy();
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
    }

    private Result fetch(String source) {
        return cli.run(
                "fetch",
                "--store",
                tmp.resolve("store").toString(),
                "--source",
                source,
                "--proxy",
                "http://127.0.0.1:" + proxy.port());
    }

    @Test
    void aRefusedPasswordIsSentOnceAndNeverRetriedOverHttps() {
        cli.env("O365WATCH_PROXY_USER", "alice").env("O365WATCH_PROXY_PASSWORD", PASSWORD);

        Result r = fetch("https://endpoints.office.com");

        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err())
                .isEqualTo("o365watch: GET /version: the proxy 127.0.0.1:" + proxy.port()
                        + " refused the credentials (HTTP 407);"
                        + " not tried again, so that a wrong password cannot lock the account: check O365WATCH_PROXY_USER and"
                        + " O365WATCH_PROXY_PASSWORD (or the user part of HTTPS_PROXY)\n");
        assertThat(proxy.requests())
                .as("requests the proxy saw")
                .allMatch(q -> q.startsWith("CONNECT endpoints.office.com:443"));
        assertThat(proxy.withCredentials()).as("tries of the password").isEqualTo(1);
        assertThat(cli.sleeps()).as("no wait for a retry").isEmpty();
        assertThat(r.toString()).doesNotContain(PASSWORD).doesNotContain("alice");
    }

    @Test
    void aRefusedPasswordIsSentOnceAndNeverRetriedOverPlainHttp() {
        cli.env("O365WATCH_PROXY_USER", "alice").env("O365WATCH_PROXY_PASSWORD", PASSWORD);

        Result r = fetch("http://127.0.0.1:9/");

        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("refused the credentials (HTTP 407); not tried again");
        assertThat(proxy.requests()).allMatch(q -> q.startsWith("GET http://127.0.0.1:9/version"));
        assertThat(proxy.withCredentials()).isEqualTo(1);
        assertThat(cli.sleeps()).isEmpty();
        assertThat(r.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aProxyThatWantsCredentialsNoneWereGivenForIsAskedOnce() {
        Result r = fetch("https://endpoints.office.com");

        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err())
                .isEqualTo("o365watch: GET /version: the proxy 127.0.0.1:" + proxy.port()
                        + " asks for credentials (HTTP 407):"
                        + " set O365WATCH_PROXY_USER and O365WATCH_PROXY_PASSWORD\n");
        assertThat(proxy.requests()).hasSize(1);
        assertThat(proxy.withCredentials()).isZero();
        assertThat(cli.sleeps()).isEmpty();
    }

    /** Answers every request on loopback with 407 and a Basic challenge, one connection at a time, and keeps the request heads. */
    static final class RefusingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final List<List<String>> heads = new CopyOnWriteArrayList<>();
        private final Thread thread;

        RefusingProxy() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "refusing-proxy");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    BufferedReader in =
                            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    List<String> head = new ArrayList<>();
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        head.add(line);
                    }
                    heads.add(List.copyOf(head)); // before the answer: the client sees it only after this
                    OutputStream out = s.getOutputStream();
                    out.write(
                            ("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n"
                                            + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException e) {
                    // closed, or a client that went away: the next connection is served all the same
                }
            }
        }

        /** The request lines, in order. */
        List<String> requests() {
            return heads.stream().filter(h -> !h.isEmpty()).map(h -> h.get(0)).toList();
        }

        /** How many requests carried a Proxy-Authorization header. */
        long withCredentials() {
            return heads.stream()
                    .filter(h -> h.stream().anyMatch(l -> l.regionMatches(true, 0, "Proxy-Authorization:", 0, 20)))
                    .count();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
