package io.github.o365watch.source;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One thing the web service publishes: where it lives on the service (path and query) and in
 * a mirror directory (a file). Adding a resource means adding a record here, nothing else.
 */
public sealed interface Resource {

    /** How messages name it, e.g. {@code GET /endpoints/Worldwide}. */
    default String describe() {
        StringBuilder s = new StringBuilder("GET /").append(String.join("/", path()));
        String q = parameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return q.isEmpty() ? s.toString() : s.append('?').append(q).toString();
    }

    /** Path segments on the service. */
    List<String> path();

    /** Query parameters on the service, besides ClientRequestId. */
    default Map<String, String> parameters() {
        return Map.of();
    }

    /** The file in a mirror directory, relative to its root. */
    String mirrorFile();

    /** The instance it belongs to ({@code /version} belongs to none). */
    default java.util.Optional<Instance> owner() {
        return this instanceof History h
                ? java.util.Optional.of(h.instance())
                : this instanceof Feed f
                        ? java.util.Optional.of(f.instance())
                        : this instanceof Endpoints e
                                ? java.util.Optional.of(e.instance())
                                : this instanceof Changes c
                                        ? java.util.Optional.of(c.instance())
                                        : java.util.Optional.empty();
    }

    /** {@code /version}: the newest version of every instance. */
    record Versions() implements Resource {
        @Override
        public List<String> path() {
            return List.of("version");
        }

        @Override
        public String mirrorFile() {
            return "version.json";
        }
    }

    /** {@code /version/{instance}?AllVersions=true}. */
    record History(Instance instance) implements Resource {
        @Override
        public List<String> path() {
            return List.of("version", instance.name());
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("AllVersions", "true");
        }

        @Override
        public String mirrorFile() {
            return "version/" + instance.name() + ".json";
        }
    }

    /** {@code /version/{instance}?AllVersions=true&Format=RSS}. */
    record Feed(Instance instance) implements Resource {
        @Override
        public List<String> path() {
            return List.of("version", instance.name());
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("AllVersions", "true");
            q.put("Format", "RSS");
            return q;
        }

        @Override
        public String mirrorFile() {
            return "version/" + instance.name() + ".rss";
        }
    }

    /** {@code /endpoints/{instance}} with optional parameters. */
    record Endpoints(Instance instance, EndpointQuery query) implements Resource {
        @Override
        public List<String> path() {
            return List.of("endpoints", instance.name());
        }

        @Override
        public Map<String, String> parameters() {
            Map<String, String> q = new LinkedHashMap<>();
            if (!query.serviceAreas().isEmpty()) {
                q.put(
                        "ServiceAreas",
                        query.serviceAreas().stream().map(ServiceArea::name).collect(Collectors.joining(",")));
            }
            query.tenant().ifPresent(t -> q.put("TenantName", t));
            if (query.noIpv6()) {
                q.put("NoIPv6", "true");
            }
            return q;
        }

        @Override
        public String mirrorFile() {
            return "endpoints/" + instance.name()
                    + query.tenant()
                            .map(t -> ".tenant-" + t.toLowerCase(Locale.ROOT))
                            .orElse("") + ".json";
        }
    }

    /** {@code /changes/{instance}/{since}}: the change records after {@code since}. */
    record Changes(Instance instance, Version since) implements Resource {
        @Override
        public List<String> path() {
            return List.of("changes", instance.name(), since.value());
        }

        /** A mirror keeps the whole history, whatever {@code since}. */
        @Override
        public String mirrorFile() {
            return "changes/" + instance.name() + ".json";
        }
    }
}
