package io.github.o365watch.source;

import io.github.o365watch.domain.ServiceArea;
import java.util.List;
import java.util.Optional;

/**
 * The optional parameters of {@code /endpoints}: service areas (Common is always included by
 * the service), a tenant name substituted into tenant-specific hostnames, and no IPv6.
 */
public record EndpointQuery(List<ServiceArea> serviceAreas, Optional<String> tenant, boolean noIpv6) {
    /** Everything, as fetch stores it. */
    public static final EndpointQuery ALL = new EndpointQuery(List.of(), Optional.empty(), false);

    public EndpointQuery {
        serviceAreas = List.copyOf(serviceAreas);
        tenant.ifPresent(t -> {
            if (!io.github.o365watch.domain.TenantName.isValid(t)) {
                throw new SourceConfigException(io.github.o365watch.domain.TenantName.RULE + ": '"
                        + io.github.o365watch.text.Printable.of(t) + "'");
            }
        });
    }

    public boolean isAll() {
        return serviceAreas.isEmpty() && tenant.isEmpty() && !noIpv6;
    }
}
