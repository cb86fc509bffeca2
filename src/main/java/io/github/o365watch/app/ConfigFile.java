package io.github.o365watch.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.o365watch.domain.net.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code o365watch.yaml} strictly: an unknown key or a bad value is a usage error (exit 2)
 * that names the key and its line. Keys that would hold a secret are refused with a pointer to
 * the {@code ...Env} / {@code ...File} forms.
 */
public final class ConfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Set<String> SECRET_KEYS = Set.of("password", "url", "token", "secret");
    static final List<String> EVENTS = List.of("changes", "pending", "refused");

    private ConfigFile() {}

    // ---- the file's shape (all optional; defaults below)

    record Raw(String store, String source, List<String> instances, String tenant, RawSelection selection, String output,
            List<RawTarget> targets, RawReports reports, RawGuard guard, @JsonProperty("notify") RawNotify notifications, RawCheck check) {
    }

    record RawSelection(List<String> serviceAreas, List<String> categories, Boolean requiredOnly, String families, String overrides) {
    }

    record RawTarget(String name, Map<String, String> options, Integer maxEntries) {
    }

    record RawReports(List<String> formats, String directory, String feed, Integer feedMax) {
    }

    record RawGuard(Double maxRemovedAddressesPercent, Double maxRemovedHostnamesPercent, Integer minIpv4PrefixLength,
            Integer minIpv6PrefixLength) {
    }

    record RawNotify(RawEmail email, List<RawWebhook> webhooks, List<String> on) {
    }

    record RawEmail(String host, Integer port, String tls, String from, List<String> to, String username,
            String passwordEnv, String passwordFile, String caBundle) {
    }

    record RawWebhook(String kind, String urlEnv, String urlFile) {
    }

    record RawCheck(Integer graceDays) {
    }

    /** Reads and checks the config file. */
    public static Config read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("config file " + file + " does not exist (o365watch init writes a starter file)");
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + e.getMessage());
        }
        Raw raw;
        try {
            raw = YAML.readValue(bytes, Raw.class);
        } catch (UnrecognizedPropertyException e) {
            String key = e.getPropertyName();
            String hint = SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT))
                    ? "; secrets never go in the config file: name an environment variable (" + key + "Env) or a file (" + key + "File)"
                    : "";
            throw new UsageException("config file " + file + ", line " + line(file, key) + ": unknown key '" + Printable.of(key) + "'"
                    + " in " + path(e) + hint);
        } catch (JsonProcessingException e) {
            throw new UsageException("config file " + file + location(e) + ": " + Printable.line(e.getOriginalMessage(), 200));
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (raw == null) {
            raw = new Raw(null, null, null, null, null, null, null, null, null, null, null);
        }
        return check(file, raw);
    }

    private static Config check(Path file, Raw r) {
        Path dir = file.toAbsolutePath().getParent();
        String where = "config file " + file + ": ";
        List<String> instances = r.instances() == null || r.instances().isEmpty() ? List.of("Worldwide") : r.instances();
        for (String i : instances) {
            try {
                io.github.o365watch.domain.Instance.parse(i);
            } catch (RuntimeException e) {
                throw new UsageException(where + "instances: " + e.getMessage());
            }
        }
        if (r.tenant() != null && !r.tenant().matches("[A-Za-z0-9][A-Za-z0-9-]{0,62}")) {
            throw new UsageException(where + "tenant: not a tenant name (letters, digits and '-')");
        }
        RawSelection s = r.selection() == null ? new RawSelection(null, null, null, null, null) : r.selection();
        String families = s.families() == null ? "both" : s.families().toLowerCase(Locale.ROOT);
        if (!List.of("both", "ipv4", "ipv6").contains(families)) {
            throw new UsageException(where + "selection.families: '" + Printable.of(s.families()) + "' is not both, ipv4 or ipv6");
        }
        Config.SelectionConfig selection = new Config.SelectionConfig(list(s.serviceAreas()),
                s.categories() == null || s.categories().isEmpty() ? List.of("Optimize", "Allow") : s.categories(),
                Boolean.TRUE.equals(s.requiredOnly()), families, Optional.ofNullable(s.overrides()).map(dir::resolve));

        List<Config.TargetConfig> targets = new ArrayList<>();
        if (r.targets() != null) {
            for (int i = 0; i < r.targets().size(); i++) {
                RawTarget t = r.targets().get(i);
                if (t == null || t.name() == null || !t.name().matches("[a-z][a-z0-9-]{0,39}")) {
                    throw new UsageException(where + "targets[" + (i + 1) + "].name: a target name (see o365watch targets)");
                }
                int max = t.maxEntries() == null ? 0 : t.maxEntries();
                if (max < 0) {
                    throw new UsageException(where + "targets[" + (i + 1) + "].maxEntries: 0 (exact) or more");
                }
                targets.add(new Config.TargetConfig(t.name(), t.options() == null ? Map.of() : new LinkedHashMap<>(t.options()), max));
            }
        }
        RawReports rep = r.reports() == null ? new RawReports(null, null, null, null) : r.reports();
        List<String> formats = rep.formats() == null ? List.of("markdown", "html") : rep.formats();
        for (String f : formats) {
            if (!List.of("markdown", "html", "json", "csv").contains(f)) {
                throw new UsageException(where + "reports.formats: '" + Printable.of(f) + "' is not markdown, html, json or csv");
            }
        }
        int feedMax = rep.feedMax() == null ? 50 : rep.feedMax();
        if (feedMax < 1 || feedMax > 10000) {
            throw new UsageException(where + "reports.feedMax: between 1 and 10000");
        }
        RawGuard g = r.guard() == null ? new RawGuard(null, null, null, null) : r.guard();
        Config.GuardConfig guard = new Config.GuardConfig(percent(where, "guard.maxRemovedAddressesPercent", g.maxRemovedAddressesPercent()),
                percent(where, "guard.maxRemovedHostnamesPercent", g.maxRemovedHostnamesPercent()),
                bits(where, "guard.minIpv4PrefixLength", g.minIpv4PrefixLength(), 8, 32),
                bits(where, "guard.minIpv6PrefixLength", g.minIpv6PrefixLength(), 16, 128));
        Config.NotifyConfig notify = notify(where, dir, r.notifications());
        int grace = r.check() == null || r.check().graceDays() == null ? 7 : r.check().graceDays();
        if (grace < 0 || grace > 365) {
            throw new UsageException(where + "check.graceDays: between 0 and 365");
        }
        return new Config(file, dir.resolve(r.store() == null ? "snapshots" : r.store()),
                r.source() == null ? io.github.o365watch.source.SourceOptions.DEFAULT_LOCATION : r.source(), instances,
                Optional.ofNullable(r.tenant()), selection, dir.resolve(r.output() == null ? "generated" : r.output()), targets,
                new Config.ReportsConfig(formats, dir.resolve(rep.directory() == null ? "reports" : rep.directory()),
                        Optional.ofNullable(rep.feed()).map(dir::resolve), feedMax),
                guard, notify, grace);
    }

    private static Config.NotifyConfig notify(String where, Path dir, RawNotify n) {
        if (n == null) {
            return new Config.NotifyConfig(Optional.empty(), List.of(), EVENTS);
        }
        List<String> on = n.on() == null ? EVENTS : n.on();
        for (String e : on) {
            if (!EVENTS.contains(e)) {
                throw new UsageException(where + "notify.on: '" + Printable.of(e) + "' is not changes, pending or refused");
            }
        }
        Optional<Config.EmailConfig> email = Optional.empty();
        if (n.email() != null) {
            RawEmail e = n.email();
            if (e.host() == null || e.from() == null || e.to() == null || e.to().isEmpty()) {
                throw new UsageException(where + "notify.email needs host, from and to");
            }
            String tls = e.tls() == null ? "starttls" : e.tls().toLowerCase(Locale.ROOT);
            if (!List.of("starttls", "implicit", "none").contains(tls)) {
                throw new UsageException(where + "notify.email.tls: starttls, implicit or none");
            }
            if (e.passwordEnv() != null && e.passwordFile() != null) {
                throw new UsageException(where + "notify.email: passwordEnv or passwordFile, not both");
            }
            int port = e.port() == null ? (tls.equals("implicit") ? 465 : 587) : e.port();
            if (port < 1 || port > 65535) {
                throw new UsageException(where + "notify.email.port: 1-65535");
            }
            email = Optional.of(new Config.EmailConfig(e.host(), port, tls, e.from(), e.to(), Optional.ofNullable(e.username()),
                    Optional.ofNullable(e.passwordEnv()), Optional.ofNullable(e.passwordFile()).map(dir::resolve),
                    Optional.ofNullable(e.caBundle()).map(dir::resolve)));
        }
        List<Config.WebhookConfig> hooks = new ArrayList<>();
        if (n.webhooks() != null) {
            for (int i = 0; i < n.webhooks().size(); i++) {
                RawWebhook w = n.webhooks().get(i);
                String kind = w == null || w.kind() == null ? "" : w.kind().toLowerCase(Locale.ROOT);
                if (!List.of("teams", "slack", "generic").contains(kind)) {
                    throw new UsageException(where + "notify.webhooks[" + (i + 1) + "].kind: teams, slack or generic");
                }
                if ((w.urlEnv() == null) == (w.urlFile() == null)) {
                    throw new UsageException(where + "notify.webhooks[" + (i + 1) + "]: urlEnv or urlFile (exactly one)");
                }
                hooks.add(new Config.WebhookConfig(kind, Optional.ofNullable(w.urlEnv()), Optional.ofNullable(w.urlFile()).map(dir::resolve)));
            }
        }
        return new Config.NotifyConfig(email, hooks, on);
    }

    private static double percent(String where, String key, Double v) {
        double d = v == null ? 10.0 : v;
        if (d < 0 || d > 100) {
            throw new UsageException(where + key + ": a percentage, 0 to 100");
        }
        return d;
    }

    private static int bits(String where, String key, Integer v, int dflt, int max) {
        int b = v == null ? dflt : v;
        if (b < 0 || b > max) {
            throw new UsageException(where + key + ": 0 to " + max);
        }
        return b;
    }

    private static List<String> list(List<String> l) {
        return l == null ? List.of() : l;
    }

    /** The first line that sets the key (the parser's own location is past it). */
    static int line(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("^\\s*(-\\s*)?\"?" + java.util.regex.Pattern.quote(key) + "\"?\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            // the message still names the key
        }
        return 0;
    }

    private static String path(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                s.append(s.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex() + 1).append(']');
            }
        }
        String p = s.toString();
        int last = p.lastIndexOf('.');
        return last < 0 ? "the top level" : "'" + Printable.of(p.substring(0, last)) + "'";
    }

    private static String location(JsonProcessingException e) {
        StringBuilder s = new StringBuilder();
        if (e.getLocation() != null) {
            s.append(", line ").append(e.getLocation().getLineNr());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder p = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    p.append(p.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    p.append('[').append(r.getIndex() + 1).append(']');
                }
            }
            s.append(", key ").append(Printable.of(p.toString()));
        }
        return s.toString();
    }
}
