package io.github.o365watch.cli;

import io.github.o365watch.app.Config;
import io.github.o365watch.app.ConfigSelection;
import io.github.o365watch.app.OverridesFile;
import io.github.o365watch.app.UsageException;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.render.Families;
import io.github.o365watch.render.Overrides;
import io.github.o365watch.render.Selection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What to generate from: service areas, categories, required only, families, tenant, overrides.
 * Each option given replaces the config file's key of the same meaning; the others come from the
 * config file (its selection and tenant), else the defaults.
 */
final class SelectionOptions {
    @Option(
            names = "--service",
            paramLabel = "AREA",
            completionCandidates = Vocabulary.ServiceAreas.class,
            description = "Only this service area (${COMPLETION-CANDIDATES}). Repeatable. Default: the config file's"
                    + " selection, else all.")
    List<String> services = new ArrayList<>();

    @Option(
            names = "--category",
            paramLabel = "C",
            completionCandidates = Vocabulary.Categories.class,
            description = "Only this category (${COMPLETION-CANDIDATES}). Repeatable. Default: the config file's"
                    + " selection, else Optimize and Allow.")
    List<String> categories = new ArrayList<>();

    @Option(
            names = "--required-only",
            description = "Only endpoint sets marked required (default: the config file's" + " selection, else all).")
    boolean requiredOnly;

    @Option(names = "--ipv4-only", description = "Leave IPv6 out (default: the config file's selection, else both).")
    boolean ipv4Only;

    @Option(names = "--ipv6-only", description = "Leave IPv4 out (default: the config file's selection, else both).")
    boolean ipv6Only;

    @Option(
            names = "--tenant",
            paramLabel = "NAME",
            description =
                    "Your tenant name, put into tenant-specific hostnames (contoso.sharepoint.com) instead of wildcards"
                            + " (default: the config file's tenant).")
    String tenant;

    @Option(
            names = "--exclude-tenant-shared",
            description = "Leave tenant-shared wildcards (*.blob.core.windows.net,"
                    + " *.sharepoint.com: every customer's names are under them) out of the lists, so they go through the proxy (default: the"
                    + " config file's selection.excludeTenantShared, else kept).")
    boolean excludeTenantShared;

    @Option(
            names = "--overrides",
            paramLabel = "FILE",
            description =
                    "Local entries to add and exclude (YAML, see the README; default: the config file's selection).")
    Path overrides;

    /** True when any selection option was given. */
    boolean given() {
        return !services.isEmpty()
                || !categories.isEmpty()
                || requiredOnly
                || ipv4Only
                || ipv6Only
                || tenant != null
                || overrides != null
                || excludeTenantShared;
    }

    /** Where the selection came from, for a report's heading. */
    String origin(Optional<Config> config) {
        return config.map(c -> "from " + c.file() + (given() ? " and the options" : ""))
                .orElse("from the options");
    }

    /** The selection: each option given, else the config file's key, else the default. */
    Selection selection(Snapshot snapshot, Optional<Config> config) {
        if (ipv4Only && ipv6Only) {
            throw UsageException.commandLine("--ipv4-only and --ipv6-only exclude each other");
        }
        if (tenant != null && !io.github.o365watch.domain.TenantName.isValid(tenant)) {
            throw UsageException.commandLine("--tenant: " + io.github.o365watch.domain.TenantName.RULE);
        }
        Optional<Config.SelectionConfig> c = config.map(Config::selection);
        Config.SelectionConfig merged = new Config.SelectionConfig(
                !services.isEmpty()
                        ? services
                        : c.map(Config.SelectionConfig::serviceAreas).orElse(List.of()),
                !categories.isEmpty()
                        ? categories
                        : c.map(Config.SelectionConfig::categories).orElse(Config.SelectionConfig.DEFAULT_CATEGORIES),
                requiredOnly || c.map(Config.SelectionConfig::requiredOnly).orElse(false),
                ipv4Only
                        ? Families.IPV4_ONLY
                        : ipv6Only
                                ? Families.IPV6_ONLY
                                : c.map(Config.SelectionConfig::families).orElse(Families.BOTH),
                overrides != null ? Optional.of(overrides) : c.flatMap(Config.SelectionConfig::overridesFile),
                overrides != null
                        ? OverridesFile.read(overrides)
                        : c.map(Config.SelectionConfig::overrides).orElse(Overrides.NONE),
                excludeTenantShared
                        || c.map(Config.SelectionConfig::excludeTenantShared).orElse(false));
        return ConfigSelection.selection(
                merged, tenant != null ? Optional.of(tenant) : config.flatMap(Config::tenant), snapshot);
    }
}
