package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.Browser;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.WireMocks;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser using the PAC file serve publishes: headless Chromium with {@code --proxy-pac-url}
 * at the server and every name resolved to loopback. It fetches Microsoft 365 hostnames of a
 * shipped version: those the PAC sends DIRECT reach a loopback web server, the others a loopback
 * recording proxy. Each hostname's route must be the one worked out here from the endpoint data
 * alone (type 1: Optimize direct; the most specific pattern that matches a name decides).
 */
class ServePacBrowserTest {
    static final String A = SyncTest.A;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path dir;

    ServeSite site;
    final List<Recorder> recorders = new ArrayList<>();

    @AfterEach
    void tearDown() throws IOException {
        for (Recorder r : recorders) {
            r.close();
        }
        if (site != null) {
            site.close();
        }
    }

    /**
     * A loopback socket that notes which host each connection was for and answers little: the
     * Host header or absolute URI of an HTTP request, the target of a CONNECT, or the server name
     * (SNI) of a TLS ClientHello, as Chromium upgrades names on its HSTS preload list to HTTPS
     * before it asks the PAC file. A page at / to start from.
     */
    Recorder recorder() throws IOException {
        Recorder r = new Recorder(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()));
        recorders.add(r);
        Thread t = new Thread(r::accept, "recorder");
        t.setDaemon(true);
        t.start();
        return r;
    }

    record Recorder(ServerSocket socket, Set<String> hosts) implements AutoCloseable {
        Recorder(ServerSocket socket) {
            this(socket, ConcurrentHashMap.newKeySet());
        }

        int port() {
            return socket.getLocalPort();
        }

        void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket c = socket.accept();
                    Thread t = new Thread(() -> answer(c), "recorder-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void answer(Socket c) {
            try (c) {
                c.setSoTimeout(30_000);
                DataInputStream in = new DataInputStream(c.getInputStream());
                int first = in.read();
                if (first == 0x16) {
                    byte[] header = new byte[4];
                    in.readFully(header);
                    byte[] record = new byte[((header[2] & 0xff) << 8) | (header[3] & 0xff)];
                    in.readFully(record);
                    sni(record).ifPresent(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
                    return;
                }
                StringBuilder head = new StringBuilder().append((char) first);
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.append((char) b);
                }
                String[] lines = head.toString().split("\r\n");
                String[] request = lines[0].split(" ");
                String host;
                if (request[0].equals("CONNECT")) {
                    host = request[1].replaceFirst(":[0-9]+$", "");
                } else if (request[1].startsWith("http://")) {
                    host = URI.create(request[1]).getHost();
                } else {
                    host = java.util.Arrays.stream(lines)
                            .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("host:"))
                            .findFirst()
                            .map(l -> l.substring(5).strip().replaceFirst(":[0-9]+$", ""))
                            .orElse("");
                }
                hosts.add(host.toLowerCase(Locale.ROOT));
                String page = "<!DOCTYPE html><title>start</title>";
                String answer = request[0].equals("CONNECT")
                        ? "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n"
                        : request[1].endsWith("/")
                                ? "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + page.length()
                                        + "\r\n"
                                : "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\n";
                c.getOutputStream()
                        .write((answer + "Connection: close\r\n\r\n" + (answer.startsWith("HTTP/1.1 200") ? page : ""))
                                .getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException | RuntimeException e) {
                // a connection the browser gave up on: whatever it told us is noted
            }
        }

        /** The server name in a ClientHello (RFC 8446 4.1.2, RFC 6066 3). */
        static java.util.Optional<String> sni(byte[] r) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(r);
            if (b.get() != 1) {
                return java.util.Optional.empty();
            }
            b.position(b.position() + 3 + 2 + 32);
            b.position(b.position() + (b.get() & 0xff));
            b.position(b.position() + (b.getShort() & 0xffff));
            b.position(b.position() + (b.get() & 0xff));
            int end = b.position() + (b.getShort() & 0xffff);
            while (b.position() + 4 <= end) {
                int type = b.getShort() & 0xffff;
                int len = b.getShort() & 0xffff;
                if (type == 0) {
                    b.getShort();
                    b.get();
                    byte[] name = new byte[b.getShort() & 0xffff];
                    b.get(name);
                    return java.util.Optional.of(new String(name, StandardCharsets.US_ASCII));
                }
                b.position(b.position() + len);
            }
            return java.util.Optional.empty();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void chromiumRoutesEachHostnameAsTheEndpointDataSays() throws Exception {
        Recorder web = recorder();
        Recorder proxy = recorder();
        Set<String> direct = web.hosts();
        Set<String> proxied = proxy.hosts();

        site = new ServeSite(wm, dir);
        Files.writeString(
                site.n.config,
                Files.readString(site.n.config).replace("proxy.contoso.com:8080", "proxy.contoso.com:" + proxy.port()));
        site.n.service.publish("Worldwide", A);
        assertThat(site.n.sync().code()).isZero();
        site.start();

        Map<String, Boolean> expected = expectedRoutes(Fixtures.endpoints("Worldwide", A));
        assertThat(expected.values()).contains(true, false);
        String start = expected.entrySet().stream()
                .filter(Map.Entry::getValue)
                .findFirst()
                .orElseThrow()
                .getKey();
        int port = web.port();
        try (Browser browser = Browser.start(
                dir.resolve("profile"),
                List.of("--proxy-pac-url=" + site.url("/proxy.pac"), "--host-resolver-rules=MAP * 127.0.0.1"))) {
            browser.open("http://" + start + ":" + port + "/");
            assertThat(direct).as("the start page came direct").contains(start);
            // requests upgraded to HTTPS fail after their ClientHello or CONNECT (nothing answers them): where they
            // went is what counts
            browser.runAsync("""
                    const hosts = arguments[0], port = arguments[1], done = arguments[arguments.length - 1];
                    Promise.allSettled(hosts.map(h => fetch('http://' + h + ':' + port + '/probe', {mode: 'no-cors', cache: 'no-store'})))
                        .then(rs => done(rs.length));
                    """, Duration.ofSeconds(120), new ArrayList<>(expected.keySet()), port);
        }
        Map<String, String> wrong = new TreeMap<>();
        expected.forEach((host, goesDirect) -> {
            boolean sawDirect = direct.contains(host);
            boolean sawProxy = proxied.contains(host);
            if (sawDirect != goesDirect || sawProxy == goesDirect) {
                wrong.put(
                        host,
                        "expected " + (goesDirect ? "DIRECT" : "the proxy") + ", reached "
                                + (sawDirect ? "the web server " : "") + (sawProxy ? "the proxy" : "")
                                + (sawDirect || sawProxy ? "" : "nothing"));
            }
        });
        assertThat(wrong).isEmpty();
        System.out.printf(
                "PAC in Chromium: %d hostnames, %d direct, %d through the proxy%n",
                expected.size(),
                expected.values().stream().filter(b -> b).count(),
                expected.values().stream().filter(b -> !b).count());
    }

    /**
     * Each hostname the version lists (a wildcard stands for one name it covers) and whether it goes
     * direct: the most specific pattern that matches it (an exact name, else the longest literal
     * part) decides, DIRECT when that pattern is an Optimize set's. A name two categories list with
     * equal weight is left out: no route is the right one for it.
     */
    static Map<String, Boolean> expectedRoutes(byte[] endpoints) throws IOException {
        Map<String, Set<String>> byPattern = new TreeMap<>();
        for (JsonNode set : new ObjectMapper().readTree(endpoints)) {
            for (JsonNode url : set.path("urls")) {
                byPattern
                        .computeIfAbsent(url.asText().toLowerCase(Locale.ROOT), k -> new TreeSet<>())
                        .add(set.path("category").asText());
            }
        }
        Map<String, Boolean> routes = new TreeMap<>();
        for (String pattern : byPattern.keySet()) {
            String host = pattern.replace("*", "probe");
            int bestOptimize = -1;
            int bestOther = -1;
            for (Map.Entry<String, Set<String>> p : byPattern.entrySet()) {
                if (!glob(p.getKey()).matcher(host).matches()) {
                    continue;
                }
                int weight =
                        p.getKey().contains("*") ? p.getKey().replace("*", "").length() : Integer.MAX_VALUE;
                if (p.getValue().contains("Optimize")) {
                    bestOptimize = Math.max(bestOptimize, weight);
                }
                if (p.getValue().stream().anyMatch(c -> !c.equals("Optimize"))) {
                    bestOther = Math.max(bestOther, weight);
                }
            }
            if (bestOptimize != bestOther) {
                routes.put(host, bestOptimize > bestOther);
            }
        }
        return routes;
    }

    /** shExpMatch's wildcard: * stands for any characters, dots too. */
    private static Pattern glob(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }
}
