package io.github.o365watch.app;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code o365watch.yaml}: what the nightly job and the CI gate do. Paths are relative to the
 * config file's directory. Secrets are never in it: only the names of environment variables or
 * files that hold them. Documented in the starter file {@code o365watch init} writes.
 */
public record Config(
        Path file,
        Path store,
        String source,
        Optional<String> proxy,
        Optional<Path> caBundle,
        List<String> instances,
        Optional<String> tenant,
        SelectionConfig selection,
        Path output,
        Optional<Path> templates,
        List<TargetConfig> targets,
        ReportsConfig reports,
        GuardConfig guard,
        NotifyConfig notifications,
        int graceDays,
        Map<String, Integer> lines) {

    public Config {
        lines = Map.copyOf(lines);
    }

    /** Which endpoint sets: service areas (all when empty), categories, required only, families, the overrides file (read once). */
    public record SelectionConfig(
            List<String> serviceAreas,
            List<String> categories,
            boolean requiredOnly,
            io.github.o365watch.render.Families families,
            Optional<Path> overridesFile,
            io.github.o365watch.render.Overrides overrides,
            boolean excludeTenantShared,
            int holdRemovalsDays) {
        /** Without {@code selection.categories} or {@code --category}: Microsoft's recommendation, most trusted first. */
        public static final List<String> DEFAULT_CATEGORIES =
                io.github.o365watch.render.Selection.DEFAULT_CATEGORIES.stream()
                        .sorted()
                        .map(io.github.o365watch.domain.Category::name)
                        .toList();

        /** Without a hold (generate, verify and the command line's selections). */
        public SelectionConfig(
                List<String> serviceAreas,
                List<String> categories,
                boolean requiredOnly,
                io.github.o365watch.render.Families families,
                Optional<Path> overridesFile,
                io.github.o365watch.render.Overrides overrides,
                boolean excludeTenantShared) {
            this(serviceAreas, categories, requiredOnly, families, overridesFile, overrides, excludeTenantShared, 0);
        }
    }

    /** One target, its options, and how far its lists may be summarised (maxEntries 0: exact). */
    public record TargetConfig(String name, Map<String, String> options, int maxEntries, BigDecimal maxExtraPercent) {}

    /** Report formats written on a change, where, the feed, and the node_exporter textfile sync writes its figures to. */
    public record ReportsConfig(
            List<OutputFormat> formats, Path directory, Optional<Path> feed, int feedMax, Optional<Path> metricsFile) {}

    /** The safety guard: most of the selected addresses or hostnames a new version may remove, in percent. */
    public record GuardConfig(
            double maxRemovedAddressesPercent,
            double maxRemovedHostnamesPercent,
            int minIpv4PrefixLength,
            int minIpv6PrefixLength) {
        /** Without a config file: 10% of the addresses or hostnames, nothing broader than /8 (IPv4) or /16 (IPv6). */
        public static final GuardConfig DEFAULTS = new GuardConfig(
                10.0,
                10.0,
                io.github.o365watch.render.Limits.DEFAULT_MIN_IPV4_PREFIX_LENGTH,
                io.github.o365watch.render.Limits.DEFAULT_MIN_IPV6_PREFIX_LENGTH);
    }

    /** Notifications: e-mail, webhooks, and on which events. */
    public record NotifyConfig(Optional<EmailConfig> email, List<WebhookConfig> webhooks, List<String> on) {}

    /** SMTP settings; the password comes from an environment variable or a file. */
    public record EmailConfig(
            String host,
            int port,
            io.github.o365watch.notify.EmailSettings.Tls tls,
            String from,
            List<String> to,
            Optional<String> username,
            Optional<String> passwordEnv,
            Optional<Path> passwordFile,
            Optional<Path> caBundle) {}

    /** A webhook; its URL (which carries a token) comes from an environment variable or a file. */
    public record WebhookConfig(
            io.github.o365watch.notify.WebhookSender.Kind kind, Optional<String> urlEnv, Optional<Path> urlFile) {}

    /** The directory the config file is in; relative paths in it start there. */
    public Path dir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    /** The line that sets a key ({@code store}, {@code selection.categories}), when the file sets it. */
    public Optional<Integer> line(String key) {
        return Optional.ofNullable(lines.get(key));
    }

    /** The lock file: next to the config file. */
    public Path lockFile() {
        return dir().resolve("o365watch.lock");
    }
}
