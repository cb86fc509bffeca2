package io.github.o365watch.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.o365watch.source.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run the launcher records its class-data archive (AppCDS, or the AOT cache on JDK
 * 24 and later) from, once per jar and JVM: in one JVM, the main commands one after the other, so
 * the archive holds what each of them loads, whichever a person runs first. It works in a
 * directory of its own (the launcher's temporary one) on a copy of the shipped Worldwide snapshots,
 * with the web service played on loopback from those same files, on a fixed clock: no network,
 * nothing of the user's site, store or config directory, the same steps every time.
 *
 * <p>Steps: the first sync (offline, from the store), check offline, a sync that fetches and
 * applies the newest version (reports, feed), a sync with nothing new, check, fetch into an empty
 * store, status, versions, show, lookup, diff, report, generate, verify and audit of an iptables
 * log.
 */
final class Training {
    /** The launcher's argument: {@code __training DIR SNAPSHOTS}. Not a command: no help, no completion. */
    static final String ARGUMENT = "__training";

    private static final Instant NOW = Instant.parse("2026-01-15T03:00:00Z");
    private static final String CLIENT_REQUEST_ID = "00000000-0000-4000-8000-00000000e1e1";

    /** Runs every step in {@code dir} (made empty by the caller); 0 when each ended as expected, else 70 with the step on {@code err}. */
    static int run(Path dir, Path shipped, PrintWriter err) {
        try {
            List<String> failed = steps(dir, shipped.resolve("worldwide"));
            failed.forEach(f -> err.println("o365watch: training: " + f));
            return failed.isEmpty() ? ExitCodes.OK : ExitCodes.INTERNAL;
        } catch (IOException | RuntimeException e) {
            err.println("o365watch: training: " + e);
            return ExitCodes.INTERNAL;
        }
    }

    private static List<String> steps(Path dir, Path worldwide) throws IOException {
        List<String> versions;
        try (Stream<Path> files = Files.list(worldwide)) {
            versions = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("[0-9]{10}\\.json"))
                    .map(n -> n.substring(0, 10))
                    .sorted()
                    .toList();
        }
        if (versions.size() < 2) {
            throw new IOException("fewer than two shipped Worldwide versions in " + worldwide);
        }
        String newest = versions.get(versions.size() - 1);
        String before = versions.get(versions.size() - 2);
        Path site = Files.createDirectories(dir.resolve("site"));
        Path store = Files.createDirectories(site.resolve("snapshots/worldwide"));
        for (String v : versions.subList(0, versions.size() - 1)) {
            Files.copy(worldwide.resolve(v + ".json"), store.resolve(v + ".json"));
            Files.copy(worldwide.resolve(v + ".meta.json"), store.resolve(v + ".meta.json"));
        }
        byte[] endpoints = Files.readAllBytes(worldwide.resolve(newest + ".json"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", x -> serve(x, newest, versions, endpoints));
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Files.writeString(site.resolve("o365watch.yaml"), config(url));
            Files.writeString(dir.resolve("kern.log"), kernLog());
            Files.writeString(dir.resolve("edl.txt"), "13.107.6.152/31\n52.112.0.0/14\n");
            String config = site.resolve("o365watch.yaml").toString();
            // the site's store (all versions once the second sync fetched the newest): the shipped one is only read
            String shipped = site.resolve("snapshots").toString();
            Training t = new Training(dir, site);
            t.step(0, "sync", "--config", config, "--offline");
            t.step(0, "check", "--config", config, "--offline");
            t.step(0, "sync", "--config", config);
            t.step(0, "sync", "--config", config);
            t.step(0, "check", "--config", config);
            t.step(0, "fetch", "--store", dir.resolve("fetched").toString(), "--source", url);
            t.step(0, "status", "--store", shipped, "--offline");
            t.step(0, "versions", "--store", dir.resolve("fetched").toString(), "--source", url);
            t.step(0, "show", "--store", shipped, "--summary");
            t.step(0, "lookup", "--store", shipped, "52.112.0.1", "outlook.office365.com");
            t.step(0, "diff", "--store", shipped, "--from", before, "--to", newest);
            t.step(0, "report", "--store", shipped, "--from", before, "--to", newest, "--format", "html");
            t.step(
                    0,
                    "generate",
                    "--store",
                    shipped,
                    "--out",
                    dir.resolve("generated").toString(),
                    "--option",
                    "pac.proxy=PROXY proxy.contoso.com:8080");
            t.step(
                    1,
                    "verify",
                    "--store",
                    shipped,
                    "--against",
                    dir.resolve("edl.txt").toString());
            t.step(
                    0,
                    "audit",
                    "--store",
                    shipped,
                    "--log",
                    dir.resolve("kern.log").toString());
            return t.failed;
        } finally {
            server.stop(0);
        }
    }

    private final Path dir;
    private final Path site;
    private final List<String> failed = new ArrayList<>();

    private Training(Path dir, Path site) {
        this.dir = dir;
        this.site = site;
    }

    /** One command, its output kept from the terminal; a code other than {@code expected} is noted. */
    private void step(int expected, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(
                Map.of("O365WATCH_CLIENT_REQUEST_ID", CLIENT_REQUEST_ID),
                Clock.fixed(NOW, ZoneOffset.UTC),
                Sleeper.REAL,
                dir.resolve("config"),
                InputStream.nullInputStream(),
                false,
                site);
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
        if (code != expected && !(expected == 1 && code == 0)) {
            failed.add(String.join(" ", args) + ": exit " + code + ": "
                    + io.github.o365watch.text.Printable.line(err.toString(), 500));
        }
    }

    /** All fourteen targets, every report format and the feed. */
    private static String config(String url) {
        StringBuilder s = new StringBuilder();
        s.append("store: snapshots\nsource: ")
                .append(url)
                .append("\ninstances: [Worldwide]\noutput: generated\ntargets:\n");
        for (String t : List.of(
                "edl",
                "pac",
                "squid",
                "nftables",
                "iptables",
                "dnsmasq",
                "cisco-asa",
                "paloalto",
                "fortigate",
                "juniper-srx",
                "checkpoint",
                "proxy-bypass",
                "csv",
                "json")) {
            s.append("  - name: ").append(t).append('\n');
            if (t.equals("pac")) {
                s.append("    options:\n      proxy: PROXY proxy.contoso.com:8080\n");
            }
        }
        s.append("reports:\n  formats: [markdown, html, json]\n  directory: reports\n  feed: reports/o365watch.rss\n");
        return s.toString();
    }

    /** iptables lines: to Teams media (listed), and to documentation addresses (not). */
    private static String kernLog() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String dst = i % 4 == 3 ? "198.51.100." + (i % 250) : "52.112." + (i % 250) + ".1";
            s.append("Jan 15 03:00:")
                    .append(String.format("%02d", i % 60))
                    .append(" fw kernel: [")
                    .append(i)
                    .append(".000000] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.")
                    .append(i % 250)
                    .append(" DST=")
                    .append(dst)
                    .append(" LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=")
                    .append(i)
                    .append(" PROTO=UDP SPT=")
                    .append(20000 + i)
                    .append(" DPT=3478 LEN=40\n");
        }
        return s.toString();
    }

    private static List<String> newestFirst(List<String> versions) {
        List<String> out = new ArrayList<>(versions);
        java.util.Collections.reverse(out);
        return out;
    }

    /** The web service's four methods for Worldwide, from the shipped files. */
    private static void serve(HttpExchange x, String newest, List<String> versions, byte[] endpoints)
            throws IOException {
        String path = x.getRequestURI().getPath();
        byte[] body;
        if (path.equals("/version")) {
            body = ("[{\"instance\":\"Worldwide\",\"latest\":\"" + newest + "\"}]").getBytes(StandardCharsets.UTF_8);
        } else if (path.equalsIgnoreCase("/version/Worldwide")) {
            body = ("{\"instance\":\"Worldwide\",\"latest\":\"" + newest + "\",\"versions\":[\""
                            + String.join("\",\"", newestFirst(versions)) + "\"]}")
                    .getBytes(StandardCharsets.UTF_8);
        } else if (path.equalsIgnoreCase("/endpoints/Worldwide")) {
            body = endpoints;
        } else if (path.toLowerCase(java.util.Locale.ROOT).startsWith("/changes/worldwide/")) {
            body = "[]".getBytes(StandardCharsets.UTF_8);
        } else {
            body = null;
        }
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream o = x.getResponseBody()) {
                o.write(body);
            }
        }
        x.close();
    }
}
