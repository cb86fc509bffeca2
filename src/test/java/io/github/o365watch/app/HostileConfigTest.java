package io.github.o365watch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.o365watch.render.TemplateException;
import io.github.o365watch.testing.Fuzz;
import io.github.o365watch.testing.HostileFeeds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the two YAML files a user writes, {@code o365watch.yaml} and the overrides file:
 * whatever they hold (the config's own shape with wrong types, nulls, unknown and hostile keys and
 * values, and the starter file with bytes inserted and cut), reading them succeeds or fails with
 * one line that names the file, never with another exception (which would be exit 70), never
 * echoes a value written under a secret's key, and writes nothing.
 */
class HostileConfigTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Written only under keys that would hold a secret; no message may show it. */
    static final String SECRET = "S3cr3t-Va1ue-7f3a";

    @TempDir
    Path dir;

    /** What the shaped configs name: an overrides file and a templates directory. */
    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("overrides.yaml"), OVERRIDES);
        Files.createDirectories(dir.resolve("templates"));
    }

    @Test
    void anyConfigFileIsReadOrRefusedWithOneLineNamingIt() {
        Fuzz.qt(1000)
                .forAll(bytes(Generate.oneOf(shapedConfig().map(HostileConfigTest::yaml), mutated(starter()))))
                .checkAssert(file -> readOrRefuse(dir.resolve("o365watch.yaml"), file, ConfigFile::read));
    }

    @Test
    void anyOverridesFileIsReadOrRefusedWithOneLineNamingIt() {
        Fuzz.qt(1000)
                .forAll(bytes(Generate.oneOf(
                        overrides().map(HostileConfigTest::yaml), mutated(Generate.constant(OVERRIDES)))))
                .checkAssert(file -> readOrRefuse(dir.resolve("local-overrides.yaml"), file, OverridesFile::read));
    }

    /**
     * No exclusion or addition is dropped in silence: a file with a key or section written twice, a
     * second document, or lines repeated or cut is refused in one line, or every {@code entry} it
     * holds (counted in the token stream of all its documents) is in what was read.
     */
    @Test
    void anOverridesFileIsRefusedOrDropsNoEntry() {
        Fuzz.qt(1000)
                .forAll(bytes(repeated(Generate.oneOf(
                        overrides().map(HostileConfigTest::yaml), mutated(Generate.constant(OVERRIDES))))))
                .checkAssert(content -> {
                    Path file = dir.resolve("local-overrides.yaml");
                    try {
                        Files.write(file, content);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    io.github.o365watch.render.Overrides read;
                    try {
                        read = OverridesFile.read(file);
                    } catch (UsageException e) {
                        assertThat(e.getMessage())
                                .as("one line naming the file")
                                .doesNotContain("\n", "\r")
                                .contains(file.toString());
                        return;
                    }
                    assertThat(read.add().size() + read.exclude().size())
                            .as("entries read")
                            .isEqualTo(entryKeys(content));
                });
    }

    /**
     * Whatever is written where a variable's name goes (a name, a URL with its token, a password,
     * hostile text): read when it is a portable name, else refused with the one message that shows
     * no value, whichever of the two keys holds it.
     */
    @Test
    void aVariableNameIsReadOrRefusedWithoutShowingIt() {
        Gen<String> values = Generate.frequency(
                Pair.of(2, Generate.pick(List.of("O365WATCH_TEAMS_URL", "_x", "hook2", "SMTP_PASSWORD"))),
                Pair.of(
                        2,
                        Generate.pick(List.of(
                                "https://contoso.webhook.office.com/webhookb2/a@b/IncomingWebhook/c/d",
                                "hunter2!",
                                "2FA_CODE",
                                "SMTP PASSWORD",
                                "pass-word",
                                "x\u00e9",
                                "A=B",
                                "$HOOK",
                                ""))),
                Pair.of(3, HostileFeeds.text()));
        Fuzz.qt(1000).forAll(values, Generate.booleans()).checkAssert((value, webhook) -> {
            String key = webhook ? "notify.webhooks[1].urlEnv" : "notify.email.passwordEnv";
            Map<String, Object> notify = new LinkedHashMap<>();
            if (webhook) {
                notify.put("webhooks", List.of(Map.of("kind", "teams", "urlEnv", value)));
            } else {
                notify.put(
                        "email",
                        new LinkedHashMap<>(Map.of(
                                "host",
                                "smtp.contoso.com",
                                "from",
                                "a@contoso.com",
                                "to",
                                List.of("b@contoso.com"),
                                "passwordEnv",
                                value)));
            }
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("targets", List.of(Map.of("name", "edl")));
            tree.put("notify", notify);
            Path file = dir.resolve("o365watch.yaml");
            String written;
            String text = yaml(tree);
            int line = text.lines()
                            .toList()
                            .indexOf(text.lines()
                                    .filter(l -> l.contains(webhook ? "urlEnv:" : "passwordEnv:"))
                                    .findFirst()
                                    .orElseThrow())
                    + 1;
            try {
                Files.writeString(file, text);
                written = webhook
                        ? YAML.readTree(file.toFile())
                                .at("/notify/webhooks/0/urlEnv")
                                .asText()
                        : YAML.readTree(file.toFile())
                                .at("/notify/email/passwordEnv")
                                .asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean name = written.matches("[A-Za-z_][A-Za-z0-9_]*");
            try {
                Config c = ConfigFile.read(file);
                assertThat(name).as("read: " + HostileFeeds.escaped(written)).isTrue();
                assertThat(
                                webhook
                                        ? c.notifications().webhooks().get(0).urlEnv()
                                        : c.notifications()
                                                .email()
                                                .orElseThrow()
                                                .passwordEnv())
                        .contains(written);
            } catch (UsageException e) {
                assertThat(name).as("refused: " + e.getMessage()).isFalse();
                assertThat(e.getMessage())
                        .isEqualTo("config file " + file + ", line " + line + ": " + key + ": not the name of an"
                                + " environment variable (letters, digits and '_', not starting with a digit); the value is not shown, as it may be the"
                                + " secret itself: put the secret in the environment and its name here");
            }
        });
    }

    /**
     * Where sync writes, in any layout (paths from a few names, through a link or not): the layout
     * check finds an overlap exactly when two of store, output link, releases and reports lie in one
     * another, or the feed lies in one of the first three, on real paths. The check resolves links
     * on the disk; the expectation here resolves the one link ({@code l}) by rewriting the path, so
     * a case makes only the link. SiteLayoutTest runs the check through the config file and sync.
     */
    @Test
    void aLayoutOverlapsExactlyWhenItsRealPathsDo() {
        Gen<String> segment =
                Generate.pick(List.of("a", "b", "generated", ".generated.releases", "snapshots", "reports", "l"));
        Gen<String> path = lists().of(segment).ofSizeBetween(1, 3).map(l -> String.join("/", l));
        Gen<Optional<String>> link = Generate.frequency(
                Pair.of(1, Generate.constant(Optional::<String>empty)),
                Pair.of(2, path.map(p -> Optional.of(p.startsWith("l") ? "a/" + p : p))));
        Gen<Optional<String>> feed = Generate.frequency(
                Pair.of(1, Generate.constant(Optional::<String>empty)),
                Pair.of(2, path.map(p -> Optional.of(p + "/f.rss"))));
        Path site = dir.resolve("site");
        Fuzz.qt(1000).forAll(path.zip(path, path, List::of), feed, link).checkAssert((paths, feedPath, linkTarget) -> {
            try {
                Files.createDirectories(site);
                Path l = site.resolve("l");
                Files.deleteIfExists(l);
                if (linkTarget.isPresent()) {
                    Files.createSymbolicLink(l, site.resolve(linkTarget.get()));
                    Files.createDirectories(site.resolve(linkTarget.get()));
                }
                Path store = site.resolve(paths.get(0));
                Path output = site.resolve(paths.get(1));
                Path reports = site.resolve(paths.get(2));
                Optional<Path> feedFile = feedPath.map(site::resolve);
                Optional<SiteLayout.Overlap> found =
                        SiteLayout.overlap(SiteLayout.places("store", store, output, reports, feedFile));

                // the plain way: l/x is <target>/x; the output link itself is not followed, its releases sit beside it
                Path root = site.toRealPath();
                java.util.function.Function<String, Path> real = p -> root.resolve(
                                linkTarget.isPresent() && (p.equals("l") || p.startsWith("l/"))
                                        ? linkTarget.get() + p.substring(1)
                                        : p)
                        .normalize();
                Path s = real.apply(paths.get(0));
                Path r = real.apply(paths.get(2));
                Path out = paths.get(1).contains("/")
                        ? real.apply(paths.get(1).substring(0, paths.get(1).lastIndexOf('/')))
                                .resolve(output.getFileName())
                        : root.resolve(paths.get(1));
                Path releases = out.resolveSibling("." + out.getFileName() + ".releases");
                Optional<Path> f = feedPath.map(real);
                List<Path> dirs = List.of(s, r, out, releases);
                boolean overlap = false;
                for (int i = 0; i < dirs.size(); i++) {
                    for (int j = 0; j < dirs.size(); j++) {
                        boolean siblings = i >= 2 && j >= 2; // the output and its releases
                        overlap |= i != j && !siblings && dirs.get(i).startsWith(dirs.get(j));
                    }
                }
                overlap |= f.isPresent()
                        && (f.get().startsWith(s)
                                || f.get().startsWith(out)
                                || f.get().startsWith(releases)
                                || dirs.contains(f.get()));
                assertThat(found.isPresent())
                        .as(
                                "store %s, output %s, reports %s, feed %s, link to %s: %s",
                                paths.get(0), paths.get(1), paths.get(2), feedPath, linkTarget, found)
                        .isEqualTo(overlap);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The {@code entry} keys in every document of a YAML text, duplicates included (a lenient parser, not the one under test). */
    static int entryKeys(byte[] content) {
        int n = 0;
        try (com.fasterxml.jackson.core.JsonParser p = new YAMLFactory().createParser(content)) {
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
                        && p.currentName().equals("entry")) {
                    n++;
                }
            }
        } catch (IOException e) {
            return -1; // not YAML: the reader must refuse it
        }
        return n;
    }

    /** A file with a line written twice, or a "---" put before a line, now and then: how an exclusion gets lost in a hand-edited file. */
    static Gen<String> repeated(Gen<String> file) {
        return file.zip(integers().between(0, 3), doubles().between(0, 1), (f, kind, at) -> {
            List<String> lines = new java.util.ArrayList<>(f.lines().toList());
            if (lines.isEmpty() || kind == 0) {
                return f;
            }
            int i = (int) (at * lines.size()) % lines.size();
            if (kind == 1) {
                lines.add(i, lines.get(i));
            } else if (kind == 2) {
                lines.add(i, "---");
            } else {
                // a whole section again: from a top-level key to the next one
                int start = i;
                while (start > 0 && lines.get(start).startsWith(" ")) {
                    start--;
                }
                int end = start + 1;
                while (end < lines.size() && lines.get(end).startsWith(" ")) {
                    end++;
                }
                lines.addAll(end, List.copyOf(lines.subList(start, end)));
            }
            return String.join("\n", lines) + "\n";
        });
    }

    /** The file's bytes: UTF-8 mostly (a lone surrogate becomes '?'), now and then Latin-1, which is not UTF-8 beyond ASCII. */
    static Gen<byte[]> bytes(Gen<String> text) {
        return text.zip(
                        integers().between(0, 9),
                        (t, latin1) -> t.getBytes(latin1 == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8))
                .describedAs(b -> HostileFeeds.escaped(new String(b, StandardCharsets.UTF_8)));
    }

    private void readOrRefuse(Path file, byte[] content, java.util.function.Function<Path, ?> read) {
        try {
            Files.write(file, content);
            List<Path> before = list();
            try {
                read.apply(file);
            } catch (UsageException | TemplateException e) {
                assertThat(e.getMessage())
                        .as("one line naming the file")
                        .doesNotContain("\n", "\r")
                        .contains(file.toString())
                        .doesNotContain(SECRET);
            } catch (RuntimeException e) {
                throw new AssertionError("neither read nor refused as a usage error: " + e, e);
            }
            assertThat(list()).as("reading writes nothing").isEqualTo(before);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.sorted().toList();
        }
    }

    static String yaml(Object tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    // ---- generators

    /** Values that are almost right: a typo, a value out of range, another instance's or format's name. */
    static final List<Object> NEAR_MISSES = List.of(
            "Wordlwide",
            "Optimise",
            "Exchnage",
            "ipv5",
            "con;toso",
            "pdf",
            "mikrotik",
            "Edl",
            "tabel",
            "ssl",
            "x@",
            "not an address",
            "discord",
            "sometimes",
            "..",
            ".",
            "",
            "nope",
            "snapshots/out",
            "generated/r",
            "10.0.0.1/8",
            "::",
            "99999",
            -1,
            0,
            70000,
            400,
            150.5,
            -0.0,
            Long.MAX_VALUE,
            "1e400",
            "0x10",
            "~",
            "null",
            "yes",
            "on");

    /** The right kind of value nearly always, anything otherwise (each leaf of a big file is a chance to go wrong). */
    static Gen<Object> leaf(Gen<?> valid) {
        return Generate.frequency(
                Pair.of(30, valid.map(v -> (Object) v)),
                Pair.of(1, anything()),
                Pair.of(1, Generate.constant(() -> null)));
    }

    /** A scalar, null, a list or a mapping, with hostile text in it. */
    static Gen<Object> anything() {
        Gen<Object> scalar = Generate.frequency(
                Pair.of(3, HostileFeeds.text().map(s -> (Object) s)),
                Pair.of(2, Generate.pick(NEAR_MISSES)),
                Pair.of(1, integers().all().map(i -> (Object) i)),
                Pair.of(1, doubles().any().map(d -> (Object) d)),
                Pair.of(1, Generate.booleans().map(b -> (Object) b)),
                Pair.of(1, Generate.constant(() -> null)));
        Gen<Object> list = lists().of(scalar).ofSizeBetween(0, 3).map(l -> (Object) l);
        Gen<Object> map = lists().of(HostileFeeds.text().zip(scalar, Pair::of))
                .ofSizeBetween(0, 3)
                .map(l -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    l.forEach(p -> m.put(p._1, p._2));
                    return (Object) m;
                });
        return Generate.frequency(Pair.of(4, scalar), Pair.of(1, list), Pair.of(1, map));
    }

    /** A mapping with each key present or not; now and then an unknown key, or a secret under a key that would hold one. */
    @SafeVarargs
    static Gen<Object> mapping(Pair<String, Gen<Object>>... keys) {
        Gen<Boolean> present =
                Generate.frequency(Pair.of(2, Generate.constant(true)), Pair.of(1, Generate.constant(false)));
        Gen<String> unknown =
                Generate.pick(List.of("famlies", "tragets", "password", "url", "token", "secret", "Password"));
        return rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Pair<String, Gen<Object>> k : keys) {
                Object v = k._2.generate(rs);
                if (present.generate(rs)) {
                    m.put(k._1, v);
                }
            }
            if (integers().between(0, 29).generate(rs) == 0) {
                String key = unknown.generate(rs);
                m.put(
                        key,
                        List.of("password", "url", "token", "secret", "Password")
                                        .contains(key)
                                ? SECRET
                                : anything().generate(rs));
            }
            return m;
        };
    }

    static Gen<Object> text(String... valid) {
        return leaf(Generate.pick(List.of(valid)));
    }

    static Gen<Object> listOf(Gen<Object> item) {
        return leaf(lists().of(item).ofSizeBetween(0, 3));
    }

    static Gen<Object> shapedConfig() {
        Gen<Object> target = mapping(
                Pair.of("name", text("edl", "nftables", "squid", "cisco-asa", "csv")),
                Pair.of(
                        "options",
                        leaf(lists().of(Generate.pick(List.of("table")).zip(text("o365watch", "fw"), Pair::of))
                                .ofSizeBetween(0, 1)
                                .map(l -> {
                                    Map<String, Object> m = new LinkedHashMap<>();
                                    l.forEach(p -> m.put(p._1, p._2));
                                    return m;
                                }))),
                Pair.of("maxEntries", leaf(integers().between(0, 100))),
                Pair.of("maxExtraPercent", leaf(doubles().between(0, 100))));
        Gen<Object> email = mapping(
                Pair.of("host", text("localhost", "smtp.example.com")),
                Pair.of("port", leaf(integers().between(1, 65535))),
                Pair.of("tls", text("starttls", "implicit", "none")),
                Pair.of("from", text("a@example.com")),
                Pair.of("to", listOf(text("b@example.com"))),
                Pair.of("username", text("o365watch")),
                Pair.of("passwordEnv", text("SMTP_PASSWORD")),
                Pair.of("passwordFile", text("pw.txt")),
                Pair.of("caBundle", text("ca.pem")));
        Gen<Object> webhook = mapping(
                Pair.of("kind", text("teams", "slack", "generic")),
                Pair.of("urlEnv", text("HOOK")),
                Pair.of("urlFile", text("hook.txt")));
        return mapping(
                Pair.of("store", text("snapshots", "s")),
                Pair.of("source", text("https://endpoints.office.com", "mirror")),
                Pair.of("instances", listOf(text("Worldwide", "USGovDoD", "china"))),
                Pair.of("tenant", text("contoso")),
                Pair.of(
                        "selection",
                        mapping(
                                Pair.of("serviceAreas", listOf(text("Exchange", "Skype"))),
                                Pair.of("categories", listOf(text("Optimize", "Allow", "Default", "all"))),
                                Pair.of("requiredOnly", leaf(Generate.booleans())),
                                Pair.of("families", text("both", "ipv4", "ipv6")),
                                Pair.of("overrides", text("overrides.yaml")))),
                Pair.of("output", text("generated", "out")),
                Pair.of("templates", text("templates")),
                Pair.of("targets", listOf(target)),
                Pair.of(
                        "reports",
                        mapping(
                                Pair.of("formats", listOf(text("markdown", "html", "json", "csv"))),
                                Pair.of("directory", text("reports")),
                                Pair.of("feed", text("reports/feed.rss")),
                                Pair.of("feedMax", leaf(integers().between(1, 10000))))),
                Pair.of(
                        "guard",
                        mapping(
                                Pair.of(
                                        "maxRemovedAddressesPercent",
                                        leaf(doubles().between(0, 100))),
                                Pair.of(
                                        "maxRemovedHostnamesPercent",
                                        leaf(doubles().between(0, 100))),
                                Pair.of("minIpv4PrefixLength", leaf(integers().between(0, 32))),
                                Pair.of("minIpv6PrefixLength", leaf(integers().between(0, 128))))),
                Pair.of(
                        "notify",
                        mapping(
                                Pair.of("email", email),
                                Pair.of("webhooks", listOf(webhook)),
                                Pair.of("on", listOf(text("changes", "pending", "refused"))))),
                Pair.of("check", mapping(Pair.of("graceDays", leaf(integers().between(0, 365))))));
    }

    static final String OVERRIDES = """
            add:
              - entry: 10.20.0.0/16
                comment: branch breakout
                category: Optimize
                tcpPorts: "443"
            exclude:
              - entry: "*.lync.com"
                comment: retired here
            """;

    static Gen<Object> overrides() {
        Gen<Object> entry =
                leaf(Generate.pick(List.of("10.20.0.0/16", "2603:1000::/24", "*.lync.com", "teams.microsoft.com")));
        Gen<Object> add = mapping(
                Pair.of("entry", entry),
                Pair.of("comment", leaf(HostileFeeds.text())),
                Pair.of("category", text("Optimize", "Allow", "Default")),
                Pair.of("tcpPorts", text("443", "80,443")),
                Pair.of("udpPorts", text("", "3478-3481")));
        Gen<Object> exclude = mapping(Pair.of("entry", entry), Pair.of("comment", leaf(HostileFeeds.text())));
        return mapping(Pair.of("add", listOf(add)), Pair.of("exclude", listOf(exclude)));
    }

    /** The starter file init writes: every key there, commented. */
    static Gen<String> starter() {
        try (InputStream in = ConfigFile.class.getResourceAsStream("/o365watch/starter.yaml")) {
            return Generate.constant(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One edit of a file: hostile text inserted at a place, a stretch cut there, or a tab to indent its line. */
    record Edit(int kind, double at, double length, String text) {
        void apply(StringBuilder s) {
            int i = (int) (at * s.length());
            switch (kind) {
                case 0 -> s.insert(i, text);
                case 1 -> s.delete(i, Math.min(s.length(), i + (int) (length * s.length())));
                default -> s.insert(s.lastIndexOf("\n", Math.max(0, i - 1)) + 1, '\t');
            }
        }
    }

    /** A file with one to three edits. */
    static Gen<String> mutated(Gen<String> file) {
        Gen<Edit> edit = integers()
                .between(0, 2)
                .zip(doubles().between(0, 1), doubles().between(0, 0.05), HostileFeeds.text(), Edit::new);
        return file.zip(lists().of(edit).ofSizeBetween(1, 3), (f, edits) -> {
            StringBuilder s = new StringBuilder(f);
            edits.forEach(e -> e.apply(s));
            return s.toString();
        });
    }
}
