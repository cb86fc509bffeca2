package io.github.o365watch.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.app.ConfigFile;
import io.github.o365watch.app.Serve;
import io.github.o365watch.serve.FeedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A site as the nightly job keeps it (sync against WireMock serving real versions), and the feed
 * server over it, started in-process on a free loopback port with a short idle timeout.
 */
final class ServeSite implements AutoCloseable {
    /** A few days after the first version the tests apply: nothing is too old yet. */
    static final Instant SOON_AFTER = Instant.parse("2019-09-10T12:00:00Z");

    final Nightly n;
    final List<String> accessLog = Collections.synchronizedList(new ArrayList<>());
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    FeedServer server;

    ServeSite(WireMockExtension wm, Path dir) throws IOException {
        n = new Nightly(wm, dir);
    }

    FeedServer start(Instant now, Map<String, String> env, Serve.Options o) {
        server = Serve.start(ConfigFile.read(n.config), o, env, Clock.fixed(now, ZoneOffset.UTC));
        return server;
    }

    FeedServer start() {
        return start(SOON_AFTER, Map.of(), options());
    }

    Serve.Options options() {
        return options(Optional.empty(), Optional.empty(), Optional.empty());
    }

    Serve.Options options(Optional<Path> cert, Optional<Path> key, Optional<Path> authFile) {
        return new Serve.Options(
                "127.0.0.1:0", cert, key, Optional.empty(), authFile, 60, Duration.ofMillis(1500), 16, accessLog::add);
    }

    String url(String path) {
        return server.url() + (path.startsWith("/") ? path.substring(1) : path);
    }

    HttpResponse<byte[]> get(String path, String... headers) {
        return send("GET", path, headers);
    }

    HttpResponse<byte[]> send(String method, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request written as bytes on a socket (what no well-behaved client library sends), and all the server answers. */
    String raw(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
