package io.github.o365watch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The web service for bench/run.sh, on loopback (o365watch takes plain HTTP only there): serves
 * the mirror directory {@code ROOT/current} (a link the script moves to publish another version)
 * in the service's URL shape, and appends one line per request to {@code ROOT/requests.log}, so
 * the script can count the requests each run makes. Writes its port to {@code ROOT/port} and
 * stops by itself after {@code MINUTES}.
 *
 * <pre>java ... io.github.o365watch.bench.MirrorServer ROOT MINUTES</pre>
 */
public final class MirrorServer {
    private final Path root;
    private final Writer log;

    private MirrorServer(Path root) throws IOException {
        this.root = root;
        this.log = Files.newBufferedWriter(
                root.resolve("requests.log"),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        long minutes = Long.parseLong(args[1]);
        MirrorServer mirror = new MirrorServer(root);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", mirror::handle);
        server.start();
        Path port = root.resolve("port");
        Files.writeString(
                root.resolve("port.tmp"), Integer.toString(server.getAddress().getPort()));
        Files.move(root.resolve("port.tmp"), port, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(minutes * 60_000);
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        URI uri = x.getRequestURI();
        synchronized (log) {
            log.write(x.getRequestMethod() + " " + uri + "\n");
            log.flush();
        }
        byte[] body = body(uri);
        x.getResponseHeaders()
                .set(
                        "Content-Type",
                        uri.getQuery() != null && uri.getQuery().contains("Format=RSS")
                                ? "application/rss+xml"
                                : "application/json; charset=utf-8");
        x.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
        x.close();
    }

    /** The mirror file for a request, or null. */
    private byte[] body(URI uri) throws IOException {
        Path current = root.resolve("current");
        List<String> path = List.of(uri.getPath().replaceAll("^/+", "").split("/"));
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        Path file;
        if (path.size() == 1 && path.get(0).equals("version")) {
            file = current.resolve("version.json");
        } else if (path.size() == 2 && path.get(0).equals("version")) {
            file = current.resolve("version").resolve(path.get(1) + (query.contains("Format=RSS") ? ".rss" : ".json"));
        } else if (path.size() == 2 && path.get(0).equals("endpoints")) {
            file = current.resolve("endpoints").resolve(path.get(1) + ".json");
        } else if (path.size() == 3 && path.get(0).equals("changes")) {
            file = current.resolve("changes").resolve(path.get(1) + ".json");
            if (!Files.isRegularFile(file)) {
                return "[]".getBytes(StandardCharsets.UTF_8);
            }
        } else {
            return null;
        }
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }
}
