package io.github.o365watch.render;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.SetFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to generate from: which endpoint sets (service areas, categories, required only), which
 * address families, a tenant name for tenant-specific hostnames, local overrides, and whether
 * tenant-shared wildcards ({@code *.blob.core.windows.net}) are left out of the lists.
 */
public record Selection(
        SetFilter filter,
        Families families,
        Optional<String> tenant,
        Overrides overrides,
        boolean excludeTenantShared) {

    /** Tenant-shared wildcards kept (the default). */
    public Selection(SetFilter filter, Families families, Optional<String> tenant, Overrides overrides) {
        this(filter, families, tenant, overrides, false);
    }

    /** Microsoft's recommendation for direct routing: Optimize and Allow. */
    public static final Set<Category> DEFAULT_CATEGORIES = Set.of(Category.OPTIMIZE, Category.ALLOW);

    public static Selection defaults() {
        return new Selection(
                new SetFilter(Set.of(), DEFAULT_CATEGORIES, false), Families.BOTH, Optional.empty(), Overrides.NONE);
    }

    /** The selection in words, for header comments. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(filter.describe());
        if (families != Families.BOTH) {
            parts.add(families == Families.IPV4_ONLY ? "IPv4 only" : "IPv6 only");
        }
        tenant.ifPresent(t -> parts.add("tenant " + t));
        if (excludeTenantShared) {
            parts.add("tenant-shared wildcards left out");
        }
        int held = (int) overrides.add().stream().filter(LocalEntry::held).count();
        if (overrides.add().size() > held || !overrides.exclude().isEmpty()) {
            parts.add(io.github.o365watch.domain.Plural.of(
                            overrides.add().size() - held, "local addition", "local additions")
                    + ", "
                    + io.github.o365watch.domain.Plural.of(
                            overrides.exclude().size(), "local exclusion", "local exclusions"));
        }
        if (held > 0) {
            parts.add(io.github.o365watch.domain.Plural.of(held, "held removal", "held removals"));
        }
        return String.join("; ", parts);
    }
}
