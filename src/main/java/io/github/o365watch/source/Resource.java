package io.github.o365watch.source;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;

/** One thing the web service publishes; a mirror keeps the same things as files. */
public sealed interface Resource {

    /** How messages name it, e.g. {@code GET /endpoints/Worldwide}. */
    String describe();

    /** {@code /version}: the newest version of every instance. */
    record Versions() implements Resource {
        @Override
        public String describe() {
            return "GET /version";
        }
    }

    /** {@code /version/{instance}?AllVersions=true}. */
    record History(Instance instance) implements Resource {
        @Override
        public String describe() {
            return "GET /version/" + instance + "?AllVersions=true";
        }
    }

    /** {@code /version/{instance}?AllVersions=true&Format=RSS}. */
    record Feed(Instance instance) implements Resource {
        @Override
        public String describe() {
            return "GET /version/" + instance + "?AllVersions=true&Format=RSS";
        }
    }

    /** {@code /endpoints/{instance}} with optional parameters. */
    record Endpoints(Instance instance, EndpointQuery query) implements Resource {
        @Override
        public String describe() {
            return "GET /endpoints/" + instance + query.tenant().map(t -> "?TenantName=" + t).orElse("");
        }
    }

    /** {@code /changes/{instance}/{since}}: the change records after {@code since}. */
    record Changes(Instance instance, Version since) implements Resource {
        @Override
        public String describe() {
            return "GET /changes/" + instance + "/" + since;
        }
    }
}
