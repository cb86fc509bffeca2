package io.github.o365watch.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.o365watch.domain.net.Printable;
import io.github.o365watch.render.Limits;
import java.io.IOException;
import java.math.BigDecimal;
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
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Set<String> SECRET_KEYS = Set.of("password", "url", "token", "secret");
    /** A name under the domains reserved for documentation (RFC 2606): the starter's placeholders, never a real host. */
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile(
            "(?<![A-Za-z0-9.-])((?:[A-Za-z0-9-]+\\.)*example\\.(?:com|net|org))(?![A-Za-z0-9-]|\\.[A-Za-z0-9])", java.util.regex.Pattern.CASE_INSENSITIVE);
    static final List<String> EVENTS = List.of("changes", "pending", "refused");

    static {
        // a null item in a list or value in a mapping ("to: [null]", "table: ~") is a mistake to name, not a NullPointerException later
        YAML.configOverride(List.class).setSetterInfo(com.fasterxml.jackson.annotation.JsonSetter.Value.forContentNulls(
                com.fasterxml.jackson.annotation.Nulls.FAIL));
        YAML.configOverride(Map.class).setSetterInfo(com.fasterxml.jackson.annotation.JsonSetter.Value.forContentNulls(
                com.fasterxml.jackson.annotation.Nulls.FAIL));
    }

    private ConfigFile() {}

    // ---- the file's shape (all optional; defaults below)

    record Raw(String store, String source, String proxy, String caBundle, List<String> instances, String tenant, RawSelection selection,
            String output, String templates,
            List<RawTarget> targets, RawReports reports, RawGuard guard, @JsonProperty("notify") RawNotify notifications, RawCheck check) {
    }

    record RawSelection(List<String> serviceAreas, List<String> categories, Boolean requiredOnly, String families, String overrides) {
    }

    record RawTarget(String name, Map<String, String> options, Integer maxEntries, Double maxExtraPercent) {
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
        Map<String, Integer> lines = lines(bytes);
        Raw raw;
        try {
            raw = YAML.readValue(bytes, Raw.class);
        } catch (JsonProcessingException e) {
            throw error(file, lines, e);
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + e.getMessage());
        }
        int second = secondDocument(bytes);
        if (second > 0) {
            // the reader takes the first document and ignores the rest, keys and mistakes alike
            throw new UsageException("config file " + file + ", line " + second + ": a second YAML document ('---');"
                    + " o365watch reads one: put every key in it");
        }
        if (raw == null) {
            raw = new Raw(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        return check(file, raw, lines);
    }

    /** One line naming key and line. Never the parser's excerpt of the file: the line at fault may hold a secret. */
    private static UsageException error(Path file, Map<String, Integer> lines, JsonProcessingException x) {
        for (Throwable c = x; c != null; c = c.getCause()) {
            if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException y) {
                var mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
                return new UsageException("config file " + file + (mark == null ? "" : ", line " + (mark.getLine() + 1)) + ": not YAML: "
                        + Printable.line(y.getProblem(), 200));
            }
        }
        try {
            throw x;
        } catch (UnrecognizedPropertyException e) {
            String key = e.getPropertyName();
            String path = path(e);
            String hint = SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT))
                    ? "; secrets never go in the config file: name an environment variable (" + key + "Env) or a file (" + key + "File)"
                    : "";
            String in = path.contains(".") ? " in " + path.substring(0, path.lastIndexOf('.')) : "";
            return new At(file, lines).error(path, "unknown key '" + Printable.of(key) + "'" + in + hint);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String path = path(e);
            return new At(file, lines).error(path.isEmpty() ? "the top level" : path, "expected " + expected(e.getTargetType()));
        } catch (JsonMappingException e) {
            String path = path(e);
            return new At(file, lines).error(path.isEmpty() ? "the top level" : path, "not a valid value here");
        } catch (JsonProcessingException e) {
            // the parser's own words name fields (duplicates), never values
            return new UsageException("config file " + file + (e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr())
                    + ": " + Printable.line(e.getOriginalMessage(), 200));
        }
    }

    private static Config check(Path file, Raw r, Map<String, Integer> lines) {
        Path dir = file.toAbsolutePath().getParent();
        At at = new At(file, lines);
        if (r.proxy() != null) {
            try {
                // before anything quotes the value back: it may carry a password
                io.github.o365watch.source.SourceOptions.checkProxy(r.proxy(), "the value");
            } catch (io.github.o365watch.source.SourceConfigException e) {
                throw at.error("proxy", e.getMessage());
            }
        }
        placeholders(at, r);
        List<String> instances = r.instances() == null || r.instances().isEmpty() ? List.of("Worldwide") : r.instances();
        for (int n = 0; n < instances.size(); n++) {
            String i = instances.get(n);
            boolean known;
            try {
                known = io.github.o365watch.domain.Instance.parse(i).isKnown();
            } catch (RuntimeException e) {
                known = false;
            }
            if (!known) {
                // a typo would otherwise surface only as an instance that is never published
                throw at.error("instances[" + (n + 1) + "]", "'" + Printable.of(i) + "' is not Worldwide, USGovDoD, USGovGCCHigh or China");
            }
        }
        if (r.tenant() != null && !r.tenant().matches("[A-Za-z0-9][A-Za-z0-9-]{0,62}")) {
            throw at.error("tenant: not a tenant name (letters, digits and '-')");
        }
        RawSelection s = r.selection() == null ? new RawSelection(null, null, null, null, null) : r.selection();
        String families = s.families() == null ? "both" : s.families().toLowerCase(Locale.ROOT);
        if (!List.of("both", "ipv4", "ipv6").contains(families)) {
            throw at.error("selection.families: '" + Printable.of(s.families()) + "' is not both, ipv4 or ipv6");
        }
        List<String> categories = s.categories() == null || s.categories().isEmpty() ? List.of("Optimize", "Allow") : s.categories();
        for (int i = 0; i < categories.size(); i++) {
            if (!one(categories.get(i), "Optimize", "Allow", "Default", "all")) {
                throw at.error("selection.categories[" + (i + 1) + "]", "'" + Printable.of(categories.get(i)) + "' is not Optimize, Allow, Default or all");
            }
        }
        List<String> areas = list(s.serviceAreas());
        for (int i = 0; i < areas.size(); i++) {
            if (!one(areas.get(i), "Common", "Exchange", "SharePoint", "Skype")) {
                throw at.error("selection.serviceAreas[" + (i + 1) + "]", "'" + Printable.of(areas.get(i))
                        + "' is not Common, Exchange, SharePoint or Skype");
            }
        }
        Optional<Path> overridesFile = Optional.ofNullable(s.overrides()).map(v -> at.path(dir, "selection.overrides", v));
        io.github.o365watch.render.Overrides overrides;
        try {
            overrides = overridesFile.map(OverridesFile::read).orElse(io.github.o365watch.render.Overrides.NONE);
        } catch (UsageException e) {
            throw at.error("selection.overrides", e.getMessage());
        }
        Config.SelectionConfig selection = new Config.SelectionConfig(areas, categories, Boolean.TRUE.equals(s.requiredOnly()), families,
                overridesFile, overrides);
        Optional<Path> templates = Optional.ofNullable(r.templates()).map(v -> at.path(dir, "templates", v));
        if (templates.isPresent() && !Files.isDirectory(templates.get())) {
            throw at.error("templates", templates.get() + " is not a directory");
        }

        List<Config.TargetConfig> targets = new ArrayList<>();
        if (r.targets() != null) {
            for (int i = 0; i < r.targets().size(); i++) {
                RawTarget t = r.targets().get(i);
                if (t == null || t.name() == null || !t.name().matches("[a-z][a-z0-9-]{0,39}")) {
                    throw at.error("targets[" + (i + 1) + "].name: a target name (see o365watch targets)");
                }
                int max = t.maxEntries() == null ? 0 : t.maxEntries();
                if (max < 0) {
                    throw at.error("targets[" + (i + 1) + "].maxEntries: 0 (exact) or more");
                }
                BigDecimal extra = Limits.DEFAULT_MAX_EXTRA_PERCENT;
                if (t.maxExtraPercent() != null) {
                    if (t.maxExtraPercent().isNaN() || t.maxExtraPercent().isInfinite() || t.maxExtraPercent() < 0) {
                        throw at.error("targets[" + (i + 1) + "].maxExtraPercent: a percentage, 0 or more");
                    }
                    extra = BigDecimal.valueOf(t.maxExtraPercent());
                }
                targets.add(new Config.TargetConfig(t.name(), t.options() == null ? Map.of() : new LinkedHashMap<>(t.options()), max,
                        extra));
            }
        }
        checkTargets(at, targets, templates);
        RawReports rep = r.reports() == null ? new RawReports(null, null, null, null) : r.reports();
        List<String> formats = rep.formats() == null ? List.of("markdown", "html") : rep.formats();
        for (String f : formats) {
            if (!List.of("markdown", "html", "json", "csv").contains(f)) {
                throw at.error("reports.formats: '" + Printable.of(f) + "' is not markdown, html, json or csv");
            }
        }
        int feedMax = rep.feedMax() == null ? 50 : rep.feedMax();
        if (feedMax < 1 || feedMax > 10000) {
            throw at.error("reports.feedMax: between 1 and 10000");
        }
        RawGuard g = r.guard() == null ? new RawGuard(null, null, null, null) : r.guard();
        Config.GuardConfig d = Config.GuardConfig.DEFAULTS;
        Config.GuardConfig guard = new Config.GuardConfig(
                percent(at, "guard.maxRemovedAddressesPercent", g.maxRemovedAddressesPercent(), d.maxRemovedAddressesPercent()),
                percent(at, "guard.maxRemovedHostnamesPercent", g.maxRemovedHostnamesPercent(), d.maxRemovedHostnamesPercent()),
                bits(at, "guard.minIpv4PrefixLength", g.minIpv4PrefixLength(), d.minIpv4PrefixLength(), 32),
                bits(at, "guard.minIpv6PrefixLength", g.minIpv6PrefixLength(), d.minIpv6PrefixLength(), 128));
        Config.NotifyConfig notify = notify(at, dir, r.notifications());
        int grace = r.check() == null || r.check().graceDays() == null ? 7 : r.check().graceDays();
        if (grace < 0 || grace > 365) {
            throw at.error("check.graceDays: between 0 and 365");
        }
        if (targets.isEmpty()) {
            throw at.error(r.targets() == null ? "the top level" : "targets", "at least one target is needed (o365watch targets lists them)");
        }
        // a mirror directory, like every path here, is relative to this file; a URL is itself
        String source = r.source() == null ? io.github.o365watch.source.SourceOptions.DEFAULT_LOCATION
                : r.source().contains("://") ? r.source() : at.path(dir, "source", r.source()).toString();
        Path store = at.path(dir, "store", r.store() == null ? "snapshots" : r.store()).normalize();
        Optional<Path> caBundle = Optional.ofNullable(r.caBundle()).map(v -> at.path(dir, "caBundle", v));
        if (caBundle.isPresent() && !Files.isRegularFile(caBundle.get())) {
            throw at.error("caBundle", caBundle.get() + " is not a file");
        }
        Path output = at.path(dir, "output", r.output() == null ? "generated" : r.output()).normalize();
        Path reportsDir = at.path(dir, "reports.directory", rep.directory() == null ? "reports" : rep.directory()).normalize();
        Optional<Path> feed = Optional.ofNullable(rep.feed()).map(v -> at.path(dir, "reports.feed", v)).map(Path::normalize);
        // sync replaces the output directory as a whole: nothing else may live in it, and it may not hold this file
        if (dir.normalize().startsWith(output)) {
            throw at.error("output", "must be a directory of its own below this file's directory, not " + output);
        }
        for (Map.Entry<String, Path> other : new java.util.TreeMap<>(Map.of("store", store, "reports.directory", reportsDir)).entrySet()) {
            if (other.getValue().startsWith(output) || output.startsWith(other.getValue())) {
                throw at.error("output", "and " + other.getKey() + " overlap (" + output + ", " + other.getValue()
                        + "): sync replaces the output directory as a whole");
            }
        }
        if (feed.isPresent() && feed.get().startsWith(output)) {
            throw at.error("reports.feed", "lies in the output directory, which sync replaces as a whole");
        }
        return new Config(file, store, source, Optional.ofNullable(r.proxy()), caBundle, instances, Optional.ofNullable(r.tenant()), selection, output, templates, targets,
                new Config.ReportsConfig(formats, reportsDir, feed, feedMax), guard, notify, grace, lines);
    }

    /**
     * A proxy, server, address or source still naming example.com, .net or .org is the starter's
     * placeholder (or a documentation's): sync would publish it (a PAC file sending every browser to
     * a proxy that does not exist) or mail nobody. Refused before anything runs.
     */
    private static void placeholders(At at, Raw r) {
        Map<String, String> values = new java.util.TreeMap<>();
        if (r.source() != null) {
            values.put("source", r.source());
        }
        if (r.proxy() != null) {
            values.put("proxy", r.proxy());
        }
        if (r.targets() != null) {
            for (int i = 0; i < r.targets().size(); i++) {
                RawTarget t = r.targets().get(i);
                if (t != null && t.options() != null) {
                    String key = "targets[" + (i + 1) + "].options.";
                    t.options().forEach((k, v) -> values.put(key + k, v));
                }
            }
        }
        RawEmail e = r.notifications() == null ? null : r.notifications().email();
        if (e != null) {
            values.put("notify.email.host", e.host());
            values.put("notify.email.from", e.from());
            if (e.to() != null) {
                for (int i = 0; i < e.to().size(); i++) {
                    values.put("notify.email.to[" + (i + 1) + "]", e.to().get(i));
                }
            }
        }
        // in the order of the file, so that the first placeholder is the one named
        values.entrySet().stream().filter(x -> x.getValue() != null)
                .sorted(java.util.Comparator.comparing(x -> at.line(x.getKey())))
                .forEach(x -> placeholder(x.getValue()).ifPresent(domain -> {
                    throw at.error(x.getKey(), "'" + Printable.of(x.getValue()) + "' names " + domain + PLACEHOLDER_ADVICE);
                }));
    }

    /** The placeholder domain a value names ({@code proxy.example.com}), if it names one. */
    static Optional<String> placeholder(String value) {
        java.util.regex.Matcher m = PLACEHOLDER.matcher(value);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    static final String PLACEHOLDER_ADVICE = ", a placeholder: example.com, example.net and example.org are reserved for examples"
            + " and reach no real host; put in your own value, or leave the key out";

    private static Config.NotifyConfig notify(At at, Path dir, RawNotify n) {
        if (n == null) {
            return new Config.NotifyConfig(Optional.empty(), List.of(), EVENTS);
        }
        List<String> on = n.on() == null ? EVENTS : n.on();
        for (String e : on) {
            if (!EVENTS.contains(e)) {
                throw at.error("notify.on: '" + Printable.of(e) + "' is not changes, pending or refused");
            }
        }
        Optional<Config.EmailConfig> email = Optional.empty();
        if (n.email() != null) {
            RawEmail e = n.email();
            if (e.host() == null || e.from() == null || e.to() == null || e.to().isEmpty()) {
                throw at.error("notify.email needs host, from and to");
            }
            for (String a : concat(e.from(), e.to())) {
                if (!a.matches("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+")) {
                    throw at.error("notify.email", "'" + Printable.of(a) + "' is not a plain address (name@domain)");
                }
            }
            String tls = e.tls() == null ? "starttls" : e.tls().toLowerCase(Locale.ROOT);
            if (!List.of("starttls", "implicit", "none").contains(tls)) {
                throw at.error("notify.email.tls: starttls, implicit or none");
            }
            if (e.passwordEnv() != null && e.passwordFile() != null) {
                throw at.error("notify.email: passwordEnv or passwordFile, not both");
            }
            int port = e.port() == null ? (tls.equals("implicit") ? 465 : 587) : e.port();
            if (port < 1 || port > 65535) {
                throw at.error("notify.email.port: 1-65535");
            }
            email = Optional.of(new Config.EmailConfig(e.host(), port, tls, e.from(), e.to(), Optional.ofNullable(e.username()),
                    Optional.ofNullable(e.passwordEnv()), Optional.ofNullable(e.passwordFile()).map(v -> at.path(dir, "notify.email.passwordFile", v)),
                    Optional.ofNullable(e.caBundle()).map(v -> at.path(dir, "notify.email.caBundle", v))));
        }
        List<Config.WebhookConfig> hooks = new ArrayList<>();
        if (n.webhooks() != null) {
            for (int i = 0; i < n.webhooks().size(); i++) {
                RawWebhook w = n.webhooks().get(i);
                String kind = w == null || w.kind() == null ? "" : w.kind().toLowerCase(Locale.ROOT);
                if (!List.of("teams", "slack", "generic").contains(kind)) {
                    throw at.error("notify.webhooks[" + (i + 1) + "].kind: teams, slack or generic");
                }
                if ((w.urlEnv() == null) == (w.urlFile() == null)) {
                    throw at.error("notify.webhooks[" + (i + 1) + "]: urlEnv or urlFile (exactly one)");
                }
                String key = "notify.webhooks[" + (i + 1) + "].urlFile";
                hooks.add(new Config.WebhookConfig(kind, Optional.ofNullable(w.urlEnv()), Optional.ofNullable(w.urlFile()).map(v -> at.path(dir, key, v))));
            }
        }
        return new Config.NotifyConfig(email, hooks, on);
    }

    /**
     * Every target exists, once, with options it knows and values that match their patterns. A
     * name no template directory has is this file's mistake (exit 2); a target whose files are
     * broken or lead outside the templates directory is a template problem (exit 6), named here.
     */
    private static void checkTargets(At at, List<Config.TargetConfig> targets, Optional<Path> templates) {
        io.github.o365watch.render.TemplateEngine engine;
        List<String> known;
        try {
            engine = Generate.engine(templates);
            known = engine.targets();
        } catch (io.github.o365watch.render.TemplateException e) {
            throw new io.github.o365watch.render.TemplateException(at.error("templates", e.getMessage()).getMessage(), e);
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            Config.TargetConfig t = targets.get(i);
            String key = "targets[" + (i + 1) + "]";
            if (!seen.add(t.name())) {
                throw at.error(key + ".name", "target " + t.name() + " is listed twice");
            }
            if (!known.contains(t.name())) {
                throw at.error(key + ".name", "unknown target '" + t.name() + "'; known targets: " + String.join(", ", known)
                        + " (o365watch targets lists them)");
            }
            io.github.o365watch.render.TargetSpec spec;
            try {
                spec = io.github.o365watch.render.TargetSpec.parse(t.name(), engine.properties(t.name()));
            } catch (io.github.o365watch.render.TemplateException e) {
                throw new io.github.o365watch.render.TemplateException(at.error(key + ".name", e.getMessage()).getMessage(), e);
            }
            try {
                spec.resolve(t.options());
            } catch (io.github.o365watch.render.OptionException e) {
                throw at.error(key + ".options", e.getMessage().replace("needs --option ", "needs the option "));
            }
        }
    }

    private static double percent(At at, String key, Double v, double dflt) {
        double d = v == null ? dflt : v;
        if (d < 0 || d > 100) {
            throw at.error(key + ": a percentage, 0 to 100");
        }
        return d;
    }

    private static int bits(At at, String key, Integer v, int dflt, int max) {
        int b = v == null ? dflt : v;
        if (b < 0 || b > max) {
            throw at.error(key + ": 0 to " + max);
        }
        return b;
    }

    private static boolean one(String value, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value == null ? "" : value.strip())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> concat(String one, List<String> more) {
        List<String> out = new ArrayList<>();
        out.add(one);
        out.addAll(more);
        return out;
    }

    private static List<String> list(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "a mapping (indented key: value lines)";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a text value";
    }

    /** Names a key and the line that sets it (or its nearest enclosing key) in a usage error. */
    private record At(Path file, Map<String, Integer> lines) {
        /** {@code text} starts with the key it is about, e.g. {@code selection.families: ...}. */
        UsageException error(String text) {
            int end = 0;
            while (end < text.length() && text.charAt(end) != ':' && text.charAt(end) != ' ') {
                end++;
            }
            return error(text.substring(0, end), text.substring(end).replaceFirst("^: ", ""));
        }

        /** A path the config names, relative to its directory; a value no file system takes (a NUL) is this key's error. */
        Path path(Path dir, String key, String value) {
            try {
                return dir.resolve(value);
            } catch (java.nio.file.InvalidPathException e) {
                throw error(key, "'" + Printable.of(value) + "' is not a path");
            }
        }

        /** The line that sets the key (or its nearest enclosing key), or {@link Integer#MAX_VALUE} when none is known. */
        int line(String key) {
            Integer line = lineOf(key);
            return line == null ? Integer.MAX_VALUE : line;
        }

        private Integer lineOf(String key) {
            String k = key;
            Integer line = null;
            while (line == null && !k.isEmpty()) {
                line = lines.get(k);
                int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
                k = cut < 0 ? "" : k.substring(0, cut);
            }
            return line;
        }

        UsageException error(String key, String message) {
            Integer line = lineOf(key);
            // one line whatever the values quoted in it hold (a path with a newline, a message from a file it names)
            return new UsageException(Printable.line("config file " + file + (line == null ? "" : ", line " + line) + ": " + key
                    + (message.isEmpty() ? "" : message.startsWith(" ") ? message : ": " + message), 2000));
        }
    }

    /** The line where a second document with content starts (after {@code ---}), or 0. */
    static int secondDocument(byte[] bytes) {
        int documents = 0;
        int depth = 0;
        try (com.fasterxml.jackson.core.JsonParser p = YAML.getFactory().createParser(bytes)) {
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                boolean empty = t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL
                        || t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING && p.getText().isEmpty(); // "---" with nothing after it
                if (depth == 0 && !empty && ++documents == 2) {
                    return p.currentTokenLocation().getLineNr();
                }
                depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
            }
        } catch (IOException e) {
            // what does not parse is the reader's to report
        }
        return 0;
    }

    /** The line of every key and list item, by path ({@code targets[2].options.proxy}); empty for what does not parse. */
    static Map<String, Integer> lines(byte[] bytes) {
        Map<String, Integer> out = new java.util.HashMap<>();
        try (com.fasterxml.jackson.core.JsonParser p = YAML.getFactory().createParser(bytes)) {
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String path = path(t == com.fasterxml.jackson.core.JsonToken.START_OBJECT || t == com.fasterxml.jackson.core.JsonToken.START_ARRAY
                        ? p.getParsingContext().getParent() : p.getParsingContext());
                if (!path.isEmpty()) {
                    out.putIfAbsent(path, p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // the reader reports what does not parse
        }
        return out;
    }

    private static String path(com.fasterxml.jackson.core.JsonStreamContext c) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                parts.push("[" + (c.getCurrentIndex() + 1) + "]");
            }
        }
        String s = String.join("", parts);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    private static String path(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                s.append(s.length() == 0 ? "" : ".").append(Printable.of(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex() + 1).append(']');
            }
        }
        return s.toString();
    }
}
