package io.github.o365watch.serve;

import io.github.o365watch.domain.Checksums;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.store.LockFile;
import io.github.o365watch.text.Html;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every request from one {@link ReleaseState}, taken once per request: the release's
 * files at {@code /<instance>/<target>/<file>} and, for the config's first instance, at
 * {@code /<target>/<file>}; {@code /proxy.pac} and {@code /wpad.dat}; the reports and the feed;
 * the index, {@code /healthz} and {@code /metrics}. GET and HEAD only; conditional requests by
 * entity tag and date.
 */
final class FeedHandler extends Handler.Abstract {
    /** Polled, not cached: every poll asks, and an unchanged file costs a 304. */
    static final String CACHE_CONTROL = "no-cache";

    private static final Set<String> FIXED =
            Set.of("/", "/index.html", "/healthz", "/metrics", "/proxy.pac", "/wpad.dat", "/feed.rss");

    private final ServeSettings settings;
    private final Releases releases;
    private final PrometheusRegistry requests;
    private final Optional<byte[]> expectedAuth;
    private volatile ReleaseState last;

    FeedHandler(ServeSettings settings, Releases releases, PrometheusRegistry requests) {
        this.settings = settings;
        this.releases = releases;
        this.requests = requests;
        this.expectedAuth = settings.credentials()
                .map(c -> ("Basic " + Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8)))
                        .getBytes(StandardCharsets.US_ASCII));
        this.last = releases.current();
    }

    Releases releases() {
        return releases;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            return text(
                    response,
                    callback,
                    HttpStatus.METHOD_NOT_ALLOWED_405,
                    method + " is not served here: GET and HEAD only\n");
        }
        String path = Request.getPathInContext(request);
        ReleaseState state = releases.current();
        last = state;
        if (path.equals("/healthz")) {
            return health(response, callback, state);
        }
        if (expectedAuth.isPresent() && !authorized(request)) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"o365watch\", charset=\"UTF-8\"");
            return text(response, callback, HttpStatus.UNAUTHORIZED_401, "credentials required\n");
        }
        if (path.equals("/metrics")) {
            byte[] body = Figures.text(FeedServer.figures(settings, state, requests));
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            return body(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", body);
        }
        if (path.equals("/") || path.equals("/index.html")) {
            return body(
                    response,
                    callback,
                    200,
                    "text/html; charset=utf-8",
                    index(state).getBytes(StandardCharsets.UTF_8));
        }
        if (path.equals("/feed.rss")) {
            return settings.feed()
                    .flatMap(f -> readFile(f, "feed.rss"))
                    .map(f -> file(request, response, callback, f))
                    .orElseGet(() -> notFound(response, callback));
        }
        if (path.startsWith("/reports/")) {
            return report(path.substring("/reports/".length()))
                    .map(f -> file(request, response, callback, f))
                    .orElseGet(() -> notFound(response, callback));
        }
        if (state.release().isEmpty()) {
            return text(
                    response,
                    callback,
                    HttpStatus.SERVICE_UNAVAILABLE_503,
                    "nothing to serve: " + state.problem().orElse("no release is published") + "\n");
        }
        return lookup(state.release().get(), path)
                .map(f -> file(request, response, callback, f))
                .orElseGet(() -> notFound(response, callback));
    }

    /** The file a path names in a release: its own path, a short alias of the first instance's, or the PAC file. */
    Optional<ServedFile> lookup(Release release, String path) {
        Optional<Instance> first = FeedServer.first(settings);
        if (path.equals("/proxy.pac") || path.equals("/wpad.dat")) {
            return first.flatMap(i -> release.files().entrySet().stream()
                            .filter(e -> e.getKey().startsWith(i.dirName() + "/pac/"))
                            .map(Map.Entry::getValue)
                            .findFirst())
                    .map(f -> path.equals("/wpad.dat")
                            ? new ServedFile("wpad.dat", f.bytes(), f.sha256(), f.lastModifiedMillis(), f.mediaType())
                            : f);
        }
        String rel = path.substring(1);
        ServedFile f = release.files().get(rel);
        if (f == null && first.isPresent() && rel.chars().filter(c -> c == '/').count() == 1) {
            f = release.files().get(first.get().dirName() + "/" + rel);
        }
        return Optional.ofNullable(f);
    }

    /** The label requests are counted under: a path served, else "other" (unknown paths would make labels without end). */
    String pathLabel(Request request) {
        String path = Request.getPathInContext(request);
        if (path == null) {
            return "other";
        }
        if (FIXED.contains(path)) {
            return path;
        }
        if (path.startsWith("/reports/")) {
            return "/reports/";
        }
        ReleaseState s = last;
        return s.release().flatMap(r -> lookup(r, path)).isPresent() ? path : "other";
    }

    private boolean authorized(Request request) {
        String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII), expectedAuth.get());
    }

    private boolean file(Request request, Response response, Callback callback, ServedFile f) {
        var h = response.getHeaders();
        h.put(HttpHeader.ETAG, f.etag());
        h.put(HttpHeader.LAST_MODIFIED, DateGenerator.formatDate(f.lastModifiedMillis()));
        h.put(HttpHeader.CACHE_CONTROL, CACHE_CONTROL);
        if (notModified(request, f)) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            callback.succeeded();
            return true;
        }
        return body(response, callback, 200, f.mediaType(), f.bytes());
    }

    /** If-None-Match decides when present (RFC 9110 13.2.2); else If-Modified-Since, to the second. */
    static boolean notModified(Request request, ServedFile f) {
        List<String> tags = request.getHeaders().getValuesList(HttpHeader.IF_NONE_MATCH);
        if (!tags.isEmpty()) {
            for (String list : tags) {
                for (String t : list.split(",")) {
                    String tag = t.strip();
                    if (tag.startsWith("W/")) {
                        tag = tag.substring(2);
                    }
                    if (tag.equals("*") || tag.equals(f.etag())) {
                        return true;
                    }
                }
            }
            return false;
        }
        long since;
        try {
            since = request.getHeaders().getDateField(HttpHeader.IF_MODIFIED_SINCE.asString());
        } catch (IllegalArgumentException e) {
            return false; // a date we cannot read is no condition
        }
        return since >= 0 && f.lastModifiedMillis() / 1000 * 1000 <= since;
    }

    private static boolean body(Response response, Callback callback, int status, String type, byte[] bytes) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    private static boolean text(Response response, Callback callback, int status, String text) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        return body(response, callback, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean notFound(Response response, Callback callback) {
        return text(response, callback, HttpStatus.NOT_FOUND_404, "not found; the index at / lists what is served\n");
    }

    private boolean health(Response response, Callback callback, ReleaseState state) {
        List<String> bad = new ArrayList<>();
        List<String> good = new ArrayList<>();
        state.problem().ifPresent(p -> bad.add(p));
        state.release()
                .ifPresentOrElse(
                        r -> good.add(
                                "serving release " + r.name() + " (" + r.files().size() + " files)"),
                        () -> bad.add("no release to serve"));
        LocalDate today = LocalDate.now(settings.clock());
        LockFile lock =
                LockFile.read(settings.site().lockFile()).orElse(new LockFile(LockFile.FORMAT, Map.of(), List.of()));
        for (Instance i : settings.site().instances()) {
            Optional<LockFile.Applied> applied = lock.instances().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(i.name()))
                    .map(Map.Entry::getValue)
                    .findFirst();
            if (applied.isEmpty()) {
                bad.add(i.name() + ": nothing applied (o365watch.lock names no version)");
                continue;
            }
            String v = applied.get().version();
            Optional<Long> age =
                    io.github.o365watch.domain.Version.parse(v).date().map(d -> ChronoUnit.DAYS.between(d, today));
            String line =
                    i.name() + " " + v + age.map(a -> ", " + a + " days old").orElse("");
            if (age.isPresent() && age.get() > settings.maxAgeDays()) {
                bad.add(line + ": older than " + settings.maxAgeDays() + " days");
            } else {
                good.add(line);
            }
        }
        settings.site().syncMetricsFile().flatMap(LastSync::read).ifPresent(s -> {
            if (s.success()) {
                good.add("the last sync succeeded");
            } else {
                bad.add("the last sync failed or was refused");
            }
        });
        StringBuilder out = new StringBuilder(bad.isEmpty() ? "ok\n" : "unhealthy\n");
        bad.forEach(b -> out.append("problem: ").append(b).append('\n'));
        good.forEach(g -> out.append(g).append('\n'));
        return text(response, callback, bad.isEmpty() ? 200 : HttpStatus.SERVICE_UNAVAILABLE_503, out.toString());
    }

    /** A report by name: a regular file directly in the reports directory, never a link, a dot file or a directory. */
    private Optional<ServedFile> report(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/")) {
            return Optional.empty();
        }
        return reportNames().contains(name) ? readFile(settings.reports().resolve(name), name) : Optional.empty();
    }

    private List<String> reportNames() {
        try (Stream<Path> list = Files.list(settings.reports())) {
            return list.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** A file sync writes with a rename (so never half-written), read whole; empty when it is not a regular file or too large. */
    private static Optional<ServedFile> readFile(Path p, String name) {
        try {
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) > ServeSettings.MAX_REPORT_BYTES) {
                return Optional.empty();
            }
            long time = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
            byte[] b = Files.readAllBytes(p);
            return Optional.of(new ServedFile(name, b, Checksums.sha256(b), time, ServedFile.mediaType(name)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private String index(ReleaseState state) {
        LockFile lock =
                LockFile.read(settings.site().lockFile()).orElse(new LockFile(LockFile.FORMAT, Map.of(), List.of()));
        StringBuilder h = new StringBuilder(
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>o365watch feeds</title>"
                        + "<style>body{font-family:sans-serif}td,th{padding:2px 8px;text-align:left}code{word-break:break-all}</style></head><body>\n"
                        + "<h1>o365watch feeds</h1>\n");
        state.problem()
                .ifPresent(p -> h.append("<p><strong>Problem:</strong> ")
                        .append(Html.escape(p))
                        .append("</p>\n"));
        state.release()
                .ifPresentOrElse(
                        r -> {
                            h.append("<p>Release ")
                                    .append(Html.escape(r.name()))
                                    .append(", ")
                                    .append(r.files().size())
                                    .append(" files.</p>\n");
                            h.append("<table><tr><th>file</th><th>version</th><th>bytes</th><th>SHA-256</th></tr>\n");
                            r.files()
                                    .forEach((p, f) -> h.append("<tr><td><a href=\"/")
                                            .append(Html.escape(p))
                                            .append("\">")
                                            .append(Html.escape(p))
                                            .append("</a></td><td>")
                                            .append(Html.escape(lock.output(p)
                                                    .map(LockFile.Output::version)
                                                    .orElse("?")))
                                            .append("</td><td>")
                                            .append(f.bytes().length)
                                            .append("</td><td><code>")
                                            .append(f.sha256())
                                            .append("</code></td></tr>\n"));
                            h.append("</table>\n");
                            FeedServer.first(settings)
                                    .ifPresent(i -> h.append("<p>The files of ")
                                            .append(Html.escape(i.name()))
                                            .append(
                                                    " are also served without the instance part (<code>/&lt;target&gt;/&lt;file&gt;</code>)")
                                            .append(
                                                    lookup(r, "/proxy.pac").isPresent()
                                                            ? ", and its PAC file as <a href=\"/proxy.pac\">/proxy.pac</a> and"
                                                                    + " <a href=\"/wpad.dat\">/wpad.dat</a>"
                                                            : "")
                                            .append(".</p>\n"));
                        },
                        () -> h.append("<p>No release is published yet.</p>\n"));
        List<String> reports = reportNames();
        if (!reports.isEmpty() || settings.feed().isPresent()) {
            h.append("<h2>Reports</h2>\n<ul>\n");
            settings.feed()
                    .filter(Files::isRegularFile)
                    .ifPresent(f -> h.append("<li><a href=\"/feed.rss\">feed.rss</a> (RSS)</li>\n"));
            reports.forEach(n -> h.append("<li><a href=\"/reports/")
                    .append(Html.escape(n))
                    .append("\">")
                    .append(Html.escape(n))
                    .append("</a></li>\n"));
            h.append("</ul>\n");
        }
        h.append("<p><a href=\"/healthz\">/healthz</a> · <a href=\"/metrics\">/metrics</a></p>\n</body></html>\n");
        return h.toString();
    }
}
