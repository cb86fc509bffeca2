package io.github.o365watch.cli;

import io.github.o365watch.app.OverridesFile;
import io.github.o365watch.app.Selections;
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

/** What to generate from: service areas, categories, required only, families, tenant, overrides. */
final class SelectionOptions {
    @Option(names = "--service", paramLabel = "AREA", description = "Only this service area (Exchange, SharePoint, Skype, Common, ...). Repeatable.")
    List<String> services = new ArrayList<>();

    @Option(names = "--category", paramLabel = "C",
            description = "Only this category (Optimize, Allow, Default, or all). Repeatable. Default: Optimize and Allow.")
    List<String> categories = new ArrayList<>();

    @Option(names = "--required-only", description = "Only endpoint sets marked required.")
    boolean requiredOnly;

    @Option(names = "--ipv4-only", description = "Leave IPv6 out.")
    boolean ipv4Only;

    @Option(names = "--ipv6-only", description = "Leave IPv4 out.")
    boolean ipv6Only;

    @Option(names = "--tenant", paramLabel = "NAME",
            description = "Your tenant name, put into tenant-specific hostnames (contoso.sharepoint.com) instead of wildcards.")
    String tenant;

    @Option(names = "--overrides", paramLabel = "FILE", description = "Local entries to add and exclude (YAML, see the README).")
    Path overrides;

    /** True when any selection option was given. */
    boolean given() {
        return !services.isEmpty() || !categories.isEmpty() || requiredOnly || ipv4Only || ipv6Only || tenant != null || overrides != null;
    }

    Selection selection(Snapshot snapshot) {
        if (ipv4Only && ipv6Only) {
            throw new UsageException("--ipv4-only and --ipv6-only exclude each other");
        }
        if (tenant != null && !tenant.matches("[A-Za-z0-9][A-Za-z0-9-]{0,62}")) {
            throw new UsageException("--tenant: not a tenant name (letters, digits and '-')");
        }
        List<String> cats = categories.isEmpty() ? List.of("Optimize", "Allow") : categories;
        Overrides o = overrides == null ? Overrides.NONE : OverridesFile.read(overrides);
        return new Selection(Selections.filter(services, cats, requiredOnly, snapshot),
                ipv4Only ? Families.IPV4_ONLY : ipv6Only ? Families.IPV6_ONLY : Families.BOTH, Optional.ofNullable(tenant), o);
    }
}
