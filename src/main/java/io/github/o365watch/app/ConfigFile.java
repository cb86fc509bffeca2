package io.github.o365watch.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.o365watch.app.StrictYaml.At;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.TargetId;
import io.github.o365watch.domain.TenantName;
import io.github.o365watch.notify.EmailSettings;
import io.github.o365watch.notify.Event;
import io.github.o365watch.notify.WebhookSender;
import io.github.o365watch.render.Families;
import io.github.o365watch.render.Limits;
import io.github.o365watch.text.Alternatives;
import io.github.o365watch.text.Printable;
import java.math.BigDecimal;
import java.nio.file.Files;
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
    /** Far above any real config (a few kilobytes): a device or a wrong file is refused after reading this much. */
    static final long MAX_BYTES = 1 << 20;

    private static final Set<String> SECRET_KEYS = Set.of("password", "url", "token", "secret");
    /** A name under the domains reserved for documentation (RFC 2606): the starter's placeholders, never a real host. */
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile(
            "(?<![A-Za-z0-9.-])((?:[A-Za-z0-9-]+\\.)*example\\.(?:com|net|org))(?![A-Za-z0-9-]|\\.[A-Za-z0-9])",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** What {@code notify.on} takes: the words of the notifications' events. */
    static final List<String> EVENTS =
            java.util.Arrays.stream(Event.Kind.values()).map(Event.Kind::word).toList();
    /** A portable environment variable name (POSIX): what passwordEnv and urlEnv must hold. */
    private static final java.util.regex.Pattern ENV_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ConfigFile() {}

    // ---- the file's shape (all optional; defaults below)

    record Raw(
            String store,
            String source,
            String proxy,
            String caBundle,
            List<String> instances,
            String tenant,
            RawSelection selection,
            String output,
            String templates,
            List<RawTarget> targets,
            RawReports reports,
            RawGuard guard,
            @JsonProperty("notify") RawNotify notifications,
            RawCheck check) {}

    record RawSelection(
            List<String> serviceAreas,
            List<String> categories,
            Boolean requiredOnly,
            String families,
            String overrides,
            Boolean excludeTenantShared,
            Integer holdRemovalsDays) {}

    record RawTarget(String name, Map<String, String> options, Integer maxEntries, Double maxExtraPercent) {}

    record RawReports(List<String> formats, String directory, String feed, Integer feedMax, String metricsFile) {}

    record RawGuard(
            Double maxRemovedAddressesPercent,
            Double maxRemovedHostnamesPercent,
            Integer minIpv4PrefixLength,
            Integer minIpv6PrefixLength) {}

    record RawNotify(RawEmail email, List<RawWebhook> webhooks, List<String> on) {}

    record RawEmail(
            String host,
            Integer port,
            String tls,
            String from,
            List<String> to,
            String username,
            String passwordEnv,
            String passwordFile,
            String caBundle) {}

    record RawWebhook(String kind, String urlEnv, String urlFile) {}

    record RawCheck(Integer graceDays) {}

    private static final StrictYaml.Kind KIND = new StrictYaml.Kind(
            "config file",
            MAX_BYTES,
            " (o365watch init writes a starter file)",
            (key, path) -> SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT))
                    ? "; secrets never go in the config file: name an environment variable (" + key + "Env) or a file ("
                            + key + "File)"
                    : "");

    /** Reads and checks the config file. */
    public static Config read(Path file) {
        StrictYaml.Read<Raw> read = StrictYaml.read(file, KIND, Raw.class);
        Raw raw = read.value() != null
                ? read.value()
                : new Raw(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        return check(file, raw, read.at());
    }

    /**
     * The built-in defaults for a site in {@code dir} without a config file: the starter config
     * {@code o365watch init} writes (its targets are those that need no site-specific value), as if
     * it were {@code dir/o365watch.yaml}.
     */
    public static Config defaults(Path dir) {
        Path file = dir.resolve("o365watch.yaml");
        StrictYaml.Read<Raw> read = StrictYaml.read(file, starter(), KIND, Raw.class);
        return check(file, read.value(), read.at());
    }

    /** The starter config's bytes, as shipped in the jar. */
    static byte[] starter() {
        try (java.io.InputStream in = ConfigFile.class.getResourceAsStream("/o365watch/starter.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the starter config is missing from the jar");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Each part of the file in turn, in the order of the checks a mistake is reported by. */
    private static Config check(Path file, Raw r, At at) {
        Path dir = file.toAbsolutePath().getParent();
        proxy(at, r.proxy());
        placeholders(at, r);
        List<String> instances = instances(at, r.instances());
        tenant(at, r.tenant());
        Config.SelectionConfig selection = selection(at, dir, r.selection());
        Optional<Path> templates = Optional.ofNullable(r.templates()).map(v -> at.path(dir, "templates", v));
        if (templates.isPresent() && !Files.isDirectory(templates.get())) {
            throw at.error("templates", templates.get() + " is not a directory");
        }
        List<Config.TargetConfig> targets = targets(at, r.targets());
        RawReports rep = r.reports() == null ? new RawReports(null, null, null, null, null) : r.reports();
        // where sync writes, checked before the targets (which load every template)
        Places places = places(at, dir, r, rep);
        checkTargets(at, targets, templates);
        List<OutputFormat> formats = reportFormats(at, rep.formats());
        int feedMax = rep.feedMax() == null ? 50 : rep.feedMax();
        if (feedMax < 1 || feedMax > 10000) {
            throw at.error("reports.feedMax: between 1 and 10000");
        }
        Config.GuardConfig guard = guard(at, r.guard());
        Config.NotifyConfig notify = notify(at, dir, r.notifications());
        int grace = r.check() == null || r.check().graceDays() == null
                ? 7
                : r.check().graceDays();
        if (grace < 0 || grace > 365) {
            throw at.error("check.graceDays: between 0 and 365");
        }
        if (targets.isEmpty()) {
            throw at.error(
                    r.targets() == null ? "the top level" : "targets",
                    "at least one target is needed (o365watch targets lists them)");
        }
        Optional<Path> caBundle = Optional.ofNullable(r.caBundle()).map(v -> at.path(dir, "caBundle", v));
        if (caBundle.isPresent() && !Files.isRegularFile(caBundle.get())) {
            throw at.error("caBundle", caBundle.get() + " is not a file");
        }
        return new Config(
                file,
                places.store(),
                places.source(),
                Optional.ofNullable(r.proxy()),
                caBundle,
                instances,
                Optional.ofNullable(r.tenant()),
                selection,
                places.output(),
                templates,
                targets,
                new Config.ReportsConfig(formats, places.reports(), places.feed(), feedMax, places.metricsFile()),
                guard,
                notify,
                grace,
                at.lines());
    }

    /** Checked before anything quotes the value back: it may carry a password. */
    private static void proxy(At at, String proxy) {
        if (proxy != null) {
            try {
                io.github.o365watch.source.SourceOptions.checkProxy(proxy, "the value");
            } catch (io.github.o365watch.source.SourceConfigException e) {
                throw at.error("proxy", e.getMessage());
            }
        }
    }

    /** Instances this version knows by name: a typo would otherwise surface only as an instance that is never published. */
    private static List<String> instances(At at, List<String> raw) {
        List<String> instances = raw == null || raw.isEmpty() ? List.of(Instance.WORLDWIDE.name()) : raw;
        for (int n = 0; n < instances.size(); n++) {
            String i = instances.get(n);
            boolean known;
            try {
                known = Instance.parse(i).isKnown();
            } catch (RuntimeException e) {
                known = false;
            }
            if (!known) {
                throw at.error(
                        "instances[" + (n + 1) + "]",
                        "'" + Printable.of(i) + "' is not " + Alternatives.of(Instance.current()));
            }
        }
        return instances;
    }

    private static void tenant(At at, String tenant) {
        if (tenant != null && !TenantName.isValid(tenant)) {
            throw at.error("tenant: " + TenantName.RULE);
        }
    }

    /** {@code selection}: each list's values from the vocabulary that owns it. */
    private static Config.SelectionConfig selection(At at, Path dir, RawSelection raw) {
        RawSelection s = raw == null ? new RawSelection(null, null, null, null, null, null, null) : raw;
        Families families = s.families() == null
                ? Families.BOTH
                : Families.parse(s.families())
                        .orElseThrow(() -> at.error("selection.families: '" + Printable.of(s.families()) + "' is not "
                                + Alternatives.of(Families.ids())));
        List<String> categories = s.categories() == null || s.categories().isEmpty()
                ? Config.SelectionConfig.DEFAULT_CATEGORIES
                : s.categories();
        oneOf(at, "selection.categories", categories, Selections.categoryChoices());
        List<String> areas = list(s.serviceAreas());
        oneOf(at, "selection.serviceAreas", areas, ServiceArea.knownNames());
        Optional<Path> overridesFile =
                Optional.ofNullable(s.overrides()).map(v -> at.path(dir, "selection.overrides", v));
        io.github.o365watch.render.Overrides overrides;
        try {
            overrides = overridesFile.map(OverridesFile::read).orElse(io.github.o365watch.render.Overrides.NONE);
        } catch (UsageException e) {
            throw at.error("selection.overrides", e.getMessage());
        }
        int hold = s.holdRemovalsDays() == null ? 0 : s.holdRemovalsDays();
        if (hold < 0 || hold > 365) {
            throw at.error("selection.holdRemovalsDays: between 0 and 365 (days a removed entry stays in the outputs)");
        }
        return new Config.SelectionConfig(
                areas,
                categories,
                Boolean.TRUE.equals(s.requiredOnly()),
                families,
                overridesFile,
                overrides,
                Boolean.TRUE.equals(s.excludeTenantShared()),
                hold);
    }

    /** Every value of the list at {@code key} is one of {@code choices}, in any case. */
    private static void oneOf(At at, String key, List<String> values, List<String> choices) {
        for (int i = 0; i < values.size(); i++) {
            if (!one(values.get(i), choices)) {
                throw at.error(
                        key + "[" + (i + 1) + "]",
                        "'" + Printable.of(values.get(i)) + "' is not " + Alternatives.of(choices));
            }
        }
    }

    /** {@code targets}: names (in any case, like instances and categories) and budgets; the templates are checked later. */
    private static List<Config.TargetConfig> targets(At at, List<RawTarget> raws) {
        List<Config.TargetConfig> targets = new ArrayList<>();
        if (raws == null) {
            return targets;
        }
        for (int i = 0; i < raws.size(); i++) {
            RawTarget raw = raws.get(i);
            RawTarget t = raw == null || raw.name() == null
                    ? raw
                    : new RawTarget(
                            raw.name().strip().toLowerCase(Locale.ROOT),
                            raw.options(),
                            raw.maxEntries(),
                            raw.maxExtraPercent());
            if (t == null || !TargetId.isValid(t.name())) {
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
            targets.add(new Config.TargetConfig(
                    t.name(), t.options() == null ? Map.of() : new LinkedHashMap<>(t.options()), max, extra));
        }
        return targets;
    }

    /** Where a site reads from and writes to, each a path relative to the config file (a source URL is itself). */
    private record Places(
            String source, Path store, Path output, Path reports, Optional<Path> feed, Optional<Path> metricsFile) {}

    /**
     * The source, the store, the output, the reports, the feed and the metrics file: each of a kind
     * sync can write, none inside another, and this file in none of them.
     */
    private static Places places(At at, Path dir, Raw r, RawReports rep) {
        String source = r.source() == null
                ? io.github.o365watch.source.SourceOptions.DEFAULT_LOCATION
                : r.source().contains("://")
                        ? r.source()
                        : at.path(dir, "source", r.source()).toString();
        Path store = at.path(dir, "store", r.store() == null ? "snapshots" : r.store())
                .normalize();
        Path output = at.path(dir, "output", r.output() == null ? "generated" : r.output())
                .normalize();
        Path reportsDir = at.path(dir, "reports.directory", rep.directory() == null ? "reports" : rep.directory())
                .normalize();
        Optional<Path> feed = Optional.ofNullable(rep.feed())
                .map(v -> at.path(dir, "reports.feed", v))
                .map(Path::normalize);
        Optional<Path> metricsFile = Optional.ofNullable(rep.metricsFile())
                .map(v -> at.path(dir, "reports.metricsFile", v))
                .map(Path::normalize);
        kinds(at, store, reportsDir, feed);
        metricsFile.ifPresent(f -> {
            io.github.o365watch.store.FileKind kind = io.github.o365watch.store.FileKind.of(f);
            if (!kind.replaceable()) {
                throw at.error(
                        "reports.metricsFile",
                        f + " is " + kind.description() + "; sync replaces it on every run, so it must be a"
                                + " regular file (or not exist yet)");
            }
            if (SiteLayout.real(f).startsWith(SiteLayout.real(output))
                    || SiteLayout.real(f).startsWith(SiteLayout.real(store))) {
                throw at.error(
                        "reports.metricsFile", f + " lies in the output or the store; give it a place of its own");
            }
        });
        // sync replaces the output directory as a whole: nothing else may live in it, and it may not hold this file
        List<SiteLayout.Place> places = SiteLayout.places("store", store, output, reportsDir, feed);
        if (SiteLayout.real(dir).startsWith(places.get(0).real())
                || SiteLayout.real(dir).startsWith(places.get(1).real())) {
            throw at.error("output", "must be a directory of its own below this file's directory, not " + output);
        }
        SiteLayout.overlap(places).ifPresent(o -> {
            throw at.error(o.inner().key(), o.message(at::where));
        });
        return new Places(source, store, output, reportsDir, feed, metricsFile);
    }

    private static List<OutputFormat> reportFormats(At at, List<String> raw) {
        if (raw == null) {
            return Reports.DEFAULT_FILE_FORMATS;
        }
        List<OutputFormat> formats = new ArrayList<>();
        for (String f : raw) {
            // as written: the ids are lower case
            OutputFormat format = Reports.FILE_FORMATS.stream()
                    .filter(x -> x.id().equals(f))
                    .findFirst()
                    .orElseThrow(() -> at.error("reports.formats: '" + Printable.of(f) + "' is not "
                            + Alternatives.of(OutputFormat.ids(Reports.FILE_FORMATS))));
            formats.add(format);
        }
        return formats;
    }

    private static Config.GuardConfig guard(At at, RawGuard raw) {
        RawGuard g = raw == null ? new RawGuard(null, null, null, null) : raw;
        Config.GuardConfig d = Config.GuardConfig.DEFAULTS;
        return new Config.GuardConfig(
                percent(
                        at,
                        "guard.maxRemovedAddressesPercent",
                        g.maxRemovedAddressesPercent(),
                        d.maxRemovedAddressesPercent()),
                percent(
                        at,
                        "guard.maxRemovedHostnamesPercent",
                        g.maxRemovedHostnamesPercent(),
                        d.maxRemovedHostnamesPercent()),
                bits(at, "guard.minIpv4PrefixLength", g.minIpv4PrefixLength(), d.minIpv4PrefixLength(), 32),
                bits(at, "guard.minIpv6PrefixLength", g.minIpv6PrefixLength(), d.minIpv6PrefixLength(), 128));
    }

    /**
     * What sync writes into must be what it can be: the store and the reports directory
     * directories, the feed a regular file (a rename would replace a device or a pipe), or not
     * there yet.
     */
    private static void kinds(At at, Path store, Path reportsDir, Optional<Path> feed) {
        for (Map.Entry<String, Path> d :
                new java.util.TreeMap<>(Map.of("store", store, "reports.directory", reportsDir)).entrySet()) {
            io.github.o365watch.store.FileKind kind = io.github.o365watch.store.FileKind.of(d.getValue());
            if (kind != io.github.o365watch.store.FileKind.ABSENT
                    && kind != io.github.o365watch.store.FileKind.DIRECTORY) {
                throw at.error(d.getKey(), d.getValue() + " is " + kind.description() + ", not a directory");
            }
        }
        feed.ifPresent(f -> {
            io.github.o365watch.store.FileKind kind = io.github.o365watch.store.FileKind.of(f);
            if (!kind.replaceable()) {
                throw at.error(
                        "reports.feed",
                        f + " is " + kind.description() + "; the feed is a file that each sync reads and extends,"
                                + " so it must be a regular file (or not exist yet)");
            }
        });
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
        values.entrySet().stream()
                .filter(x -> x.getValue() != null)
                .sorted(java.util.Comparator.comparing(x -> at.line(x.getKey())))
                .forEach(x -> placeholder(x.getValue()).ifPresent(domain -> {
                    throw at.error(
                            x.getKey(), "'" + Printable.of(x.getValue()) + "' names " + domain + PLACEHOLDER_ADVICE);
                }));
    }

    /** The placeholder domain a value names ({@code proxy.example.com}), if it names one. */
    static Optional<String> placeholder(String value) {
        java.util.regex.Matcher m = PLACEHOLDER.matcher(value);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    static final String PLACEHOLDER_ADVICE =
            ", a placeholder: example.com, example.net and example.org are reserved for examples"
                    + " and reach no real host; put in your own value, or leave the key out";

    private static Config.NotifyConfig notify(At at, Path dir, RawNotify n) {
        if (n == null) {
            return new Config.NotifyConfig(Optional.empty(), List.of(), EVENTS);
        }
        List<String> on = n.on() == null ? EVENTS : n.on();
        for (String e : on) {
            if (!EVENTS.contains(e)) {
                throw at.error("notify.on: '" + Printable.of(e) + "' is not " + Alternatives.of(EVENTS));
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
            EmailSettings.Tls tls = e.tls() == null
                    ? EmailSettings.Tls.STARTTLS
                    : EmailSettings.Tls.parse(e.tls())
                            .orElseThrow(
                                    () -> at.error("notify.email.tls: " + Alternatives.of(EmailSettings.Tls.ids())));
            if (e.passwordEnv() != null && e.passwordFile() != null) {
                throw at.error("notify.email: passwordEnv or passwordFile, not both");
            }
            envName(at, "notify.email.passwordEnv", e.passwordEnv());
            int port = e.port() == null ? tls.defaultPort() : e.port();
            if (port < 1 || port > 65535) {
                throw at.error("notify.email.port: 1-65535");
            }
            email = Optional.of(new Config.EmailConfig(
                    e.host(),
                    port,
                    tls,
                    e.from(),
                    e.to(),
                    Optional.ofNullable(e.username()),
                    Optional.ofNullable(e.passwordEnv()),
                    Optional.ofNullable(e.passwordFile()).map(v -> at.path(dir, "notify.email.passwordFile", v)),
                    Optional.ofNullable(e.caBundle()).map(v -> at.path(dir, "notify.email.caBundle", v))));
        }
        List<Config.WebhookConfig> hooks = new ArrayList<>();
        if (n.webhooks() != null) {
            for (int i = 0; i < n.webhooks().size(); i++) {
                RawWebhook w = n.webhooks().get(i);
                String key = "notify.webhooks[" + (i + 1) + "]";
                WebhookSender.Kind kind = (w == null
                                ? Optional.<WebhookSender.Kind>empty()
                                : WebhookSender.Kind.parse(w.kind()))
                        .orElseThrow(() -> at.error(key + ".kind: " + Alternatives.of(WebhookSender.Kind.ids())));
                if ((w.urlEnv() == null) == (w.urlFile() == null)) {
                    throw at.error(key + ": urlEnv or urlFile (exactly one)");
                }
                envName(at, key + ".urlEnv", w.urlEnv());
                hooks.add(new Config.WebhookConfig(
                        kind,
                        Optional.ofNullable(w.urlEnv()),
                        Optional.ofNullable(w.urlFile()).map(v -> at.path(dir, key + ".urlFile", v))));
            }
        }
        return new Config.NotifyConfig(email, hooks, on);
    }

    /**
     * The name of an environment variable as POSIX spells a portable one. Anything else is likely the
     * secret itself typed in the name's place (a webhook URL with its token), so the error never shows it.
     */
    private static void envName(At at, String key, String value) {
        if (value != null && !ENV_NAME.matcher(value).matches()) {
            throw at.error(
                    key,
                    "not the name of an environment variable (letters, digits and '_', not starting with a digit);"
                            + " the value is not shown, as it may be the secret itself: put the secret in the environment and its name here");
        }
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
            throw new io.github.o365watch.render.TemplateException(
                    at.error("templates", e.getMessage()).getMessage(), e);
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            Config.TargetConfig t = targets.get(i);
            String key = "targets[" + (i + 1) + "]";
            if (!seen.add(t.name())) {
                throw at.error(key + ".name", "target " + t.name() + " is listed twice");
            }
            if (!known.contains(t.name())) {
                throw at.error(
                        key + ".name",
                        "unknown target '" + t.name() + "'; known targets: " + String.join(", ", known)
                                + " (o365watch targets lists them)");
            }
            io.github.o365watch.render.TargetSpec spec;
            try {
                spec = io.github.o365watch.render.TargetSpec.parse(t.name(), engine.properties(t.name()));
            } catch (io.github.o365watch.render.TemplateException e) {
                throw new io.github.o365watch.render.TemplateException(
                        at.error(key + ".name", e.getMessage()).getMessage(), e);
            }
            try {
                spec.resolve(t.options());
            } catch (io.github.o365watch.render.OptionException e) {
                // in the file's terms: an entry of this target's options, not the command line's --option
                throw at.error(
                        key + ".options",
                        e.missing()
                                .map(m -> "target " + m.target() + " needs the option " + m.option() + "=... ("
                                        + m.description() + ")")
                                .orElse(e.getMessage()));
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

    private static boolean one(String value, List<String> allowed) {
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
}
