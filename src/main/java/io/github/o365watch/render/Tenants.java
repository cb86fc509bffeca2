package io.github.o365watch.render;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import java.util.List;
import java.util.Optional;

/**
 * Tenant-specific hostnames. With a tenant name the web service puts it where Microsoft
 * documents {@code <tenant>}; offline, o365watch substitutes it into the same patterns (listed in
 * {@code docs/tenant.md}) and says so in the output.
 */
public final class Tenants {
    /** Patterns whose {@code *} stands for the tenant in every endpoint set. */
    static final List<String> SCOPED = List.of(
            "*-my.sharepoint.com",
            "*-files.sharepoint.com",
            "*-myfiles.sharepoint.com",
            "*-my.sharepoint.us",
            "*-files.sharepoint.us",
            "*-myfiles.sharepoint.us",
            "autodiscover.*.onmicrosoft.com",
            "autodiscover.*.mail.onmicrosoft.com",
            "autodiscover.*.onmicrosoft.us",
            "autodiscover.*.mail.onmicrosoft.us",
            "autodiscover.*.microsoftonline.mil");
    /** Patterns whose {@code *} stands for the tenant in SharePoint's Optimize sets only. */
    static final List<String> SHAREPOINT_OPTIMIZE =
            List.of("*.sharepoint.com", "*.sharepoint.us", "*.sharepoint-mil.us");

    private Tenants() {}

    /** The tenant-specific form of a pattern in a set, if it is one Microsoft documents as tenant-scoped. */
    static Optional<HostPattern> substitute(HostPattern pattern, EndpointSet set, String tenant) {
        String p = pattern.pattern();
        boolean scoped = SCOPED.contains(p)
                || SHAREPOINT_OPTIMIZE.contains(p)
                        && set.serviceArea().name().equals("SharePoint")
                        && set.category().equals(Category.OPTIMIZE);
        return scoped
                ? Optional.of(HostPattern.parse(pattern.instantiate(tenant.toLowerCase(java.util.Locale.ROOT))))
                : Optional.empty();
    }
}
